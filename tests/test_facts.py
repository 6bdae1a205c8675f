"""The facts registry: references in every language, Get help now, review dates, real-looking numbers."""

from __future__ import annotations

import json
import re

import yaml
from babel.messages.pofile import write_po

from sitebuilder import ROOT, page
from signpost.translations.catalogs import read_catalog

SMALL_FACTS = {"facts": {
    "emergency": {"name": "Emergency services", "kind": "emergency", "description": "When someone is in danger now.",
                  "values": {"phone": "999"}, "source": "https://example.org/999", "verified": "2026-11-01",
                  "review_every": "P1Y", "owner": "info@example.org"},
    "childline": {"name": "Childline", "kind": "helpline", "description": "Free help for anyone under 19.",
                  "values": {"phone": "0800 1111", "hours": "Any time, day or night"}, "topics": ["mental-health"],
                  "home": True, "source": "https://example.org/childline", "verified": "2026-11-01",
                  "review_every": "P6M", "owner": "info@example.org"},
    "centre": {"name": "Riverside Youth Advice", "kind": "centre", "description": "Talk to an adviser.",
               "values": {"phone": "0113 496 0123", "text": "07700 900123", "drop-in-thu": "10am to 8pm"},
               "source": "https://example.org/contact", "verified": "2026-11-01", "review_every": "P6M",
               "owner": "info@example.org"},
}}


def with_facts(site, facts=None) -> None:
    site.write("facts.yml", yaml.safe_dump(facts or SMALL_FACTS, sort_keys=False), under="data")


def test_reference_renders_a_tel_link_with_e164_and_sensitive_pages_get_help_now(fixture_site):
    with_facts(fixture_site)
    fixture_site.write("index.md", page("Home", "Welcome.", type="home", topics=["about-service"]))
    fixture_site.write("about/contact.md", page("Contact us", "Thursday: {{ fact.centre.drop-in-thu }}.",
                                                topics=["contact"]))
    fixture_site.write("local-info/mental-health.md", page(
        "Mental health", "Talk to someone.\n\nCall Childline on {{ fact.childline.phone }}.\n\n"
        "Docs show `{{ fact.childline.phone }}` as code.", topics=["mental-health"], type="topic", sensitive=True))
    fixture_site.write("local-info/careers.md", page("Careers", "Plans for work.", topics=["careers"],
                                                     type="topic", sensitive=False))
    result = fixture_site.build()
    assert result.ok, result.output
    html = result.html("local-info/mental-health/")
    assert '<a href="tel:+448001111">0800 1111</a>' in html
    assert "<code>{{ fact.childline.phone }}</code>" in html  # code is left alone
    block = re.search(r'<aside class="signpost-help-now".*?</aside>', html, re.S).group(0)
    assert 'href="tel:999"' in block and 'href="tel:+448001111"' in block
    assert 'href="sms:+447700900123"' in block  # drama text line: E.164 although libphonenumber calls it invalid
    assert 'href="../../about/contact/"' in block
    assert "signpost-help-now" in result.html("")  # the home page
    assert "signpost-help-now" not in result.html("local-info/careers/")
    assert "10am to 8pm" in result.html("about/contact/")


def test_translation_keeps_the_reference_and_shows_the_same_number(fixture_site):
    fixture_site.languages = ["en", "pl"]
    with_facts(fixture_site)
    fixture_site.write("index.md", page("Home", "Welcome.", type="home", topics=["about-service"]))
    fixture_site.write("about/contact.md", page("Contact us", "Call Childline on {{ fact.childline.phone }}.",
                                                topics=["contact"]))
    (fixture_site.root / "mkdocs.yml").write_text(yaml.safe_dump(fixture_site.mkdocs_config(), sort_keys=False,
                                                                 allow_unicode=True), encoding="utf-8")
    extract = fixture_site.signpost("translations", "extract")
    assert extract.returncode == 0, extract.stdout + extract.stderr
    path = fixture_site.root / "translations/pl/about/contact.po"
    po, _ = read_catalog(path, "pl")
    assert "Call Childline on {{ fact.childline.phone }}." in po
    po["Call Childline on {{ fact.childline.phone }}."].string = "Zadzwoń do Childline: {{ fact.childline.phone }}."
    with path.open("wb") as handle:
        write_po(handle, po, width=76)
    result = fixture_site.build()
    assert result.ok, result.output
    html = result.html("pl/about/contact/")
    assert 'Zadzwoń do Childline: <a href="tel:+448001111">0800 1111</a>.' in html


