"""The safety policies as functions: URL policy, raw HTML, output defence, translations, CSV, limits, paths.

Fast (no site build); the hostile corpus over real builds is in test_security_corpus.py.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

import signpost.engine.mkdocs  # noqa: F401  the engine adapter registers the Markdown renderer translations use
from signpost.model.durations import ReviewPeriod
from signpost.model.frontmatter import parse_document, read_document
from signpost.model.service_csv import formula_problem, neutralise_cell, read_rows, restore_cell
from signpost.safety import urls
from signpost.safety.links import markdown_url_findings
from signpost.safety.markup import raw_html_findings, sanitise_page_html
from signpost.safety.output import defuse_page
from signpost.safety.paths import outside_folder_problem, relative_path_problem, symlink_findings
from signpost.translations.integrity import integrity_problems

# -- 1. One URL policy -------------------------------------------------------------------------

REFUSED_URLS = [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#115;cript:alert(document.domain)",
    "jav&#x09;ascript:alert(1)", "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "&amp;#106;avascript:alert(1)", "javascript%3Aalert(1)", "%6A%61vascript:alert(1)", "%256A avascript:x",
    "\x00javascript:alert(1)", "java\u200bscript:alert(1)", "java\nscript:alert(1)", "\u202ejavascript:x",
    "vbscript:msgbox(1)", "VBScript&colon;x", "data:text/html;base64,PHNjcmlwdD4=", "data:image/svg+xml,<svg>",
    "file:///etc/passwd", "blob:https://x/1", "sms:+441134960000",
]
ALLOWED_URLS = ["https://example.org/a?b=c#d", "http://example.org", "mailto:hello@example.org",
                "tel:+441134960000", "../charter/", "page.md#aims", "#aims", "/about/", "//example.org/x",
                "images/map.png", "a/b:c"]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_url_policy_refuses_every_disguise_of_a_script_link(url):
    assert urls.url_problem(url) is not None
    assert not urls.attribute_is_safe("href", url)


@pytest.mark.parametrize("url", ALLOWED_URLS)
def test_url_policy_lets_web_mail_phone_and_relative_links_through(url):
    assert urls.url_problem(url) is None


def test_generated_sms_links_pass_only_as_signposts_own():
    assert urls.url_problem("sms:+441134960000", generated=True) is None
    assert urls.url_problem("sms:+441134960000") is not None


def test_endless_encoding_is_refused():
    nested = "javascript:x"
    for _ in range(12):
        nested = nested.replace("%", "%25").replace(":", "%3A")
    assert urls.url_problem(nested) is not None


def test_markdown_links_are_found_with_their_line_and_code_is_ignored():
    body = ("Intro.\n\n[Book](java&#115;cript:alert(document.domain))\n"
            "`[x](javascript:in-code)`\n\n```\n[y](javascript:in-fence)\n```\n"
            "[ref]: vbscript:msgbox\n<javascript:alert(1)>\n![img](data:image/png;base64,AAA)\n"
            '<span title="javascript:ok as text">t</span>\n[fine](https://example.org)\n')
    findings = markdown_url_findings(body, 10, "content/x.md")
    assert [f.line for f in findings] == [12, 18, 19, 20]
    assert all(f.file == "content/x.md" and f.field == "body" and f.hint for f in findings)
    assert "links to a script" in findings[0].message and "javascript:alert" in findings[0].message


# -- 3. Raw HTML policy --------------------------------------------------------------------------

def test_raw_html_outside_the_allow_list_is_an_error_with_its_line():
    body = "Text <em>fine</em>\n<iframe src=https://example.org></iframe>\n<span onclick=\"x()\">a</span>\n" \
           "<svg onload=alert(1)>\n`<script>in code</script>`\n<details open><summary>S</summary>D</details>\n"
    findings = raw_html_findings(body, 5, "content/x.md")
    problems = sorted((f.line, f.message) for f in findings)
    assert problems == [(6, "raw HTML `<iframe>` is not allowed in a page"),
                        (7, "the attribute `onclick` on `<span>` is not allowed"),
                        (8, "raw HTML `<svg>` is not allowed in a page")]


def test_sanitiser_keeps_markdown_output_and_removes_what_the_policy_refuses():
    html = ('<h2 id="aims">Aims</h2><div class="admonition note"><p class="admonition-title">Note</p></div>'
            '<table><thead><tr><th style="text-align: left;">A</th></tr></thead></table>'
            '<p><a href="../charter/" title="t">ok</a> <a href="java&#115;cript:alert(1)" onclick="x()">bad</a>'
            '<img src="map.png" alt="Map" onerror="alert(1)"></p><script>alert(1)</script>'
            '<iframe srcdoc="&lt;script&gt;"></iframe><svg><use href="data:x"/></svg><style>*{}</style>'
            '<form action="https://evil.example"><input formaction="javascript:x"></form>')
    cleaned = sanitise_page_html(html)
    for kept in ('<h2 id="aims">', 'class="admonition note"', 'style="text-align:left"', 'href="../charter/"',
                 'src="map.png"', 'alt="Map"'):
        assert kept in cleaned.replace("text-align: left", "text-align:left")
    assert not defuse_page(f"<html><body><article>{cleaned}</article></body></html>")[1]
    for gone in ("script", "onclick", "onerror", "iframe", "srcdoc", "<svg", "<style", "<form", "<input",
                 "javascript"):
        assert gone not in cleaned


def test_output_defence_removes_handlers_urls_and_content_scripts_but_keeps_the_theme_and_json_ld():
    page = ('<html><head><script src="assets/javascripts/bundle.js"></script><script>var theme = 1</script>'
            '</head><body><a href="sms:+441134960000">Text</a><article>'
            '<p onmouseover="x()">a <a href="&#106;avascript:x">b</a></p><script>alert(1)</script>'
            '<script type="application/ld+json">{"a": 1}</script><object data="x.swf"></object>'
            '<svg><a xlink:href="javascript:x"><animate attributeName="href" values="javascript:x"/></a></svg>'
            '<a href="https://example.org">ok</a></article></body></html>')
    cleaned, defused = defuse_page(page)
    assert 'src="assets/javascripts/bundle.js"' in cleaned and "var theme = 1" in cleaned
    assert 'href="sms:+441134960000"' in cleaned and "application/ld+json" in cleaned
    assert 'href="https://example.org"' in cleaned
    for gone in ("onmouseover", "avascript:", "alert(1)", "<object", "<animate"):
        assert gone not in cleaned
    assert len(defused.removed) >= 5
    clean_page = "<html><head></head><body><article><p>fine</p></article></body></html>"
    assert defuse_page(clean_page)[0] is clean_page  # untouched, byte for byte



def test_output_defence_judges_each_page_in_full_after_clean_pages_with_the_same_markup():
    # The pass remembers attribute sets and names found clean (the navigation of every page): a
    # hostile page that repeats them with one attribute more, another value or another tag is still caught.
    clean = ('<html><head><meta name="viewport" content="width=device-width"></head><body>'
             '<a class="md-nav__link" href="../charter/">Charter</a><img src="map.png" alt="Map" class="x">'
             '<div content="0;url=javascript:x" class="note">n</div><svg viewBox="0 0 1 1"></svg>'
             '<article><p class="y">fine</p></article></body></html>')
    for _ in range(3):
        assert defuse_page(clean) == (clean, defuse_page(clean)[1]) and not defuse_page(clean)[1]
    hostile = {
        '<a class="md-nav__link" href="../charter/" onclick="x()">Charter</a>': "onclick=",
        '<a class="md-nav__link" href="javascript:x()">Charter</a>': "href=",
        '<a class="md-nav__link" HREF="JAVASCRIPT:x()">Charter</a>': "href=",
        '<img src="map.png" alt="Map" class="x" onerror="x()">': "onerror=",
        '<img src="map.png" alt="Map" class="x" srcdoc="&lt;script&gt;">': "srcdoc=",
        '<img class="x" ONERROR="x()" alt="Map">': "onerror=",
        '<meta http-equiv="refresh" content="0;url=javascript:x">': "content=",
        '<meta content="0;url=javascript:x" class="note">': "content=",  # the <div>'s very attributes
        '<p class="y" style="background:url(javascript:x)">a</p>': "style=",
        '<svg viewBox="0 0 1 1" onload="x()"></svg>': "onload=",
        '<article><p class="y">fine</p><iframe src="https://example.org"></iframe></article>': "<iframe>",
    }
    for markup, removed in hostile.items():
        page = clean.replace("</body>", markup + "</body>")
        cleaned, defused = defuse_page(page)
        assert any(item.startswith(removed) for item in defused.removed), markup
        assert "x()" not in cleaned and "javascript" not in cleaned.split("<article>")[-1], markup
        assert cleaned.count("md-nav__link") == page.count("md-nav__link")  # the clean rest is kept


def test_the_url_policy_shortcut_for_printable_text_drops_exactly_what_the_full_filter_drops():
    import html
    import sys
    from urllib.parse import unquote

    from signpost.safety import urls
    # decoded() skips its per-character filter for printable text: no printable character but " " is invisible.
    assert [code for code in range(sys.maxunicode + 1)
            if chr(code).isprintable() and urls._is_invisible(chr(code)) and code != 0x20] == []
    assert [code for code in range(0x80) if urls._is_invisible(chr(code))] == sorted(urls._ASCII_INVISIBLE)
    for url in ("https://example.org/%D8%B3%DA%A9 /x", "java%09script:x", "jav&#x09;ascript:x",
                "https://example.org/\u0633\u06a9", "\u202ejavascript:x", "java\u200bscript:x", "java\u3000script:x",
                "mailto:a@example.org?body=one%0Atwo%09three", "mailto:a@example.org?subject=%E0%A8%A1%0A%E2%80%8Bx"):
        text = url
        for _ in range(8):  # the full decoding and filter, without the shortcuts
            text, before = unquote(html.unescape(text), errors="replace"), text
            if text == before:
                break
        assert urls.decoded(url) == "".join(ch for ch in text if not urls._is_invisible(ch)), url
    assert urls.scheme_of("java\u200bscript:x") == urls.scheme_of("java%E2%80%8Bscript:x") == "javascript"


# -- 2. Translations carry only their source's markup ---------------------------------------------

@pytest.mark.parametrize("msgid, msgstr, expected", [
    ("Exit this page", "<img src=x onerror=alert(document.domain)>Wyjdź", "adds HTML (<img>)"),
    ("Exit this page", "&lt;img src=x onerror=alert(1)&gt;Wyjdź", "adds HTML (<img>)"),
    ("Read [the charter](../charter/).", "Czytaj [kartę](javascript:alert(1)).", "adds `<a href=\"javascript:alert(1)\">`"),
    ("Read [the charter](../charter/).", "Czytaj [kartę](../charter/){onclick=alert(1)}.", "attribute list"),
    ("Read [the charter](../charter/).", "Czytaj [kartę](../charter/) {: .x}", "attribute list"),
    ("Read **this**.", "Czytaj <b onclick=x>to</b>.", "adds HTML (<b>)"),
    ("Use ![a map](map.png).", "Użyj ![mapa](https://evil.example/x.png).", "drops or changes `<img alt src=\"map.png\">`"),
    ("Last reviewed {date}.", "Sprawdzono {date.__class__.__init__.__globals__}.", "placeholders"),
    ("Last reviewed {date}.", "Sprawdzono {date.", "placeholders"),
])
def test_a_translation_that_adds_or_changes_markup_is_refused(msgid, msgstr, expected):
    for markdown in (True, False):  # a page message and an interface.po string alike
        problems = integrity_problems(msgid, msgstr, markdown=markdown)
        assert any(expected in p for p in problems), (markdown, problems)


def test_a_stray_brace_in_an_interface_string_is_refused_before_str_format_sees_it():
    problems = integrity_problems("Last reviewed {date}.", "Sprawdzono {date.", markdown=False)
    assert any("stray `{`" in p for p in problems)
    assert integrity_problems("Last reviewed {date}.", "Sprawdzono {date} {{ok}}.", markdown=False) == []


@pytest.mark.parametrize("msgid, msgstr", [
    ("Read [the charter](../charter/) today.", "Przeczytaj dziś [kartę](../charter/)."),
    ("Read **this** and *that*.", "Przeczytaj *tamto* i **to**."),
    ("Last reviewed {date}.", "Ostatnio sprawdzono {date}."),
    ("Use ![a map](map.png).", "Użyj ![mapy](map.png)."),
])
def test_a_translation_with_the_same_markup_passes(msgid, msgstr):
    assert integrity_problems(msgid, msgstr, markdown="{" not in msgid) == []


# -- 5. CSV exports are safe to open ------------------------------------------------------------

@pytest.mark.parametrize("value", ["=HYPERLINK(\"https://evil.example\",\"x\")", "+44 113 496 0123", "-1",
                                   "- a list", "@SUM(A1)", "\tx", "\rx", "'=x", "''=x", "'hello", "plain", ""])
def test_formula_cells_are_neutralised_on_export_and_restored_on_import(value):
    exported = neutralise_cell(value)
    assert not exported.startswith(("=", "+", "-", "@", "\t", "\r")) or exported == "-1"
    assert restore_cell(exported) == value


def test_plain_numbers_stay_numbers_in_the_export():
    assert neutralise_cell("-1.54871") == "-1.54871" and neutralise_cell("+44 113") == "'+44 113"


@pytest.mark.parametrize("value, refused", [("=1+1", True), ("@SUM(A1)", True), ("+cmd|' /C calc'!A0", True),
                                            ("-2+3+cmd|' /C calc'!A0", True), ("\t=1", True),
                                            ("-SUM(A1)", True), ("- Free advice!", False),
                                            ("+44 113 496 0123", False), ("- a list", False), ("-1", False),
                                            ("'=1+1", False)])
def test_import_refuses_cells_that_start_like_a_formula(value, refused):
    assert (formula_problem(value) is not None) == refused


def test_import_reports_formulas_huge_cells_nul_and_broken_quotes_with_row_and_column():
    text = 'slug,name,eligibility\nok,Ok,Everyone\nbad,"=HYPERLINK(""https://evil.example"")",x\n' \
           f'big,Big,{"a" * 30000}\n'
    _, rows, problems = read_rows(text)
    assert [r.slug for r in rows] == ["ok"]
    assert {(p.row, p.column) for p in problems} == {(3, "name"), (4, "eligibility")}
    assert read_rows("slug,name\nx,\x00y\n")[2][0].message.startswith("the file contains a NUL")
    _, _, broken = read_rows('slug,name\nx,"' + "a" * 2_000_000 + "\n")
    assert broken and broken[0].row == 2


# -- 9. Limits and parsers -----------------------------------------------------------------------

@pytest.mark.parametrize("front, message", [
    ('a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\ntitle: *c\n', "anchors and aliases"),
    ("title: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than"),
    ("title: x\n" + "description: " + "y" * 300_000 + "\n", "larger than"),
])
def test_hostile_front_matter_is_a_finding_not_a_crash(front, message):
    document, findings = parse_document(f"---\n{front}---\n\nBody\n", "content/x.md")
    assert document is None
    assert findings and message in findings[0].message and findings[0].file == "content/x.md"


def test_nul_bytes_and_huge_files_are_refused_unread(tmp_path):
    nul = tmp_path / "nul.md"
    nul.write_bytes(b"---\ntitle: x\n---\n\nHello\x00\n")
    document, findings = read_document(nul, "content/nul.md")
    assert document is None and findings[0].line == 5 and "NUL" in findings[0].message
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"---\ntitle: x\n---\n\n" + b"a" * 1_100_000)
    document, findings = read_document(huge, "content/huge.md")
    assert document is None and "over the limit" in findings[0].message


def test_far_future_review_dates_never_overflow():
    assert ReviewPeriod.parse("P6M").after(dt.date(9999, 12, 31)) == dt.date.max
    assert ReviewPeriod.parse("P99999999Y").after(dt.date(2026, 1, 1)) == dt.date.max


# -- 8. File-system safety -----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["../x.md", "a/../../x.md", "/etc/x.md", "C:\\x.md", "..\\x.md", "~/x.md",
                                  "a\x00b.md", ""])
def test_typed_paths_that_leave_the_folder_are_refused(path):
    assert relative_path_problem(path) is not None


def test_symbolic_links_out_of_the_project_are_refused(tmp_path):
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "content" / "inside").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    os.symlink(outside / "secret.md", project / "content" / "secret.md")
    os.symlink(outside, project / "content" / "folder")
    os.symlink(project / "content" / "inside", project / "content" / "fine")
    findings, refused = symlink_findings(project / "content", project)
    assert refused == {"secret.md", "folder/"}
    assert {f.file for f in findings} == {"content/secret.md", "content/folder"}
    assert outside_folder_problem(project / "content" / "folder" / "new.md", project) is not None
    assert outside_folder_problem(project / "content" / "fine" / "new.md", project) is None


# -- 8. The writing commands, run for real ---------------------------------------------------------

def test_new_page_never_writes_outside_content(fixture_site, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, fixture_site.root / "content" / "linked")
    for path in ("../evil.md", "a/../../evil.md", str(tmp_path / "evil.md"), "linked/evil.md"):
        result = fixture_site.signpost("new", "page", path)
        assert result.returncode == 2 and "nothing was written" in result.stderr, (path, result.stderr)
    assert list(outside.iterdir()) == [] and not (tmp_path / "evil.md").exists()
    assert not (fixture_site.root / "evil.md").exists()


def test_new_service_and_import_never_write_through_a_link_out_of_the_project(fixture_site, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    services = fixture_site.root / "content" / "local-info" / "services"
    services.mkdir(parents=True)
    os.symlink(outside / "victim.md", services / "victim.md")
    created = fixture_site.signpost("new", "service", "Victim")
    assert created.returncode == 2 and "outside" in created.stderr
    bad_slug = fixture_site.signpost("new", "service", "X", "--slug", "../../../evil")
    assert bad_slug.returncode == 2
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("slug,name,status,categories,phones,owner,last_reviewed\n"
                     "victim,Victim,active,housing,0113 496 0100,a@example.org,2026-10-01\n", encoding="utf-8")
    imported = fixture_site.signpost("import", str(sheet), "--update")
    assert imported.returncode == 1 and "sheet.csv:2: column slug: not written" in imported.stderr
    assert list(outside.iterdir()) == []


def test_merge_never_writes_through_a_catalog_that_links_out_of_translations(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from signpost.translations.merge import merge_translations

    def po(path, msgstr):
        catalog = Catalog(locale="pl")
        catalog.add("Hello there.", msgstr)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog)

    outside = tmp_path / "outside" / "victim.po"
    po(outside, "")
    ours = tmp_path / "translations" / "pl"
    ours.mkdir(parents=True)
    os.symlink(outside, ours / "page.po")
    po(tmp_path / "delivered" / "pl" / "page.po", "Cześć.")
    before = outside.read_bytes()
    result = merge_translations(tmp_path / "delivered", tmp_path / "translations")
    assert result.total_filled == 0 and outside.read_bytes() == before
    assert any("leads outside" in f.message and f.file.endswith("delivered/pl/page.po") for f in result.findings)


@pytest.mark.parametrize("text, line", [
    ('msgid "a"\nmsgstr "abc\n', 2),                       # no closing quote: babel would read "ab"
    ('msgid "a"\nmsgstr "a"b"\n', 2),                      # an unescaped quote inside
    ('msgid "a"\nmsgstr ""\n"one\n', 3),                   # a continuation line left open
    ('msgid "a"\nstray text\nmsgstr "b"\n', 2),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=KOI-99\\n"\n', 3),
])
def test_po_files_babel_would_silently_repair_are_refused_with_their_line(text, line):
    from signpost.safety.po import charset_problem, po_syntax_problem
    problem = po_syntax_problem(text) or charset_problem(text)
    assert problem is not None and problem[0] == line


def test_every_real_catalog_passes_the_strict_po_reading():
    from sitebuilder import ROOT

    from signpost.safety.po import charset_problem, po_syntax_problem
    for po in sorted((ROOT / "translations").rglob("*.po")):
        text = po.read_text(encoding="utf-8")
        assert po_syntax_problem(text) is None and charset_problem(text) is None, po


def test_extract_never_writes_through_a_catalog_that_links_out_of_the_project(tmp_path):
    import yaml
    from sitebuilder import FixtureSite, page

    site = FixtureSite(tmp_path / "project", languages=["en", "pl"])
    site.write("index.md", page("Home", "Welcome to the site."))
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.mkdocs_config(), sort_keys=False), encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (site.root / "translations" / "pl").mkdir(parents=True)
    os.symlink(victim, site.root / "translations" / "pl" / "index.po")
    result = site.signpost("translations", "extract")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "translations/pl/index.po" in result.stdout + result.stderr and "not written" in result.stdout + result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
