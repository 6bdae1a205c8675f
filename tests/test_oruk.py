"""Open Referral UK 3.0: every published file against the real (vendored) profile, the static API, facts.

The schemas are the profile's own (plugins/signpost/standards/oruk-3.0/, Draft 2020-12 with
`jsonschema`); fields the profile does not define count as errors too, since the compiled schemas
do not reject them but ORUK consumers do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from signpost.model import load_content_model
from signpost.model.service_export import (PAGE_SIZE, api_documents, api_problems, open_data_files, page_object,
                                           publication_order)
from signpost.model.service_oruk import STANDARD_DIR, profile_errors, validator
from signpost.model.services import load_vocabulary
from sitebuilder import FixtureSite, page
from test_services_fixtures import write_service

ROOT = Path(__file__).resolve().parent.parent
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@pytest.fixture(scope="module")
def sample():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIGNPOST_TODAY", "2026-11-22")
        return load_content_model(ROOT / "content", ROOT / "data", use_cache=False)


@pytest.fixture(scope="module")
def documents(sample):
    vocabulary, _ = load_vocabulary(ROOT / "data")
    listed = sorted((s for s in sample.services.values() if s.is_listed), key=publication_order)
    return api_documents(listed, vocabulary)


def test_every_published_file_of_the_sample_is_valid_oruk(documents):
    assert api_problems(documents) == []
    records = [n for n in documents if re.fullmatch(rf"(services|organizations|service_at_locations|"
                                                    rf"taxonomies|taxonomy_terms)/{UUID}\.json", n)]
    assert len(records) > 200  # services, organisations, services at locations, taxonomies, terms


def test_the_checker_catches_what_oruk_consumers_reject(documents):
    record = json.loads(json.dumps(next(v for k, v in documents.items() if k.startswith("services/") and
                                        "service_at_locations" in v)))
    record["fees_description"] = "Free"                                          # not a profile field
    record["schedules"][0].pop("id")                                               # nested id missing
    record["service_at_locations"][0]["location"].pop("location_type")             # required
    record["status"] = "open"                                                      # not in the enum
    problems = profile_errors("service", record)
    assert "fees_description: not a field of the profile" in problems
    assert any(p.startswith("schedules[0]:") and "'id' is a required property" in p for p in problems)
    assert any("location_type" in p for p in problems) and any(p.startswith("status:") for p in problems)


def test_the_profiles_own_examples_pass_the_same_checks():
    example = json.loads((STANDARD_DIR / "examples/service_full.json").read_text(encoding="utf-8"))
    assert list(validator("service").iter_errors(example)) == []


def test_the_static_api_has_the_nine_read_endpoints(documents):
    openapi = json.loads((STANDARD_DIR / "schema/openapi.json").read_text(encoding="utf-8"))
    for path in openapi["paths"]:
        name = "index.json" if path == "/" else path.strip("/").replace("{id}", "").rstrip("/") + ".json"
        if "{id}" in path:
            folder = path.strip("/").split("/")[0]
            assert any(re.fullmatch(rf"{folder}/{UUID}\.json", n) for n in documents), path
        else:
            assert name in documents, path
    assert documents["index.json"]["version"] == "3.0"
    services = documents["services.json"]
    assert services["total_items"] == len([n for n in documents if re.fullmatch(rf"services/{UUID}\.json", n)])
    # Every id in a list resolves to its own file, and nested references point at published records.
    for endpoint in ("services", "service_at_locations", "taxonomies", "taxonomy_terms"):
        page_1 = documents[f"{endpoint}.json"]
        for number in range(1, page_1["total_pages"] + 1):
            for item in documents[f"{endpoint}/page/{number}.json"]["contents"]:
                assert f"{endpoint}/{item['id']}.json" in documents
    for name, record in documents.items():
        if name.startswith("services/") and "/page/" not in name:
            for attribute in record.get("attributes", []):
                assert f"taxonomy_terms/{attribute['taxonomy_term_id']}.json" in documents
            if "organization_id" in record:
                assert f"organizations/{record['organization_id']}.json" in documents


def test_page_objects_follow_the_openapi():
    items = list(range(PAGE_SIZE + 3))
    first, last = page_object(items, 1), page_object(items, 2)
    assert (first["total_items"], first["total_pages"], first["size"], first["first_page"], first["last_page"]) == \
        (PAGE_SIZE + 3, 2, PAGE_SIZE, True, False)
    assert (last["page_number"], last["size"], last["last_page"], last["empty"], last["contents"]) == \
        (2, 3, True, False, items[PAGE_SIZE:])
    assert page_object([], 1) == {"total_items": 0, "total_pages": 1, "page_number": 1, "size": 0,
                                  "first_page": True, "last_page": True, "empty": True, "contents": []}


def test_nested_ids_are_stable_and_unique(sample, documents):
    vocabulary, _ = load_vocabulary(ROOT / "data")
    listed = sorted((s for s in sample.services.values() if s.is_listed), key=publication_order)
    assert api_documents(listed, vocabulary) == documents  # same data, same ids, same bytes
    ids: dict[str, str] = {}
    for name, record in documents.items():
        if re.fullmatch(rf"services/{UUID}\.json", name):
            for key in ("schedules", "service_areas", "cost_options", "attributes"):
                for item in record.get(key, []):
                    assert ids.setdefault(item["id"], name) == name, (item["id"], name)


def test_times_are_hh_mm_and_closing_is_never_24_00(documents):
    for name, record in documents.items():
        for schedule in record.get("schedules", []) if isinstance(record, dict) else []:
            for key in ("opens_at", "closes_at"):
                assert re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", schedule[key]), (name, schedule)


def test_built_site_files_validate_and_the_contact_address_comes_from_the_location(tmp_path):
    site = FixtureSite(tmp_path / "project")
    site.write("index.md", page("Riverside Youth Advice", "We give free help.", topics=["about-service"]))
    site.write("about/contact.md", page("Contact us", "Drop in at {{ fact.location.riverside-health-hub.address }}.",
                                        topics=["contact"]))
    write_service(site, "test-clinic")
    write_service(site, "closed", name="Closed Clinic", status="inactive")
    result = site.build()
    assert result.ok, result.output
    folder = result.site / "open-data"
    written = {p.relative_to(folder).as_posix(): json.loads(p.read_text(encoding="utf-8"))
               for p in folder.rglob("*.json")}
    assert api_problems(written) == [] and len(written) > 10
    assert [s["name"] for s in written["services.json"]["contents"]] == ["Riverside Test Clinic"]
    assert "Drop in at Riverside Health Hub, 12 Mill Street, Riverside RV1 4AB." in result.html("about/contact/")
    # Move the place: the contact page follows, with no edit to the page.
    location = site.root / "content/local-info/locations/riverside-health-hub.md"
    location.write_text(location.read_text().replace("12 Mill Street", "3 Canal Road"), encoding="utf-8")
    moved = site.build()
    assert "Drop in at Riverside Health Hub, 3 Canal Road, Riverside RV1 4AB." in moved.html("about/contact/")
    # The place files are data, not pages.
    assert not moved.exists("local-info/locations/riverside-health-hub/")
    assert not moved.exists("local-info/organisations/riverside-health/")


def test_the_real_contact_page_uses_the_centres_location():
    text = (ROOT / "content/about/contact.md").read_text(encoding="utf-8")
    assert "{{ fact.location.the-hub.address }}" in text and "12 Bridge Street" not in text


def test_a_fact_that_repeats_a_locations_address_must_agree(tmp_path):
    site = FixtureSite(tmp_path / "project")
    site.write("index.md", page("Riverside Youth Advice", "We give free help.", topics=["about-service"]))
    write_service(site, "test-clinic", locations=[{"name": "The Hub", "address_1": "1 Other Street", "city": "Riverside",
                                                   "state_province": "England", "postal_code": "RV1 2AB"}])
    result = site.signpost("check")
    assert result.returncode == 1
    assert re.search(r"data/facts\.yml:\d+: error: \[centre\.values\.address\] `centre\.address` is not the address "
                     r"of The Hub", result.stdout + result.stderr), result.stdout + result.stderr
    assert "content/local-info/locations/the-hub.md says `The Hub, 1 Other Street, Riverside RV1 2AB`" in \
        result.stdout + result.stderr
