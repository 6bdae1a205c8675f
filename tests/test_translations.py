"""Translations: PO catalogs per page, block-level translation at build time, honest fallback.

Every test builds a real fixture site (en + pl + ur) with `mkdocs build --strict`
or runs the real `signpost translations` commands in it.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import yaml
from signpost.translations.po_format import po_text

from sitebuilder import page
from signpost.translations.catalogs import read_catalog

CHARTER_BODY = """We help young people in Riverside.

## Aims {#our-aims}

We give free and private advice. Call [0113 496 0123](tel:+441134960123) or email help@example.org.

- Listen to you
- Keep what you say private

Our centre is open 5 days a week."""

TRANSLATED_PL = {
    "Our charter": "Nasza karta",
    "What the our charter page is about.": "O czym jest strona z naszą kartą.",
    "We help young people in Riverside.": "Pomagamy młodym ludziom w Riverside.",
    "Aims": "Cele",
    "Listen to you": "Słuchamy cię",
}


def catalog(site, language: str, name: str):
    path = site.root / "translations" / language / name
    po, findings = read_catalog(path, language)
    assert po is not None, findings
    return path, po


def translate(site, language: str, name: str, strings: dict[str, str]) -> Path:
    """Write translations into a catalog made by `signpost translations extract`."""
    path, po = catalog(site, language, name)
    for message_id, string in strings.items():
        assert message_id in po, f"{message_id!r} is not a message of {name}"
        po[message_id].string = string
    path.write_text(po_text(po), encoding="utf-8")
    return path


def multilingual(fixture_site, *, body: str = CHARTER_BODY):
    fixture_site.languages = ["en", "pl", "ur"]
    fixture_site.write("index.md", page("Home", "Welcome to the service.", topics=["about-service"]))
    fixture_site.write("charter/index.md", page("Our charter", body))
    write_config(fixture_site)
    extract = fixture_site.signpost("translations", "extract")
    assert extract.returncode == 0, extract.stdout + extract.stderr
    return fixture_site


def build_with_language(site, locale: str, name: str):
    """Build the site with one more language in the i18n plugin's list than the fixture knows."""
    config = site.mkdocs_config()
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["languages"].append({"locale": locale, "name": name, "build": True})
    site.config_overrides = {"plugins": config["plugins"]}
    return site.build()


def write_config(site) -> None:
    """mkdocs.yml as `build()` writes it, so the commands see the fixture's languages before a build."""
    text = yaml.safe_dump(site.mkdocs_config(), sort_keys=False, allow_unicode=True)
    (site.root / "mkdocs.yml").write_text(text, encoding="utf-8")


def block(html: str, text: str) -> str:
    """The opening tag of the block whose text starts with `text`."""
    match = re.search(r"<(p|h\d|li|ul)\b([^>]*)>" + re.escape(text), html)
    assert match, f"{text!r} not found"
    return match.group(0)


def test_translated_blocks_replace_english_and_fallback_is_marked(fixture_site):
    site = multilingual(fixture_site)
    translate(site, "pl", "charter/index.po", TRANSLATED_PL)
    result = site.build()
    assert result.ok, result.output
    html = result.html("pl/charter/")
    # Translated blocks: in Polish, no English marking; heading keeps its id.
    assert "lang=\"en\"" not in block(html, "Pomagamy młodym ludziom w Riverside.")
    assert re.search(r'<h2 id="our-aims">Cele</h2>', html)
    assert "<title>Nasza karta" in html
    assert 'content="O czym jest strona z naszą kartą."' in html
    # Untranslated blocks: English, marked for screen readers.
    fallback = block(html, "We give free and private advice.")
    assert 'lang="en"' in fallback and 'dir="ltr"' in fallback
    assert 'lang="en"' in block(html, "Keep what you say private")
    assert "Słuchamy cię" in html and "Listen to you" not in html
    # The notice, in the page's language (English until interface.po is translated), links to the English page.
    notice = re.search(r'<div class="signpost-fallback-notice[^>]*lang="pl"[^>]*>(.*?)</div>', html, re.S)
    assert notice, html
    assert "Parts of this page are not translated yet." in notice.group(1)
    assert 'href="../../charter/"' in notice.group(1)
    # The English page is untouched.
    english = result.html("charter/")
    assert "signpost-fallback-notice" not in english and 'lang="en" dir' not in english


