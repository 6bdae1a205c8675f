"""The directory pages on real fixture builds: home, categories, A-Z, service pages, topic lists, open data."""

from __future__ import annotations

import html
import json
import re

import pytest

from signpost.model.service_oruk import profile_errors
from sitebuilder import FixtureSite, page
from test_services_fixtures import write_service

PHONE_LINE = [{"byday": ["MO", "TU", "WE", "TH", "FR"], "opens_at": "18:00", "closes_at": "22:00",
               "description": "Text line"}]


def directory_site(root, languages=("en",)) -> FixtureSite:
    site = FixtureSite(root)
    site.languages = list(languages)
    site.write("index.md", page("Riverside Youth Advice", "We give free help.", topics=["about-service"]))
    site.write("local-info/housing.md", page(
        "Housing", "If you need somewhere to live, start here.", topics=["housing"],
        service_categories=["housing"]))
    write_service(site, "test-clinic", body="Free condoms, tests and advice.\n\nWe also talk about consent.",
                  alert="Closed from 24 December to 2 January.")
    write_service(site, "housing-line", name="Youth Housing Line", categories=["housing"], minimum_age=16,
                  maximum_age=25, free=True, confidential=False, languages=["en", "ur"], locations=None,
                  phones=[{"number": "0808 157 0131", "free": True}], schedules=PHONE_LINE,
                  body="Call us if you have nowhere safe to stay.")
    write_service(site, "old-bus", name="The Old Youth Bus", categories=["youth-clubs-leisure"], status="inactive",
                  body="A bus that used to visit estates.")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = directory_site(tmp_path_factory.mktemp("directory") / "project")
    result = site.build()
    assert result.ok, result.output
    return result


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_every_directory_page_is_generated(built):
    for url in ("local-info/services/", "local-info/services/a-z/", "local-info/services/categories/housing/",
                "local-info/services/categories/lgbtq/", "local-info/services/test-clinic/",
                "local-info/services/housing-line/", "open-data/services.json", "open-data/services.csv"):
        assert built.exists(url), url
    home = built.html("local-info/services/")
    assert 'id="sp-filters" hidden' in home and 'role="search"' in home
    assert "directory.js" in home
    # Without script every listed service is on the page, and the way to the A-Z list and categories.
    assert 'href="test-clinic/"' in home and 'href="housing-line/"' in home
    assert 'href="a-z/"' in home and 'href="categories/housing/"' in home
    assert "The Old Youth Bus" not in home
    # The form has no action and only the radio group is named: choices never go into a URL.
    start = home.index('id="sp-filter-form"')
    form = home[start:home.index("</form>", start)]
    assert "action=" not in form and re.findall(r' name="([^"]+)"', form) == ["sp-when"] * 3


def test_category_and_a_to_z_pages(built):
    housing = built.html("local-info/services/categories/housing/")
    assert "Housing and homelessness: local services" in housing
    assert 'href="../../housing-line/"' in housing and "test-clinic" not in housing
    a_to_z = text_of(built.html("local-info/services/a-z/"))
    assert a_to_z.index("Riverside Test Clinic") < a_to_z.index("Youth Housing Line")
    assert "The Old Youth Bus" not in a_to_z


def test_service_page_shows_everything_a_reader_needs(built):
    markup = built.html("local-info/services/test-clinic/")
    text = text_of(markup)
    assert "Free condoms, tests and advice." in text and "We also talk about consent." in text
    assert "Closed from 24 December to 2 January." in text
    for badge in ("Free", "Confidential", "Ages 13 to 24", "Step-free access", "Hearing loop",
                  "British Sign Language"):
        assert badge in text, badge
    assert 'href="tel:+441134960123"' in markup and 'href="sms:+447700900456"' in markup
    assert 'href="mailto:clinic@example.org"' in markup
    assert "https://www.openstreetmap.org/?mlat=54.05000&amp;mlon=2.45000" in markup
    assert "Monday" in text and "9:00" in text
    assert re.search(r'Details last checked on <time datetime="2026-10-01">1 October 2026</time>', markup)
    report = re.search(r'href="(mailto:directory-team@example.org\?[^"]+)"', markup).group(1)
    report = html.unescape(report)
    assert "test-clinic" in report and "https%3A//example.org/local-info/services/test-clinic/" in report
    # The raw front matter is never shown.
    assert "owner:" not in text and "directory-team@example.org" not in text.replace("mailto:", "")
    # Nothing is embedded from a third party.
    assert "<iframe" not in markup
    assert not re.search(r'<(?:script|img|link)[^>]+(?:src|href)="https?://(?!example\.org)', markup)


