"""Merge translations delivered as PO files (an agency, a volunteer, a Weblate export) into ours.

Only empty or fuzzy messages are filled: a translation already in our catalog
is never replaced unless asked. Every delivered translation passes the same
integrity check as the build (links, emails, phone numbers, numbers, Markdown)
or is left out with a finding naming the delivered file and line. MkDocs-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from signpost.findings import Finding, error, warning
from signpost.l10n import INTERFACE_CATALOG
from signpost.safety.paths import outside_folder_problem
from signpost.translations.catalogs import display, read_catalog
from signpost.translations.extract import _po_text
from signpost.translations.integrity import integrity_problems

CHECK = "translations"


@dataclass
class MergeResult:
    """What a merge did, per catalog, and what it refused."""

    filled: dict[str, int] = field(default_factory=dict)
    kept: int = 0
    stale: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def total_filled(self) -> int:
        return sum(self.filled.values())


def merge_translations(delivered_dir: Path, translations_dir: Path, *, overwrite: bool = False,
                       languages: list[str] | None = None) -> MergeResult:
    """Fill our catalogs from `delivered_dir/<lang>/<page>.po` (same layout as translations/)."""
    result = MergeResult()
    for delivered in sorted(Path(delivered_dir).rglob("*.po")):
        relative = delivered.relative_to(delivered_dir)
        language = relative.parts[0]
        if languages and language not in languages:
            continue
        target = Path(translations_dir) / relative
        unsafe = outside_folder_problem(target, translations_dir) or outside_folder_problem(delivered, delivered_dir)
        if unsafe:
            result.findings.append(error(
                display(delivered), f"not merged: {unsafe}", check=CHECK,
                hint="deliver plain PO files laid out like translations/ (no links to other folders)"))
            continue
        if not target.is_file():
            result.findings.append(warning(
                display(delivered), f"there is no catalog {display(target)} to merge into", check=CHECK,
                hint="the page may have been renamed or removed; run `signpost translations extract` first"))
            continue
        _merge_file(delivered, target, language, overwrite, result)
    return result


def _merge_file(delivered: Path, target: Path, language: str, overwrite: bool, result: MergeResult) -> None:
    theirs, problems = read_catalog(delivered, language)
    ours, our_problems = read_catalog(target, language)
    result.findings += problems + our_problems
    if theirs is None or ours is None:
        return
    filled = 0
    for message in theirs:
        if not message.id or not message.string or message.fuzzy or not isinstance(message.id, str):
            continue
        current = ours.get(message.id, context=message.context)
        if current is None:
            result.stale += 1
            continue
        if current.string and not current.fuzzy and not overwrite:
            result.kept += current.string != message.string
            continue
        broken = _problems(message, is_interface=target.name == INTERFACE_CATALOG)
        if broken:
            result.findings.append(error(
                display(delivered), f"translation of {message.id[:50]!r} not merged: " + "; ".join(broken),
                line=message.lineno, field="msgstr", check=CHECK,
                hint="keep every link target, email, phone number and number of the English text"))
            continue
        current.string = message.string
        current.flags.discard("fuzzy")
        current.previous_id = []
        filled += 1
    if filled:
        target.write_text(_po_text(ours), encoding="utf-8")
        result.filled[display(target)] = filled


def _problems(message, *, is_interface: bool) -> list[str]:
    """Integrity and markup problems of a delivered message (each plural form is checked)."""
    forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
    problems: list[str] = []
    for index, form in enumerate(forms):
        if not isinstance(form, str) or not form:
            continue
        source = ids[min(index, len(ids) - 1)] if index else ids[0]
        problems += [p for p in integrity_problems(source, form, markdown=not is_interface) if p not in problems]
    return problems
