/*
 * Material for MkDocs (9.8.1, bundle function that handles language links)
 * asks for `sitemap.xml` beside every <link rel="alternate"> on the page, to
 * map pages between languages. With mkdocs-static-i18n the alternates are
 * per page (`/pl/topics/`), so every page view made 4-5 requests for files
 * that do not exist (`/pl/topics/sitemap.xml`: 404s in the console, Lighthouse
 * best practices 96). The language menu's links already point at the same
 * page in each language, so the lookup is not needed: it is answered here as
 * "not available" without a request, which is what Material does when the
 * request fails (its click handler then leaves the links alone).
 * Loaded before Material's bundle. Other requests pass through unchanged.
 */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var skipped = new WeakSet();

  XMLHttpRequest.prototype.open = function (method, url) {
    var path = new URL(String(url), document.baseURI).pathname;
    if (String(method).toUpperCase() === "GET" && /\/sitemap\.xml$/.test(path)) {
      skipped.add(this);
    } else {
      skipped.delete(this);
    }
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (!skipped.has(this)) {
      return send.apply(this, arguments);
    }
    var request = this;
    window.setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); }, 0);
  };
})();