def test_a_translation_that_drops_or_changes_a_reference_is_refused():
    import signpost.engine.mkdocs  # noqa: F401  (registers the Markdown renderer the check uses)
    from signpost.translations.integrity import integrity_problems
    assert integrity_problems("Call {{ fact.childline.phone }}.", "Zadzwoń {{ fact.childline.phone }}.") == []
    assert integrity_problems("Call {{ fact.childline.phone }}.", "Zadzwoń 0800 1111.")
    assert integrity_problems("Call {{ fact.childline.phone }}.", "Zadzwoń {{ fact.samaritans.phone }}.")


def test_a_fact_past_its_review_date_fails_the_build(fixture_site):
    facts = yaml.safe_load(yaml.safe_dump(SMALL_FACTS))
    facts["facts"]["childline"]["verified"] = "2025-01-10"
    with_facts(fixture_site, facts)
    fixture_site.write("index.md", page("Home", "Call {{ fact.childline.phone }}.", topics=["about-service"]))
    result = fixture_site.build()
    assert not result.ok
    assert "data/facts.yml" in result.output and "fact `childline` (Childline) is overdue for review" in result.output
    assert not (fixture_site.root / "site" / "index.html").exists() or "overdue" in result.output


def test_unknown_key_is_an_error_with_file_line_and_did_you_mean(fixture_site):
    with_facts(fixture_site)
    fixture_site.write("index.md", page("Home", "Intro.\n\nCall {{ fact.childline.phon }} now.",
                                        topics=["about-service"]))
    result = fixture_site.build()
    assert not result.ok
    assert re.search(r"content/index\.md:\d+: error: \[fact\] unknown fact `childline.phon`", result.output), \
        result.output
    assert "did you mean `{{ fact.childline.phone }}`?" in result.output
    line = int(re.search(r"content/index\.md:(\d+): error: \[fact\]", result.output).group(1))
    text = (fixture_site.root / "content/index.md").read_text().splitlines()
    assert "childline.phon" in text[line - 1]


def test_real_looking_numbers_outside_registry_and_drama_ranges_are_errors(fixture_site):
    with_facts(fixture_site)
    fixture_site.write("index.md", page("Home", "Call us on 0113 496 0123 or text 07700 900123.\n\n"
                                                "Or ring 0161 222 3333.\n\nChildline is 0800 1111.",
                                        topics=["about-service"]))
    result = fixture_site.build()
    assert not result.ok
    assert re.search(r"content/index\.md:\d+: error: \[phone\] 0161 222 3333 looks like a real phone number",
                     result.output), result.output
    assert "write {{ fact.childline.phone }} instead" in result.output
    assert "0113 496 0123 looks like" not in result.output and "07700 900123 looks like" not in result.output


def test_text_line_on_a_freephone_number_is_refused():
    from signpost.facts import phones
    assert not phones.can_receive_texts("0808 157 0142")
    assert phones.can_receive_texts("07700 900142") and phones.can_receive_texts("85258")
    assert phones.is_drama("07700 900999") and not phones.is_drama("07700 901000")
    assert phones.tel_href("116 123") == "tel:116123"
    assert phones.tel_href("07700 900123") == "tel:+447700900123"


def test_published_facts_schema_matches_the_code_and_the_real_registry_is_valid():
    from signpost.model import load_content_model
    from signpost.model.facts import facts_schema_json
    assert (ROOT / "docs/schema/facts.schema.json").read_text(encoding="utf-8") == facts_schema_json()
    registry = load_content_model(ROOT / "content", ROOT / "data").facts
    assert registry.findings == []
    assert {"childline", "samaritans", "shout", "frank", "emergency", "centre", "minimum-wage"} <= set(registry.facts)
    assert all(fact.source.startswith("https://") and fact.verified for fact in registry.facts.values())


def test_report_lists_every_fact_with_source_verification_and_use(fixture_site):
    with_facts(fixture_site)
    fixture_site.write("index.md", page("Home", "Call {{ fact.childline.phone }}.", topics=["about-service"]))
    result = fixture_site.signpost("report", "facts", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["key"]: row for row in json.loads(result.stdout)["facts"]}
    assert set(rows) == {"emergency.phone", "childline.phone", "childline.hours", "centre.phone", "centre.text",
                         "centre.drop-in-thu"}
    assert rows["childline.phone"]["source"] == "https://example.org/childline"
    assert rows["childline.phone"]["verified"] == "2026-11-01"
    assert any(place.startswith("content/index.md:") for place in rows["childline.phone"]["used_in"])


