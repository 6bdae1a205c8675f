"""`signpost check` reports exactly the findings the build reports, in every language.

The fixture has one of every kind of finding: a broken link and a broken
anchor (the engine's own warnings), a skipped heading level, vague link text,
an image without alt text, a long sentence (readability), a translation that
changes a number (integrity), a page overdue for review (freshness) and an
unknown topic (the content model).
"""

from __future__ import annotations

import json
import re

from sitebuilder import page

PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: pl\\n"\n\n'
      'msgid "Call 0113 496 0999 to book."\nmsgstr "Zadzwoń pod 0113 496 0000."\n')
_FINDING = re.compile(r"signpost: ((?:content|translations|data|mkdocs)[^\s:]*(?::\d+)?: (?:error|warning): .*)$")


def _build_findings(output: str) -> list[str]:
    return sorted({match.group(1) for line in output.splitlines() if (match := _FINDING.search(line))})


def test_check_and_build_report_the_same_findings(fixture_site):
    fixture_site.languages = ["en", "pl"]
    fixture_site.write("index.md", page("Home", "See [the contact page](contactt.md) and [help](help.md#no-such-part).",
                                        topics=["about-service"]))
    fixture_site.write("help.md", page("Help", "Call 0113 496 0999 to book.\n\n#### Too deep\n\n"
                                       "[click here](index.md)\n\n![](photo.png)\n\n" + " ".join(["word"] * 30) + "."))
    fixture_site.write("old.md", page("Old page", "Text.", last_reviewed="2020-01-01"))
    fixture_site.write("odd.md", page("Odd page", "Text.", topics=["no-such-topic"]))
    fixture_site.write("photo.png", b"\x89PNG\r\n\x1a\n")
    fixture_site.write("pl/help.po", PO, under="translations")
    fixture_site.build()  # writes mkdocs.yml

    build = fixture_site.signpost("build", "--jobs", "2")
    check = fixture_site.signpost("check", "--json", "--no-cache")
    assert build.returncode != 0 and check.returncode != 0

    built = _build_findings(build.stderr)
    checked = sorted({f"{f['file']}{':' + str(f['line']) if f['line'] else ''}: {f['severity']}: "
                      f"{'[' + f['field'] + '] ' if f['field'] else ''}{f['message']}"
                      for f in json.loads(check.stdout)})
    assert built == checked
    text = "\n".join(checked)
    for expected in ("contactt.md", "no-such-part", "click here", "photo.png", "translations/pl/help.po",
                     "content/old.md", "no-such-topic", "content/help.md"):
        assert expected in text, f"no finding about {expected}"

    again = fixture_site.signpost("check", "--json")  # from the cache: nothing changed
    assert json.loads(again.stdout) == json.loads(check.stdout)


RO_PO = PO.replace("Language: pl", "Language: ro").replace("Zadzwoń pod", "Sunați la")


def test_a_broken_link_does_not_stop_the_later_languages_being_checked(fixture_site):
    """MkDocs aborts a strict build at its first warning; static-i18n builds the languages in turn.

    A broken link shows in every language's build, so the Romanian catalog
    (the last language) was never checked by `signpost build`: its finding
    appeared only after the link was fixed.
    """
    fixture_site.languages = ["en", "pl", "ro"]
    fixture_site.write("index.md", page("Home", "See [the contact page](contactt.md).", topics=["about-service"]))
    fixture_site.write("help.md", page("Help", "Call 0113 496 0999 to book."))
    fixture_site.write("ro/help.po", RO_PO, under="translations")
    fixture_site.build()  # writes mkdocs.yml

    build = fixture_site.signpost("build", "--jobs", "1")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    built = "\n".join(_build_findings(build.stderr))
    assert "contactt.md" in built
    assert "translations/ro/help.po:6: error: [msgstr]" in built, built
    assert "the build failed, so nothing was published" in build.stderr
