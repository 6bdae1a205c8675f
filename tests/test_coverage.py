"""Coverage: every registry topic, standard and required section is on the site, live, per language.

Fixture sites get a small registry of their own (two topics, three standards) and run with
SIGNPOST_COVERAGE=enforce, as the real site does. Builds are real `mkdocs build --strict` runs;
rule checks that need no HTML run the real `signpost check` / `signpost report coverage`.
"""

from __future__ import annotations

import json

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from sitebuilder import ROOT, page

ENFORCE = {"SIGNPOST_COVERAGE": "enforce"}

TOPICS = {"topics": [
    {"id": "charter", "title": "Young Person's Charter", "description": "What every young person can expect from us.",
     "source": "3bi", "audience": ["young-people"], "section": "charter", "min_pages": 1, "languages": "required"},
    {"id": "housing", "title": "Housing", "description": "Finding somewhere safe to live.",
     "source": "1bii", "audience": ["young-people"], "section": "local-info", "min_pages": 1},
]}
STANDARDS = {"standards": [
    {"code": "1ai", "title": "You know what help there is"},
    {"code": "1bii", "title": "Information is complete and up to date"},
    {"code": "3bi", "title": "Everyone is told about the service"},
]}

CHARTER = """We help every young person in Riverside.

## What you can expect {#what-you-can-expect}

Free and private advice.

## Our promises {#our-promises}

We keep appointments.

## How you are involved {#how-you-are-involved}

You help us plan our work.

## If things go wrong {#if-things-go-wrong}

Tell us and we will put it right."""

EQUAL_OPPORTUNITIES = """We treat everyone fairly.

## Our aims {#aims}

Fair help for all.

## How we do it and measure it {#how-we-achieve-and-measure}

We count who uses us.

## Your rights and responsibilities {#your-rights-and-responsibilities}

You have the right to fair help.

## How we promote and monitor it {#promoting-and-monitoring}

We check every year."""


def small_site(site, *, topics=None, standards=None):
    """A complete small site: the registry above, every topic and standard covered."""
    site.write("topics.yml", yaml.safe_dump(topics or TOPICS, sort_keys=False), under="data")
    site.write("standards.yml", yaml.safe_dump(standards or STANDARDS, sort_keys=False), under="data")
    site.write("index.md", page("Riverside Youth Advice", "We give free help."))
    site.write("charter/index.md", page("Young Person's Charter", CHARTER, topics=["charter"], type="charter"))
    site.write("local-info/housing.md", page("Housing", "Where to live.", topics=["housing"]))
    site.write("standards/index.md", page("Our standards", "What we promise.", standards=["1ai", "1bii", "3bi"]))
    return site


def check(site, *args, env=None):
    result = site.signpost("check", *args, env={**ENFORCE, **(env or {})})
    return result.returncode, result.stdout + result.stderr


# Topics ---------------------------------------------------------------------------------------

def test_covered_site_builds_and_publishes_topics_a_to_z(fixture_site):
    small_site(fixture_site)
    result = fixture_site.build(env=ENFORCE)
    assert result.ok, result.output
    assert "signpost/coverage: 2 of 2 topics covered; 3 of 3 standards explained by exactly one page" in result.output
    html = result.html("topics/")
    assert "<h1" in html and "Topics A to Z" in html
    housing = html[html.index('id="topic-housing"'):]
    assert '<a href="../local-info/housing/">Housing</a>' in housing[:600]
    # A to Z by title: Housing before Young Person's Charter.
    assert html.index('id="topic-housing"') < html.index('id="topic-charter"')


def test_removing_the_only_page_on_a_required_topic_fails_the_build(fixture_site):
    small_site(fixture_site)
    (fixture_site.root / "content" / "local-info" / "housing.md").unlink()
    result = fixture_site.build(env=ENFORCE)
    assert not result.ok
    assert "topic `housing` (Housing) is not covered: it needs 1 live page and has 0" in result.output
    assert "fix: write a page with `topics: [housing]` in content/local-info/" in result.output
    assert "data/topics.yml:" in result.output  # the line of the topic in the registry
    assert "Traceback" not in result.output