def test_every_sensitive_real_page_and_the_home_page_get_the_block():
    from signpost.facts.help_block import block_html, needs_block
    from signpost.model import load_content_model
    model = load_content_model(ROOT / "content", ROOT / "data")
    registry = model.facts
    pages = [p for p in model.pages.values() if needs_block(p)]
    assert {"index.md", "local-info/mental-health.md", "about/staying-safe-online.md",
            "local-info/money-benefits.md", "local-info/debt.md"} <= {p.path for p in pages}
    for sensitive in pages:
        html = block_html(registry, sensitive, lambda text: text)
        assert 'href="tel:999"' in html, sensitive.path
        assert html.count("<li>") >= 3, sensitive.path  # 999, at least one helpline, the centre


def test_consistency_warns_on_different_numbers_postcodes_and_centre_times(tmp_path):
    import shutil
    from signpost.facts.consistency import consistency_findings
    from signpost.model import load_content_model
    from sitebuilder import DEFAULT_META
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "facts.yml").write_text(yaml.safe_dump(SMALL_FACTS), encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / ".meta.yml").write_text(yaml.safe_dump(DEFAULT_META), encoding="utf-8")
    (content / "index.md").write_text(page("Home", "Childline: phone 0113 496 0999.\n\n"
                                                   "| Thursday | 10am to 9pm |", type="home",
                                           topics=["about-service"]), encoding="utf-8")
    (content / "other.md").write_text(page("Other", "Childline: phone 0113 496 0555, at RV1 2AB.\n\n"
                                                    "Childline is also at RV9 9ZZ on Mondays.",
                                           topics=["about-service"]), encoding="utf-8")
    (content / "same.md").write_text(page("Same", "Childline: phone 0113 496 0999 and 0113 496 0555.",
                                          topics=["about-service"]), encoding="utf-8")
    model = load_content_model(content, tmp_path / "data", use_cache=False)
    messages = [(f.file.rsplit("/", 1)[-1], f.message) for f in consistency_findings(model, model.facts)]
    assert any(file == "other.md" and "Childline: phone number 01134960555 here, but 01134960999" in message
               for file, message in messages), messages
    assert not any(file == "same.md" for file, _ in messages)  # shares a number with each page
    assert any("opening time `10am to 9pm`" in message and file == "index.md" for file, message in messages)
    assert not any("postcode" in message for _, message in messages)  # one page, two postcodes: no conflict


def test_name_finder_finds_what_searching_every_name_finds():
    """The finder only searches names whose first four letters the line holds: the same answer as
    searching every name (the leftmost one found, the longest of those starting there)."""
    import random
    from signpost.facts.consistency import _name_finder
    names = sorted({"Riverside", "Riverside Youth Advice", "Riverside Youth", "Rowing for All", "Rowan House",
                    "The Boathouse", "Boat", "Youth Housing Line", "Housing", "Childline", "Line Up",
                    "Ünïcode Café", "Café"}, key=len, reverse=True)

    def searched_for_every_name(line):
        found = [(line.find(name), rank, name) for rank, name in enumerate(names) if name in line]
        return min(found)[2] if found else None

    pieces = [*names, *(name[:5] for name in names), " ", "call ", "at ", "x", "Riv", "Youth "]
    lines = ["".join(random.Random(seed).choices(pieces, k=random.Random(-seed).randint(0, 8)))
             for seed in range(3000)]
    first_name = _name_finder(names)
    assert [first_name(line) for line in lines] == [searched_for_every_name(line) for line in lines]
    assert first_name("Call Riverside Youth Advice or Rowing for All") == "Riverside Youth Advice"
    assert first_name("Riv") is None and first_name("") is None

def test_interface_strings_can_reference_facts_as_plain_text():
    import signpost.engine.mkdocs  # noqa: F401 (registers the Markdown renderer interface.po is checked with)
    from signpost import l10n
    l10n.set_translations_dir(ROOT / "translations")
    assert l10n.interface_text("en", "Call Childline on {{ fact.childline.phone }}.") == "Call Childline on 0800 1111."
    # a worded value is the language's own words, from interface.po
    assert l10n.interface_text("pl", "Open {{ fact.centre.drop-in-thu }}") == "Open od 10 rano do 8 wieczorem"
