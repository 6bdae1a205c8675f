"""Open data: the directory as a static Open Referral UK 3.0 API, and as CSV.

The build writes the profile's nine read endpoints (its `schema/openapi.json`)
as files under `site/open-data/`, so an ORUK client can read them from any
static host (docs/open-data.md has the web-server settings):

    /                          index.json                  version, profile, openapi_url
    /services                  services.json               page 1 (services/page/N.json: page N)
    /services/{id}             services/{id}.json          the whole service
    /service_at_locations      service_at_locations.json   (and service_at_locations/page/N.json)
    /service_at_locations/{id} service_at_locations/{id}.json
    /taxonomies                taxonomies.json             (and taxonomies/page/N.json)
    /taxonomies/{id}           taxonomies/{id}.json        with its terms
    /taxonomy_terms            taxonomy_terms.json         (and taxonomy_terms/page/N.json)
    /taxonomy_terms/{id}       taxonomy_terms/{id}.json

plus `organizations/{id}.json` (the profile has no organisations endpoint; the
files validate against compiled/organization.json) and the spreadsheets
`services.csv`, `organisations.csv` and `locations.csv` (what `signpost
import` reads back). A list
is the OpenAPI's page object. Only listed services (active or temporarily
closed) are published, A-Z by name (then id), so the same data always gives
the same bytes, here or in a project that imported it. MkDocs-free.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from signpost.model.service_csv import places_csv, services_csv
from signpost.model.service_oruk import OPENAPI_URL, PROFILE_URL, Exporter, profile_errors
from signpost.model.services import DirectoryVocabulary, Service

PAGE_SIZE = 50
# Published file -> the profile schema it must validate against (tests and `oruk_findings` use it).
LISTS = {"services": "service_list", "service_at_locations": "service_at_location_list",
         "taxonomies": "taxonomy", "taxonomy_terms": "taxonomy_term"}
RECORDS = {"services": "service", "service_at_locations": "service_at_location", "taxonomies": "taxonomy",
           "taxonomy_terms": "taxonomy_term", "organizations": "organization"}


def write_open_data(services: dict[str, Service], vocabulary: DirectoryVocabulary, folder: Path) -> None:
    """Write the static API and services.csv into `folder`."""
    write_files(open_data_files(services, vocabulary), folder)


def write_files(files: dict[str, str], folder: Path) -> None:
    """Write `open_data_files`' answer into `folder` (the static API has sub-folders)."""
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def open_data_files(services: dict[str, Service], vocabulary: DirectoryVocabulary) -> dict[str, str]:
    """Relative file name -> text of every open-data file."""
    listed = [s for s in sorted(services.values(), key=publication_order) if s.is_listed]
    files = {name: _json(data) for name, data in api_documents(listed, vocabulary).items()}
    files["services.csv"] = services_csv(listed)
    files["organisations.csv"] = places_csv("organisation", {s.organization.id: s.organization for s in listed
                                                             if s.organization}.values())
    files["locations.csv"] = places_csv("location", {e.location.id: e.location for s in listed
                                                     for e in s.locations}.values())
    return files


def publication_order(service: Service) -> tuple[str, str]:
    """A-Z by name, then id: what the records themselves hold, so an imported copy lists them the same."""
    return service.name.casefold(), service.id


def api_documents(listed: list[Service], vocabulary: DirectoryVocabulary) -> dict[str, Any]:
    """Relative file name -> JSON value of the static API (the services given are all published)."""
    exporter = Exporter(vocabulary)
    documents: dict[str, Any] = {"index.json": {"version": "3.0", "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}}
    full = [exporter.service(s) for s in listed]
    for record in full:
        documents[f"services/{record['id']}.json"] = record
    documents.update(_pages("services", [exporter.service_summary(s) for s in listed]))
    at_locations = [(s, entry) for s in listed for entry in s.locations]
    for service, entry in at_locations:
        record = exporter.service_at_location(service, entry)
        documents[f"service_at_locations/{record['id']}.json"] = record
    documents.update(_pages("service_at_locations", [exporter.service_at_location(s, e, summary=True)
                                                     for s, e in at_locations]))
    organisations = {s.organization.id: s.organization for s in listed if s.organization}
    for org_id, org in sorted(organisations.items()):
        own = [exporter.service(s, with_organization=False) for s in listed
               if s.organization and s.organization.id == org_id]
        documents[f"organizations/{org_id}.json"] = exporter.organization(org, own)
    taxonomies = exporter.taxonomies()
    terms = exporter.taxonomy_terms()
    for taxonomy in taxonomies:
        documents[f"taxonomies/{taxonomy['id']}.json"] = taxonomy
    documents.update(_pages("taxonomies", taxonomies))
    for term in terms:
        documents[f"taxonomy_terms/{term['id']}.json"] = term
    documents.update(_pages("taxonomy_terms", terms))
    return documents


def page_object(items: list[Any], number: int, size: int = PAGE_SIZE) -> dict[str, Any]:
    """Page `number` (from 1) of `items`, as the OpenAPI's Page object with `contents`."""
    total_pages = max(1, -(-len(items) // size))
    contents = items[(number - 1) * size: number * size]
    return {"total_items": len(items), "total_pages": total_pages, "page_number": number, "size": len(contents),
            "first_page": number == 1, "last_page": number >= total_pages, "empty": not contents,
            "contents": contents}


def _pages(endpoint: str, items: list[Any]) -> dict[str, Any]:
    pages = {}
    total = max(1, -(-len(items) // PAGE_SIZE))
    for number in range(1, total + 1):
        pages[f"{endpoint}/page/{number}.json"] = page_object(items, number)
    pages[f"{endpoint}.json"] = pages[f"{endpoint}/page/1.json"]
    return pages


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def api_problems(documents: dict[str, Any]) -> list[str]:
    """Every way the static API breaks the profile: `file: field: problem` (empty when all is valid).

    Lists are checked as the OpenAPI's page object, each item against the list-item schema; records
    against the compiled record schema; unknown fields count as errors (see `profile_errors`).
    """
    problems: list[str] = []
    for name, data in sorted(documents.items()):
        if not name.endswith(".json"):
            continue
        endpoint, _, rest = name.removesuffix(".json").partition("/")
        if name == "index.json":
            missing = {"version", "profile", "openapi_url"} - set(data)
            problems += [f"{name}: {key}: missing" for key in sorted(missing)]
        elif not rest or rest.startswith("page/"):
            missing = set(PAGE_FIELDS) - set(data)
            problems += [f"{name}: {key}: missing from the page object" for key in sorted(missing)]
            for index, item in enumerate(data.get("contents", [])):
                problems += [f"{name}: contents[{index}].{p}" for p in profile_errors(LISTS[endpoint], item)]
        else:
            problems += [f"{name}: {p}" for p in profile_errors(RECORDS[endpoint], data)]
    return problems


PAGE_FIELDS = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents")