def test_topic_covered_only_by_an_overdue_page_is_uncovered(fixture_site):
    small_site(fixture_site)
    fixture_site.write("local-info/housing.md", page("Housing", "Where to live.", topics=["housing"],
                                                     last_reviewed="2025-01-10"))
    result = fixture_site.build(env=ENFORCE)
    assert not result.ok
    assert ("content/local-info/housing.md:6: error: [topics] topic `housing` (Housing) is not covered: it needs "
            "1 live page and has 0: this page lists it but overdue for review since 2025-07-10") in result.output
    assert "review content/local-info/housing.md and update `last_reviewed`" in result.output


def test_page_for_another_audience_does_not_count(fixture_site):
    small_site(fixture_site)
    fixture_site.write("local-info/housing.md", page("Housing", "Where to live.", topics=["housing"],
                                                     audience=["professionals"]))
    code, output = check(fixture_site)
    assert code == 1
    assert "this page lists it but is written for professionals, not young-people" in output


def test_topic_in_the_wrong_section_is_a_finding(fixture_site):
    small_site(fixture_site)
    (fixture_site.root / "content" / "local-info" / "housing.md").unlink()
    fixture_site.write("about/housing.md", page("Housing", "Where to live.", topics=["housing"]))
    code, output = check(fixture_site)
    assert code == 1
    assert "topic `housing` must be covered in content/local-info/, but its pages are elsewhere " \
           "(content/about/housing.md)" in output


def test_report_mode_keeps_site_gaps_out_of_the_build_but_in_the_report(fixture_site):
    small_site(fixture_site)
    (fixture_site.root / "content" / "local-info" / "housing.md").unlink()
    assert fixture_site.signpost("check").returncode == 0  # the fixture default: SIGNPOST_COVERAGE=report
    report = fixture_site.signpost("report", "coverage")
    assert "topic `housing` (Housing) is not covered" in report.stdout
    bad = fixture_site.signpost("check", env={"SIGNPOST_COVERAGE": "sometimes"})
    assert bad.returncode == 1 and "SIGNPOST_COVERAGE='sometimes' is not a coverage mode" in bad.stderr
    assert "Traceback" not in bad.stderr


# Standards --------------------------------------------------------------------------------------

def test_standard_codes_missing_or_explained_twice(fixture_site):
    small_site(fixture_site)
    fixture_site.write("standards/index.md", page("Our standards", "What we promise.", standards=["1ai", "3bi"]))
    fixture_site.write("standards/more.md", page("More standards", "More promises.", standards=["3bi"]))
    code, output = check(fixture_site)
    assert code == 1
    assert "data/standards.yml: error: [standards.1bii] standard `1bii` (Information is complete and up to " \
           "date) is not explained by any page" in output
    assert "standard `3bi` is explained by 2 pages: content/standards/index.md, content/standards/more.md" in output
    assert "keep `3bi` in the `standards:` of one page only" in output


# Required sections ------------------------------------------------------------------------------

def test_missing_section_of_the_equal_opportunities_statement_fails_the_build(fixture_site):
    # Page rules apply even in the fixtures' default (report) mode.
    small_site(fixture_site)
    body = EQUAL_OPPORTUNITIES.split("## How we promote")[0]
    fixture_site.write("equal-opportunities/index.md", page("Equal opportunities statement", body,
                                                            type="equal-opportunities"))
    result = fixture_site.build()
    assert not result.ok
    assert ("content/equal-opportunities/index.md:6: error: [sections.promoting-and-monitoring] the equal "
            "opportunities statement has no section `promoting-and-monitoring`") in result.output
    assert "fix: add the section with its id on the heading, e.g. `## What we do to promote equal opportunities " \
           "and how we monitor it {#promoting-and-monitoring}`" in result.output