def test_interface_strings_come_from_interface_catalog(fixture_site):
    site = multilingual(fixture_site)
    translate(site, "pl", "charter/index.po", TRANSLATED_PL)
    translate(site, "pl", "interface.po", {
        "Parts of this page are not translated yet.": "Części tej strony nie są jeszcze przetłumaczone.",
        "Read this page in English": "Przeczytaj tę stronę po angielsku",
        "Last reviewed {date}.": "Ostatnio sprawdzono: {date}.",
        "Next review by {date}.": "Następne sprawdzenie do: {date}.",
    })
    result = site.build()
    assert result.ok, result.output
    html = result.html("pl/charter/")
    assert "Części tej strony nie są jeszcze przetłumaczone." in html
    assert ">Przeczytaj tę stronę po angielsku</a>" in html
    # A navigation section is named after its index page, translated with that page.
    assert re.search(r'<span class="md-ellipsis">\s*Nasza karta\s*</span>', html)
    # Dates are formatted by babel in the page's language (the page was last reviewed on 2026-10-01).
    assert re.search(r"Ostatnio sprawdzono: <time[^>]*>1 października 2026</time>", html), html[-3000:]
    # A page with nothing translated says so.
    assert "This page is not translated yet." in result.html("ur/charter/")


def test_html_lang_and_dir_on_every_page(fixture_site):
    site = multilingual(fixture_site)
    result = site.build()
    assert result.ok, result.output
    urdu = result.html("ur/charter/")  # a fallback page: English text, Urdu page
    assert re.search(r'<html lang="ur"[^>]* dir="rtl"', urdu)
    assert re.search(r'<body dir="rtl"', urdu)
    assert re.search(r'<html lang="pl"[^>]* dir="ltr"', result.html("pl/"))
    assert re.search(r'<html lang="en"[^>]* dir="ltr"', result.html(""))
    # English fallback text inside the RTL page reads left to right.
    assert 'dir="ltr"' in block(urdu, "We help young people in Riverside.")


def test_polish_dates_and_direction_from_babel():
    import datetime as dt

    from signpost import l10n
    assert l10n.format_date(dt.date(2026, 10, 1), "pl") == "1 października 2026"
    assert l10n.day_name(0, "pl") == "poniedziałek"
    assert l10n.direction("ur") == "rtl" and l10n.direction("pa") == "ltr"


def test_hreflang_and_sitemap_leave_out_untranslated_pages(fixture_site):
    site = multilingual(fixture_site)
    translate(site, "pl", "charter/index.po", TRANSLATED_PL)  # charter: pl yes, ur no
    result = site.build()
    assert result.ok, result.output
    head = result.html("charter/").split("</head>")[0]
    alternates = dict((lang, href) for href, lang in
                      re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)"', head))
    # Absolute addresses (search engines and Lighthouse want them) and an x-default: the English page.
    assert alternates == {"en": "https://example.org/charter/", "x-default": "https://example.org/charter/",
                          "pl": "https://example.org/pl/charter/"}
    # The Urdu page is the English text: kept out of search engines, pointing at the English page.
    ur_head = result.html("ur/charter/").split("</head>")[0]
    assert '<meta name="robots" content="noindex">' in ur_head
    assert re.findall(r'<link rel="canonical" href="([^"]*)"', ur_head) == ["https://example.org/charter/"]
    pl_head = result.html("pl/charter/").split("</head>")[0]
    assert "noindex" not in pl_head
    assert re.findall(r'<link rel="canonical" href="([^"]*)"', pl_head) == ["https://example.org/pl/charter/"]
    # The language switcher still offers every language (the fallback page exists).
    assert 'hreflang="ur" class="md-select__link"' in result.html("charter/")
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/pl/charter/" in sitemap
    assert "https://example.org/ur/charter/" not in sitemap
    assert "<loc>https://example.org/ur/</loc>" not in sitemap  # home: nothing translated in ur either
    assert 'href="https://example.org/ur/"' not in sitemap
    assert 'hreflang="pl" href="https://example.org/pl/charter/"' in sitemap
    assert 'hreflang="x-default" href="https://example.org/charter/"' in sitemap


