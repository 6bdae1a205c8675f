"""The coverage report: the topic x language matrix and every gap with what would close it,
as text for people and JSON for tools. MkDocs-free."""

from __future__ import annotations

import json
from typing import Any

from signpost.coverage.languages import Translation
from signpost.coverage.liveness import attribute
from signpost.coverage.matrix import Coverage, TopicCoverage
from signpost.findings import Report

MARKS = {Translation.COMPLETE: "yes", Translation.PARTIAL: "part", Translation.MISSING: "no",
         Translation.UNKNOWN: "?"}


def coverage_text(coverage: Coverage) -> str:
    """The matrix, a key and the gaps, for a terminal."""
    covered = sum(1 for t in coverage.topics if t.covered)
    once = sum(1 for files in coverage.standards.values() if len(files) == 1)
    lines = [f"Coverage of the site on {coverage.today.isoformat()} "
             f"(languages: {', '.join(coverage.languages)}; mode: {coverage.mode})", "",
             f"Topics: {covered} of {len(coverage.topics)} covered by enough live pages and services.",
             f"Standards: {once} of {len(coverage.standards)} explained by exactly one page.", ""]
    width = max([len(t.topic.id) for t in coverage.topics] + [5])
    header = f"{'TOPIC':<{width}}  PAGES  SERVICES  " + "".join(f"{lang:<5}" for lang in coverage.languages) + \
             "LANGUAGES"
    lines += [header, "-" * len(header)]
    for entry in sorted(coverage.topics, key=lambda t: t.topic.id):
        lines.append(f"{entry.topic.id:<{width}}  {_count(len(entry.pages), entry.topic.min_pages):<5}  "
                     f"{_services(entry):<8}  " + "".join(f"{_mark(entry, lang):<5}" for lang in coverage.languages)
                     + entry.topic.languages)
    lines += ["", "Key: PAGES and SERVICES are live/needed. Per language: yes = a live page on the topic is fully",
              "translated; part = partly; no = not translated; ? = unknown; - = no live page."]
    if not coverage.translations_known:
        lines.append("Translation status is not available (signpost.translations): languages are not checked.")
    gaps = Report(coverage.all_findings)
    lines += ["", f"Gaps and problems: {gaps.summary()}" + ("" if len(gaps) else " - nothing to do.")]
    for finding in gaps.sorted():
        lines.append("  " + finding.format().replace("\n", "\n  "))
    return "\n".join(lines) + "\n"


def coverage_json(coverage: Coverage) -> str:
    """Everything in the text report, as data."""
    data: dict[str, Any] = {
        "today": coverage.today.isoformat(),
        "mode": coverage.mode,
        "languages": coverage.languages,
        "default_language": coverage.default_language,
        "translations_known": coverage.translations_known,
        "summary": {
            "topics": len(coverage.topics),
            "topics_covered": sum(1 for t in coverage.topics if t.covered),
            "standards": len(coverage.standards),
            "standards_explained_once": sum(1 for files in coverage.standards.values() if len(files) == 1),
            "errors": sum(1 for f in coverage.all_findings if f.is_error),
            "warnings": sum(1 for f in coverage.all_findings if not f.is_error),
        },
        "topics": [_topic_json(entry) for entry in coverage.topics],
        "standards": coverage.standards,
        "sections": {name: list(rules.ids) for name, rules in coverage.sections.types.items()},
        "gaps": [finding.to_dict() for finding in Report(coverage.all_findings).sorted()],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _topic_json(entry: TopicCoverage) -> dict[str, Any]:
    topic = entry.topic
    return {
        "id": topic.id, "title": topic.title, "source": topic.source, "section": topic.section,
        "audience": list(topic.audience), "languages_policy": topic.languages,
        "covered": entry.covered,
        "min_pages": topic.min_pages, "pages": [page.file for page in entry.pages],
        "pages_not_counted": [{"file": page.file, "reason": reason} for page, reason in entry.not_counted],
        "min_services": topic.min_services, "service_categories": list(topic.service_categories),
        "services": [str(attribute(s, "slug") or attribute(s, "file")) for s in entry.services],
        "services_not_counted": [{"service": str(attribute(s, "slug") or attribute(s, "file")), "reason": reason}
                                 for s, reason in entry.services_not_counted],
        "languages": {lang: {"state": state.state.value, "translated": state.translated, "total": state.total}
                      for lang, state in entry.languages.items()} if entry.pages else {},
    }


def _count(have: int, need: int) -> str:
    return f"{have}/{need}" if need or have else "-"


def _services(entry: TopicCoverage) -> str:
    if not entry.topic.service_categories:
        return "-"
    return f"{len(entry.services)}/{entry.topic.min_services}"


def _mark(entry: TopicCoverage, language: str) -> str:
    if not entry.pages:
        return "-"
    return MARKS[entry.languages[language].state]
