"""The per-file caches of `signpost check` (`.cache/check/`): used when valid, never when stale or damaged.

An incremental check does not parse and check every PO catalog again: the
checked catalogs of the last run are kept by each file's hash
(`catalogs.pickle`), and the reading-ease scores by each text's hash with
the words' pronunciations (`reading-ease.json`), and each page text's translatable
messages (`page-messages.json`). These tests show that the
kept catalogs really are used (a forged entry shows up), that an edited
catalog is checked again, that a damaged cache is ignored, that a glossary
edit is checked against every catalog again, and that a score from the kept
words is textstat's own.
"""

from __future__ import annotations

import hashlib
import json
import pickle

import pytest

from sitebuilder import page
from textstat_reference import textstat_score
from test_check_incremental import _assert_check_equals_build

CATALOGS = ".cache/check/catalogs.pickle"
PL_PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: pl\\n"\n\n'
         'msgid "Help"\nmsgstr "Pomoc"\n\n'
         'msgid "Ask an advocate for help."\nmsgstr "Zapytaj adwokata o pomoc."\n')
FORGED = "Ask your advocate today."


def _read_catalogs(site) -> dict:
    checksum, _, payload = (site.root / CATALOGS).read_bytes().partition(b"\n")
    assert hashlib.sha256(payload).hexdigest().encode() == checksum
    return pickle.loads(payload)


def _write_catalogs(site, stored: dict) -> None:
    payload = pickle.dumps(stored)
    (site.root / CATALOGS).write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)


def _forge_translation(site) -> None:
    """Add a translation to the kept copy of pl/help.po that the file itself does not have."""
    from signpost.translations.catalogs import TranslatedMessage
    stored = _read_catalogs(site)
    (path, _language), (digest, catalog) = next((key, entry) for key, entry in stored["entries"].items()
                                               if key[0].endswith("pl/help.po"))
    catalog.usable[FORGED] = TranslatedMessage("Zapytaj swojego prawnika.", 99)
    _write_catalogs(site, stored)


def _write_fixture(site) -> None:
    site.languages = ["en", "pl"]
    site.write("index.md", page("Home", "See [help](help.md).", topics=["about-service"]))
    site.write("help.md", page("Help", "Ask an advocate for help."))
    site.write("pl/help.po", PL_PO, under="translations")
    site.write("pl/glossary.csv", "source,target\nadvocate,adwokat\n", under="translations")
    site.build()  # writes mkdocs.yml


def test_kept_catalogs_are_used_until_their_file_changes(fixture_site):
    _write_fixture(fixture_site)
    first = _assert_check_equals_build(fixture_site, incremental=False)
    assert not any("glossary" in line for line in first)
    assert (fixture_site.root / CATALOGS).is_file()

    # The kept copy is what the next check reads: a translation forged into it is checked
    # against the glossary although the PO file does not hold it (so the cache is really used).
    _forge_translation(fixture_site)
    fixture_site.write("index.md", page("Home", "See [help](help.md) first.", topics=["about-service"]))
    check = fixture_site.signpost("check", "--json")
    assert "pages checked again" in check.stderr, check.stderr
    forged = [f for f in json.loads(check.stdout) if f["file"] == "translations/pl/help.po" and f["line"] == 99]
    assert forged and "glossary" in forged[0]["message"], check.stdout

    # The catalog edited: its kept copy is stale and never used again; the check equals a fresh build.
    fixture_site.write("pl/help.po", PL_PO.replace("o pomoc", "o pomoc teraz"), under="translations")
    edited = _assert_check_equals_build(fixture_site, incremental=True)
    assert not any(":99:" in line for line in edited)


