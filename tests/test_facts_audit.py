"""The December 2026 content audit: what it added to the registries stays true and stays caught.

These tests read the project's own data (the registries are the product here, not a fixture):
the outdated-references registry must catch the terms the audit found in new text, and must not
flag what replaced them; a fact whose value could not be verified must be checked again soon;
every page with `sources` must appear in the audit record the closing note quotes.
"""

from __future__ import annotations

import re

import pytest
import yaml

from sitebuilder import ROOT
from signpost.freshness.references import load_outdated_references

AUDIT_RECORD = ROOT / "docs" / "content-audit.md"

# Sentences an editor might copy from our 2001-2009 source documents or from 2024-2025 news.
OUTDATED_SENTENCES = {
    "Employment Rights Bill": "The Employment Rights Bill will give you more rights at work.",
    "Renters' Rights Bill": "The Renters' Rights Bill will end no-fault evictions.",
    "Data Protection and Digital Information Bill": "The Data Protection and Digital Information Bill changes the rules.",
    "Child Tax Credit": "Your family may get Child Tax Credit.",
    "tax credits": "Ask about tax credits at the Jobcentre.",
    "Income Support": "Young parents can claim Income Support.",
    "Aimhigher": "Aimhigher runs university taster days.",
    "E2E": "Try an E2E course before an apprenticeship.",
    "Foundation Learning": "Foundation Learning helps you get ready for work.",
    "New Deal for Young People": "The New Deal for Young People can find you a placement.",
    "Young Apprenticeship": "A Young Apprenticeship lets you train at 14.",
    "14-19 Diploma": "Choose a 14-19 Diploma in engineering.",
    "Apprenticeship Vacancy Matching Service": "Search the Apprenticeship Vacancy Matching Service.",
    "Universal Jobmatch": "Look for jobs on Universal Jobmatch.",
    "PCT": "Your PCT pays for the clinic.",
    "Clinical Commissioning Group": "The Clinical Commissioning Group decides.",
    "Public Health England": "Public Health England says vaping is safer than smoking.",
    "Drug Action Team": "The Drug Action Team runs the service.",
    "LEA": "Ask the LEA about school transport.",
    "Every Child Matters": "We follow Every Child Matters.",
}

CURRENT_SENTENCES = [
    "The Employment Rights Act 2025 gives you more rights at work.",
    "The Renters' Rights Act 2025 ended no-fault evictions on 1 May 2026.",
    "The Data (Use and Access) Act 2025 changed the UK GDPR.",
    "Universal Credit is the benefit for people on a low income.",
    "The local NHS Integrated Care Board pays for the clinic.",
    "The UK Health Security Agency and the council run the service.",
    "A 16 to 19 study programme with work experience.",
    "Find an apprenticeship on GOV.UK, or use Find a job.",
    "Ask the council (the local authority) about school transport.",
    "A youth leader will lead the group.",
]


@pytest.fixture(scope="module")
def registry():
    loaded, findings = load_outdated_references(ROOT / "data")
    assert findings == [], findings
    return loaded


@pytest.mark.parametrize("term", sorted(OUTDATED_SENTENCES))
def test_registry_catches_each_term_the_audit_found(registry, term):
    found = registry.scan(OUTDATED_SENTENCES[term], "content/new-page.md")
    assert found, f"{term!r} is not caught in {OUTDATED_SENTENCES[term]!r}"
    assert all(f.file == "content/new-page.md" and f.line == 1 for f in found)


def test_registry_leaves_the_current_names_alone(registry):
    for sentence in CURRENT_SENTENCES:
        assert registry.scan(sentence, "content/new-page.md") == [], sentence


def test_a_historical_passage_may_name_an_old_scheme(registry):
    text = "<!-- historical -->\nIn 2009 Aimhigher ran taster days.\n<!-- /historical -->\n"
    assert registry.scan(text, "content/history.md") == []


def _facts() -> dict:
    return yaml.safe_load((ROOT / "data" / "facts.yml").read_text(encoding="utf-8"))["facts"]


def test_a_fact_not_verified_from_any_copy_says_so_and_is_checked_again_within_a_month():
    unverified = {key: fact for key, fact in _facts().items() if "NOT VERIFIED" in fact.get("verified_how", "")}
    # The four numbers no stored copy confirmed on 2026-12-01 (docs/content-audit.md).
    assert {"frank", "shelter", "national-debtline", "rape-crisis"} <= set(unverified)
    for key, fact in unverified.items():
        assert fact["review_every"] in {"P1M", "P2W", "P1W"} or re.fullmatch(r"P\d+D", fact["review_every"]), key


def _pages_with_sources() -> list[str]:
    pages = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        if {"services", "organisations", "locations"} & set(path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        front = yaml.safe_load(text.split("---", 2)[1]) or {}
        if front.get("sources"):
            pages.append(path.relative_to(ROOT).as_posix())
    return pages


def test_the_audit_record_covers_every_page_that_cites_sources_and_every_unverified_fact():
    record = AUDIT_RECORD.read_text(encoding="utf-8")
    pages = _pages_with_sources()
    assert len(pages) >= 25
    missing = [page for page in pages if f"`{page}`" not in record]
    assert missing == [], f"docs/content-audit.md does not list {missing}"
    for key in ("frank", "shelter", "national-debtline", "rape-crisis", "bursary", "ceop"):
        assert f"`{key}`" in record, key
