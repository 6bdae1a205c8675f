"""One saved page, re-rendered alone: what the preview refreshes so its findings stay true.

A full MkDocs build of this site takes 20 s or more (every page, the directory,
open data, search, sitemap). When an editor saves the body of one page, only
that page's HTML can change, so the preview (`preview_server.py`) keeps the
configuration, plugins, content model, files, navigation and template
environment of the last full build and re-runs MkDocs' own page steps for
that one file. Before that, this module brings the content model and the
session's findings up to date for the file:

- the page is read again with the model's own loader (front matter checks
  included); when anything but the body changed (title, review dates,
  topics...) other pages and site-wide checks may depend on it, so the caller
  shows the page at once and then builds everything (`Refresh.FIRST`);
- the findings the build made for the file are dropped, except the site-wide
  ones whose inputs did not change (coverage, freshness, directory,
  translations); the page-level ones come back as the page is rendered
  (links, headings, link text, readability, unsafe output), and the model-level
  ones (facts, security) are checked again on the page alone.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from enum import Enum
from pathlib import Path

from signpost import model as model_package
from signpost.engine.mkdocs import engine_warnings
from signpost.facts.checks import check_model as check_facts
from signpost.findings import Finding, Report
from signpost.safety import plugin_support as safety
from signpost.session import SESSION
from signpost.translations.catalogs import display
from signpost.translations.glossary import glossary_findings

#: Findings about a page that come from site-wide checks whose inputs a body edit does not change.
SITE_WIDE_CHECKS = frozenset({"coverage", "freshness", "directory", "translations"})


class Refresh(Enum):
    """What re-rendering a saved page alone is worth."""

    CANNOT = "cannot"  # the page cannot be read now: only a full build shows why
    COMPLETE = "complete"  # only the body changed: the page alone is the whole change
    FIRST = "first"  # its front matter changed too: show the page now, then build everything (dates, nav...)


def refresh_model_page(model, rel: str) -> Refresh:
    """Give the model the page as saved and the session its findings, and say what a re-render is worth."""
    old = model.page(rel)
    # The model's own single-page loader (front matter, folder defaults, validation): the preview must read
    # a page exactly as the build does. Without it (renamed), every save is a full build, never a wrong one.
    load_page = getattr(model_package, "_load_page", None)
    if old is None or load_page is None:
        return Refresh.CANNOT
    page, findings = load_page(model.content_dir / rel, rel, model.display_prefix, model.registry,
                               model.section_defaults)
    if page is None:
        return Refresh.CANNOT
    model.pages[rel] = page
    model.report.findings = [f for f in model.report if f.file != page.file] + findings
    alone = replace(model, pages={rel: page}, services={}, report=Report())
    checked = check_facts(alone) + safety.model_findings(alone)
    _forget_findings(page.file)
    SESSION.add(findings)
    SESSION.add(f for f in checked if f.file == page.file)
    _forget_engine_warnings(rel)
    return Refresh.COMPLETE if page == old and page.key_lines == old.key_lines else Refresh.FIRST


def refresh_catalog(model, rel: str, catalog: Path, language: str) -> Refresh:
    """A translator saved the page's catalog: drop the findings its render makes, so they are made again.

    The catalog's own findings (malformed, unsafe or changed references) come back as the page is
    translated; its glossary findings are checked again here.
    """
    if model.page(rel) is None:
        return Refresh.CANNOT
    catalog_file = display(catalog)
    _forget_findings(f"{model.display_prefix}/{rel}", also=catalog_file)
    SESSION.add(f for f in glossary_findings(model.settings.translations_dir, language) if f.file == catalog_file)
    _forget_engine_warnings(rel)
    return Refresh.COMPLETE


def engine_findings_for(model, rel: str) -> list[Finding]:
    """The engine's warnings (broken links and anchors) about one page so far, as lenient findings."""
    if not any(_is_about(record, rel) for record in engine_warnings._HANDLER.records):
        return []  # the usual case: no need to turn every record into a finding
    page_file = f"{model.display_prefix}/{rel}"
    return [f for f in engine_warnings.findings(model.content_dir, model.display_prefix, strict=False)
            if f.file == page_file]


def _forget_findings(file: str, also: str | None = None) -> None:
    """Drop the findings of `file` the page's render makes again (and every finding of `also`)."""
    kept = [f for f in SESSION.report if (f.file != file or f.check in SITE_WIDE_CHECKS) and f.file != also]
    SESSION.reset()
    SESSION.add(kept)


def _forget_engine_warnings(rel: str) -> None:
    # The engine's log records of the last render of this page: rendering it again logs them again if still true.
    records: list[logging.LogRecord] = engine_warnings._HANDLER.records
    records[:] = [record for record in records if not _is_about(record, rel)]


def _is_about(record: logging.LogRecord, rel: str) -> bool:
    return f"Doc file '{rel}'" in record.getMessage()
