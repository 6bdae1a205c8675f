"""The directory home in a real browser (headless Chromium): filters, "open now" at a fixed time, no JavaScript."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browser import browser, serve  # noqa: F401 (pytest fixture)
from sitebuilder import FixtureSite, page
from test_services_fixtures import write_service

pytestmark = pytest.mark.browser

# Monday 23 November 2026: London is on GMT, so UTC times are London times.
MONDAY_MORNING = "2026-11-23T10:30:00Z"
MONDAY_EVENING = "2026-11-23T19:00:00Z"


def build_site(root, **extra) -> FixtureSite:
    site = FixtureSite(root)
    site.write("index.md", page("Riverside Youth Advice", "We give free help.", topics=["about-service"]))
    write_service(site, "test-clinic", body="Free condoms, tests and advice.")   # Mon-Fri 09:00-17:00
    write_service(site, "housing-line", name="Youth Housing Line", categories=["housing"], minimum_age=16,
                  maximum_age=25, languages=["en", "ur"], locations=None,
                  phones=[{"number": "0808 157 0131", "free": True}],
                  schedules=[{"byday": ["MO", "TU", "WE", "TH", "FR"], "opens_at": "18:00", "closes_at": "22:00"}],
                  body="Call us if you have nowhere safe to stay.")
    write_service(site, "rowing", name="Rowing for All", categories=["youth-clubs-leisure"], minimum_age=12,
                  maximum_age=24, free=False, fees_description="A small fee after four free sessions.",
                  languages=["en"], locations=[{"name": "The Boathouse", "accessibility": ["accessible-toilet"],
                                                "schedules": [{"byday": ["SA"], "opens_at": "09:00",
                                                               "closes_at": "11:00"}]}],
                  body="Try rowing on the river.")
    for slug, changes in extra.items():
        write_service(site, slug, **changes)
    return site


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = build_site(tmp_path_factory.mktemp("browser") / "project")
    result = site.build()
    assert result.ok, result.output
    with serve(result.site) as url:
        yield url


@pytest.fixture
def directory_page(browser, server):
    context = browser.new_context(timezone_id="Europe/London")
    tab = context.new_page()
    outside: list[str] = []
    tab.on("request", lambda request: outside.append(request.url)
           if urlsplit(request.url).hostname not in ("127.0.0.1",) else None)
    tab.clock.set_fixed_time(MONDAY_MORNING)
    tab.goto(server + "local-info/services/")
    tab.outside_requests = outside
    yield tab
    context.close()


def visible_names(tab) -> list[str]:
    return tab.eval_on_selector_all(".sp-result:not([hidden]) .sp-result__name", "els => els.map(e => e.textContent)")


def test_filters_narrow_the_list(directory_page):
    tab = directory_page
    assert tab.is_visible("#sp-filter-form")
    assert sorted(visible_names(tab)) == ["Riverside Test Clinic", "Rowing for All", "Youth Housing Line"]
    tab.select_option("#sp-category", "housing")
    assert visible_names(tab) == ["Youth Housing Line"]
    assert tab.text_content("#sp-count") == "1 service matches"
    tab.select_option("#sp-category", "")
    tab.fill("#sp-age", "14")
    assert sorted(visible_names(tab)) == ["Riverside Test Clinic", "Rowing for All"]
    tab.check("#sp-free")
    assert visible_names(tab) == ["Riverside Test Clinic"]
    tab.click("#sp-filter-form button[type=reset]")
    # The form resets its fields first and the list on the next tick (directory.js). expect() polls from
    # Playwright's side: wait_for_function() polls with eval() in the page, which the page's CSP refuses
    # whenever the first look comes too early (a slow machine), so it failed in CI only.
    expect(tab.locator(".sp-result:not([hidden])")).to_have_count(3)
    tab.select_option("#sp-language", "ur")
    assert visible_names(tab) == ["Youth Housing Line"]
    tab.select_option("#sp-language", "")
    tab.check("#sp-access-accessible-toilet")
    assert visible_names(tab) == ["Rowing for All"]
    tab.uncheck("#sp-access-accessible-toilet")
    tab.fill("#sp-q", "condoms")
    assert visible_names(tab) == ["Riverside Test Clinic"]
    tab.fill("#sp-q", "nothing like this")
    assert visible_names(tab) == [] and tab.is_visible(".sp-no-results")


def test_open_now_and_open_today_use_the_schedules_and_the_clock(directory_page):
    tab = directory_page
    tab.check("#sp-when-now")
    assert visible_names(tab) == ["Riverside Test Clinic"]          # Monday 10:30: only the clinic
    tab.check("#sp-when-today")
    assert sorted(visible_names(tab)) == ["Riverside Test Clinic", "Youth Housing Line"]   # rowing is Saturdays
    tab.clock.set_fixed_time(MONDAY_EVENING)
    tab.check("#sp-when-now")
    assert visible_names(tab) == ["Youth Housing Line"]             # Monday 19:00: the phone line


def test_choices_stay_on_the_page(directory_page):
    tab = directory_page
    address = tab.url
    storage = "JSON.stringify([{...localStorage}, {...sessionStorage}, document.cookie])"
    before = tab.evaluate(storage)   # Material keeps its colour scheme choice there; we add nothing
    tab.fill("#sp-q", "riverside")
    tab.select_option("#sp-category", "housing")
    tab.press("#sp-q", "Enter")
    tab.click("#sp-filter-form button[type=submit]")
    tab.check("#sp-when-now")
    assert tab.url == address
    assert tab.evaluate(storage) == before and "riverside" not in before
    assert tab.outside_requests == []


def test_without_javascript_every_service_is_still_reachable(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(server + "local-info/services/")
        assert not tab.is_visible("#sp-filter-form")
        assert len(tab.query_selector_all(".sp-result")) == 3
        assert all(item.is_visible() for item in tab.query_selector_all(".sp-result"))
        tab.click("text=Housing and homelessness")
        assert tab.url.endswith("/local-info/services/categories/housing/")
        tab.click("text=Youth Housing Line")
        assert tab.url.endswith("/local-info/services/housing-line/")
        assert tab.is_visible("a[href^='tel:+44808157']")
        tab.goto(server + "local-info/services/a-z/")
        for name in ("Riverside Test Clinic", "Rowing for All", "Youth Housing Line"):
            assert tab.is_visible(f"text={name}")
    finally:
        context.close()


def test_script_in_a_field_never_runs(browser, tmp_path):
    site = build_site(tmp_path / "project", **{"test-clinic": dict(
        alert="<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">",
        eligibility="<b onmouseover=\"window.pwned = 3\">Everyone</b>")})
    result = site.build()
    assert "contains HTML" in result.output      # reported, so the build fails ...
    with serve(result.site) as address:           # ... but the pages show the text safely
        context = browser.new_context()
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        try:
            tab.goto(address + "local-info/services/test-clinic/")
            tab.hover("text=Everyone")
            assert tab.evaluate("window.pwned") is None
            assert dialogs == []
            assert "<script>window.pwned = 1</script>" in tab.inner_text("article")
        finally:
            context.close()
