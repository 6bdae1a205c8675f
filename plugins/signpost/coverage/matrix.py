"""The coverage of the site: every registry topic with the live pages and services that cover it,
in every language, the standards each page explains, and every gap with what would close it.

`assess(model)` is the one entry point; the build, `signpost check`, `signpost report coverage`
and the Topics A to Z page all read its result. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field

from signpost.coverage.languages import PageTranslation, Translation, TranslationStatus, site_languages
from signpost.coverage.liveness import attribute, page_liveness, service_liveness
from signpost.coverage.sections import check_page_sections
from signpost.findings import Finding, error, warning
from signpost.model.registry import Topic
from signpost.model.sections import SectionRules
from signpost.model.services import CATEGORIES_FILE
from signpost.today import today as clock

CHECK = "coverage"
# SIGNPOST_COVERAGE=report keeps the site-wide gaps (topics, standards, languages) out of the
# build's findings and in `signpost report coverage` only: for test sites and previews of part of
# a site. Registry and page rules (required sections) always apply.
MODE_VARIABLE = "SIGNPOST_COVERAGE"
MODES = ("enforce", "report")


@dataclass
class TopicCoverage:
    """One topic: what covers it today, in which languages, and what is missing."""

    topic: Topic
    pages: list = field(default_factory=list)             # live pages for the topic's audience
    not_counted: list = field(default_factory=list)       # (page, reason) that list the topic but do not count
    services: list = field(default_factory=list)          # active, fresh services in its categories
    services_not_counted: list = field(default_factory=list)  # (service, reason)
    languages: dict[str, PageTranslation] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        """Enough live pages and services (languages aside)."""
        return len(self.pages) >= self.topic.min_pages and len(self.services) >= self.topic.min_services

    @property
    def ordered_pages(self) -> list:
        """The live pages, the topic's own page first: in its section, named after it, most specific."""
        topic = self.topic

        def rank(page) -> tuple:
            in_section = bool(topic.section) and page.path.startswith(topic.section + "/")
            stem = page.path.rsplit("/", 1)[-1][:-3]
            named = topic.id in (stem, page.path.rsplit("/", 2)[-2] if "/" in page.path else "")
            return (not in_section, not named, len(page.topics), page.path)
        return sorted(self.pages, key=rank)

    @property
    def uses_pages(self) -> bool:
        return self.topic.min_pages > 0 or bool(self.pages)


@dataclass
class Coverage:
    """Everything coverage knows about the site on one day."""

    today: dt.date
    languages: list[str]
    default_language: str
    translations_known: bool
    mode: str = "enforce"
    topics: list[TopicCoverage] = field(default_factory=list)
    standards: dict[str, list[str]] = field(default_factory=dict)  # code -> files of pages explaining it
    sections: SectionRules = field(default_factory=SectionRules)
    findings: list[Finding] = field(default_factory=list)   # registries and page sections: always apply
    gaps: list[Finding] = field(default_factory=list)       # site-wide: topics, standards, languages
    translation_status: TranslationStatus | None = None

    @property
    def enforced(self) -> list[Finding]:
        """What the build and `signpost check` report: site-wide gaps only in `enforce` mode."""
        return self.findings + (self.gaps if self.mode == "enforce" else [])

    @property
    def all_findings(self) -> list[Finding]:
        return self.findings + self.gaps

    def topic(self, topic_id: str) -> TopicCoverage | None:
        return next((t for t in self.topics if t.topic.id == topic_id), None)


def assess(model, *, languages: list[str] | None = None, default_language: str | None = None,
           today: dt.date | None = None, mode: str | None = None) -> Coverage:
    """Assess the content model against the registries (topics, standards, sections)."""
    found_languages, found_default = site_languages(model.settings)
    default_language = default_language or found_default
    languages = languages or found_languages
    status = TranslationStatus(model.settings, languages, default_language, model)
    mode, mode_findings = _mode(mode)
    coverage = Coverage(today or clock(), languages, default_language, status.available, mode,
                        translation_status=status)
    coverage.findings += mode_findings

    data_prefix = model.registry.topics_file.rsplit("/", 1)[0]
    coverage.sections = model.sections
    coverage.findings += model.sections.findings
    coverage.findings += check_page_sections(model.pages.values(), coverage.sections)

    coverage.findings += _check_categories(model, data_prefix)
    site_findings: list[Finding] = []
    pages = sorted(model.pages.values(), key=lambda p: p.path)
    services = sorted(model.services.values(), key=lambda s: str(attribute(s, "file", "")))
    for topic in model.registry.topics.values():
        topic_coverage = _assess_topic(model, topic, coverage, status, pages, services)
        coverage.topics.append(topic_coverage)
        site_findings += topic_coverage.findings
    site_findings += _best_effort_language_gaps(model, coverage)
    coverage.standards, standard_findings = _assess_standards(model)
    site_findings += standard_findings
    coverage.gaps = site_findings
    return coverage


