"""The PO files signpost writes, held to gettext's own validator (`msgfmt -c --check-format`),
Python's gettext (plural forms), translate-toolkit's `pofilter`, and a real build for plural counts."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuilder import ROOT, page
from signpost import l10n
from signpost.translations.catalogs import read_catalog
from signpost.translations.po_format import po_text
from test_services_fixtures import write_service
from test_translations import CHARTER_BODY, catalog, multilingual

MSGFMT = shutil.which("msgfmt")
pytestmark = pytest.mark.skipif(MSGFMT is None, reason="gettext's msgfmt is needed (apt-get install gettext)")

LONG_PARAGRAPH = ("If you are worried about where you will sleep tonight, call the housing line on\n"
                  "[0808 157 0131](tel:+448081570131). It is free from a mobile. We will talk with you\n"
                  "about what you can do next, and we can go with you to the council if you want us to.")


def msgfmt_problems(*files: Path) -> list[str]:
    """Every error `msgfmt -c --check-format` reports for the files (warnings about POT defaults aside)."""
    problems = []
    for file in files:
        run = subprocess.run([MSGFMT, "-c", "--check-format", "-o", "/dev/null", str(file)], capture_output=True,
                             text=True)
        if run.returncode != 0:
            problems.append(f"{file}: {run.stderr.strip()}")
    return problems


def all_catalogs(root: Path) -> list[Path]:
    return sorted([*root.rglob("*.po"), *root.rglob("*.pot")])


def test_every_catalog_stays_valid_through_extract_and_merge_sequences(fixture_site, tmp_path):
    site = multilingual(fixture_site, body=CHARTER_BODY + "\n\n" + LONG_PARAGRAPH)
    translations = site.root / "translations"
    assert (translations / "templates/charter/index.pot").is_file()  # for "update from template"
    assert msgfmt_problems(*all_catalogs(translations)) == []
    # Translate everything, then change the long multi-line paragraph: a `#|` previous msgid over many lines.
    for language in ("pl", "ur"):
        path, po = catalog(site, language, "charter/index.po")
        for message in po:
            if message.id:
                message.string = f"[{language}] {message.id}"
        path.write_text(po_text(po), encoding="utf-8")
    site.write("charter/index.md", page("Our charter", CHARTER_BODY + "\n\n" + LONG_PARAGRAPH.replace(
        "We will talk with you", "We will always talk with you")))
    assert site.signpost("translations", "extract", today="2026-11-23").returncode == 0
    text = (translations / "pl/charter/index.po").read_text(encoding="utf-8")
    assert '#| msgid ""\n#| "If you are worried' in text
    assert msgfmt_problems(*all_catalogs(translations)) == []
    _, po = catalog(site, "pl", "charter/index.po")
    fuzzy = [m for m in po if m.fuzzy]
    assert [m.previous_id for m in fuzzy] == [[" ".join(LONG_PARAGRAPH.split())]]  # read back intact
    # A second and a third extract with no English change write nothing: byte-identical files.
    before = {p: p.read_bytes() for p in all_catalogs(translations)}
    for day in ("2026-11-24", "2026-12-30"):
        assert site.signpost("translations", "extract", today=day).returncode == 0
    assert {p: p.read_bytes() for p in all_catalogs(translations)} == before
    # No line numbers in references: moving a paragraph changes no line, it only moves its message.
    assert not re.search(r"^#: .*\.md:\d", text, re.M)
    site.write("charter/index.md", page("Our charter", LONG_PARAGRAPH.replace(
        "We will talk with you", "We will always talk with you") + "\n\n" + CHARTER_BODY))
    assert site.signpost("translations", "extract", today="2026-11-25").returncode == 0
    def lines(data: bytes) -> list[bytes]:
        return sorted(line for line in data.splitlines() if not line.startswith(b'"POT-Creation-Date'))
    assert {p: lines(p.read_bytes()) for p in all_catalogs(translations)} == \
        {p: lines(data) for p, data in before.items()}
    # A second change of the same paragraph keeps the first day and the translator's text.
    site.write("charter/index.md", page("Our charter", CHARTER_BODY + "\n\n" + LONG_PARAGRAPH.replace(
        "We will talk with you", "We will always, always talk with you")))
    assert site.signpost("translations", "extract", today="2026-11-26").returncode == 0
    assert msgfmt_problems(*all_catalogs(translations)) == []
    _, po = catalog(site, "pl", "charter/index.po")
    fuzzy = [m for m in po if m.fuzzy]
    assert len(fuzzy) == 1 and "source-changed: 2026-11-23" in fuzzy[0].auto_comments
    assert fuzzy[0].string.startswith("[pl] If you are worried")
    # A translator's delivery merged in: headers from their tool, the file still valid.
    delivered = tmp_path / "delivered"
    (delivered / "pl/charter").mkdir(parents=True)
    theirs = po.clone() if hasattr(po, "clone") else po
    theirs.last_translator = "Ola Nowak <ola@example.org>"
    theirs.language_team = "Polish volunteers <polish@example.org>"
    message = next(m for m in theirs if m.fuzzy)
    message.string = "[pl] sprawdzone [0808 157 0131](tel:+448081570131)."
    message.flags.discard("fuzzy")
    (delivered / "pl/charter/index.po").write_text(po_text(theirs), encoding="utf-8")
    merged = site.signpost("translations", "merge", str(delivered))
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert msgfmt_problems(*all_catalogs(translations)) == []
    _, po = catalog(site, "pl", "charter/index.po")
    assert po.last_translator == "Ola Nowak <ola@example.org>"
    assert po.language_team == "Polish volunteers <polish@example.org>"
    assert isinstance(po.revision_date, dt.datetime)
    # ... and extract after the merge is still valid.
    assert site.signpost("translations", "extract", today="2026-11-27").returncode == 0
    assert msgfmt_problems(*all_catalogs(translations)) == []


def test_the_project_catalogs_pass_msgfmt_and_have_real_headers():
    files = all_catalogs(ROOT / "translations")
    assert len(files) > 300
    assert msgfmt_problems(*files) == []
    for file in files:
        if file.suffix != ".po":
            continue
        text = file.read_text(encoding="utf-8")
        assert "FULL NAME" not in text and "YEAR-MO-DA" not in text and "LANGUAGE <LL@li.org>" not in text, file
        assert "# machine-draft" in text, f"{file}: the sample translations were written by a model"


@pytest.mark.parametrize("language, forms", [("pl", 3), ("ro", 3), ("pa", 2), ("ur", 2)])
def test_plural_forms_header_agrees_with_cldr_and_with_gettext(language, forms, tmp_path):
    """Compile the real interface catalog with msgfmt and count with Python's gettext: same forms as CLDR."""
    source = ROOT / "translations" / language / "interface.po"
    header = l10n.plural_forms_header(language)
    assert header.startswith(f"nplurals={forms};")
    assert header.replace(" ", "") in source.read_text(encoding="utf-8").replace('"\n"', "").replace(" ", "")
    mo = tmp_path / "interface.mo"
    subprocess.run([MSGFMT, "-c", "-o", str(mo), str(source)], check=True)
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    from babel import Locale
    cldr = Locale.parse(language).plural_form
    for count in range(0, 250):
        ours = l10n.plural_index(language, count)
        strings = [compiled.ngettext("{count} service", "{count} services", count)]
        po, _ = read_catalog(source, language)
        assert strings[0] == po.get("{count} service").string[ours], (language, count)
        assert l10n.plural_categories(language)[ours] == cldr(count) or cldr(count) not in \
            l10n.plural_categories(language)


