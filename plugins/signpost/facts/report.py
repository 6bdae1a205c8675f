"""`signpost report facts`: each fact, its source, when it was verified, and where it is used. MkDocs-free."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

from signpost.facts.help_block import needs_block
from signpost.facts.references import REFERENCE, references_in


def usage(model, translations_dir: Path | None = None) -> dict[str, list[str]]:
    """Fact key -> the places that reference it (`file:line`), pages, services and catalogs."""
    used: dict[str, list[str]] = defaultdict(list)
    for page in model.pages.values():
        for reference in references_in(page.body, page.body_line):
            used[reference.key].append(f"{page.file}:{reference.line}")
    for service in model.services.values():
        texts = [(service.body, service.body_line)] + [
            (getattr(service, key, "") or "", service.key_lines.get(key) or 1)
            for key in ("alert", "eligibility", "fees_description", "confidential_note")]
        for text, line in texts:
            for reference in references_in(text, line):
                used[reference.key].append(f"{service.file}:{reference.line}")
    registry = model.facts
    for fact in registry.facts.values():
        shown = fact.kind in ("emergency", "centre") or fact.home or fact.topics
        if not shown:
            continue
        for page in model.pages.values():
            if needs_block(page) and (fact.kind in ("emergency", "centre") or
                                      (fact.home and page.type == "home") or set(fact.topics) & set(page.topics)):
                for name in ("phone", "text"):
                    if name in fact.values:
                        used[f"{fact.id}.{name}"].append(f"{page.file} (Get help now)")
    if translations_dir and Path(translations_dir).is_dir():
        for po in sorted(Path(translations_dir).rglob("*.po")):
            text = po.read_text(encoding="utf-8", errors="replace")
            if "{{" not in text:
                continue
            for number, line in enumerate(text.splitlines(), 1):
                if line.startswith("msgstr") or (line.startswith('"') and "{{" in line):
                    for match in REFERENCE.finditer(line):
                        used[match.group(2)].append(f"{po.as_posix()}:{number}")
    return used


def report_rows(model, today: dt.date, translations_dir: Path | None = None) -> list[dict]:
    registry = model.facts
    used = usage(model, translations_dir)
    rows = []
    for fact in registry.facts.values():
        due = fact.review_by
        status = "overdue" if due and due < today else ("due soon" if due and (due - today).days <= 30 else "ok")
        for name, value in fact.values.items():
            key = f"{fact.id}.{name}"
            rows.append({"key": key, "value": value, "source": fact.source,
                         "verified": fact.verified.isoformat() if fact.verified else None,
                         "verified_how": fact.verified_how, "review_by": due.isoformat() if due else None,
                         "status": status, "owner": fact.owner, "used_in": sorted(set(used.get(key, [])))})
    for key, provided in sorted(registry.provided.items()):
        rows.append({"key": key, "value": provided.value, "source": provided.file, "verified": None,
                     "verified_how": "provided by another file", "review_by": None, "status": "ok",
                     "owner": "", "used_in": sorted(set(used.get(key, [])))})
    return rows


def format_report(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        lines.append(f"{row['key']} = {row['value']}  [{row['status']}]")
        lines.append(f"    source: {row['source']}")
        lines.append(f"    verified: {row['verified']} (review by {row['review_by']}, owner {row['owner']})")
        if row["verified_how"]:
            lines.append(f"    how: {row['verified_how']}")
        lines.append("    used in: " + (", ".join(row["used_in"]) if row["used_in"] else "(not used yet)"))
    unused = sum(1 for row in rows if not row["used_in"])
    lines.append(f"{len(rows)} values, {len({r['key'].rsplit('.', 1)[0] for r in rows})} facts; {unused} not used yet")
    return "\n".join(lines) + "\n"


def rows_json(rows: list[dict]) -> str:
    return json.dumps({"facts": rows}, indent=2, ensure_ascii=False) + "\n"
