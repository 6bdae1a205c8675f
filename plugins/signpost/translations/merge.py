"""Merge translations delivered as PO files (an agency, a volunteer, a Weblate export) into ours.

Only empty or fuzzy messages are filled: a translation already in our catalog
is never replaced unless asked. The catalog's `Last-Translator`,
`PO-Revision-Date` and `Language-Team` headers come from the delivered file
(the translator's tool fills them), or from the merge itself when the
delivered file still has template defaults. A reviewed delivery into a
catalog marked `machine-draft` keeps the other messages marked, one by one. Every delivered translation passes the same
integrity check as the build (links, emails, phone numbers, numbers, Markdown)
or is left out with a finding naming the delivered file and line. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from signpost.findings import Finding, error, warning
from signpost.l10n import INTERFACE_CATALOG
from signpost.safety.paths import outside_folder_problem
from signpost.today import today
from signpost.translations.catalogs import (MACHINE_DRAFT, display, is_draft_catalog, is_draft_message,
                                            read_catalog)
from signpost.translations.integrity import integrity_problems
from signpost.translations.po_format import po_text

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
                       languages: list[str] | None = None, now: dt.datetime | None = None) -> MergeResult:
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
        _merge_file(delivered, target, language, overwrite, result, now or _now())
    return result


def _merge_file(delivered: Path, target: Path, language: str, overwrite: bool, result: MergeResult,
                now: dt.datetime) -> None:
    theirs, problems = read_catalog(delivered, language)
    ours, our_problems = read_catalog(target, language)
    result.findings += problems + our_problems
    if theirs is None or ours is None:
        return
    filled = 0
    reviewed_delivery = not is_draft_catalog(theirs)
    if reviewed_delivery and is_draft_catalog(ours):
        _mark_drafts_one_by_one(ours)
    for message in theirs:
        if not message.id or not message.string or message.fuzzy:
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
                display(delivered), f"translation of {(message.id if isinstance(message.id, str) else message.id[0])[:50]!r} not merged: " + "; ".join(broken),
                line=message.lineno, field="msgstr", check=CHECK,
                hint="keep every link target, email, phone number and number of the English text"))
            continue
        current.string = message.string
        current.flags.discard("fuzzy")
        current.previous_id = []
        current.user_comments = [c for c in current.user_comments if not c.strip().startswith(MACHINE_DRAFT)]
        if not reviewed_delivery or is_draft_message(message):
            current.user_comments.append(MACHINE_DRAFT)
        filled += 1
    if filled:
        _fill_headers(ours, theirs, now)
        target.write_text(po_text(ours), encoding="utf-8")
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


_DEFAULT_TRANSLATOR = "FULL NAME <EMAIL@ADDRESS>"


def _fill_headers(ours, theirs, now: dt.datetime) -> None:
    """Who translated and when: from the delivered file, or the merge itself when it says nothing."""
    translator = theirs.last_translator
    if translator and translator != _DEFAULT_TRANSLATOR:
        ours.last_translator = translator
    team = theirs.language_team
    if team and "LANGUAGE" not in team and "LL@li.org" not in team:
        ours.language_team = team
    revised = theirs.revision_date if isinstance(theirs.revision_date, dt.datetime) else None
    ours.revision_date = revised if revised and revised.year > 1900 else now


def _mark_drafts_one_by_one(catalog) -> None:
    """The whole-file `machine-draft` mark becomes one mark per translated message."""
    catalog.header_comment = "\n".join(line for line in catalog.header_comment.splitlines()
                                       if not line.lstrip("# ").startswith(MACHINE_DRAFT))
    for message in catalog:
        if message.id and message.string and not is_draft_message(message):
            message.user_comments.append(MACHINE_DRAFT)


def _now() -> dt.datetime:
    return dt.datetime.combine(today(), dt.datetime.now(dt.timezone.utc).time().replace(second=0, microsecond=0),
                               tzinfo=dt.timezone.utc)
