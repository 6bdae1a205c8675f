"""The translation checks `signpost check` runs (registered in signpost.checks.MODEL_CHECKS). Engine-free.

The same findings as the build: unknown locales in mkdocs.yml, malformed PO
files, translations that break integrity (links, emails, phone numbers,
numbers, Markdown), interface catalogs with changed placeholders,
catalogs of pages that no longer exist, and glossary terms translated
differently from `translations/<lang>/glossary.csv`.
"""

from __future__ import annotations

from signpost.findings import Finding
from signpost.sources import translatable_pages
from signpost.translations.catalogs import interface_catalog, page_catalog
from signpost.translations.extract import orphan_findings
from signpost.translations.glossary import glossary_findings
from signpost.settings import unknown_locale_findings


def check_model(model) -> list[Finding]:
    """Every translation problem of the project whose content folder the model read."""
    settings = model.settings
    findings = unknown_locale_findings(settings.languages, settings.locale_lines)
    unknown = {f.message.split("`")[1] for f in findings}
    languages = [language for language in settings.target_languages if language not in unknown]
    for language in languages:
        for content_path in sorted(translatable_pages(model)):
            findings += page_catalog(model.catalogs, language, content_path).findings
        findings += interface_catalog(model.catalogs, language).findings
        findings += glossary_findings(settings.translations_dir, language)
    findings += orphan_findings(settings, model, languages)
    return findings