def test_complete_statement_passes_and_ids_are_in_the_html(fixture_site):
    small_site(fixture_site)
    fixture_site.write("equal-opportunities/index.md", page("Equal opportunities statement", EQUAL_OPPORTUNITIES,
                                                            type="equal-opportunities"))
    result = fixture_site.build(env=ENFORCE)
    assert result.ok, result.output
    html = result.html("equal-opportunities/")
    for section in ("aims", "how-we-achieve-and-measure", "your-rights-and-responsibilities",
                    "promoting-and-monitoring"):
        assert f'id="{section}"' in html


def test_section_marker_on_the_wrong_page_type(fixture_site):
    small_site(fixture_site)
    fixture_site.write("about/promises.md", page("Our promises", "## Our promises {#our-promises}\n\nWe listen."))
    code, output = check(fixture_site)
    assert code == 1
    assert ("content/about/promises.md:10: error: [type] the section `our-promises` belongs on a Young Person's "
            "Charter (type `charter`), but this page is of type `page`") in output
    assert "or set `type: charter` if this page is the Young Person's Charter" in output


# Registry ---------------------------------------------------------------------------------------

def test_registry_that_does_not_validate_gives_findings_naming_topic_and_field(fixture_site):
    small_site(fixture_site)
    topics = yaml.safe_load(yaml.safe_dump(TOPICS))
    topics["topics"].append({"id": "leisure", "title": "Leisure", "description": "Things to do for fun.",
                             "source": "1bii", "audience": ["young-people"], "min_page": 1})
    topics["topics"].append(dict(TOPICS["topics"][1]))  # housing again
    topics["topics"].append({"id": "drugs-services", "title": "Drugs services", "description": "Local drugs help.",
                             "source": "1bij", "audience": ["teenagers"], "min_services": 1,
                             "service_categories": ["drugs"]})
    fixture_site.write("topics.yml", yaml.safe_dump(topics, sort_keys=False), under="data")
    code, output = check(fixture_site)
    assert code == 1
    assert "Traceback" not in output
    assert "data/topics.yml:25: error: [topics.leisure.min_page] topic `leisure`: unknown field `min_page`" in output
    assert "fix: did you mean `min_pages`?" in output
    assert "data/topics.yml:19: error: [topics.leisure] topic `leisure`: says nothing about how it is covered" in output
    assert "data/topics.yml:26: error: [topics.housing.id] topic id `housing` is listed twice (first on line 11)" \
        in output
    assert "data/topics.yml:38: error: [topics.drugs-services.audience.0] topic `drugs-services`: unknown audience " \
           "'teenagers'" in output
    assert "[topics.drugs-services.source] topic `drugs-services`: unknown source `1bij`" in output
    assert "did you mean `1bii`?" in output
    assert "topic `drugs-services`: unknown service category `drugs`" in output


def test_unknown_topic_on_a_page_says_did_you_mean(fixture_site):
    small_site(fixture_site)
    fixture_site.write("local-info/flats.md", page("Flats", "Renting a flat.", topics=["housng"]))
    code, output = check(fixture_site)
    assert code == 1
    assert "unknown topic `housng`" in output and "did you mean `housing`?" in output


def test_published_topics_schema_matches_the_code_and_the_real_registry_validates():
    from signpost.model.registry import load_registry, topics_schema_json
    assert (ROOT / "docs" / "schema" / "topics.schema.json").read_text(encoding="utf-8") == topics_schema_json()
    registry, findings = load_registry(ROOT / "data")
    assert findings == []
    assert len(registry.topics) >= 37
    local_advice = ("sexual-health-services", "drugs-services", "debt-advice", "homelessness-support", "support-groups")
    for topic_id in local_advice:
        assert registry.topics[topic_id].min_services >= 1, topic_id
    for topic_id in ("charter", "equal-opportunities", "contact", "complaints"):
        assert registry.topics[topic_id].languages == "required", topic_id


# Services ---------------------------------------------------------------------------------------

class FakeService:
    def __init__(self, slug, status="active", last_reviewed="2026-10-01", categories=("drugs-alcohol",)):
        import datetime as dt
        self.slug, self.name, self.status, self.categories = slug, slug.title(), status, categories
        self.file = f"content/local-info/services/{slug}.md"
        self.last_reviewed = dt.date.fromisoformat(last_reviewed)
        self.review_every = "P12M"