def test_polish_counts_read_correctly_for_1_2_5_and_22(tmp_path):
    """A Polish directory with 22 services: categories of 1, 2 and 5 services, and the browser's forms."""
    from test_directory import FixtureSite
    site = FixtureSite(tmp_path / "project")
    site.languages = ["en", "pl"]
    shutil.copy(ROOT / "translations/pl/interface.po", site.root / "translations/pl/interface.po") \
        if (site.root / "translations/pl").mkdir(parents=True) is None else None
    site.write("index.md", page("Riverside Youth Advice", "We give free help.", topics=["about-service"]))
    groups = [("housing", 1), ("money-debt", 2), ("mental-health", 5), ("careers-jobs", 14)]
    number = 0
    for category, size in groups:
        for _ in range(size):
            number += 1
            write_service(site, f"service-{number}", name=f"Service number {number}", categories=[category],
                          phones=[{"number": "0113 496 0123", "description": "Appointments"}],
                          body="Help for young people.")
    result = site.build(strict=False)
    assert result.returncode == 0, result.output
    home = result.html("pl/local-info/services/")
    assert re.search(r'id="sp-count"[^>]*>22 usługi<', home)
    for category, expected in (("housing", "1 usługa może pomóc."), ("money-debt", "2 usługi mogą pomóc."),
                               ("mental-health", "5 usług może pomóc.")):
        assert expected in result.html(f"pl/local-info/services/categories/{category}/"), category
    forms = re.search(r'data-count-forms="([^"]+)"', home).group(1)
    import html as html_module
    import json
    forms = json.loads(html_module.unescape(forms))
    assert forms == {"one": "{count} usługa pasuje", "few": "{count} usługi pasują", "many": "{count} usług pasuje",
                     "other": "{count} usług pasuje"}


