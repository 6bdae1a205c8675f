"""A glossary per language, and a check that translations use its terms.

`translations/<lang>/glossary.csv` has a `source,target` header and one term
a row, the CSV layout Weblate imports into a glossary component (and Poedit
users can read in any spreadsheet). When an English message contains a term
(whole word, any case) and its translation does not contain the glossary's
rendering, the check warns, naming the PO file and line: "advocate" must not
become "lawyer" in one page and "advocate" in the next.

Polish, Romanian, Panjabi and Urdu inflect nouns, so a rendering matches
when each of its words appears as the start of a word in the translation
(`adwokat` matches `adwokata`, `adwokatem`); a row may list several accepted
renderings separated by ` | `. MkDocs-free.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from signpost.findings import Finding, warning
from signpost.translations.catalogs import CHECK, display, find_catalogs, load_page_catalog

GLOSSARY_FILE = "glossary.csv"


@dataclass(frozen=True)
class Term:
    """One English term and the renderings a language accepts for it."""

    source: str
    targets: tuple[str, ...]

    def found_in_source(self, msgid: str) -> bool:
        return bool(_word(self.source).search(msgid))

    def rendered_in(self, msgstr: str) -> bool:
        return any(all(_word_start(part).search(msgstr) for part in target.split()) for target in self.targets)


def glossary_path(translations_dir: Path | str, language: str) -> Path:
    return Path(translations_dir) / language / GLOSSARY_FILE


def read_glossary(path: Path) -> tuple[list[Term], list[Finding]]:
    """The terms of a glossary CSV, and a finding for each row that cannot be used."""
    if not path.is_file():
        return [], []
    terms, findings = [], []
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    except (UnicodeDecodeError, csv.Error) as problem:
        return [], [warning(display(path), f"the glossary cannot be read: {problem}", check=CHECK,
                            hint="save it as UTF-8 CSV with a `source,target` header")]
    for number, row in enumerate(rows, start=2):
        source, target = (row.get("source") or "").strip(), (row.get("target") or "").strip()
        if not source or not target:
            findings.append(warning(display(path), "a glossary row needs both `source` and `target`", line=number,
                                    check=CHECK, hint="fill both columns, or delete the row"))
            continue
        terms.append(Term(source, tuple(t.strip() for t in target.split("|") if t.strip())))
    return terms, findings


def glossary_findings(translations_dir: Path | str, language: str) -> list[Finding]:
    """A warning for each translated message that renders a glossary term differently."""
    terms, findings = read_glossary(glossary_path(translations_dir, language))
    if not terms:
        return findings
    any_term = _any_word(tuple(term.source for term in terms))
    for po in find_catalogs(translations_dir, language):
        catalog = load_page_catalog(po, language)
        for msgid, translated in catalog.usable.items():
            if not any_term.search(msgid):
                continue  # no term in this message (most messages): one search, not one per term
            for term in terms:
                if term.found_in_source(msgid) and not term.rendered_in(translated.string):
                    findings.append(warning(
                        display(po), f"\"{term.source}\" is not translated as the glossary says "
                                     f"(\"{' | '.join(term.targets)}\")", line=translated.line, field="msgstr",
                        check=CHECK, hint=f"use the glossary's term ({display(glossary_path(translations_dir, language))}), "
                                          "or change the glossary if this page needs another word"))
    return findings


@lru_cache(maxsize=16)
def _any_word(terms: tuple[str, ...]) -> re.Pattern:
    """Finds a message `_word` finds any of the terms in (the regular expression engine tries each)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(term) for term in terms) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _word(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _word_start(word: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(word), re.IGNORECASE)
