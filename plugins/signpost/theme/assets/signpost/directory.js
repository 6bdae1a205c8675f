/* signpost directory filters: progressive enhancement for the directory home.
 *
 * Without this script the page still lists every service, with links to the
 * category pages and the A-Z list. With it, the filter form appears and hides
 * the services that do not match. Nothing the reader chooses leaves the page:
 * the inputs have no names, the form never submits, nothing is written to the
 * address, to storage or to cookies, and nothing is requested from a server.
 *
 * "Open today" and "open now" use the opening times in each service's
 * data-schedules ([[weekdays (0 = Monday)], "HH:MM", "HH:MM"], ...) and the
 * clock in Europe/London. Tests can fix the clock with Playwright's page.clock
 * or with a data-now="2026-11-23T10:30:00Z" attribute on the form.
 */
(function () {
  "use strict";

  var form = document.getElementById("sp-filter-form");
  var panel = document.getElementById("sp-filters");
  if (!form || !panel) return;
  var results = Array.prototype.slice.call(document.querySelectorAll(".sp-result"));
  var count = document.getElementById("sp-count");
  var empty = document.querySelector(".sp-no-results");
  // One string per CLDR plural category of the page's language (Polish: one, few, many, other),
  // chosen with the browser's own CLDR rules, so "22 usługi" and "5 usług" both read right.
  var countForms = {};
  try { countForms = JSON.parse(form.getAttribute("data-count-forms") || "{}"); } catch (e) { countForms = {}; }
  var pageLanguage = document.documentElement.getAttribute("lang") || "en";
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(pageLanguage) : null;
  var zone = form.getAttribute("data-opening-times-zone") || "Europe/London";
  var WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

  panel.hidden = false;

  function now() {
    var fixed = form.getAttribute("data-now");
    return fixed ? new Date(fixed) : new Date();
  }

  // Weekday (0 = Monday) and "HH:MM" in the service's time zone.
  function localClock(date) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return { weekday: WEEKDAYS.indexOf(parts.weekday), time: parts.hour + ":" + parts.minute };
  }

  function value(selector) {
    var element = form.querySelector(selector);
    return element ? element.value.trim() : "";
  }

  function checked(filter) {
    return Array.prototype.slice.call(form.querySelectorAll('[data-filter="' + filter + '"]:checked'))
      .map(function (input) { return input.value; });
  }

  function words(element, name) {
    var text = element.getAttribute(name) || "";
    return text ? text.split(" ") : [];
  }

  function schedules(element) {
    try { return JSON.parse(element.getAttribute("data-schedules") || "[]"); } catch (e) { return []; }
  }

  function isOpen(element, clock, wholeDay) {
    return schedules(element).some(function (entry) {
      if (entry[0].indexOf(clock.weekday) === -1) return false;
      return wholeDay || (entry[1] <= clock.time && clock.time < entry[2]);
    });
  }

  function matches(element, choice, clock) {
    if (choice.q) {
      var text = element.getAttribute("data-search") || "";
      var allWords = choice.q.split(/\s+/).every(function (word) { return text.indexOf(word) !== -1; });
      if (!allWords) return false;
    }
    if (choice.category && words(element, "data-categories").indexOf(choice.category) === -1) return false;
    if (choice.age !== null) {
      var low = element.getAttribute("data-min-age");
      var high = element.getAttribute("data-max-age");
      if (low !== "" && choice.age < Number(low)) return false;
      if (high !== "" && choice.age > Number(high)) return false;
    }
    if (choice.free && element.getAttribute("data-free") !== "1") return false;
    if (choice.language && words(element, "data-languages").indexOf(choice.language) === -1) return false;
    var access = words(element, "data-access");
    if (!choice.access.every(function (feature) { return access.indexOf(feature) !== -1; })) return false;
    if (choice.when === "today" && !isOpen(element, clock, true)) return false;
    if (choice.when === "now" && !isOpen(element, clock, false)) return false;
    return true;
  }

  function update() {
    var ageText = value("#sp-age");
    var age = ageText === "" || isNaN(Number(ageText)) ? null : Number(ageText);
    var choice = {
      q: value("#sp-q").toLocaleLowerCase(),
      category: value("#sp-category"),
      age: age,
      free: checked("free").length > 0,
      language: value("#sp-language"),
      access: checked("access"),
      when: (checked("when")[0] || "any")
    };
    var clock = localClock(now());
    var shown = 0;
    results.forEach(function (element) {
      var show = matches(element, choice, clock);
      element.hidden = !show;
      if (show) shown += 1;
    });
    if (count) {
      var category = pluralRules ? pluralRules.select(shown) : (shown === 1 ? "one" : "other");
      var template = countForms[category] || countForms.other;
      count.textContent = template ? template.replace("{count}", String(shown)) : String(shown);
    }
    if (empty) empty.hidden = shown !== 0;
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  update();
})();