def test_a_damaged_catalog_cache_is_ignored(fixture_site):
    _write_fixture(fixture_site)
    _assert_check_equals_build(fixture_site, incremental=False)
    cache = fixture_site.root / CATALOGS
    for damage in (lambda data: data[: len(data) // 2],  # cut off
                   lambda data: data.replace(b"Zapytaj", b"Zapytaj!", 1),  # changed: the checksum no longer fits
                   lambda data: b"0" * 64 + b"\n" + b"not a pickle"):
        _forge_translation(fixture_site)
        cache.write_bytes(damage(cache.read_bytes()))
        fixture_site.write("index.md", page("Home", f"See [help](help.md), {len(cache.read_bytes())}.",
                                            topics=["about-service"]))
        damaged = _assert_check_equals_build(fixture_site, incremental=True)
        assert not any(":99:" in line for line in damaged)
        _read_catalogs(fixture_site)  # written again, whole


def test_a_glossary_edit_checks_every_catalog_against_the_new_glossary(fixture_site):
    _write_fixture(fixture_site)
    _assert_check_equals_build(fixture_site, incremental=False)
    fixture_site.write("pl/glossary.csv", "source,target\nadvocate,rzecznik\n", under="translations")
    after = _assert_check_equals_build(fixture_site, incremental=False)  # the glossary is read by every page
    assert any("translations/pl/help.po" in line and '"advocate" is not translated as the glossary says' in line
               for line in after), after


TEXTS = ["Call us or drop in. We can help you find a place to live, and we listen.",
         "Riverside's advocates explain your options. Zyxwvut flibbertigibbet quandary.",
         "A b c. Ünïcödé wörds, numbers 0113 496 0999 and e-mail addresses@example.org."]


@pytest.mark.parametrize("text", TEXTS)
def test_a_reading_ease_score_from_the_kept_words_is_textstats_own(text):
    from signpost.accessibility import readability

    expected = textstat_score(text)
    loads = []
    cache = readability.ReadingEaseCache(dictionary=lambda: loads.append(1) or readability.cmu_pronunciations())
    try:
        readability.use_reading_ease_cache(cache)
        assert readability._flesch_reading_ease(text) == expected
        assert loads == [1] and cache.scores and cache.words  # new words: the dictionary was read once

        # The same words in another text: scored from the kept words alone.
        again = readability.ReadingEaseCache(words=dict(cache.words), dictionary=lambda: pytest.fail("read"))
        readability.use_reading_ease_cache(again)
        other = text + " " + text.split(".")[0] + "."
        assert readability._flesch_reading_ease(other) == textstat_score(other)
    finally:
        readability.use_reading_ease_cache(None)


def test_a_damaged_reading_ease_file_is_ignored(tmp_path):
    from signpost.check_cache import ScoreStore

    path = tmp_path / "reading-ease.json"
    store = ScoreStore(path)
    store.cache.scores["a" * 64] = 71.5
    store.cache.words["help"] = "HH EH1 L P"
    store.save()
    assert ScoreStore(path).cache.scores == {"a" * 64: 71.5}
    stored = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**stored, "body": stored["body"].replace("71.5", "99.5")}), encoding="utf-8")
    assert ScoreStore(path).cache.scores == {} and ScoreStore(path).cache.words == {}
    path.write_text(path.read_text(encoding="utf-8")[:40], encoding="utf-8")
    assert ScoreStore(path).cache.scores == {}


def test_the_dictionary_copy_is_read_once_per_run_and_damage_is_ignored(tmp_path):
    from signpost.check_cache import DICTIONARY_FILE, ScoreStore

    store = ScoreStore(tmp_path / "reading-ease.json")
    first = store.cache.dictionary()  # textstat's own, then copied into the cache folder
    assert first["hello"] and store.cache.dictionary() is first  # every later page: the same, not read again
    copy = tmp_path / DICTIONARY_FILE
    assert ScoreStore(tmp_path / "reading-ease.json").cache.dictionary() == first  # the next run: the copy
    stored = json.loads(copy.read_text(encoding="utf-8"))
    copy.write_text(json.dumps({**stored, "body": stored["body"].replace('"hello"', '"jello"')}), encoding="utf-8")
    assert ScoreStore(tmp_path / "reading-ease.json").cache.dictionary()["hello"] == first["hello"]


def _messages_reader(calls: list):
    """A stand-in for `extract._page_messages` that counts its calls (the real one reads Markdown)."""
    from signpost.translations.extract import SourceMessage

    def read(file, title, description, body, body_line, title_line, description_line, read_blocks):
        calls.append(file)
        return (SourceMessage(title, ((file, title_line),), ("page title (front matter)",)),
                SourceMessage(body.strip(), ((file, body_line),), ("paragraph",)))
    return read


def test_kept_page_messages_are_used_only_for_the_same_text_and_code(tmp_path):
    from signpost.check_cache import MESSAGES_FILE, MessagesStore

    path, calls = tmp_path / MESSAGES_FILE, []
    arguments = ("content/help.md", "Help", "", "Ask an advocate for help.\n", 5, 2, 1)
    first = MessagesStore(path, "key-1").wrap(_messages_reader(calls))
    expected = first(*arguments, None)
    store = MessagesStore(path, "key-1")
    store.wrap(_messages_reader(calls))(*arguments, None)
    store.save()
    assert calls == ["content/help.md", "content/help.md"]  # nothing saved by the first store: read again

    kept = MessagesStore(path, "key-1").wrap(_messages_reader(calls))
    assert kept(*arguments, None) == expected and len(calls) == 2  # the same text: from the file
    edited = arguments[:3] + ("Ask an advocate for help today.\n",) + arguments[4:]
    assert kept(*edited, None)[1].id == "Ask an advocate for help today." and len(calls) == 3
    MessagesStore(path, "key-2").wrap(_messages_reader(calls))(*arguments, None)
    assert len(calls) == 4  # other code or another mkdocs.yml: never the kept messages


def test_a_damaged_page_messages_file_is_ignored(tmp_path):
    from signpost.check_cache import MESSAGES_FILE, MessagesStore

    path, calls = tmp_path / MESSAGES_FILE, []
    arguments = ("content/help.md", "Help", "", "Ask an advocate for help.\n", 5, 2, 1)
    store = MessagesStore(path, "key")
    store.wrap(_messages_reader(calls))(*arguments, None)
    store.save()
    stored = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**stored, "body": stored["body"].replace("advocate", "lawyer")}), encoding="utf-8")
    read = MessagesStore(path, "key").wrap(_messages_reader(calls))(*arguments, None)
    assert read[1].id == "Ask an advocate for help." and len(calls) == 2
    path.write_text(path.read_text(encoding="utf-8")[:40], encoding="utf-8")
    MessagesStore(path, "key").wrap(_messages_reader(calls))(*arguments, None)
    assert len(calls) == 3