def test_directory_topic_counts_only_active_fresh_services(fixture_site):
    from signpost.coverage.matrix import assess
    from signpost.model import load_content_model
    topics = {"topics": [{"id": "drugs-services", "title": "Drugs services", "description": "Local drugs help.",
                          "source": "1bii", "audience": ["young-people"], "min_services": 2,
                          "service_categories": ["drugs-alcohol"]}]}
    small_site(fixture_site, topics=topics)
    model = load_content_model(fixture_site.root / "content", fixture_site.root / "data", use_cache=False)  # English only
    model.services = {"a": FakeService("a"), "b": FakeService("b", status="inactive"),
                      "c": FakeService("c", last_reviewed="2025-01-01"),
                      "d": FakeService("d", categories=("housing",))}
    import datetime as dt
    coverage = assess(model, today=dt.date(2026, 11, 22), mode="enforce")
    entry = coverage.topic("drugs-services")
    assert [s.slug for s in entry.services] == ["a"]
    assert not entry.covered
    (gap,) = [f for f in coverage.gaps if f.field == "topics.drugs-services.min_services"]
    assert gap.is_error and "needs 2 active, fresh directory services in drugs-alcohol and has 1" in gap.message
    assert "content/local-info/services/b.md is inactive, not active" in gap.message
    assert "content/local-info/services/c.md overdue for review since 2026-01-01" in gap.message
    model.services["e"] = FakeService("e")
    assert assess(model, today=dt.date(2026, 11, 22), mode="enforce").topic(
        "drugs-services").covered


def test_directory_topic_on_a_real_build_counts_only_active_fresh_services(fixture_site):
    from test_services_fixtures import write_service
    topics = yaml.safe_load(yaml.safe_dump(TOPICS))
    topics["topics"].append({"id": "drugs-services", "title": "Drugs and alcohol services",
                             "description": "Local services that help with drugs or alcohol.", "source": "1bii",
                             "audience": ["young-people"], "min_services": 1, "service_categories": ["drugs-alcohol"]})
    small_site(fixture_site, topics=topics)
    write_service(fixture_site, "street-team", name="Street Drugs Team", categories=["drugs-alcohol"],
                  status="inactive", body="We used to visit the town centre.")
    write_service(fixture_site, "old-clinic", name="Old Drugs Clinic", categories=["drugs-alcohol"],
                  last_reviewed="2025-06-01", body="Help with drugs and alcohol.")
    result = fixture_site.build(env=ENFORCE)
    assert not result.ok
    assert ("topic `drugs-services` (Drugs and alcohol services) needs 1 active, fresh directory service in "
            "drugs-alcohol and has 0 (content/local-info/services/old-clinic.md overdue for review since "
            "2026-06-01; content/local-info/services/street-team.md is inactive, not active)") in result.output

    write_service(fixture_site, "drugs-help", name="Riverside Drugs Help", categories=["drugs-alcohol"],
                  body="Free, private help with drugs and alcohol.")
    (fixture_site.root / "content" / "local-info" / "services" / "old-clinic.md").unlink()
    result = fixture_site.build(env=ENFORCE)
    assert result.ok, result.output
    html = result.html("topics/")
    section = html[html.index('id="topic-drugs-services"'):]
    section = section[:section.index("<h2")]
    assert '<a href="../local-info/services/drugs-help/">Riverside Drugs Help</a>' in section
    assert "Street Drugs Team" not in section  # inactive services are not offered to readers


# Languages --------------------------------------------------------------------------------------

def _write_config(site) -> None:
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.mkdocs_config(), sort_keys=False, allow_unicode=True),
                                          encoding="utf-8")


def _translate_everything(site, language: str, relative: str) -> None:
    path = site.root / "translations" / language / relative
    with path.open("rb") as handle:
        po = read_po(handle, locale=language)
    for message in po:
        if message.id:
            message.string = f"PL {message.id}"
            message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, po, width=76)