def test_search_index_per_language_without_duplicates(fixture_site):
    site = multilingual(fixture_site)
    translate(site, "pl", "charter/index.po", TRANSLATED_PL)
    result = site.build()
    assert result.ok, result.output
    english = json.loads((result.site / "search/search_index.json").read_text(encoding="utf-8"))
    polish = json.loads((result.site / "pl/search/search_index.json").read_text(encoding="utf-8"))
    assert all(not doc["location"].startswith(("pl/", "ur/")) for doc in english["docs"])
    locations = [doc["location"] for doc in polish["docs"]]
    assert len(locations) == len(set(locations))
    assert "charter/" in locations and not any(loc.startswith(("pl/", "ur/")) for loc in locations)
    text = " ".join(doc["title"] + " " + doc["text"] for doc in polish["docs"])
    assert "Pomagamy" in text and "We give free and private advice." in text  # Polish and its English fallback
    assert polish["config"]["pipeline"] == []  # no trimmer: it would cut Gurmukhi and Urdu words apart
    # Pages under /pl/ load the Polish index.
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  result.html("pl/charter/"), re.S).group(1))
    assert config["base"] == "../../pl/"


def test_translation_that_changes_a_phone_number_is_an_error(fixture_site):
    site = multilingual(fixture_site)
    message = "We give free and private advice. Call [0113 496 0123](tel:+441134960123) or email help@example.org."
    path = translate(site, "ur", "charter/index.po", {
        message: "ہم مفت مشورہ دیتے ہیں۔ [0113 496 0124](tel:+441134960123) پر فون کریں یا help@example.org پر ای میل کریں۔",
        "Aims": "مقاصد",
    })
    result = site.build()
    assert not result.ok
    line = catalog(site, "ur", "charter/index.po")[1][message].lineno  # the line of its msgid
    assert f"translations/ur/charter/index.po:{line}" in result.output, result.output
    assert "phone number `01134960123` is missing or changed" in result.output
    assert "Traceback" not in result.output
    # The broken translation is not published: English is shown instead.
    html = result.html("ur/charter/")
    assert "0113 496 0124" not in html and 'lang="en"' in block(html, "We give free and private advice.")
    assert "مقاصد" in html
    # `signpost check` (pre-commit) reports the same error without a build.
    check = site.signpost("check")
    assert check.returncode == 1
    assert f"translations/ur/charter/index.po:{line}" in check.stdout + check.stderr


