"""Freshness: review schedules, overdue builds, review dates on pages, outdated references, git, report.

Model-level tests load the real content model from a fixture project (fast);
build tests run the real `mkdocs build --strict` on a fixture site.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from types import SimpleNamespace

import pytest

from sitebuilder import page

from signpost.findings import Severity
from signpost.freshness.checks import FreshnessSettings, run_checks, schedule_findings
from signpost.freshness.references import load_outdated_references
from signpost.freshness.schedule import ReviewSchedule, Status, service_schedule, schedules_for
from signpost.engine.mkdocs.project import load_settings
from signpost.model import load_content_model
from signpost.model.durations import ReviewPeriod

TODAY = dt.date(2026, 11, 22)
NO_GIT = FreshnessSettings(check_history=False)


def model_of(site):
    # The project's settings (languages, catalogs) come from its mkdocs.yml through the engine adapter.
    return load_content_model(site.root / "content", site.root / "data", use_cache=False,
                              settings=load_settings(site.root))


def freshness(site, today=TODAY, settings=NO_GIT):
    return run_checks(model_of(site), settings, today)


def messages(findings, severity=None):
    return [f.format() for f in findings if severity is None or f.severity is severity]


# Review schedules

def test_status_is_fresh_due_or_overdue_against_today():
    schedule = ReviewSchedule("page", "a.md", "content/a.md", "A", "team@example.org", dt.date(2026, 10, 1),
                              ReviewPeriod.parse("P6M"))
    assert schedule.review_by == dt.date(2027, 4, 1)
    assert schedule.status(dt.date(2027, 3, 1)) is Status.FRESH  # 31 days left
    assert schedule.status(dt.date(2027, 3, 2)) is Status.DUE  # 30 days left: inside the window
    assert schedule.status(dt.date(2027, 4, 1)) is Status.DUE  # the review day itself
    assert schedule.status(dt.date(2027, 4, 2)) is Status.OVERDUE
    assert schedule.status(dt.date(2027, 3, 1), due_within_days=60) is Status.DUE
    assert schedule.days_left(dt.date(2027, 4, 11)) == -10


def test_overdue_is_an_error_with_owner_review_by_and_days(fixture_site):
    fixture_site.write("old.md", page("Old", last_reviewed="2026-01-10"))  # P6M from .meta.yml: 2026-07-10
    fixture_site.write("soon.md", page("Soon", last_reviewed="2026-06-01"))  # review by 2026-12-01: 9 days
    fixture_site.write("new.md", page("New", last_reviewed="2026-11-01"))
    findings = freshness(fixture_site).findings
    errors = messages(findings, Severity.ERROR)
    assert len(errors) == 1
    assert "content/old.md:5" in errors[0] and "review by 2026-07-10" in errors[0]
    assert "135 days overdue" in errors[0] and "information-team@example.org" in errors[0]
    warnings = messages(findings, Severity.WARNING)
    assert len(warnings) == 1 and "content/soon.md" in warnings[0] and "in 9 days" in warnings[0]


def test_section_default_review_period_applies_and_a_page_can_override_it(fixture_site):
    fixture_site.write("news/.meta.yml", "review_every: P1M\nowner: news-team@example.org\n")
    fixture_site.write("news/a.md", page("A", last_reviewed="2026-10-01"))
    fixture_site.write("news/b.md", page("B", last_reviewed="2026-10-01", review_every="P1Y"))
    schedules = {s.path: s for s in schedules_for(model_of(fixture_site))}
    assert schedules["news/a.md"].review_by == dt.date(2026, 11, 1)
    assert schedules["news/a.md"].owner == "news-team@example.org"
    assert schedules["news/a.md"].status(TODAY) is Status.OVERDUE
    assert schedules["news/b.md"].review_by == dt.date(2027, 10, 1)


def test_bad_review_dates_are_reported_once_by_the_model_and_skipped_here(fixture_site):
    fixture_site.write("bad.md", page("Bad", review_every="six months"))
    fixture_site.write("future.md", page("Future", last_reviewed="2027-01-01"))
    model = model_of(fixture_site)
    assert any("review_every" in f.format() for f in model.report)
    assert any("in the future" in f.format() for f in model.report)
    result = run_checks(model, NO_GIT, TODAY)
    assert "bad.md" not in {s.path for s in result.schedules}
    assert not [f for f in result.findings if "bad.md" in f.file]


def test_services_default_to_twelve_months_and_unlisted_ones_are_skipped():
    active = SimpleNamespace(path="local-info/services/youth-hub.md", file="content/local-info/services/youth-hub.md",
                             name="Youth hub", owner="directory@example.org", last_reviewed=dt.date(2025, 11, 1),
                             is_listed=True, key_lines={"last_reviewed": 7})
    closed = SimpleNamespace(**{**vars(active), "is_listed": False})
    schedule = service_schedule(active)
    assert schedule.review_by == dt.date(2026, 11, 1) and schedule.kind == "service" and schedule.line == 7
    assert service_schedule(closed) is None
    finding, = schedule_findings([schedule], TODAY)
    assert finding.is_error and "service is overdue" in finding.message and "21 days overdue" in finding.message
    assert finding.file == "content/local-info/services/youth-hub.md" and finding.line == 7


# Outdated references

def test_outdated_reference_is_an_error_with_line_and_replacement(fixture_site):
    fixture_site.write("rights.md", page("Rights", "You are protected.\n\nThe Disability Discrimination Act 1995 "
                                                   "says so.\n\nAsk about EMA or the ema form."))
    findings = [f for f in freshness(fixture_site).findings if "outdated reference" in f.message]
    assert [(f.line, f.is_error) for f in findings] == [(12, True), (14, True)]
    assert "Equality Act 2010" in findings[0].hint
    assert "'EMA'" in findings[1].message  # the abbreviation matches in capitals only: not "ema"


def test_historical_passages_are_not_reported(fixture_site):
    body = ("<!-- historical -->\nIn 1995 the Disability Discrimination Act 1995 was passed.\n\n"
            "The Race Relations Act 1976 came earlier.\n<!-- /historical -->\n\n"
            "Before 2010 the Sex Discrimination Act 1975 applied.\n{ .historical }\n\n"
            "Now the Data Protection Act 1998 protects you.")
    fixture_site.write("history.md", page("History", body))
    findings = [f for f in freshness(fixture_site).findings if "outdated reference" in f.message]
    assert len(findings) == 1 and "Data Protection Act 1998" in findings[0].message


def test_an_unclosed_historical_passage_is_reported(fixture_site):
    fixture_site.write("open.md", page("Open", "<!-- historical -->\nThe Race Relations Act 1976."))
    findings = freshness(fixture_site).findings
    assert any("never closed" in f.message and f.line == 10 for f in findings)


def test_a_registry_that_does_not_validate_is_a_finding_not_a_traceback(fixture_site):
    fixture_site.write("outdated-references.yml", "references:\n  - term: Old Act\n    reason: it went away long ago\n"
                                                  "  - replacement: X\n", under="data")
    registry, findings = load_outdated_references(fixture_site.root / "data")
    assert findings and all(f.is_error and f.file.endswith("data/outdated-references.yml") for f in findings)
    assert {f.line for f in findings} == {2, 4}
    fixture_site.write("outdated-references.yml", "references: [term: {", under="data")
    _, findings = load_outdated_references(fixture_site.root / "data")
    assert len(findings) == 1 and "not valid YAML" in findings[0].message


def test_the_real_registry_validates_and_matches_its_terms():
    from pathlib import Path
    registry, findings = load_outdated_references(Path(__file__).parent.parent / "data")
    assert findings == []
    terms = {r.term for r in registry.references}
    assert {"Sex Discrimination Act 1975", "Race Relations Act 1976", "Disability Discrimination Act 1995",
            "Education Maintenance Allowance", "Learning and Skills Council", "Connexions Card"} <= terms
    found = registry.scan("Apply for income-based Jobseeker’s Allowance and a Connexions card.", "x.md")
    assert len(found) == 2


# Edited without review (git)

def git(repo, *args, date="2026-10-01T12:00:00"):
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Test",
           "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "PATH": "/usr/bin:/bin", "HOME": str(repo)}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_edits_after_the_last_review_are_warnings_in_one_git_pass(fixture_site):
    root = fixture_site.root
    fixture_site.write("a.md", page("A", "First text."))
    fixture_site.write("b.md", page("B", "First text."))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Add pages")
    fixture_site.write("a.md", page("A", "Changed text."))  # an edit, last_reviewed untouched
    fixture_site.write("b.md", page("B", "Changed text.", last_reviewed="2026-11-02"))  # a review
    git(root, "commit", "-qam", "Edit pages", date="2026-11-02T09:00:00")
    findings = [f for f in freshness(fixture_site, settings=FreshnessSettings()).findings
                if "after its last review" in f.message]
    assert len(findings) == 1
    assert findings[0].file.endswith("a.md") and findings[0].severity is Severity.WARNING
    assert "2026-11-02" in findings[0].message and "Edit pages" in findings[0].message


def test_no_repository_or_a_shallow_clone_skips_the_git_check(fixture_site, tmp_path):
    fixture_site.write("a.md", page("A"))
    result = freshness(fixture_site, settings=FreshnessSettings())
    assert result.history is not None and not result.history.available
    assert "not in a git repository" in result.history.reason
    git(fixture_site.root, "init", "-q")
    git(fixture_site.root, "add", ".")
    git(fixture_site.root, "commit", "-qm", "one")
    git(fixture_site.root, "commit", "-qm", "two", "--allow-empty")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{fixture_site.root}", str(clone)], check=True,
                   capture_output=True)
    model = load_content_model(clone / "content", clone / "data", use_cache=False)
    history = run_checks(model, FreshnessSettings(), TODAY).history
    assert not history.available and "shallow" in history.reason


# The build

def test_build_shows_review_dates_and_fails_on_overdue(fixture_site):
    fixture_site.write("index.md", page("Home", topics=["about-service"]))
    fixture_site.write("old.md", page("Old", last_reviewed="2026-01-10"))
    result = fixture_site.build(today="2026-11-22")
    assert not result.ok
    assert "content/old.md:5: error: [last_reviewed] page is overdue for review: review by 2026-07-10" in result.output
    fixture_site.write("old.md", page("Old", last_reviewed="2026-11-20"))
    result = fixture_site.build(today="2026-11-22")
    assert result.ok, result.output
    notice = re.search(r'<p class="signpost-review">.*?</p>', result.html("old/")).group(0)
    assert notice == ('<p class="signpost-review">Last reviewed <time datetime="2026-11-20">20 November 2026</time>.'
                      ' Next review by <time datetime="2027-05-20">20 May 2027</time>.</p>')


def test_due_pages_are_reported_without_failing_the_strict_build(fixture_site):
    fixture_site.write("index.md", page("Home", topics=["about-service"], last_reviewed="2026-06-01"))
    result = fixture_site.build(today="2026-11-22")
    assert result.ok, result.output
    assert "content/index.md:6: warning: [last_reviewed] page is due for review by 2026-12-01" in result.output


def test_ten_years_ahead_the_build_fails_and_lists_every_page(fixture_site):
    for name in ("index", "a", "b", "c"):
        fixture_site.write(f"{name}.md", page(name.title(), topics=["about-service"] if name == "index" else []))
    result = fixture_site.build(today="2036-11-22")
    assert not result.ok
    for name in ("index", "a", "b", "c"):
        assert re.search(rf"content/{name}.md:\d+: error: \[last_reviewed\] page is overdue", result.output)


def test_outdated_reference_fails_the_build_and_historical_marker_passes(fixture_site):
    fixture_site.write("index.md", page("Home", "Read about the Race Relations Act 1976.", topics=["about-service"]))
    result = fixture_site.build()
    assert not result.ok and "content/index.md:11: error: [body] outdated reference" in result.output
    fixture_site.write("index.md", page("Home", "Read about the Race Relations Act 1976. { .historical }",
                                        topics=["about-service"]))
    result = fixture_site.build()
    assert result.ok, result.output


def test_polish_build_shows_dates_in_polish_and_pages_json_lists_every_language(fixture_site):
    fixture_site.languages = ["en", "pl"]
    fixture_site.write("index.md", page("Home", topics=["about-service"]))
    fixture_site.write("rights.md", page("Rights", last_reviewed="2026-06-01"))
    fixture_site.write("pl/interface.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                          'msgid "Last reviewed {date}."\nmsgstr "Ostatnio sprawdzono {date}."\n\n'
                                          'msgid "Next review by {date}."\nmsgstr "Następne sprawdzenie do {date}."\n',
                       under="translations")
    result = fixture_site.build()
    assert result.ok, result.output
    polish = result.html("pl/rights/")
    assert ('<p class="signpost-review">Ostatnio sprawdzono <time datetime="2026-06-01">1 czerwca 2026</time>. '
            'Następne sprawdzenie do <time datetime="2026-12-01">1 grudnia 2026</time>.</p>') in polish
    published = json.loads((result.site / "pages.json").read_text(encoding="utf-8"))
    rows = {(p["source"], p["language"]): p for p in published["pages"]}
    assert set(rows) == {("index.md", "en"), ("index.md", "pl"), ("rights.md", "en"), ("rights.md", "pl")}
    assert rows[("rights.md", "pl")]["url"] == "https://example.org/pl/rights/"
    assert rows[("rights.md", "pl")]["status"] == "due" and rows[("rights.md", "en")]["review_by"] == "2026-12-01"
    from jsonschema import Draft202012Validator
    from signpost.freshness.report import PAGES_SCHEMA
    Draft202012Validator(PAGES_SCHEMA).validate(published)


def test_an_untranslated_notice_stays_wholly_english_and_says_so(tmp_path):
    from signpost import l10n
    from signpost.freshness.notice import review_notice_html
    schedule = ReviewSchedule("page", "a.md", "content/a.md", "A", "team@example.org", dt.date(2026, 10, 1),
                              ReviewPeriod.parse("P6M"))
    l10n.set_translations_dir(tmp_path)
    try:
        notice = review_notice_html(schedule, "ur")
    finally:
        l10n.set_translations_dir("translations")
    assert notice.startswith('<p class="signpost-review" lang="en" dir="ltr">Last reviewed <time datetime="2026-10-01">'
                             '1 October 2026</time>.')


def test_overdue_banner_for_previews():
    from signpost.freshness.notice import overdue_banner_html
    schedule = ReviewSchedule("page", "a.md", "content/a.md", "A", "team@example.org", dt.date(2026, 1, 1),
                              ReviewPeriod.parse("P6M"))
    banner = overdue_banner_html(schedule, TODAY, "en")
    assert 'class="admonition warning signpost-overdue"' in banner and "144 days ago" in banner
    assert '<time datetime="2026-07-01">1 July 2026</time>' in banner


# The owners' report and `signpost check`

def test_report_groups_by_owner_soonest_first_and_filters(fixture_site):
    fixture_site.write("a.md", page("A", last_reviewed="2026-10-01"))
    fixture_site.write("b.md", page("B", last_reviewed="2026-06-01"))
    fixture_site.write("c.md", page("C", last_reviewed="2026-01-01", owner="zz-team@example.org"))
    result = fixture_site.signpost("report", "freshness", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    # The owner with the most urgent review first, then each owner's pages soonest first.
    assert [(i["file"], i["status"]) for i in items] == [
        ("content/c.md", "overdue"), ("content/b.md", "due"), ("content/a.md", "fresh")]
    assert items[0]["days_left"] == -144
    text = fixture_site.signpost("report", "freshness", "--due-within", "30d").stdout
    assert "content/b.md" in text and "content/c.md" in text and "content/a.md" not in text
    assert "zz-team@example.org (1, 1 overdue)" in text
    only = fixture_site.signpost("report", "freshness", "--owner", "zz-team", "--json").stdout
    assert [i["file"] for i in json.loads(only)["items"]] == ["content/c.md"]


def test_signpost_check_runs_the_freshness_check(fixture_site):
    fixture_site.write("index.md", page("Home", topics=["about-service"], last_reviewed="2026-01-01"))
    result = fixture_site.signpost("check")
    assert result.returncode == 1 and "page is overdue for review" in result.stderr + result.stdout


# Translations

def test_outdated_translation_is_reported_with_how_long(fixture_site):
    fixture_site.languages = ["en", "pl"]
    fixture_site.write("index.md", page("Home", "We help young people.", topics=["about-service"]))
    fixture_site.write("pl/index.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                      '#. source-changed: 2026-11-02\n#, fuzzy\nmsgid "We help young people."\n'
                                      'msgstr "Pomagamy."\n', under="translations")
    result = fixture_site.build(today="2026-11-22")
    assert result.ok, result.output
    assert "the pl translation is outdated since 2026-11-02 (20 days)" in result.output
    rows = {(p["source"], p["language"]): p for p in
            json.loads((result.site / "pages.json").read_text(encoding="utf-8"))["pages"]}
    assert rows[("index.md", "pl")]["translation_outdated_since"] == "2026-11-02"
    assert rows[("index.md", "en")]["translation_outdated_since"] is None


# Published schemas

@pytest.mark.parametrize("name, module, attribute", [
    ("outdated-references", "signpost.freshness.references", "OUTDATED_REFERENCES_SCHEMA"),
    ("pages", "signpost.freshness.report", "PAGES_SCHEMA"),
])
def test_published_schemas_match_the_code(name, module, attribute):
    import importlib
    from pathlib import Path
    published = Path(__file__).parent.parent / "docs" / "schema" / f"{name}.schema.json"
    assert json.loads(published.read_text(encoding="utf-8")) == getattr(importlib.import_module(module), attribute), \
        f"regenerate {published.name} from {module}.{attribute}"


# Directory services, in the directory's own file format

def service_file(name: str, last_reviewed: str, body: str, status: str = "active", number: int = 1) -> str:
    return (f"---\nid: 00000000-0000-4000-8000-{number:012d}\nname: {name}\nstatus: {status}\n"
            f"categories: [sexual-health]\nowner: directory@example.org\nlast_reviewed: {last_reviewed}\n"
            f"email: clinic{number}@example.org\n---\n\n"
            f"{body}\n")


def test_services_are_scheduled_checked_and_scanned_from_their_files(fixture_site):
    fixture_site.write("local-info/services/old-clinic.md", service_file(
        "Old clinic", "2025-11-01", "Free condoms.\n\nShow your Connexions Card at the desk."))
    fixture_site.write("local-info/services/new-clinic.md", service_file("New clinic", "2026-11-01", "Advice.",
                                                                         number=2))
    fixture_site.write("local-info/services/closed-clinic.md", service_file("Closed clinic", "2020-01-01", "Gone.",
                                                                            status="defunct", number=3))
    result = freshness(fixture_site)
    services = {s.path: s for s in result.schedules if s.kind == "service"}
    assert set(services) == {"local-info/services/old-clinic.md", "local-info/services/new-clinic.md"}
    assert services["local-info/services/new-clinic.md"].review_by == dt.date(2027, 11, 1)  # 12 months by default
    errors = [f for f in result.findings if f.is_error]
    overdue = [f for f in errors if "overdue" in f.message]
    assert [(f.file.endswith("content/local-info/services/old-clinic.md"), f.line) for f in overdue] == [(True, 7)]
    assert "21 days overdue" in overdue[0].message and "directory@example.org" in overdue[0].message
    outdated = [f for f in errors if "outdated reference" in f.message]
    assert [(f.file.endswith("content/local-info/services/old-clinic.md"), f.line) for f in outdated] == [(True, 13)]


def test_service_pages_keep_their_own_dates_but_are_listed_in_pages_json(fixture_site):
    fixture_site.write("index.md", page("Home", topics=["about-service"]))
    fixture_site.write("local-info/services/new-clinic.md", service_file("New clinic", "2026-11-01", "Advice."))
    result = fixture_site.build()
    assert result.ok, result.output
    listed = {p["source"]: p for p in json.loads((result.site / "pages.json").read_text(encoding="utf-8"))["pages"]}
    service_pages = [html for html in (result.site / "local-info").rglob("new-clinic*/index.html")]
    assert service_pages, "the directory did not write a page for the service"
    assert 'class="signpost-review"' not in service_pages[0].read_text(encoding="utf-8")
    assert 'class="signpost-review"' in result.html("")
    assert listed["local-info/services/new-clinic.md"]["review_by"] == "2027-11-01"


def test_a_page_without_owner_or_section_default_is_reported_and_listed_as_no_owner(fixture_site):
    fixture_site.write(".meta.yml", "review_every: P6M\naudience: [young-people]\n")  # no owner default
    fixture_site.write("orphan.md", page("Orphan", last_reviewed="2026-01-01"))
    model = model_of(fixture_site)
    assert [f.field for f in model.report if f.file.endswith("orphan.md")] == ["owner"]
    overdue, = [f for f in run_checks(model, NO_GIT, TODAY).findings if f.file.endswith("orphan.md")]
    assert "owner no owner" not in overdue.message and "no owner" in overdue.message
    text = fixture_site.signpost("report", "freshness").stdout
    assert "(no owner) (1, 1 overdue)" in text