# Topics ---------------------------------------------------------------------------------------

def _assess_topic(model, topic: Topic, coverage: Coverage, status: TranslationStatus, pages: list,
                  services: list) -> TopicCoverage:
    result = TopicCoverage(topic)
    for page in pages:
        if topic.id not in page.topics:
            continue
        liveness = page_liveness(page, coverage.today)
        if not liveness.live:
            result.not_counted.append((page, liveness.reason))
        elif topic.audience and not set(page.audience) & set(topic.audience):
            result.not_counted.append((page, f"is written for {', '.join(page.audience) or 'nobody'}, "
                                             f"not {' or '.join(topic.audience)}"))
        else:
            result.pages.append(page)
    if topic.service_categories:
        for service in services:
            if not set(attribute(service, "categories", None) or ()) & set(topic.service_categories):
                continue
            liveness = service_liveness(service, coverage.today)
            if liveness.live:
                result.services.append(service)
            else:
                result.services_not_counted.append((service, liveness.reason))
    for language in coverage.languages:
        result.languages[language] = _best_translation(result.pages, language, status)
    result.findings += _page_gaps(model, result)
    result.findings += _section_gap(model, result)
    result.findings += _service_gaps(model, result)
    if topic.languages == "required":
        result.findings += _required_language_gaps(model, result, coverage, status)
    return result


def _best_translation(pages: list, language: str, status: TranslationStatus) -> PageTranslation:
    if not pages:
        return PageTranslation(Translation.MISSING)
    order = [Translation.COMPLETE, Translation.UNKNOWN, Translation.PARTIAL, Translation.MISSING]
    states = [status.of(page, language) for page in pages]
    return min(states, key=lambda s: (order.index(s.state), -s.percent))


def _page_gaps(model, result: TopicCoverage) -> list[Finding]:
    topic = result.topic
    if len(result.pages) >= topic.min_pages:
        return []
    have = len(result.pages)
    needed = f"{topic.min_pages} live page{'s' if topic.min_pages != 1 else ''}"
    message = f"topic `{topic.id}` ({topic.title}) is not covered: it needs {needed} and has {have}"
    if result.not_counted:
        page, reason = result.not_counted[0]
        others = "".join(f"; {p.file} {r}" for p, r in result.not_counted[1:])
        hint = (f"review {page.file} and update `last_reviewed`" if "review" in reason
                else f"make {page.file} fit for {' or '.join(topic.audience)} (its `audience`)")
        return [error(page.file, f"{message}: this page lists it but {reason}{others}",
                      line=page.line_of("last_reviewed") if "review" in reason else page.line_of("audience"),
                      field="topics", check=CHECK,
                      hint=hint + f", or write another page with `topics: [{topic.id}]`"
                           + _where_to_write(topic))]
    return [error(model.registry.topics_file, message, line=model.registry.topic_lines.get(topic.id),
                  field=f"topics.{topic.id}", check=CHECK,
                  hint=f"write a page with `topics: [{topic.id}]`{_where_to_write(topic)} "
                       f"(`signpost new page` starts one), or add `{topic.id}` to the `topics` of a page that covers it")]


def _section_gap(model, result: TopicCoverage) -> list[Finding]:
    topic = result.topic
    if not topic.section or not result.pages:
        return []
    prefix = topic.section + "/"
    if any(page.path.startswith(prefix) for page in result.pages):
        return []
    files = ", ".join(page.file for page in result.pages)
    return [error(result.pages[0].file, f"topic `{topic.id}` must be covered in {model.display_prefix}/{prefix}, "
                  f"but its pages are elsewhere ({files})", line=result.pages[0].line_of("topics"),
                  field="topics", check=CHECK,
                  hint=f"move the page into {model.display_prefix}/{prefix}, or change `section:` of "
                       f"`{topic.id}` in {model.registry.topics_file} if the site's layout changed")]


def _service_gaps(model, result: TopicCoverage) -> list[Finding]:
    topic = result.topic
    if len(result.services) >= topic.min_services:
        return []
    categories = ", ".join(topic.service_categories)
    message = (f"topic `{topic.id}` ({topic.title}) needs {topic.min_services} active, fresh directory "
               f"service{'s' if topic.min_services != 1 else ''} in {categories} and has {len(result.services)}")
    if result.services_not_counted:
        details = "; ".join(f"{attribute(s, 'file', '') or attribute(s, 'name', '')} {reason}"
                            for s, reason in result.services_not_counted[:5])
        message += f" ({details})"
    return [error(model.registry.topics_file, message, line=model.registry.topic_lines.get(topic.id),
                  field=f"topics.{topic.id}.min_services", check=CHECK,
                  hint="review the services above (status `active`, a recent `last_reviewed`), or add a service "
                       f"with category {topic.service_categories[0] if topic.service_categories else '...'} "
                       "(`signpost new service NAME`)")]


