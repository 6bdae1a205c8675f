"""Find the Markdown line a problem in the rendered HTML came from. MkDocs-free.

The HTML no longer knows its source lines, so we search the page's Markdown
for the offending text (an image's file name, a link's text or target, a
heading's words). The first line that contains it wins; when nothing matches
(text that came from a translation catalog or a template), the finding names
the file without a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property


@dataclass
class SourceLines:
    """The lines of one Markdown source, searchable case-insensitively."""

    text: str = ""

    @cached_property
    def _lines(self) -> list[str]:
        # Made on the first search: most pages have no finding to place, and never search.
        return self.text.casefold().splitlines()

    def line_of(self, *needles: str | None) -> int | None:
        """1-based line of the first needle found (needles tried in order), or None."""
        for needle in needles:
            if not needle:
                continue
            wanted = needle.casefold().strip()
            if len(wanted) < 2:
                continue
            for number, line in enumerate(self._lines, start=1):
                if wanted in line:
                    return number
        return None

    def line_of_all(self, *parts: str) -> int | None:
        """1-based line of the first line containing every part, or None."""
        wanted = [part.casefold() for part in parts if part]
        if not wanted:
            return None
        for number, line in enumerate(self._lines, start=1):
            if all(part in line for part in wanted):
                return number
        return None

    def line_matching(self, pattern: str) -> int | None:
        """1-based line of the first line matching the regular expression `pattern`."""
        compiled = re.compile(pattern)
        for number, line in enumerate(self._lines, start=1):
            if compiled.search(line):
                return number
        return None

    def line_of_heading(self, level: int, text: str) -> int | None:
        """Line of a `#`-style heading of `level` with `text`, else any line with the text."""
        marker = "#" * level + " "
        wanted = text.casefold().strip()
        for number, line in enumerate(self._lines, start=1):
            stripped = line.lstrip()
            if stripped.startswith(marker) and (not wanted or wanted in stripped):
                return number
        return self.line_of(text)
