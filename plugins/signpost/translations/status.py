"""How much of each page is translated: the API other features call, and `signpost translations status`.

MkDocs-free. The freshness and coverage features call:

    from signpost.translations.status import page_status
    status = page_status(translations_dir, "pl", "charter/index.md", model)
    status.total, status.translated, status.fuzzy, status.untranslated, status.broken   # message counts
    status.percent            # translated / total * 100 (0.0 for a page with no messages)
    status.complete           # every message translated and usable: the page reads fully in Polish
    status.has_translation    # at least one message translated (else the page is left out of hreflang/sitemap)
    status.fuzzy_since        # date the oldest outdated (fuzzy) translation's English changed, or None
    status.outdated_days(today)   # days since then, or None when nothing is outdated
    status.in_grace           # fuzzy messages still published with a notice (translations/grace.py)
    status.grace_expired      # fuzzy messages past their grace period: an error
    status.drafts, status.reviewed   # published translations that are machine drafts / checked by a person

`translations_dir` is the catalog folder (`translations/`), `model` the
ContentModel; the page's messages are extracted with the project's Markdown
settings (`mkdocs.yml` beside the content folder; pass `settings=` to override).
Counts are over the page's *current* English messages: a message is
translated when the catalog has a non-fuzzy translation that passes the
integrity check, fuzzy when its translation is marked fuzzy (English changed
since), broken when its translation fails the integrity check, untranslated
otherwise. A page is `complete` when every message is translated or still in
its grace period (the same rule the build publishes by, and coverage uses). `project_status(settings, model)` gives every language and page,
the interface strings (`interface_status`, shown as the page `(interface)`),
plus orphan catalogs (catalogs of pages that no longer exist).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path

from signpost.findings import Finding
from signpost.l10n import INTERFACE_CATALOG
from signpost.settings import Settings
from signpost.sources import translatable_page, translatable_pages
from signpost.today import BadTodayError, today as signpost_today
from signpost.translations.catalogs import (catalog_path, content_path_of, display, find_catalogs,
                                            load_page_catalog, source_changed_date)
from signpost.translations.extract import (data_messages, interface_messages, orphan_finding, section_title_messages,
                                           source_ids)
from signpost.translations.grace import outdated_messages

INTERFACE_PAGE = "(interface)"


@dataclass
class PageStatus:
    """Translation state of one page in one language."""

    language: str
    path: str
    catalog: str
    exists: bool
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    broken: int = 0
    fuzzy_since: dt.date | None = None
    in_grace: int = 0
    grace_expired: int = 0
    grace_ends: dt.date | None = None  # the first day an outdated translation stops being published
    drafts: int = 0

    @property
    def percent(self) -> float:
        return round(100.0 * self.translated / self.total, 1) if self.total else 0.0

    @property
    def complete(self) -> bool:
        """Every message reads in the language: translated, or a previous translation still in grace."""
        return self.total > 0 and self.translated + self.in_grace == self.total

    @property
    def has_translation(self) -> bool:
        return self.translated + self.in_grace > 0

    @property
    def reviewed(self) -> int:
        return self.translated - self.drafts

    def outdated_days(self, today: dt.date) -> int | None:
        return (today - self.fuzzy_since).days if self.fuzzy_since else None

    def to_dict(self) -> dict:
        data = asdict(self)
        data.update(percent=self.percent, complete=self.complete, reviewed=self.reviewed,
                    fuzzy_since=self.fuzzy_since.isoformat() if self.fuzzy_since else None,
                    grace_ends=self.grace_ends.isoformat() if self.grace_ends else None)
        return data


@dataclass
class ProjectStatus:
    """Every page in every target language, and the catalogs nobody uses any more."""

    pages: list[PageStatus] = field(default_factory=list)
    interface: list[PageStatus] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def languages(self) -> list[str]:
        return list(dict.fromkeys(status.language for status in self.pages))

    def totals(self, language: str) -> dict:
        rows = [status for status in self.pages if status.language == language]
        total = sum(s.total for s in rows)
        translated = sum(s.translated for s in rows)
        return {"language": language, "pages": len(rows), "complete_pages": sum(s.complete for s in rows),
                "total": total, "translated": translated, "fuzzy": sum(s.fuzzy for s in rows),
                "untranslated": sum(s.untranslated for s in rows), "broken": sum(s.broken for s in rows),
                "drafts": sum(s.drafts for s in rows), "reviewed": sum(s.reviewed for s in rows),
                "in_grace": sum(s.in_grace for s in rows), "grace_expired": sum(s.grace_expired for s in rows),
                "percent": round(100.0 * translated / total, 1) if total else 0.0}


_WORKED_OUT: dict[tuple, tuple] = {}


def page_status(translations_dir: Path | str, language: str, content_path: str, model,
                settings: Settings | None = None, today: dt.date | None = None) -> PageStatus:
    """Translation state of the page at `content_path` (`charter/index.md`) in `language` on `today`.

    Kept while the checked catalog, the page and the settings are the same objects (each is a new
    one when its files change): the language switcher, the coverage matrix and the freshness
    checks ask for every page in every language, in every language pass. The parallel build
    works each one out once, before it forks its workers (the translations plugin's `warm_up`).
    The result is shared: nothing may change it.
    """
    settings = settings or model.settings
    day = today or _today()
    po = catalog_path(translations_dir, language, content_path)
    page_catalog = load_page_catalog(po, language)
    page = translatable_page(model, content_path)
    key = (str(po), language, content_path, day)
    known = _WORKED_OUT.get(key)
    if known is not None and known[0] is page_catalog and known[1] is page and (
            known[2] is settings or known[2] == settings):
        return known[3]
    status = _worked_out(po, page_catalog, page, language, content_path, settings, day)
    _WORKED_OUT[key] = (page_catalog, page, settings, status)
    return status


def _worked_out(po: Path, page_catalog, page, language: str, content_path: str, settings: Settings,
                today: dt.date) -> PageStatus:
    status = PageStatus(language, content_path, display(po), page_catalog.exists)
    if page is None:
        return status
    outdated = outdated_messages(page_catalog, page, today)
    for msgid in source_ids(page, settings):
        status.total += 1
        if msgid in page_catalog.usable:
            status.translated += 1
            status.drafts += page_catalog.is_draft(msgid)
        elif msgid in page_catalog.broken:
            status.broken += 1
        elif msgid in page_catalog.fuzzy:
            status.fuzzy += 1
            since = source_changed_date(page_catalog.fuzzy[msgid])
            if since and (status.fuzzy_since is None or since < status.fuzzy_since):
                status.fuzzy_since = since
            if msgid in outdated:
                item = outdated[msgid]
                if item.publishable:
                    status.in_grace += 1
                    status.grace_ends = min(filter(None, (status.grace_ends, item.ends)))
                else:
                    status.grace_expired += 1
        else:
            status.untranslated += 1
    return status


def interface_status(settings: Settings, language: str, model) -> PageStatus:
    """Translation state of the interface strings (`interface.po`), as a pseudo-page `(interface)`."""
    po = settings.translations_dir / language / INTERFACE_CATALOG
    page_catalog = load_page_catalog(po, language)
    status = PageStatus(language, INTERFACE_PAGE, display(po), page_catalog.exists)
    for message in interface_messages() + section_title_messages(settings.content_dir) + data_messages(model):
        status.total += 1
        key = f"{message.context}\x04{message.id}" if message.context else message.id
        if key in page_catalog.usable or key in page_catalog.plurals:
            status.translated += 1
            status.drafts += page_catalog.is_draft(key)
        elif key in page_catalog.broken:
            status.broken += 1
        elif key in page_catalog.fuzzy:
            status.fuzzy += 1
        else:
            status.untranslated += 1
    return status


def project_status(settings: Settings, model, languages: list[str] | None = None) -> ProjectStatus:
    """Status of every page in every target language (or in `languages`), then of its interface strings."""
    result = ProjectStatus()
    for language in languages or settings.target_languages:
        for content_path in sorted(translatable_pages(model)):
            status = page_status(settings.translations_dir, language, content_path, model, settings)
            result.pages.append(status)
            result.findings.extend(load_page_catalog(catalog_path(settings.translations_dir, language, content_path),
                                                     language).findings)
        interface = interface_status(settings, language, model)
        result.interface.append(interface)
        result.findings.extend(load_page_catalog(settings.translations_dir / language / "interface.po",
                                                 language).findings)
        for po in find_catalogs(settings.translations_dir, language):
            content_path = content_path_of(settings.translations_dir, language, po)
            if content_path is not None and translatable_page(model, content_path) is None:
                result.orphans.append(display(po))
                result.findings.append(orphan_finding(po, content_path))
    return result


def _today() -> dt.date:
    try:
        return signpost_today()
    except BadTodayError:  # reported by the commands and the build; counting goes on with the real date
        return dt.date.today()