def _required_language_gaps(model, result: TopicCoverage, coverage: Coverage,
                            status: TranslationStatus) -> list[Finding]:
    if not result.pages or not coverage.translations_known:
        return []
    topic = result.topic
    findings = []
    main = _main_page(result)
    for language in coverage.languages:
        if result.languages[language].state in (Translation.COMPLETE, Translation.UNKNOWN):
            continue
        state = status.of(main, language)
        done = f"{state.translated} of {state.total} messages translated" if state.total else "not translated"
        catalog = state.catalog or f"translations/{language}/{main.path[:-3]}.po"
        findings.append(error(
            main.file, f"topic `{topic.id}` ({topic.title}) must be published in every language, but no page "
            f"on it is fully translated into `{language}` (this page: {done})", field=f"translation.{language}",
            check=CHECK,
            hint=f"translate the remaining messages in {catalog} (`signpost translations extract` creates it, "
                 f"`signpost translations status` lists what is left)"))
    return findings


def _best_effort_language_gaps(model, coverage: Coverage) -> list[Finding]:
    """One warning per language listing the best-effort topics no fully translated page covers."""
    if not coverage.translations_known:
        return []
    findings = []
    for language in coverage.languages:
        if language == coverage.default_language:
            continue
        missing = [t.topic.id for t in coverage.topics
                   if t.topic.languages != "required" and t.pages
                   and t.languages[language].state not in (Translation.COMPLETE, Translation.UNKNOWN)]
        if missing:
            findings.append(warning(
                model.registry.topics_file, f"{len(missing)} best-effort topic{'s are' if len(missing) != 1 else ' is'}"
                f" not fully translated into `{language}`: {', '.join(missing)}", field=f"translation.{language}",
                check=CHECK, hint=f"`signpost report coverage` shows the pages; translate them in "
                                  f"translations/{language}/ (best effort: the build goes on)"))
    return findings


def _main_page(result: TopicCoverage):
    return result.ordered_pages[0]


def _where_to_write(topic: Topic) -> str:
    return f" in content/{topic.section}/" if topic.section else ""


# Registries ------------------------------------------------------------------------------------

def _check_categories(model, data_prefix: str) -> list[Finding]:
    """Every `service_categories` entry of a topic must be a directory category."""
    categories = set(model.categories)
    if not categories:  # the directory feature reports a missing or broken categories file
        return []
    findings = []
    for topic in model.registry.topics.values():
        for category in topic.service_categories:
            if category not in categories:
                close = difflib.get_close_matches(category, categories, n=1)
                findings.append(error(
                    model.registry.topics_file, f"topic `{topic.id}`: unknown service category `{category}`",
                    line=model.registry.topic_field_lines.get(topic.id, {}).get("service_categories"),
                    field=f"topics.{topic.id}.service_categories", check=CHECK,
                    hint=(f"did you mean `{close[0]}`? " if close else "")
                    + f"categories are listed in {data_prefix}/{CATEGORIES_FILE}"))
    return findings


def _assess_standards(model) -> tuple[dict[str, list[str]], list[Finding]]:
    """Each standard code must be explained by exactly one page (its `standards:` field)."""
    explained: dict[str, list] = {code: [] for code in model.registry.standards}
    for page in sorted(model.pages.values(), key=lambda p: p.path):
        for code in page.standards:
            if code in explained:
                explained[code].append(page)
    findings = []
    for code, pages in explained.items():
        title = model.registry.standards[code].title
        if not pages:
            findings.append(error(
                model.registry.standards_file, f"standard `{code}` ({title}) is not explained by any page",
                field=f"standards.{code}", check=CHECK,
                hint=f"add `{code}` to the `standards:` of the page in content/standards/ that explains it, "
                     f"or write one (`signpost new page standards/{code}.md`)"))
        elif len(pages) > 1:
            files = ", ".join(page.file for page in pages)
            findings.append(error(
                pages[1].file, f"standard `{code}` is explained by {len(pages)} pages: {files}",
                line=pages[1].line_of("standards"), field="standards", check=CHECK,
                hint=f"keep `{code}` in the `standards:` of one page only (link to it from the others)"))
    return {code: [page.file for page in pages] for code, pages in explained.items()}, findings


# Mode -------------------------------------------------------------------------------------------

def _mode(mode: str | None) -> tuple[str, list[Finding]]:
    value = (mode or os.environ.get(MODE_VARIABLE, "") or "enforce").strip().lower()
    if value in MODES:
        return value, []
    return "enforce", [error(MODE_VARIABLE, f"{MODE_VARIABLE}={value!r} is not a coverage mode", check=CHECK,
                             hint="use `enforce` (the default: gaps fail the build) or `report` (gaps are only reported)")]
