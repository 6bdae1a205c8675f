/*
 * Printed pages show where each link goes (reader.css, @media print). CSS can
 * only print the href as written ("../contact/"), which means nothing on paper,
 * so each content link gets its full address in data-sp-print-href.
 * tel: and mailto: links are left out: their text is the number or address.
 */
(function () {
  "use strict";
  var links = document.querySelectorAll(".md-content .md-typeset a[href]");
  for (var i = 0; i < links.length; i++) {
    var link = links[i];
    if (/^https?:$/.test(link.protocol) && link.getAttribute("href").charAt(0) !== "#") {
      link.setAttribute("data-sp-print-href", link.href);
    }
  }
})();