def _interface_catalog(site, language: str, strings: dict[str, str]) -> None:
    catalog = Catalog(locale=language)
    for message_id, string in strings.items():
        catalog.add(message_id, string)
    path = site.root / "translations" / language / "interface.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_required_topic_must_be_fully_translated_in_every_language(fixture_site):
    site = small_site(fixture_site)
    site.languages = ["en", "pl"]
    _write_config(site)
    assert site.signpost("translations", "extract").returncode == 0
    result = site.build(env=ENFORCE)
    assert not result.ok
    assert ("content/charter/index.md: error: [translation.pl] topic `charter` (Young Person's Charter) must be "
            "published in every language, but no page on it is fully translated into `pl`") in result.output
    assert "translations/pl/charter/index.po" in result.output
    # Best effort (housing) is reported without failing: printed at INFO, never as an error.
    assert "1 best-effort topic is not fully translated into `pl`: housing" in result.output
    assert "ERROR   -  signpost: data/topics.yml: warning" not in result.output

    _translate_everything(site, "pl", "charter/index.po")
    _interface_catalog(site, "pl", {"Topics A to Z": "Tematy od A do Z", "Housing": "Mieszkanie",
                                    "Young Person's Charter": "Karta Młodego Człowieka"})
    result = site.build(env=ENFORCE)
    assert result.ok, result.output
    html = result.html("pl/topics/")
    assert '<html lang="pl"' in html
    assert "Tematy od A do Z" in html and ">Mieszkanie</h2>" in html
    # The charter link uses the page's Polish title; A to Z follows the Polish titles.
    assert '<a href="../charter/">PL Young Person&#39;s Charter</a>' in html or \
           "PL Young Person's Charter</a>" in html
    assert html.index(">Karta Młodego Człowieka</h2>") < html.index(">Mieszkanie</h2>")
    # What is still English (the topic's description here) is marked so screen readers switch voice.
    assert '<p dir="ltr" lang="en">Finding somewhere safe to live.</p>' in html
    # ... and the page says so, with a link to the English page, as translated pages do.
    assert 'class="signpost-fallback-notice' in html and '<a href="../../topics/" hreflang="en">' in html
    assert "signpost-fallback-notice" not in result.html("topics/")
    assert 'hreflang="en"' in html and "../../topics/" in html  # the language switcher reaches English

    report = site.signpost("report", "coverage", "--json", env=ENFORCE)
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    charter = next(t for t in data["topics"] if t["id"] == "charter")
    housing = next(t for t in data["topics"] if t["id"] == "housing")
    assert charter["languages"]["pl"]["state"] == "complete"
    assert housing["languages"]["pl"]["state"] == "missing"
    assert data["summary"]["topics_covered"] == 2
    text = site.signpost("report", "coverage", env=ENFORCE).stdout
    assert "TOPIC" in text and "charter" in text
    assert [line.split()[3:5] for line in text.splitlines() if line.startswith("housing ")] == [["yes", "no"]]


# Section markers, without a build ----------------------------------------------------------------

def test_markers_are_found_on_headings_only_outside_code_with_their_lines():
    from selectolax.lexbor import LexborHTMLParser

    from signpost.coverage.sections import find_markers, ids_in, missing_ids
    body = "Intro\n\n## Aims {#aims}\n\n```\n## Not a heading {#our-promises}\n```\n\n### Rights {: #your-rights .x }\n"
    markers = find_markers(body, body_line=10)
    assert [(m.id, m.line, m.heading) for m in markers] == [("aims", 12, "Aims"), ("your-rights", 18, "Rights")]
    assert missing_ids(ids_in(LexborHTMLParser('<h2 id="aims">Aims</h2>')), ["aims", "appeals"]) == ["appeals"]
    assert missing_ids(ids_in(LexborHTMLParser('<div data-id="aims"></div>')), ["aims"]) == ["aims"]


