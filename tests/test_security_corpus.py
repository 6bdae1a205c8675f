"""The hostile-input corpus: every untrusted source, fed the classic payloads, built for real.

One fixture site (English and Polish) carries every payload at once: a page
body, front-matter fields, a `.meta.yml`, a service file, page and interface
PO catalogs, a delivered PO merged with `signpost translations merge`, and a
spreadsheet imported with `signpost import`. The site is built once; every
built HTML file is parsed and must hold no executable markup (scripts other
than the theme's, event handlers, script URLs, frames), and every refused
input must be a finding naming its file and field (in the build and in
`signpost check`).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from security_corpus import (BREAKOUT_PAYLOADS, LINK_PAYLOADS, MARKUP_PAYLOADS, TEMPLATE_PAYLOADS,
                             body_with_every_payload, built_pages, executable_markup, our_scripts)
from sitebuilder import FixtureSite, page
from test_services_fixtures import service_text

pytestmark = pytest.mark.slow

TRANSLATED = ["Read [the charter](index.md) today.", "Call us on **0113 496 0123**.", "Use the map below.",
              "Ask a worker for help.", "Stay safe online."]
HOSTILE_PAGE_MSGSTR = {
    "Read [the charter](index.md) today.": "Przeczytaj [kartę](java&#115;cript:alert('po-link')) dziś.",
    "Call us on **0113 496 0123**.": "Zadzwoń <img src=x onerror=alert('po-img')> **0113 496 0123**.",
    "Use the map below.": "Użyj mapy {onclick=\"alert('po-attr')\"}",
    "Translated": "Prze\u202etłumaczone",
}
HOSTILE_INTERFACE = {
    "Exit this page": "<img src=x onerror=alert(document.domain)>Wyjdź",
    "Skip to main content": "\"><script>alert('interface-breakout')</script>",
    "{count} services": "{count.__class__.__init__.__globals__} usług",
    "Ages {low} to {high}": "Wiek {low do {high}",
}
HOSTILE_MERGE = {
    "Ask a worker for help.": "Poproś <a href=\"javascript:alert('merge')\">pracownika</a>.",
    "Stay safe online.": "Bądź bezpieczny [online](data:text/html,<script>alert('merge-data')</script>).",
}


def _po(language: str, translations: dict[str, str]) -> bytes:
    catalog = Catalog(locale=language)
    for msgid, msgstr in translations.items():
        catalog.add(msgid, msgstr)
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("corpus") / "project", languages=["en", "pl"])
    site.write("index.md", page("Home", "A clean control page."))
    site.write("hostile/body.md", page("Hostile body", body_with_every_payload()))
    site.write("hostile/title.md", page("<img src=x onerror=alert('title')>" + BREAKOUT_PAYLOADS[2],
                                        "Text.", description=BREAKOUT_PAYLOADS[0] + BREAKOUT_PAYLOADS[1]))
    site.write("template.md", page("Braces " + " ".join(TEMPLATE_PAYLOADS), "Body " + " ".join(TEMPLATE_PAYLOADS)))
    site.write("hostile/.meta.yml", yaml.safe_dump({"owner": "<script>alert('meta')</script>@example.org",
                                                    "audience": ["young-people"], "review_every": "P6M"}))
    site.write("hostile/nul.md", page("Nul", "Text").encode() + b"\x00 hidden\n")
    site.write("hostile/laughs.md", "---\ntitle: &a [x, x]\ndescription: &b [*a, *a, *a]\n---\nBody\n")
    site.write("hostile/deep.md", "---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\nBody\n")
    site.write("hostile/future.md", page("Future", "Text", last_reviewed="9999-12-31", review_every="P1Y"))
    site.write("translated.md", page("Translated", "\n\n".join(TRANSLATED)))
    site.write("local-info/services/hostile-service.md", service_text(
        "hostile-service", body="Book here: [Book](java&#115;cript:alert(document.domain))\n\n"
                                "<img src=x onerror=alert('service-body')>",
        name="Clinic <img src=x onerror=alert('service-name')>", url="javascript:alert('service-url')",
        email="clinic@example.org\"><script>alert('email')</script>",
        organization={"name": "Org</script><script>alert('json-ld')</script>", "url": "java&#115;cript:alert('org-url')"},
        alert="<svg onload=alert('alert')>", eligibility="=HYPERLINK(\"https://evil.example\",\"Click\")",
        phones=[{"number": "+44 113 496 0123", "description": "\"><script>alert('phone')</script>"}]))
    site.write("local-info/services/formula-service.md", service_text(
        "formula-service", eligibility="=HYPERLINK(\"https://evil.example\",\"Click\")",
        fees_description="@SUM(1+1)*cmd|' /C calc'!A0", phones=[{"number": "+44 113 496 0124"}]))
    site.write("pl/translated.po", _po("pl", HOSTILE_PAGE_MSGSTR), under="translations")
    site.write("pl/interface.po", _po("pl", HOSTILE_INTERFACE), under="translations")
    site.write("pl/index.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                              'msgid "A clean control page."\nmsgstr "Czysta strona\n', under="translations")
    site.write("pl/template.po", _po("pl", {}).replace(b"charset=utf-8", b"charset=KOI-99"), under="translations")
    site.write("pl/translated.po", _po("pl", {**HOSTILE_PAGE_MSGSTR, **HOSTILE_MERGE}), under="delivered")
    site.write("pl/translated.po", _po("pl", {**HOSTILE_PAGE_MSGSTR, **{k: "" for k in HOSTILE_MERGE}}),
               under="translations")
    secret = site.root.parent / "outside"
    secret.mkdir()
    (secret / "secret.md").write_text(page("Secret", "TOPSECRET"), encoding="utf-8")
    (secret / "secret.txt").write_text("TOPSECRET", encoding="utf-8")
    (site.root / "content" / "leak.md").symlink_to(secret / "secret.md")
    (site.root / "content" / "leakdir").symlink_to(secret)
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.mkdocs_config(), sort_keys=False, allow_unicode=True),
                                          encoding="utf-8")  # the commands below read it
    merge = site.signpost("translations", "merge", "delivered")
    sheet = site.write("sheet.csv", _sheet(), under="")
    imported = site.signpost("import", str(sheet), "--dry-run")
    build = site.build(strict=False)
    check = site.signpost("check", "--json")
    return site, build, merge, imported, json.loads(check.stdout)


def _sheet() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["slug", "name", "status", "categories", "phones", "url", "owner", "last_reviewed", "eligibility"])
    base = ["active", "sexual-health", "0113 496 0100", "https://example.org", "a@example.org", "2026-10-01"]
    writer.writerow(["csv-formula", "=HYPERLINK(\"https://evil.example\")", *base, "Anyone"])
    writer.writerow(["csv-dde", "DDE", *base, "+cmd|' /C calc'!A0"])
    writer.writerow(["csv-script", "<script>alert('csv')</script>", *base, "Anyone"])
    writer.writerow(["csv-url", "Url", *base[:3], "java&#115;cript:alert('csv-url')", *base[4:], "Anyone"])
    writer.writerow(["csv-good", "Good", *base[:2], "+44 113 496 0101", *base[3:], "- Anyone aged 13 to 19"])
    return out.getvalue()


def _problems(corpus, scripts_in):
    site, build, *_ = corpus
    pages = built_pages(site.root / "site")
    assert len(pages) > 10, build.output
    ours = our_scripts(build.html("")) | our_scripts(build.html("pl/"))
    problems = {}
    for html_file in pages:
        found = executable_markup(html_file.read_text(encoding="utf-8"), ours, scripts_in=scripts_in)
        if found:
            problems[html_file.relative_to(site.root / "site").as_posix()] = found
    return problems


def test_no_built_page_holds_handlers_script_urls_frames_or_content_scripts(corpus):
    assert _problems(corpus, scripts_in="article") == {}


def test_no_built_page_holds_any_script_but_the_themes(corpus):
    # Titles and descriptions reach the nav, the header and <meta name=description>: escaped by the theme.
    assert _problems(corpus, scripts_in=None) == {}


def test_every_hostile_page_was_built_and_shows_the_payload_as_text_or_not_at_all(corpus):
    site, build, *_ = corpus
    body = build.html("hostile/body/")
    assert "Text before the payloads." in body and "and an" in body  # the page is there, refused links as text
    template = build.html("template/")
    assert "1337" not in template and "evaluated" not in template  # template syntax is never evaluated
    assert "7 * 191" in template
    polish = build.html("pl/translated/")
    assert "Przeczytaj" not in polish and "Read" in polish  # refused translations fall back to English
    assert "Exit this page" in polish and "Wyjdź" not in polish  # so do refused interface strings


def _has(findings, file_part: str, field: str | None, text: str = "") -> bool:
    return any(file_part in f["file"] and (field is None or f["field"] == field) and text in f["message"]
               and f["severity"] == "error" for f in findings)


@pytest.mark.parametrize("file_part, field, text", [
    ("content/hostile/body.md", "body", "raw HTML `<script>`"),
    ("content/hostile/body.md", "body", "raw HTML `<iframe>`"),
    ("content/hostile/body.md", "body", "raw HTML `<svg>`"),
    ("content/hostile/body.md", "body", "links to a script"),
    ("content/hostile/body.md", "body", "direction"),
    ("content/hostile/title.md", "title", "contains HTML"),
    ("content/hostile/title.md", "description", "contains HTML"),
    ("content/hostile/.meta.yml", "owner", ""),
    ("content/hostile/nul.md", None, "NUL"),
    ("content/hostile/laughs.md", None, "anchors and aliases"),
    ("content/hostile/deep.md", None, "nested"),
    ("content/hostile/future.md", "last_reviewed", "future"),
    ("content/hostile/future.md", "review_every", "past the year 9999"),
    ("hostile-service.md", "url", ""),
    ("hostile-service.md", "organization.url", "links to a script"),
    ("hostile-service.md", "description", "links to a script"),
    ("hostile-service.md", "name", "contains HTML"),
    ("hostile-service.md", "alert", "contains HTML"),
    ("hostile-service.md", "email", ""),
    ("translations/pl/translated.po", "msgstr", "does not parse like the English: adds `<a"),
    ("translations/pl/translated.po", "msgstr", "adds HTML"),
    ("translations/pl/translated.po", "msgstr", "attribute list"),
    ("translations/pl/translated.po", "msgstr", "invisible control characters (U+202E)"),
    ("translations/pl/index.po", None, "malformed"),
    ("translations/pl/template.po", None, "unknown charset"),
    ("translations/pl/interface.po", "msgstr", "adds HTML (<img>)"),
    ("translations/pl/interface.po", "msgstr", "adds HTML (<script>)"),
    ("translations/pl/interface.po", "msgstr", "placeholders"),
    ("translations/pl/interface.po", "msgstr", "stray `{`"),
])
def test_each_rejected_input_is_an_error_naming_file_and_field_in_check_and_build(corpus, file_part, field, text):
    site, build, _, _, checked = corpus
    assert _has(checked, file_part, field, text), [f for f in checked if file_part in f["file"]]
    assert file_part.split("/")[-1] in build.output and "signpost found" in build.output


def test_links_out_of_the_project_are_refused_and_never_published(corpus):
    site, build, *_, checked = corpus
    assert _has(checked, "content/leak.md", "path", "outside the project")
    assert _has(checked, "content/leakdir", "path", "outside the project")
    published = [p for p in (site.root / "site").rglob("*") if p.is_file()]
    assert not any("leak" in p.as_posix() for p in published)
    assert not any("TOPSECRET" in p.read_text(encoding="utf-8", errors="ignore") for p in published)


def test_the_build_refuses_to_pass_with_hostile_input(corpus):
    _, build, *_ = corpus
    assert not build.ok


def test_hostile_page_lines_are_named(corpus):
    *_, checked = corpus
    lines = {f["line"] for f in checked if f["file"].endswith("hostile/body.md") and f["field"] == "body"}
    assert len(lines) >= len(MARKUP_PAYLOADS) + len(LINK_PAYLOADS) - 2


def test_merge_refuses_translations_that_add_markup_and_names_the_delivered_line(corpus):
    site, _, merge, *_ = corpus
    assert merge.returncode == 1
    output = merge.stdout + merge.stderr
    assert "delivered/pl/translated.po:" in output and "not merged" in output
    ours = (site.root / "translations/pl/translated.po").read_text(encoding="utf-8")
    for msgstr in HOSTILE_MERGE.values():
        assert msgstr not in ours and "javascript" not in ours


def test_import_rejects_formulas_scripts_and_script_links_with_row_and_column(corpus):
    _, _, _, imported, _ = corpus
    assert imported.returncode == 1
    err = imported.stderr
    assert "sheet.csv:2: column name:" in err and "formula" in err
    assert "sheet.csv:3: column eligibility:" in err
    assert "sheet.csv:4: column name:" in err and "HTML" in err
    assert "sheet.csv:5: column url:" in err
    assert "sheet.csv:6:" not in err  # +44 and a `- ` list are text, not formulas


def test_the_published_spreadsheet_neutralises_formulas_and_round_trips(corpus, tmp_path, monkeypatch):
    site, build, *_ = corpus
    text = (site.root / "site/open-data/services.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    for row in rows:
        for column, cell in row.items():
            plain_number = (cell or "").lstrip("+-").replace(".", "", 1).isdigit()  # -1.5: a number, not a formula
            assert plain_number or not (cell or "").startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    formula = next(row for row in rows if row["slug"] == "formula-service")
    assert formula["eligibility"].startswith("'=HYPERLINK") and formula["phones"].startswith("'+44")
    from signpost.commands.import_services import import_text
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    result = import_text(text, tmp_path / "services", site.root / "data")
    assert "formula-service" in result.created
    again = (tmp_path / "services/formula-service.md").read_text(encoding="utf-8")
    assert "=HYPERLINK" in again and "+44 113 496 0124" in again and "'=HYPERLINK" not in again
