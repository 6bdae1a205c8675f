"""The freshness checks on the content model: the same findings for `signpost check` and the build.

- overdue pages and services are errors (file, owner, review by, days overdue);
- pages and services due for review within the window are warnings;
- outdated references (data/outdated-references.yml) in page or service text are errors;
- pages edited in git after their last review are warnings.

MkDocs-free; `check_model` is listed in signpost.checks.MODEL_CHECKS.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

from signpost.findings import Finding, error, warning
from signpost.freshness.history import History, edited_without_review, read_history
from signpost.model.outdated_references import OutdatedReferences
from signpost.freshness.schedule import (DEFAULT_DUE_WITHIN_DAYS, ReviewSchedule, Status, schedules_for,
                                         soonest_first)
from signpost.today import today as current_day

CHECK = "freshness"


@dataclass(frozen=True)
class FreshnessSettings:
    """What the checks look at; the plugin fills it from mkdocs.yml, the CLI uses the defaults."""

    due_within_days: int = DEFAULT_DUE_WITHIN_DAYS
    check_references: bool = True
    check_history: bool = True


@dataclass
class FreshnessResult:
    """Everything one run of the checks found, kept for the page notices and pages.json."""

    schedules: list[ReviewSchedule]
    findings: list[Finding]
    history: History | None = None


def check_model(model) -> list[Finding]:
    """Every freshness finding for the site with the default settings (for `signpost check`)."""
    return run_checks(model).findings


def run_checks(model, settings: FreshnessSettings = FreshnessSettings(), today: dt.date | None = None
               ) -> FreshnessResult:
    """Review schedules, outdated references and edits without review, in one pass over the model."""
    today = today or current_day()
    schedules = soonest_first(schedules_for(model))
    findings = schedule_findings(schedules, today, settings.due_within_days)
    if settings.check_references:
        references = model.outdated_references  # read once by the content model
        findings += references.findings
        findings += reference_findings(model, references)
    history = None
    if settings.check_history:
        reviewed = [page.last_reviewed for page in model.pages.values() if page.last_reviewed]
        history = read_history(model.content_dir, since=min(reviewed) if reviewed else None)
        findings += edited_without_review(model.pages.values(), history, model.content_dir)
    return FreshnessResult(schedules, findings, history)


def schedule_findings(schedules: Iterable[ReviewSchedule], today: dt.date,
                      due_within_days: int = DEFAULT_DUE_WITHIN_DAYS) -> list[Finding]:
    """An error for each overdue page or service, a warning for each one due soon."""
    findings = []
    for schedule in schedules:
        status = schedule.status(today, due_within_days)
        owner = f"owner {schedule.owner}" if schedule.owner else "no owner"
        who = f"{schedule.owner}: " if schedule.owner else "give it an owner, then "
        if status is Status.OVERDUE:
            days = -schedule.days_left(today)
            findings.append(error(
                schedule.file, f"{schedule.kind} is overdue for review: review by {schedule.review_by.isoformat()} "
                               f"({days} day{'s' if days != 1 else ''} overdue; {owner})",
                line=schedule.line, field="last_reviewed", check=CHECK,
                hint=f"{who}review the {schedule.kind}, then set last_reviewed to the day you did"))
        elif status is Status.DUE:
            days = schedule.days_left(today)
            findings.append(warning(
                schedule.file, f"{schedule.kind} is due for review by {schedule.review_by.isoformat()} "
                               f"(in {days} day{'s' if days != 1 else ''}; {owner})",
                line=schedule.line, field="last_reviewed", check=CHECK,
                hint=f"{who}review the {schedule.kind} before then and update last_reviewed"))
    return findings


def reference_findings(model, references: OutdatedReferences) -> list[Finding]:
    """Outdated references in every page's title, description and text, and in every service."""
    findings = []
    for page in model.pages.values():
        for key in ("title", "description"):
            findings += references.scan(getattr(page, key), page.file, page.key_lines.get(key) or 1, key)
        findings += references.scan(page.body, page.file, page.body_line)
    for service in model.services.values():
        findings += service_reference_findings(service, references)
    return findings


def service_reference_findings(service: Any, references: OutdatedReferences) -> list[Finding]:
    file = str(getattr(service, "file", "") or "")
    key_lines = getattr(service, "key_lines", None) or {}
    findings = []
    # The description is the Markdown body, scanned below with its real line numbers.
    for key in ("name", "alert", "eligibility", "fees_description"):
        text = getattr(service, key, None)
        if isinstance(text, str):
            findings += references.scan(text, file, key_lines.get(key) or 1, key)
    body = getattr(service, "body", None)
    if isinstance(body, str):
        findings += references.scan(body, file, getattr(service, "body_line", 1) or 1)
    return findings
