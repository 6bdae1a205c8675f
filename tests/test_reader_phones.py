"""Every phone number a service's editor writes in free text is a tap-to-call link, in English and Urdu.

The fixture service below holds a number in each free-text field (description, alert, eligibility,
fees, privacy note, a contact's note, opening-times note, how to get there, access notes, the
organisation's and the location's description). The tests read the built HTML, then Chromium at
phone width (390 px): each number is a `tel:` link with its E.164 form, its text as written,
left to right on the Urdu (right-to-left) page; the text line is an `sms:` link, never a call.
Hostile input stays inert: a number inside a link the editor wrote, or inside a web address, is
not made a second link; markup in a field is shown as text.
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from browser import DIGIT_GROUPS_ON_SCREEN, browser, phone_context, serve  # noqa: F401 (pytest fixture)
from sitebuilder import page
from test_services_fixtures import WEEKDAYS, location_text, write_service
from test_translations import translate, write_config

SERVICE = "local-info/services/number-clinic/"
ELIGIBILITY = "Anyone aged 13 to 24. Not sure? Phone 0161 496 0444."
# The Urdu translation of the eligibility sentence keeps the number as written.
ELIGIBILITY_UR = "13 سے 24 سال کے سب لوگ۔ یقین نہیں؟ 0161 496 0444 پر فون کریں۔"

# Field -> (number as written, E.164 href) it holds.
CALLS = {
    "description": ("0113 496 0222", "tel:+441134960222"),
    "description, second paragraph": ("020 7946 0333", "tel:+442079460333"),
    "alert": ("0113 496 0777", "tel:+441134960777"),
    "eligibility": ("0161 496 0444", "tel:+441614960444"),
    "fees": ("0113 496 0555", "tel:+441134960555"),
    "privacy note": ("0808 157 0666", "tel:+448081570666"),
    "contact note": ("0161 496 0888", "tel:+441614960888"),
    "opening-times note": ("0113 496 0200", "tel:+441134960200"),
    "how to get there": ("0113 496 0100", "tel:+441134960100"),
    "access notes": ("0113 496 0150", "tel:+441134960150"),
    "location description": ("0113 496 0160", "tel:+441134960160"),
    "organisation description": ("020 7946 0999", "tel:+442079460999"),
}
TEXT_ONLY = ("07700 900222", "sms:+447700900222")


def write_number_clinic(site) -> None:
    site.write("index.md", page("Riverside Youth Advice", "We give free help.", topics=["about-service"]))
    site.write("local-info/locations/number-hub.md", location_text(
        "number-hub", body="A youth centre by the park. The front desk is on 0113 496 0160.",
        name="Number Hub", transportation="Lost? Call 0113 496 0100.",
        accessibility_notes="Ring 0113 496 0150 and we bring the ramp to the door."))
    write_service(
        site, "number-clinic", name="Number Clinic",
        body=("Call 0113 496 0222 to talk to a nurse. Text 07700 900222 and we text you back.\n\n"
              "Or ring 020 7946 0333. You can [book on 0113 496 0301](https://book.example.org/0113-496-0301) "
              "or read example.org/01134960303 first."),
        alert="Closed on Friday. Call 0113 496 0777 instead.",
        eligibility=ELIGIBILITY,
        fees_description="It is free. Ask about other costs on 0113 496 0555.",
        confidential_note="Worried? Call 0808 157 0666 (free).",
        phones=[{"number": "0113 496 0123", "description": "Out of hours: 0161 496 0888"},
                {"number": "07700 900456", "kind": "text", "free": True}],
        organization={"name": "Number Trust (fictional)", "description": "A youth charity. Head office: 020 7946 0999."},
        locations=[{"location": "number-hub", "schedules": [
            {"byday": WEEKDAYS, "opens_at": "09:00", "closes_at": "17:00",
             "description": "Closed at lunch. Call 0113 496 0200 to check"}]}])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitebuilder import FixtureSite
    site = FixtureSite(tmp_path_factory.mktemp("phones") / "project", languages=["en", "ur"])
    write_number_clinic(site)
    write_config(site)
    extract = site.signpost("translations", "extract")
    assert extract.returncode == 0, extract.stdout + extract.stderr
    translate(site, "ur", "local-info/services/number-clinic.po", {ELIGIBILITY: ELIGIBILITY_UR})
    result = site.build()
    assert result.ok, result.output
    return result


def article(built, language: str):
    html = built.html(("" if language == "en" else f"{language}/") + SERVICE)
    return LexborHTMLParser(html).css_first("article.md-content__inner")


# -- The built HTML ---------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "ur"])
def test_every_number_in_a_free_text_field_is_a_call_link(built, language):
    content = article(built, language)
    links = {}
    for a in content.css("a.sp-phone"):
        links.setdefault(a.attributes["href"], []).append(a)
    for field, (written, href) in CALLS.items():
        assert href in links, f"{field}: {written} is not a tel: link"
        for a in links[href]:
            assert a.text().strip("\u2066\u2069 ") == written, field
            assert a.attributes.get("dir") == "ltr", field
            assert a.parent.tag != "a" and not any(p.tag == "a" for p in _ancestors(a)), field


@pytest.mark.parametrize("language", ["en", "ur"])
def test_a_text_line_in_free_text_is_marked_text_only_not_a_call(built, language):
    content = article(built, language)
    written, href = TEXT_ONLY
    texts = content.css(f"a[href='{href}']")
    assert texts and all("sp-phone--text-only" in a.attributes["class"].split() for a in texts)
    assert [a.text().strip("\u2066\u2069 ") for a in texts] == [written]
    assert content.css("a[href='tel:+447700900222']") == []


@pytest.mark.parametrize("language", ["en", "ur"])
def test_numbers_inside_links_and_addresses_are_left_alone(built, language):
    content = article(built, language)
    booking = [a for a in content.css("a") if "book.example.org" in (a.attributes.get("href") or "")]
    assert len(booking) == 1 and booking[0].css("a") == [booking[0]], "a link inside the editor's link"
    assert "0113 496 0301" in booking[0].text()
    hrefs = {a.attributes.get("href") for a in content.css("a")}
    assert "tel:+441134960301" not in hrefs and "tel:+441134960303" not in hrefs
    assert "example.org/01134960303" in content.text()


def test_the_urdu_translation_keeps_its_number_a_link(built):
    content = article(built, "ur")
    paragraph = next(p for p in content.css("p") if "یقین نہیں" in p.text())
    assert paragraph.attributes.get("lang") != "en"
    link = paragraph.css_first("a.sp-phone")
    assert link.attributes["href"] == "tel:+441614960444" and link.attributes["dir"] == "ltr"


def test_markup_in_a_free_text_field_stays_text(tmp_path):
    """Markup is refused with a finding naming file and field; where it is shown, it is text: no link forms."""
    from sitebuilder import FixtureSite
    site = FixtureSite(tmp_path / "project")
    site.write("index.md", page("Riverside Youth Advice", "We give free help.", topics=["about-service"]))
    markup = '<a href="tel:+19005550100">0113 496 0302</a>'
    write_service(site, "number-clinic", name="Number Clinic", phones=[
        {"number": "0113 496 0123", "description": markup}])
    result = site.build(strict=False)
    assert "number-clinic.md" in result.output and "contains HTML" in result.output, result.output
    tree = LexborHTMLParser((result.site / SERVICE / "index.html").read_text(encoding="utf-8"))
    note = tree.css_first(".sp-contact-note")
    assert markup in note.text()
    assert [a.attributes["href"] for a in note.css("a")] == ["tel:+441134960302"]
    assert tree.css("a[href='tel:+19005550100']") == []


@pytest.mark.parametrize("text, linked", [
    ("see example.org/01134960303 first", []),
    ("https://example.org/call/01134960303", []),
    ("write to 01134960303@example.org", []),
    ('<a href="tel:+19005550100">', []),
    ("www.example.org/999 or call 999", ["999"]),
    ("call 0113 496 0305 or example.org/0113", ["0113 496 0305"]),
])
def test_digits_in_a_written_address_are_not_a_number(text, linked):
    from signpost.phones import find_phones
    assert [m.text for m in find_phones(text)] == linked


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


# -- In the browser, at phone width -----------------------------------------------------------

@pytest.fixture(scope="module")
def base_url(built):
    with serve(built.site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ur"])
def test_free_text_numbers_are_tappable_and_read_left_to_right_on_a_phone(browser, base_url, language):
    context = phone_context(browser)
    tab = context.new_page()
    try:
        tab.goto(base_url + ("" if language == "en" else f"{language}/") + SERVICE)
        assert tab.evaluate("document.body.dir || getComputedStyle(document.body).direction") == \
            ("rtl" if language == "ur" else "ltr")
        for field, (written, href) in CALLS.items():
            link = tab.locator(f".md-content a[href='{href}']").first
            link.scroll_into_view_if_needed()
            box = link.bounding_box()
            assert box and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, field
            assert link.evaluate("(a) => getComputedStyle(a).direction") == "ltr", field
            assert link.evaluate(DIGIT_GROUPS_ON_SCREEN) == written, field
        # The Urdu sentence around a number runs right to left; the number inside it does not.
        if language == "ur":
            sentence = tab.locator(".md-content p", has_text="یقین نہیں")
            assert sentence.evaluate("(p) => getComputedStyle(p).direction") == "rtl"
            assert sentence.locator("a.sp-phone").evaluate(DIGIT_GROUPS_ON_SCREEN) == "0161 496 0444"
        written, href = TEXT_ONLY
        text_line = tab.locator(f".md-content a[href='{href}']")
        assert text_line.count() == 1 and "sp-phone--text-only" in text_line.get_attribute("class")
        assert tab.locator(".md-content a[href='tel:+447700900222']").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("text, e164", [
    ("کال کریں ۰۱۱۳ ۴۹۶ ۰۹۹۹", ["+441134960999"]),     # Urdu's own digits
    ("Call ０１１３ ４９６ ０９９９", ["+441134960999"]),  # full-width digits
    ("Ring the helpline: the number is on the poster", []),
])
def test_numbers_in_any_scripts_digits_are_found_and_a_text_without_digits_has_none(text, e164):
    """find_phones answers a text without a digit at once: every script's digits count as digits."""
    from signpost.phones import find_phones
    assert [m.e164 for m in find_phones(text)] == e164


def test_a_number_met_again_is_found_again_and_its_words_around_decide_call_or_text():
    """find_phones keeps libphonenumber's answer per text: the block's words before still decide each time."""
    from signpost.phones import find_phones
    text = "0113 496 0999 (Monday to Friday)"
    assert [(m.e164, m.text_only) for m in find_phones(text, "Call us on ")] == [("+441134960999", False)]
    assert [(m.e164, m.text_only) for m in find_phones(text, "Text us on ")] == [("+441134960999", True)]
    assert [m.href for m in find_phones(text, "")] == ["tel:+441134960999"]
    assert [m.text for m in find_phones("Call 999 or 0113 496 0999", "")] == ["999", "0113 496 0999"]
    assert find_phones("see example.org/01134960999", "Call ") == []