def test_real_pages_have_their_required_sections():
    from signpost.coverage.sections import check_page_sections
    from signpost.model.sections import load_section_rules
    from signpost.model import load_content_model
    from signpost.model.schema import PAGE_TYPES
    model = load_content_model(ROOT / "content", ROOT / "data")
    rules, findings = load_section_rules(ROOT / "data", "data", PAGE_TYPES)
    assert findings == []
    assert check_page_sections(model.pages.values(), rules) == []
    types = {page.type for page in model.pages.values()}
    assert {"charter", "equal-opportunities", "complaints"} <= types


def test_registry_schema_rules_without_a_build(tmp_path):
    from signpost.model.registry import load_registry
    (tmp_path / "standards.yml").write_text(yaml.safe_dump(STANDARDS), encoding="utf-8")
    (tmp_path / "topics.yml").write_text(yaml.safe_dump({"topics": [
        {"id": "debt-advice", "title": "Debt advice", "description": "Local help with debt.", "source": "1bii",
         "audience": ["young-people"], "min_services": 2},
        {"id": "Bad Id", "title": "Bad", "description": "An id with spaces.", "source": "kent-medway-study-2008",
         "audience": ["young-people"], "min_pages": 1, "languages": "sometimes"},
    ]}), encoding="utf-8")
    registry, findings = load_registry(tmp_path, "data")
    messages = {(f.field, f.message) for f in findings}
    assert ("topics.debt-advice", "topic `debt-advice`: `service_categories` is missing") in messages
    assert ("topics.Bad Id.id", "topic `Bad Id`: 'Bad Id' is not a valid id") in messages
    assert ("topics.Bad Id.languages", "topic `Bad Id`: `languages` cannot be 'sometimes'") in messages
    assert all(f.file == "data/topics.yml" and f.line for f in findings)
    # A seed document is a valid source; the topic is still loaded, with the default policy.
    assert registry.topics["Bad Id"].languages == "best-effort"


def test_sections_registry_bad_input_is_findings(tmp_path):
    from signpost.model.sections import load_section_rules
    (tmp_path / "sections.yml").write_text(
        "page_types:\n  charter:\n    sections:\n      - id: aims\n      - id: Not Valid\n"
        "  equal-opportunities:\n    sections:\n      - id: aims\n  leaflet:\n    sections: []\n", encoding="utf-8")
    rules, findings = load_section_rules(tmp_path, "data", ["charter", "equal-opportunities", "page"])
    messages = [f.message for f in findings]
    assert "section 2 of `charter` has no valid `id`" in messages
    assert "section id `aims` is used by both `charter` and `equal-opportunities`" in messages
    assert "unknown page type `leaflet`" in messages
    assert rules.types["charter"].ids == ("aims",)


def test_section_marked_in_markdown_but_missing_from_the_page_is_an_error(fixture_site):
    # The rendered HTML is checked too: a section hidden in an HTML comment is not on the page.
    small_site(fixture_site)
    body = EQUAL_OPPORTUNITIES.replace("## Our aims {#aims}\n\nFair help for all.",
                                       "<!--\n## Our aims {#aims}\n\nFair help for all.\n-->")
    fixture_site.write("equal-opportunities/index.md", page("Equal opportunities statement", body,
                                                            type="equal-opportunities"))
    result = fixture_site.build(env=ENFORCE)
    assert not result.ok
    assert ("content/equal-opportunities/index.md: error: [sections.aims] the section `aims` of the equal "
            "opportunities statement is missing from the `en` page (equal-opportunities/)") in result.output
    assert "take it out of the HTML comment or block that hides it" in result.output


def test_topic_titles_and_descriptions_are_listed_for_the_interface_catalog():
    from signpost.coverage.topic_messages import registry_messages
    from signpost.model.registry import load_registry
    registry, _ = load_registry(ROOT / "data")
    messages = registry_messages(registry)
    assert len(messages) == 2 * len(registry.topics)
    housing = next(m for m in messages if m[0] == "Housing")
    text = (ROOT / "data" / "topics.yml").read_text(encoding="utf-8").splitlines()
    assert housing[1] == "data/topics.yml" and text[housing[2] - 1].strip() == "title: Housing"