def pofilter_failures(folder: Path, output: Path) -> list[tuple[str, str, str, str]]:
    """(check, file, msgid, msgstr) for each message translate-toolkit's pofilter flags in a folder of catalogs."""
    pofilter = Path(sys.executable).parent / "pofilter"
    if not pofilter.is_file():
        pytest.fail("translate-toolkit is a test dependency (pyproject [test]): `make setup` installs it")
    output.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(pofilter), "--progress=none", "-t", "urls", "-t", "emails", "-t", "numbers", "-t", "variables",
                    "-t", "xmltags", "-t", "pythonbraceformat", "--nofuzzy", str(folder), str(output / folder.name)], capture_output=True,
                   check=True)
    failures = []
    for file in sorted(output.rglob("*.po")):
        po, _ = read_catalog(file, "en")
        for message in po or []:
            for comment in message.user_comments:
                if comment.startswith("(pofilter)"):
                    check = comment.split(")", 1)[1].split(":", 1)[0].strip()
                    failures.append((check, file.name, str(message.id), str(message.string)))
    return failures


def test_pofilter_catches_a_changed_email_and_variable(tmp_path):
    """The second opinion is real: pofilter flags what it should on a hostile catalog."""
    folder = tmp_path / "pl"
    folder.mkdir()
    (folder / "a.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                 'msgid "Email help@example.org, {count} left"\nmsgstr "Napisz x@example.org, {cnt}"\n',
                                 encoding="utf-8")
    assert {check for check, *_ in pofilter_failures(folder, tmp_path / "out")} >= {"emails", "pythonbraceformat"}


def test_pofilter_finds_nothing_in_the_real_catalogs(tmp_path):
    """translate-toolkit's pofilter over every real catalog, beside our integrity check.

    One known false positive is set aside: pofilter takes a sentence's final full stop
    as part of an email address (`write to feedback@example.org.`), so a language that
    ends its sentence with its own mark (Urdu ۔, Gurmukhi ।) or reorders the sentence
    "changes" the address. Such a message must still keep the address itself.
    """
    email = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
    for language in ("pl", "ro", "pa", "ur"):
        real = []
        for check, file, msgid, msgstr in pofilter_failures(ROOT / "translations" / language, tmp_path):
            if check == "emails" and sorted(a.rstrip(".") for a in email.findall(msgid)) == \
                    sorted(a.rstrip(".") for a in email.findall(msgstr)):
                continue
            real.append((check, file, msgid))
        assert real == [], f"{language}: {real[:10]}"


def test_catalogs_checked_in_another_process_are_adopted_not_checked_again(tmp_path, monkeypatch):
    """The parallel build's warm-up checks half the catalogs in a forked helper (whole_build): what it
    hands over (pickled) is used as it is, findings included, and a file changed since is checked again."""
    import pickle
    from signpost.translations import catalogs
    good, broken = tmp_path / "pl" / "good.po", tmp_path / "pl" / "broken.po"
    good.parent.mkdir()
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: pl\\n"\n\n'
    good.write_text(header + 'msgid "Call us."\nmsgstr "Zadzwoń do nas."\n', encoding="utf-8")
    broken.write_text(header + 'msgid "Call 0113 496 0123."\nmsgstr "Zadzwoń 0113 496 0999."\n', encoding="utf-8")
    handed_over = pickle.dumps(catalogs.check_catalogs([(good, "pl"), (broken, "pl")]))
    monkeypatch.setattr(catalogs, "_CACHE", {})
    monkeypatch.setattr(catalogs, "_check", lambda path, language: pytest.fail(f"checked again: {path}"))
    catalogs.adopt(pickle.loads(handed_over))
    assert catalogs.load_page_catalog(good, "pl").translate("Call us.") == "Zadzwoń do nas."
    assert [f.field for f in catalogs.load_page_catalog(broken, "pl").findings] == ["msgstr"]
    good.write_text(header + 'msgid "Call us."\nmsgstr "Zadzwoń do nas teraz."\n', encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="checked again"):
        catalogs.load_page_catalog(good, "pl")
