"""Directory checks that need the pages as well as the services. MkDocs-free.

Registered in `signpost.checks.MODEL_CHECKS`, so `signpost check` and the build
report the same findings.
"""

from __future__ import annotations

import re

from signpost.findings import Finding, error
from signpost.model.services import SERVICES_DIR, data_dir_for, load_vocabulary

# A Markdown or HTML link target that ends in services/<slug>.md or services/<slug>/.
_SERVICE_LINK = re.compile(r"(?:\]\(|href=[\"'])([^)\"'#\s]*services/([a-z0-9-]+)(?:\.md|/)?)(?:#[^)\"'\s]*)?[)\"']")


def check_model(model) -> list[Finding]:
    """Unknown categories on topic pages; links from pages to services that are no longer listed."""
    findings: list[Finding] = []
    vocabulary, _ = load_vocabulary(data_dir_for(model.content_dir, model.registry))
    for page in model.pages.values():
        for category in page.service_categories:
            if vocabulary.categories and category not in vocabulary.categories:
                findings.append(error(page.file, f"unknown service category `{category}`",
                                      line=page.line_of("service_categories"), field="service_categories",
                                      hint="use ids from data/service-categories.yml: "
                                           + ", ".join(sorted(vocabulary.categories))))
        findings += _links_to_closed_services(page, model.services)
    return findings


def _links_to_closed_services(page, services) -> list[Finding]:
    findings = []
    for number, line in enumerate(page.body.splitlines(), start=page.body_line):
        for match in _SERVICE_LINK.finditer(line):
            target, slug = match.group(1), match.group(2)
            if SERVICES_DIR.rsplit("/", 1)[-1] + "/" not in target:
                continue
            service = services.get(slug)
            if service is not None and not service.is_listed:
                findings.append(error(
                    page.file, f"links to `{service.name}`, which is {service.status}", line=number, field="body",
                    hint=f"remove the link, or set `status: active` in {service.file} if it is open again"))
    return findings