def test_english_edit_publishes_with_grace_notice_then_fails_after_the_period(fixture_site):
    site = multilingual(fixture_site)
    for language in ("pl", "ur"):
        path, po = catalog(site, language, "charter/index.po")
        translate(site, language, "charter/index.po", {m.id: f"[{language}] {m.id}" for m in po if m.id})
    site.write("charter/index.md", page("Our charter", CHARTER_BODY.replace(
        "Our centre is open 5 days a week.", "Our centre is open 5 days a week, and on Saturday mornings.")))
    home = {language: site.root / "translations" / language / "index.po" for language in ("pl", "ur")}
    home_before = {language: (path.read_bytes(), path.stat().st_mtime_ns) for language, path in home.items()}
    check = site.signpost("translations", "extract", "--check")  # CI: catalogs out of date, nothing written
    assert check.returncode == 1 and "translations/pl/charter/index.po" in check.stdout
    extract = site.signpost("translations", "extract", today="2026-11-23")
    assert extract.returncode == 0, extract.stdout + extract.stderr
    assert site.signpost("translations", "extract", "--check").returncode == 0
    for language in ("pl", "ur"):
        _, po = catalog(site, language, "charter/index.po")
        fuzzy = [m for m in po if m.id and m.fuzzy]
        assert [m.id for m in fuzzy] == ["Our centre is open 5 days a week, and on Saturday mornings."]
        assert fuzzy[0].previous_id == ["Our centre is open 5 days a week."]
        assert fuzzy[0].string == f"[{language}] Our centre is open 5 days a week."  # the translator's work kept
        assert "source-changed: 2026-11-23" in fuzzy[0].auto_comments
        assert all(m.string for m in po if m.id)
    # Home did not change: its catalogs are not rewritten (same bytes, file untouched).
    assert {language: (path.read_bytes(), path.stat().st_mtime_ns) for language, path in home.items()} == home_before
    assert "translations/pl/index.po" not in extract.stdout
    # Within the grace period (P30D) the previous translation is published, with a dated notice.
    result = site.build(today="2026-11-30", strict=False)
    assert result.ok, result.output
    html = result.html("pl/charter/")
    assert "[pl] Our centre is open 5 days a week." in html
    notice = html.split('class="signpost-grace-notice', 1)[1].split("</div>", 1)[0]
    assert "23 listopada 2026" in notice or "23 November 2026" in notice
    assert 'href="../../charter/"' in notice and 'hreflang="en"' in notice
    assert "the pl translation is outdated since 2026-11-23" in result.output
    assert "previous translation is published with a notice until 2026-12-23" in result.output
    # The status API reports it, with how long it has been outdated; in grace the page still counts as complete.
    from signpost.model import load_content_model
    from signpost.translations.status import page_status
    from signpost.engine.mkdocs.project import load_settings
    model = load_content_model(site.root / "content", site.root / "data", use_cache=False,
                               settings=load_settings(site.root))
    status = page_status(site.root / "translations", "ur", "charter/index.md", model,
                         today=__import__("datetime").date(2026, 11, 30))
    assert (status.fuzzy, status.in_grace, status.untranslated) == (1, 1, 0) and status.complete
    assert status.outdated_days(__import__("datetime").date(2026, 11, 30)) == 7
    # After the grace period: the new English is shown for that block only, and the build fails.
    late = site.build(today="2027-01-10", strict=False)
    assert not late.ok and "past the grace period" in late.output, late.output
    html = late.html("pl/charter/")
    assert 'lang="en"' in block(html, "Our centre is open 5 days a week, and on Saturday mornings.")
    assert "signpost-grace-notice" not in html
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    english_blocks = re.findall(r'<(?:p|li|h\d|td|th|ul|ol)\b(?![^>]*class=)[^>]*\slang="en"', article)
    assert len(english_blocks) == 1  # that block only
    assert "[pl] We help young people in Riverside." in html


def test_removed_message_becomes_obsolete_and_returns_with_its_translation(fixture_site):
    site = multilingual(fixture_site)
    translate(site, "pl", "charter/index.po", {"Aims": "Cele"})
    site.write("charter/index.md", page("Our charter", CHARTER_BODY.replace("## Aims {#our-aims}\n", "")))
    assert site.signpost("translations", "extract").returncode == 0
    _, po = catalog(site, "pl", "charter/index.po")
    assert "Aims" not in po and po.obsolete["Aims"].string == "Cele"
    site.write("charter/index.md", page("Our charter", CHARTER_BODY))
    assert site.signpost("translations", "extract").returncode == 0
    _, po = catalog(site, "pl", "charter/index.po")
    assert po["Aims"].string == "Cele" and not po["Aims"].fuzzy


def test_malformed_po_is_a_finding_with_its_line(fixture_site):
    site = multilingual(fixture_site)
    path = site.root / "translations/pl/charter/index.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    broken_line = next(i for i, text in enumerate(lines) if text.startswith('msgid "Aims"')) + 1
    lines[broken_line] = 'msgstr "Cele'  # the msgstr line after it: unterminated string
    lines.insert(broken_line, "this is not PO syntax")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = site.build()
    assert not result.ok
    assert f"translations/pl/charter/index.po:{broken_line + 1}" in result.output, result.output
    assert "malformed" in result.output and "Traceback" not in result.output
    status = site.signpost("translations", "status")
    assert "malformed" in status.stdout + status.stderr and "Traceback" not in status.stderr
    # extract never overwrites a file it cannot read.
    site.signpost("translations", "extract")
    assert "this is not PO syntax" in path.read_text(encoding="utf-8")


