"""Directory services: the sample data, the schema, every bad input, the editors' commands, open data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from pathlib import Path

import jsonschema
import pytest

from signpost.commands.import_services import import_text
from signpost.model import load_content_model
from signpost.model.frontmatter import read_document
from signpost.model.service_csv import services_csv
from signpost.model.service_export import open_data_files
from signpost.model.service_oruk import profile_errors
from signpost.model.service_places import place_schema_json
from signpost.model.service_schema import SERVICE_SCHEMA, is_uk_phone
from signpost.model.services import load_vocabulary
from sitebuilder import real_content_today
from test_services_fixtures import location_text, organisation_text, place_files, service_meta, service_text

ROOT = Path(__file__).resolve().parent.parent
DRAMA = [re.compile(p) for p in (r"^0113 496 0\d{3}$", r"^020 7946 0\d{3}$", r"^0161 496 0\d{3}$",
                                 r"^0808 157 0\d{3}$", r"^07700 900\d{3}$")]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The real content and data, read once with today fixed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIGNPOST_TODAY", real_content_today())
        return load_content_model(ROOT / "content", ROOT / "data", use_cache=False)


def project(tmp_path: Path, services: dict[str, str], pages: dict[str, str] | None = None) -> Path:
    """A project with the real data folder, these services and the places the base service names."""
    import shutil
    shutil.copytree(ROOT / "data", tmp_path / "data")
    pages = {**place_files(), **(pages or {})}
    for slug, text in services.items():
        target = tmp_path / "content" / "local-info" / "services" / f"{slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for path, text in (pages or {}).items():
        target = tmp_path / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return tmp_path


def service_findings(tmp_path: Path, services: dict[str, str], monkeypatch) -> list:
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    root = project(tmp_path, services)
    model = load_content_model(root / "content", root / "data", use_cache=False)
    return [f for f in model.report if "/services/" in f.file]


# The sample data -------------------------------------------------------------------

def test_sample_services_are_valid_and_cover_every_category(sample):
    findings = [f.format() for f in sample.report if "/local-info/" in f.file]
    assert findings == []
    listed = [s for s in sample.services.values() if s.is_listed]
    assert len(listed) >= 40
    vocabulary, _ = load_vocabulary(ROOT / "data")
    assert len(vocabulary.categories) == 14
    for category in vocabulary.categories:
        assert any(category in s.categories for s in listed), category


def test_sample_contacts_are_fictional_and_fresh(sample):
    for service in sample.services.values():
        for phone in service.phones:
            assert any(p.match(phone.number) for p in DRAMA), (service.file, phone.number)
            assert is_uk_phone(phone.number), phone.number
        assert not service.email or service.email.endswith("example.org"), service.file
        assert not service.url or re.match(r"^https://([a-z0-9-]+\.)*example\.org(/|$)", service.url), service.file
        assert dt.date(2026, 1, 1) <= service.last_reviewed <= dt.date(2026, 11, 22), service.file
        assert service.review_by > dt.date(2026, 11, 22), service.file
        assert service.owner == "directory-team@example.org"


def test_service_objects_expose_what_other_checks_read(sample):
    service = sample.services["riverside-sexual-health-clinic"]
    assert service.file == "content/local-info/services/riverside-sexual-health-clinic.md"
    assert service.review_every.text == "P12M" and service.review_by == dt.date(2027, 9, 14)
    assert service.sensitive and service.categories == ("sexual-health",)
    assert service.key_lines["last_reviewed"] > 1 and "contraception" in service.description
    assert str(uuid.UUID(service.id)) == service.id


def test_published_schemas_match_the_code():
    assert json.loads((ROOT / "docs/schema/service.schema.json").read_text()) == SERVICE_SCHEMA, \
        "regenerate: python -m signpost.model.service_schema > docs/schema/service.schema.json"
    for kind in ("organisation", "location"):
        assert (ROOT / f"docs/schema/service-{kind}.schema.json").read_text() == place_schema_json(kind)
    assert not (ROOT / "docs/schema/hsds-service-subset.schema.json").exists()


# Bad input: each a finding with file, field and line ---------------------------------------

BAD = [
    ("malformed id", dict(id="not-a-uuid"), "id", "not a UUID"),
    ("unknown category", dict(categories=["housing", "hosuing"]), "categories", "unknown category `hosuing`"),
    ("ages", dict(minimum_age=19, maximum_age=13), "minimum_age", "above `maximum_age`"),
    ("25:00", dict(schedules=[{"byday": ["MO"], "opens_at": "09:00", "closes_at": "25:00"}]),
     "schedules[0].closes_at", "not a time of day"),
    ("closes before opens", dict(schedules=[{"byday": ["MO"], "opens_at": "17:00", "closes_at": "09:00"}]),
     "schedules[0].closes_at", "not after it opens"),
    ("phone", dict(phones=[{"number": "0113 496 012"}]), "phones[0].number", "not a valid UK phone number"),
    ("email", dict(email="clinic.example.org"), "email", "not a valid email"),
    ("url", dict(url="www.clinic example.org"), "url", "not a valid web address"),
    ("language", dict(languages=["en", "xx"]), "languages", "unknown language code `xx`"),
    ("no contact", dict(phones=None, email=None, url=None), "phones", "no way to contact"),
    ("html", dict(eligibility="<b>Everyone</b>"), "eligibility", "contains HTML"),
    ("status", dict(status="closed"), "status", "cannot be 'closed'"),
    ("unknown field", dict(catgories=["housing"]), "catgories", "did you mean"),
    ("date", dict(last_reviewed="2026-02-30"), "last_reviewed", "not a real date"),
    ("24:00", dict(schedules=[{"byday": ["MO"], "opens_at": "18:00", "closes_at": "24:00"}]),
     "schedules[0].closes_at", "23:59"),
    ("unknown organisation", dict(organization="riverside-helth"), "organization",
     "unknown organisation `riverside-helth` did you mean `riverside-health`?"),
    ("unknown location", dict(locations=[{"location": "riverside-health-hbu"}]), "locations[0].location",
     "unknown location `riverside-health-hbu` did you mean `riverside-health-hub`?"),
    ("address written out", dict(locations=[{"name": "Hub", "address_1": "1 High Street"}]), "locations[0]",
     "addresses live in content/local-info/locations/"),
    ("organisation written out", dict(organization={"name": "Someone"}), "organization",
     "must name a file in content/local-info/organisations/"),
]


@pytest.mark.parametrize("label,changes,field,message", BAD, ids=[b[0] for b in BAD])
def test_bad_service_input_is_a_finding(tmp_path, monkeypatch, label, changes, field, message):
    findings = service_findings(tmp_path, {"clinic": service_text("clinic", **changes)}, monkeypatch)
    matching = [f for f in findings if f.field == field and message in f.message + " " + f.hint]
    assert matching, [f.format() for f in findings]
    finding = matching[0]
    assert finding.file.endswith("content/local-info/services/clinic.md")
    assert finding.line and finding.line > 1 and finding.hint
    assert finding.is_error


def test_unquoted_times_and_bsl_are_accepted(tmp_path, monkeypatch):
    text = service_text("clinic").replace("opens_at: '09:00'", "opens_at: 09:00") \
        .replace("closes_at: '17:00'", "closes_at: 17:00")
    assert "closes_at: 17:00" in text
    findings = service_findings(tmp_path, {"clinic": text}, monkeypatch)
    assert findings == []


def test_duplicate_id_and_slug(tmp_path, monkeypatch):
    same_id = service_meta("a")["id"]
    findings = service_findings(tmp_path, {"a": service_text("a"), "b": service_text("b", id=same_id),
                                           "A": service_text("c")}, monkeypatch)
    duplicate_id = [f for f in findings if f.field == "id" and "already used" in f.message]
    assert len(duplicate_id) == 1 and duplicate_id[0].file.endswith("/b.md")
    assert any(f.field == "slug" for f in findings if f.file.endswith("/A.md"))


def test_broken_yaml_is_a_finding_not_a_traceback(tmp_path, monkeypatch):
    findings = service_findings(tmp_path, {"clinic": "---\nname: [oops\n---\n"}, monkeypatch)
    assert findings and findings[0].line in (2, 3) and "YAML" in findings[0].message


def test_inactive_service_linked_from_a_topic_page(tmp_path, monkeypatch):
    from signpost.directory.checks import check_model
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    page = ("---\ntitle: Housing\ndescription: Help with housing.\naudience: [young-people]\ntopics: []\n"
            "owner: a@example.org\nlast_reviewed: 2026-10-01\nreview_every: P6M\n"
            "service_categories: [housing, nonsense]\n---\n\n# Housing\n\nText.\n\n"
            "Try [the old bus](services/old-bus.md) or [the clinic](services/clinic.md).\n")
    root = project(tmp_path, {"old-bus": service_text("old-bus", status="inactive"), "clinic": service_text("clinic")},
                   {"local-info/housing.md": page})
    model = load_content_model(root / "content", root / "data", use_cache=False)
    findings = check_model(model)
    links = [f for f in findings if f.field == "body"]
    assert len(links) == 1 and "inactive" in links[0].message and links[0].line == 16
    assert links[0].file.endswith("local-info/housing.md")
    assert any(f.field == "service_categories" and "nonsense" in f.message for f in findings)


# Editors' commands ----------------------------------------------------------------------------

def test_new_service_writes_a_complete_file_and_never_overwrites(fixture_site):
    result = fixture_site.signpost("new", "service", "Riverside Drop-in & Café", "--category", "housing",
                                   today="2026-11-05")
    assert result.returncode == 0, result.stderr
    target = fixture_site.root / "content/local-info/services/riverside-drop-in-and-cafe.md"
    document, findings = read_document(target, "x")
    assert findings == []
    assert uuid.UUID(document.meta["id"]).version == 4
    assert document.meta["last_reviewed"] == "2026-11-05"
    assert document.meta["name"] == "Riverside Drop-in & Café"
    for key in ("status", "categories", "phones", "owner", "review_every"):
        assert key in document.meta
    assert "# organization:" in target.read_text() and "#   - location:" in target.read_text()
    check = fixture_site.signpost("check", "--json")
    problems = [f for f in json.loads(check.stdout) if "/services/" in f["file"]]
    assert problems == []
    again = fixture_site.signpost("new", "service", "Riverside Drop-in & Café")
    assert again.returncode == 1 and "already exists" in again.stderr
    second = fixture_site.signpost("new", "service", "Another one")
    other = read_document(fixture_site.root / "content/local-info/services/another-one.md", "y")[0]
    assert other.meta["id"] != document.meta["id"]
    assert second.returncode == 0


@pytest.mark.parametrize("kind,folder", [("organisation", "organisations"), ("location", "locations")])
def test_new_organisation_and_location_write_valid_files_and_never_overwrite(fixture_site, kind, folder):
    result = fixture_site.signpost("new", kind, "Northbank Café & Hut")
    assert result.returncode == 0, result.stderr
    target = fixture_site.root / f"content/local-info/{folder}/northbank-cafe-and-hut.md"
    document, findings = read_document(target, "x")
    assert findings == [] and uuid.UUID(document.meta["id"]).version == 4
    assert document.meta["name"] == "Northbank Café & Hut"
    check = fixture_site.signpost("check", "--json")
    assert [f for f in json.loads(check.stdout) if f"/{folder}/" in f["file"]] == []
    again = fixture_site.signpost("new", kind, "Northbank Café & Hut")
    assert again.returncode == 1 and "already exists" in again.stderr
    bad = fixture_site.signpost("new", kind, "x", "--slug", "../../escape")
    assert bad.returncode == 2 and not (fixture_site.root.parent / "escape.md").exists()


def test_import_round_trips_the_sample_data(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    text = services_csv(sample.services.values())
    out = tmp_path / "services"
    result = import_text(text, out, ROOT / "data")
    assert result.problems == [] and len(result.created) == len(sample.services)
    for source in sorted((ROOT / "content/local-info/services").glob("*.md")):
        original, _ = read_document(source, "a")
        imported, _ = read_document(out / source.name, "b")
        assert imported.meta == original.meta, source.name
        assert imported.body.strip() == original.body.strip(), source.name


def test_import_reports_every_bad_row_with_row_and_column(fixture_site, tmp_path):
    rows = [
        ["slug", "name", "status", "categories", "phones", "owner", "last_reviewed", "location1",
         "location1_schedules", "minimum_age"],
        ["good-one", "Good One", "active", "housing", "0113 496 0100", "a@example.org", "2026-10-01", "", "", "13"],
        ["bad-phone", "Bad Phone", "active", "housing", "0113 496 010", "a@example.org", "2026-10-01", "", "", ""],
        ["bad-day", "Bad Day", "active", "housing", "0113 496 0101", "a@example.org", "2026-10-01", "the-hub",
         "XX 09:00-17:00", ""],
        ["bad-cat", "Bad Category", "active", "hosuing", "0113 496 0102", "a@example.org", "2026-10-01", "", "", "x"],
    ]
    sheet = tmp_path / "services.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    result = fixture_site.signpost("import", str(sheet))
    assert result.returncode == 1
    assert "services.csv:3: column phones: not a valid UK phone number" in result.stderr
    assert "services.csv:4: column location1_schedules:" in result.stderr
    assert "services.csv:5: column categories: unknown category `hosuing`" in result.stderr
    assert "services.csv:5: column minimum_age:" in result.stderr
    folder = fixture_site.root / "content/local-info/services"
    assert sorted(p.name for p in folder.glob("*.md")) == ["good-one.md"]
    assert "1 created, 0 updated, 0 skipped, 3 rows rejected" in result.stderr


def test_import_never_overwrites_without_update_and_changes_only_csv_fields(fixture_site, tmp_path):
    original = service_text("clinic").replace("status: active", "status: active  # checked by phone") \
        .rstrip() + "\n\nA second paragraph the editor wrote.\n"
    original = original.replace("owner:", "# Ask Sam before changing the owner.\nowner:")
    target = fixture_site.write("local-info/services/clinic.md", original)
    sheet = tmp_path / "update.csv"
    sheet.write_text("slug,phones,location1_schedules,alert\n"
                     "clinic,0161 496 0999 (voice-and-text): New line,MO 10:00-12:00,Closed on Friday.\n",
                     encoding="utf-8")
    skipped = fixture_site.signpost("import", str(sheet))
    assert skipped.returncode == 0 and "already exists" in skipped.stderr
    assert target.read_text(encoding="utf-8") == original
    updated = fixture_site.signpost("import", str(sheet), "--update")
    assert updated.returncode == 0, updated.stderr
    text = target.read_text(encoding="utf-8")
    document, _ = read_document(target, "x")
    before, _ = read_document(fixture_site.write("before.md", original, under="tmp"), "y")
    assert document.meta["phones"] == [{"number": "0161 496 0999", "kind": "voice-and-text", "description": "New line"}]
    assert document.meta["alert"] == "Closed on Friday."
    assert document.meta["locations"][0]["schedules"] == [{"byday": ["MO"], "opens_at": "10:00", "closes_at": "12:00"}]
    assert document.meta["locations"][0]["location"] == "riverside-health-hub"   # not in the CSV: kept
    unchanged = {k: v for k, v in before.meta.items() if k not in ("phones", "alert", "locations")}
    assert {k: document.meta[k] for k in unchanged} == unchanged
    assert "# checked by phone" in text and "# Ask Sam before changing the owner." in text
    assert "A second paragraph the editor wrote." in text


# Open data -------------------------------------------------------------------------------------

def test_export_is_valid_open_referral_uk(sample):
    vocabulary, _ = load_vocabulary(ROOT / "data")
    files = open_data_files(sample.services, vocabulary)
    records = [json.loads(text) for name, text in files.items() if re.fullmatch(r"services/[0-9a-f-]{36}\.json", name)]
    assert len(records) == len([s for s in sample.services.values() if s.is_listed]) >= 40
    assert [p for record in records for p in profile_errors("service", record)] == []
    clinic = next(item for item in records if item["name"].startswith("Riverside Young People's Sexual"))
    assert clinic["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "RV1 4AB"
    terms = {(a["link_type"], a["taxonomy_term"]["term"]) for a in clinic["attributes"]}
    assert ("languages", "bfi") in terms and ("categories", "sexual-health") in terms
    assert clinic["assured_date"] == "2026-09-14" and clinic["minimum_age"] == 13
    rows = list(csv.DictReader(io.StringIO(files["services.csv"])))
    assert len(rows) == len(records) and rows[0]["id"] and "location1" in rows[0]


def test_the_centre_has_one_address_for_every_service_there(sample):
    centre = sample.places.locations["the-hub"]
    assert (centre.address_1, centre.postal_code) == ("12 Bridge Street", "RV1 2AB")
    at_centre = [s for s in sample.services.values() if any(e.location is centre for e in s.locations)]
    assert len(at_centre) >= 10
    addresses = {(e.address_1, e.postal_code) for s in sample.services.values() for e in s.locations
                 if e.name == centre.name}
    assert addresses == {("12 Bridge Street", "RV1 2AB")}
    assert not any("Market Square" in path.read_text() for path in (ROOT / "content/local-info").rglob("*.md"))


def test_sample_places_are_fictional(sample):
    for location in sample.places.locations.values():
        if location.latitude is not None:
            # Open sea (the southern North Sea, far from any coast): clearly not a real address.
            assert 53.9 < location.latitude < 54.2 and 2.3 < location.longitude < 2.6, location.file
    for org in sample.places.organisations.values():
        assert not org.url or re.match(r"^https://([a-z0-9-]+\.)*example\.org(/|$)", org.url), org.file
        assert org.description, org.file


PLACE_BAD = [
    ("organisation", "no description", dict(body=""), "description", "no description"),
    ("organisation", "bad url", dict(url="health.example.org"), "url", "not a valid web address"),
    ("organisation", "unknown field", dict(adress="x"), "adress", "unknown field"),
    ("location", "half an address", dict(city=None), "address_1", "without `city`"),
    ("location", "bad postcode", dict(postal_code="rv1"), "postal_code", "not a UK postcode"),
    ("location", "feature", dict(accessibility=["ramp"]), "accessibility", "unknown accessibility feature"),
    ("location", "html", dict(transportation="<b>bus</b>"), "transportation", "contains HTML"),
    ("location", "latitude only", dict(longitude=None), "latitude", "without `longitude`"),
]


@pytest.mark.parametrize("kind,label,changes,field,message", PLACE_BAD, ids=[b[1] for b in PLACE_BAD])
def test_bad_place_input_is_a_finding(tmp_path, monkeypatch, kind, label, changes, field, message):
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    changes = dict(changes)
    if kind == "organisation":
        text = organisation_text(**changes)
        path = "local-info/organisations/riverside-health.md"
    else:
        text = location_text(**changes)
        path = "local-info/locations/riverside-health-hub.md"
    root = project(tmp_path, {"clinic": service_text("clinic")})
    (root / "content" / path).write_text(text, encoding="utf-8")
    model = load_content_model(root / "content", root / "data", use_cache=False)
    findings = [f for f in model.report if f.file.endswith(path)]
    matching = [f for f in findings if (f.field or "") in (field, "") and message in f.message + " " + f.hint]
    assert matching, [f.format() for f in findings]
    assert matching[0].line and matching[0].hint and matching[0].is_error


def test_duplicate_ids_across_places_and_services(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    org_id = service_meta("clinic")["id"]
    root = project(tmp_path, {"clinic": service_text("clinic")},
                   {"local-info/organisations/riverside-health.md": organisation_text(id=org_id),
                    "local-info/organisations/copy.md": organisation_text(id=org_id, name="A Copy")})
    model = load_content_model(root / "content", root / "data", use_cache=False)
    duplicate = [f for f in model.report if f.field == "id" and "already used" in f.message]
    assert {f.file.rsplit("/", 1)[-1] for f in duplicate} == {"riverside-health.md", "clinic.md"}, \
        [f.format() for f in duplicate]


def test_unknown_reference_names_file_line_and_nearest_match(tmp_path, monkeypatch):
    text = service_text("clinic", locations=[{"location": "riverside-health-hub"}, {"location": "the-hbu"}])
    findings = service_findings(tmp_path, {"clinic": text}, monkeypatch)
    bad = [f for f in findings if f.field == "locations[1].location"]
    assert len(bad) == 1 and bad[0].file.endswith("services/clinic.md")
    assert text.splitlines()[bad[0].line - 1].strip() == "- location: the-hbu"
    assert "signpost new location" in bad[0].hint


def test_nested_fields_are_reported_on_their_own_line(tmp_path, monkeypatch):
    text = service_text("clinic", phones=[{"number": "0113 496 0123"}, {"number": "0113 496 01"}])
    findings = service_findings(tmp_path, {"clinic": text}, monkeypatch)
    lines = text.splitlines()
    bad = next(f for f in findings if f.field == "phones[1].number")
    assert lines[bad.line - 1].strip() == "- number: 0113 496 01"


def test_category_and_feature_titles_are_offered_to_translators(sample):
    from signpost.directory.translation import vocabulary_messages
    messages = vocabulary_messages(sample)
    assert ("LGBTQ+ support", "data/service-categories.yml", 16) in messages
    assert any(m == "Step-free access" and f == "data/accessibility-features.yml" and line > 0
               for m, f, line in messages)


@pytest.mark.parametrize("kind", ["organisation", "location"])
def test_organisation_and_location_sheets_round_trip(sample, tmp_path, monkeypatch, kind):
    from signpost.commands.import_services import import_places_text
    from signpost.model.service_csv import places_csv, read_place_rows, sheet_kind
    records = sample.places.organisations if kind == "organisation" else sample.places.locations
    text = places_csv(kind, records.values())
    assert sheet_kind(text.splitlines()[0].split(",")) == kind
    out = tmp_path / kind
    result = import_places_text(kind, text, out, ROOT / "data")
    assert result.problems == [] and len(result.created) == len(records)
    folder = ROOT / "content/local-info" / ("organisations" if kind == "organisation" else "locations")
    for source in sorted(folder.glob("*.md")):
        original, _ = read_document(source, "a")
        imported, _ = read_document(out / source.name, "b")
        assert imported.meta == original.meta and imported.body.strip() == original.body.strip(), source.name


def test_location_sheet_reports_bad_rows_with_row_and_column(fixture_site, tmp_path):
    sheet = tmp_path / "locations.csv"
    sheet.write_text("slug,name,address_1,city,state_province,postal_code,latitude,longitude\n"
                     "good-hut,Good Hut,1 Canal Road,Riverside,England,RV3 2DL,54.06,2.46\n"
                     "bad-code,Bad Code,2 Canal Road,Riverside,England,rv3,,\n"
                     "bad-geo,Bad Geo,3 Canal Road,Riverside,England,RV3 2DL,north,2.4\n", encoding="utf-8")
    result = fixture_site.signpost("import", str(sheet))
    assert result.returncode == 1
    assert "locations.csv:3: column postal_code: `postal_code` is not a UK postcode" in result.stderr
    assert "locations.csv:4: column latitude: 'north' is not a number" in result.stderr
    folder = fixture_site.root / "content/local-info/locations"
    assert sorted(p.name for p in folder.glob("*.md")) == ["good-hut.md"]
