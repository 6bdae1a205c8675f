/*
 * "Exit this page" (after GOV.UK Frontend): progressive enhancement of the
 * plain link in partials/signpost-exit.html.
 * - Activating the button, or pressing Shift three times within 5 seconds,
 *   blanks the page at once and replaces it with the neutral page, so the
 *   Back button does not bring this page back.
 * Without JavaScript the button is an ordinary link to the same place.
 */
(function () {
  "use strict";
  var link = document.querySelector("[data-signpost-exit-link]");
  if (!link) { return; }
  var target = link.getAttribute("href");
  var presses = 0;
  var timer = null;

  function exitNow(event) {
    if (event) { event.preventDefault(); }
    document.body.classList.add("signpost-exiting");
    document.title = "";
    window.location.replace(target);
  }

  link.addEventListener("click", exitNow);

  document.addEventListener("keyup", function (event) {
    // Count Shift presses on their own (not Shift used to type a capital letter).
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { presses = 0; }, 5000);
    if (presses >= 3) {
      presses = 0;
      exitNow();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" && event.shiftKey) { presses = 0; }
  });
})();