def test_translation_whose_markdown_does_not_parse_is_an_error(fixture_site):
    site = multilingual(fixture_site)
    message = "We give free and private advice. Call [0113 496 0123](tel:+441134960123) or email help@example.org."
    translate(site, "pl", "charter/index.po", {
        message: "Udzielamy bezpłatnych porad. Zadzwoń [0113 496 0123(tel:+441134960123) lub napisz help@example.org.",
    })
    result = site.build()
    assert not result.ok
    assert ("does not parse like the English" in result.output
            or "markup differs from the English" in result.output) and "Traceback" not in result.output


def test_orphan_catalog_and_status_report(fixture_site):
    site = multilingual(fixture_site)
    translate(site, "pl", "charter/index.po", TRANSLATED_PL)
    site.write("pl/old-page.po", (site.root / "translations/pl/charter/index.po").read_text(encoding="utf-8"),
               under="translations")
    result = site.build()
    assert result.ok, result.output  # a warning, not an error
    assert "translations/pl/old-page.po" in result.output and "no longer exists" in result.output
    status = site.signpost("translations", "status", "--json")
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    charter = next(p for p in data["pages"] if p["language"] == "pl" and p["path"] == "charter/index.md")
    assert charter["translated"] == 5 and charter["total"] == 8 and charter["percent"] == 62.5
    assert charter["complete"] is False
    urdu = next(p for p in data["pages"] if p["language"] == "ur" and p["path"] == "charter/index.md")
    assert urdu["translated"] == 0 and urdu["untranslated"] == 8
    assert data["orphans"] == ["translations/pl/old-page.po"]
    assert (charter["reviewed"], charter["drafts"]) == (5, 0)
    table = site.signpost("translations", "status").stdout
    assert re.search(r"charter/index.md\s+62.5%\s+5\s+5\s+0\s+0\s+3", table), table
    # Marked as a machine draft (a translator comment in the header): readers are told, status counts drafts.
    po = site.root / "translations/pl/charter/index.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        "\nmsgid \"\"", "\n# machine-draft: made by a language model.\nmsgid \"\"", 1), encoding="utf-8")
    data = json.loads(site.signpost("translations", "status", "--json").stdout)
    charter = next(p for p in data["pages"] if p["language"] == "pl" and p["path"] == "charter/index.md")
    assert (charter["reviewed"], charter["drafts"]) == (0, 5)
    html = site.build().html("pl/charter/")
    notice = html.split('class="signpost-draft-notice', 1)[1].split("</div>", 1)[0]
    assert "A computer made this translation" in notice or "komputer" in notice
    assert 'hreflang="en"' in notice
    assert "signpost-draft-notice" not in site.build().html("ur/charter/")  # nothing published in Urdu


def test_unknown_locale_is_a_finding_not_a_crash(fixture_site):
    site = multilingual(fixture_site)
    result = build_with_language(site, "qq", "Nowhere")
    assert not result.ok
    assert "unknown locale `qq`" in result.output and "Traceback" not in result.output


def test_panjabi_builds_with_its_own_material_strings(fixture_site):
    fixture_site.languages = ["en", "pa"]
    fixture_site.write("index.md", page("Home", "Welcome to the service.", topics=["about-service"]))
    result = fixture_site.build()
    assert result.ok, result.output
    html = result.html("pa/")
    assert re.search(r'<html lang="pa"[^>]* dir="ltr"', html)
    assert "ਖੋਜੋ" in html  # "Search", from plugins/signpost/theme/partials/languages/pa.html


def test_language_material_lacks_builds_with_a_warning(fixture_site):
    site = multilingual(fixture_site)
    stand_ins = _stand_in_folders("so")
    result = build_with_language(site, "so", "Soomaali")
    assert result.ok, result.output
    assert _stand_in_folders("so") == stand_ins  # the build's temporary partials went with it
    assert "Material has no interface strings for `so`" in result.output
    assert re.search(r'<html lang="so"[^>]* dir="ltr"', result.html("so/charter/"))
    assert "signpost-fallback-notice" in result.html("so/charter/")


def _stand_in_folders(language: str) -> set[Path]:
    """The temporary theme folders holding stand-in interface strings for `language` (only one test uses `so`)."""
    return {path.parents[2] for path in Path(tempfile.gettempdir()).glob(
        f"signpost-languages-*/partials/languages/{language}.html")}
