"""Checks of the facts registry itself (`ContentModel.facts`): review dates and topics. Engine-free."""

from __future__ import annotations

import datetime as dt

from signpost.findings import Finding, error, warning
from signpost.model.facts import CHECK, FactRegistry


def expiry_findings(registry: FactRegistry, today: dt.date) -> list[Finding]:
    """A fact past its review date fails the build, like a page; one due within 30 days warns."""
    findings: list[Finding] = []
    for fact in registry.facts.values():
        due = fact.review_by
        if due is None:
            continue
        if due < today:
            findings.append(error(registry.file, f"fact `{fact.id}` ({fact.name}) is overdue for review: "
                                                 f"verified {fact.verified}, due {due}",
                                  line=fact.key_lines.get("verified"), field=f"facts.{fact.id}.verified",
                                  hint=f"check the values against {fact.source}, then set `verified` to "
                                       f"today's date (owner: {fact.owner})", check=CHECK))
        elif (due - today).days <= 30:
            findings.append(warning(registry.file, f"fact `{fact.id}` ({fact.name}) is due for review on {due}",
                                    line=fact.key_lines.get("verified"), field=f"facts.{fact.id}.verified",
                                    hint=f"check it against {fact.source} (owner: {fact.owner})", check=CHECK))
    return findings


def topic_findings(registry: FactRegistry, topic_ids) -> list[Finding]:
    """A helpline listed for a topic that does not exist would never be shown."""
    known = set(topic_ids)
    findings = []
    for fact in registry.facts.values():
        for topic in fact.topics:
            if known and topic not in known:
                # A warning: the helpline is only left out of Get help now (fixture sites with
                # their own small topics.yml use the real facts.yml).
                findings.append(warning(registry.file, f"fact `{fact.id}`: unknown topic `{topic}`",
                                        line=fact.key_lines.get("topics"), field=f"facts.{fact.id}.topics",
                                        hint="use topic ids from data/topics.yml", check=CHECK))
    return findings
