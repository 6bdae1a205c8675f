"""Directory checks that need the pages as well as the services. MkDocs-free.

Registered in `signpost.checks.MODEL_CHECKS`, so `signpost check` and the build
report the same findings.
"""

from __future__ import annotations

import re

from signpost.findings import Finding, error
from signpost.model.service_places import postal_address
from signpost.model.services import SERVICES_DIR

# A Markdown or HTML link target that ends in services/<slug>.md or services/<slug>/.
_SERVICE_LINK = re.compile(r"(?:\]\(|href=[\"'])([^)\"'#\s]*services/([a-z0-9-]+)(?:\.md|/)?)(?:#[^)\"'\s]*)?[)\"']")


def check_model(model) -> list[Finding]:
    """Unknown categories on topic pages; links from pages to services that are no longer listed."""
    findings: list[Finding] = []
    vocabulary = model.vocabulary
    for page in model.pages.values():
        for category in page.service_categories:
            if vocabulary.categories and category not in vocabulary.categories:
                findings.append(error(page.file, f"unknown service category `{category}`",
                                      line=page.line_of("service_categories"), field="service_categories",
                                      hint="use ids from data/service-categories.yml: "
                                           + ", ".join(sorted(vocabulary.categories))))
        findings += _links_to_closed_services(page, model.services)
    findings += _addresses_agree_with_locations(model)
    return findings


def _addresses_agree_with_locations(model) -> list[Finding]:
    """An address in data/facts.yml must be a location file's address: one place holds each address.

    Pages should write `{{ fact.location.<slug>.address }}`; a fact that repeats an address must at
    least say the same, or the contact page and the directory would disagree.
    """
    places = getattr(model, "places", None)
    if places is None or not places.locations:
        return []
    registry = model.facts
    findings = []
    for fact in registry.facts.values():
        for name, value in fact.values.items():
            if name != "address" or not isinstance(value, str):
                continue
            # The fact names a place the directory holds ("The Hub, ..."): then it must say what its file says.
            for slug, location in places.locations.items():
                if location.address_1 and value.startswith(location.name + ",") and value != postal_address(location):
                    findings.append(error(
                        registry.file, f"`{fact.id}.address` is not the address of {location.name}: {value!r}",
                        line=fact.value_lines.get(name, fact.line), field=f"{fact.id}.values.address",
                        check="directory",
                        hint=f"{location.file} says `{postal_address(location)}`: make them the same, and "
                             f"write {{{{ fact.location.{slug}.address }}}} on pages so only the location file "
                             "holds it"))
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