def test_service_page_has_schema_org_data(built):
    markup = built.html("local-info/services/test-clinic/")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', markup, re.S).group(1))
    service = data["mainEntity"]
    assert service["@type"] == "GovernmentService"
    assert service["audience"] == {"@type": "PeopleAudience", "suggestedMinAge": 13, "suggestedMaxAge": 24}
    assert data["lastReviewed"] == "2026-10-01"
    place = next(c["serviceLocation"] for c in service["availableChannel"] if "serviceLocation" in c)
    spec = place["openingHoursSpecification"][0]
    assert spec["@type"] == "OpeningHoursSpecification" and spec["opens"] == "09:00"
    assert "https://schema.org/Monday" in spec["dayOfWeek"]
    # Properties sit on the types schema.org defines them for.
    assert "availableLanguage" not in service and "isAccessibleForFree" not in service
    assert all(c["availableLanguage"] == ["en", "pl", "bfi"] for c in service["availableChannel"])
    phone = next(c["servicePhone"] for c in service["availableChannel"] if "servicePhone" in c)
    assert phone["@type"] == "ContactPoint" and phone["availableLanguage"] == ["en", "pl", "bfi"]
    assert place["isAccessibleForFree"] is True
    assert service["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "GBP"}


def test_inactive_service_carries_no_service_markup(built):
    markup = built.html("local-info/services/old-bus/")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', markup, re.S).group(1))
    assert data["@type"] == "WebPage" and "mainEntity" not in data
    assert "GovernmentService" not in markup


def test_json_ld_cannot_end_its_script_element():
    from signpost.directory.structured_data import script_json
    text = script_json({"name": "</script><script>alert(1)</script> & \u2028\u2029 <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & \u2028\u2029 <!--"


def test_topic_page_lists_the_services_of_its_categories(built):
    housing = built.html("local-info/housing/")
    section = housing[housing.index('id="local-services"'):]
    assert "Youth Housing Line" in section and 'href="../services/housing-line/"' in section
    assert "Riverside Test Clinic" not in section


def test_inactive_service_page_says_so(built):
    text = text_of(built.html("local-info/services/old-bus/"))
    assert "This service is no longer available." in text


def test_open_data_is_valid_open_referral_uk_and_omits_empty_fields(built):
    page = json.loads((built.site / "open-data/services.json").read_text(encoding="utf-8"))
    assert [item["name"] for item in page["contents"]] == ["Riverside Test Clinic", "Youth Housing Line"]  # A-Z
    assert (page["total_items"], page["total_pages"], page["page_number"], page["first_page"]) == (2, 1, 1, True)
    line_id = page["contents"][1]["id"]
    line = json.loads((built.site / f"open-data/services/{line_id}.json").read_text(encoding="utf-8"))
    assert profile_errors("service", line) == []
    assert "service_at_locations" not in line and "alert" not in line
    assert [{k: v for k, v in s.items() if k not in ("id", "service_id")} for s in line["schedules"]] == [
        {"byday": "MO,TU,WE,TH,FR", "opens_at": "18:00", "closes_at": "22:00", "freq": "WEEKLY",
         "description": "Text line"}]
    for path in (built.site / "open-data").rglob("*.json"):
        assert "null" not in path.read_text(encoding="utf-8"), path
    header = (built.site / "open-data/services.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,slug,name,status,alert,description,")


def test_html_in_a_field_is_shown_as_text_and_reported(tmp_path):
    site = directory_site(tmp_path / "project")
    write_service(site, "test-clinic", alert='<script>window.pwned = 1</script><img src=x onerror="alert(1)">',
                  body="Help. <script>alert(2)</script> [click](javascript:alert(3))")
    result = site.build()
    assert not result.ok
    assert re.search(r"content/local-info/services/test-clinic\.md:\d+: error: \[alert\] `alert` contains HTML",
                     result.output)
    markup = result.html("local-info/services/test-clinic/")
    assert "<script>window.pwned" not in markup and "<img src=x" not in markup and "<script>alert(2)" not in markup
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in markup
    assert 'href="javascript:' not in markup
    assert re.search(r"test-clinic\.md:\d+: error: \[description\] the description links to a script", result.output)


def test_every_language_gets_the_directory_in_its_own_words(tmp_path):
    site = directory_site(tmp_path / "project", languages=("en", "pl", "ur"))
    result = site.build()
    assert result.ok, result.output
    polish = result.html("pl/local-info/services/test-clinic/")
    assert "poniedziałek" in polish and "1 października 2026" in polish
    assert result.exists("pl/local-info/services/") and result.exists("ur/local-info/services/a-z/")
    assert result.exists("pl/local-info/services/categories/housing/")
    urdu = result.html("ur/local-info/services/test-clinic/")
    assert "پیر" in urdu  # Monday
    # No Urdu interface catalog in this fixture: the English fallback is marked for screen readers.
    assert '<h2 id="what-it-offers" lang="en" dir="ltr">What it offers</h2>' in urdu
    assert '<h2 id="what-it-offers">What it offers</h2>' in result.html("local-info/services/test-clinic/")
    assert '"inLanguage":"ur"' in urdu and "https%3A//example.org/ur/local-info/services/test-clinic/" in urdu
    # Open data is written once, at the site root.
    assert result.exists("open-data/services.json") and not result.exists("pl/open-data/services.json")
    assert 'href="../../../open-data/services.json"' in result.html("pl/local-info/services/")


def test_service_pages_offer_their_own_sentences_as_translation_messages(tmp_path, monkeypatch):
    from pathlib import Path

    from signpost.directory.translation import translatable_pages
    from signpost.model import load_content_model
    from signpost.translations.extract import page_messages
    from signpost.engine.mkdocs.project import load_settings
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    site = directory_site(tmp_path / "project")
    site.build()  # writes mkdocs.yml, which the translation settings read
    model = load_content_model(site.root / "content", site.root / "data", use_cache=False,
                               settings=load_settings(Path(site.root)))
    source = translatable_pages(model)["local-info/services/test-clinic.md"]
    ids = [m.id for m in page_messages(source, model.settings)]
    assert ids == ["Riverside Test Clinic", "Free condoms, tests and advice.",
                   "Closed from 24 December to 2 January.", "We also talk about consent.",
                   "Anyone aged 13 to 24 in Riverside.", "If you are under 16 we keep what you say private.",
                   "Buses 4 and 12 stop outside.", "A fictional health charity for young people."]


def test_bad_service_files_give_findings_and_safe_pages(tmp_path):
    site = directory_site(tmp_path / "project")
    site.write("local-info/services/broken.md", "---\nname: [unclosed\nstatus: active\n---\n\nText.\n")
    site.write("local-info/services/latin1.md", "---\nname: Caf\xe9\n---\n".encode("latin-1"))
    write_service(site, "odd-values", name="Odd Values", minimum_age="thirteen", phones=[{"number": "call us"}],
                  locations=[{"name": "Hub", "latitude": "north", "schedules": [
                      {"byday": ["XX", "MO"], "opens_at": "25:00", "closes_at": "09:00"}]}])
    result = site.build()
    assert not result.ok and "Traceback" not in result.output
    for where in ("broken.md:3: error", "latin1.md:2: error", "odd-values.md:18: error: [phones[0].number]",
                  "locations/hub.md:4: error: [latitude]"):
        assert where in result.output, where
    broken = result.html("local-info/services/broken/")
    assert "unclosed" not in broken and "Service details not available" in broken
    assert "Call call us" in text_of(result.html("local-info/services/odd-values/"))
