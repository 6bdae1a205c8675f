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
import phonenumbers
import pytest

from signpost.commands.import_services import import_text
from signpost.model import load_content_model
from signpost.model.frontmatter import read_document
from signpost.model.service_csv import services_csv
from signpost.model.service_export import HSDS_SUBSET_SCHEMA, open_data_files
from signpost.model.service_schema import SERVICE_SCHEMA
from signpost.model.services import load_vocabulary
from test_services_fixtures import service_meta, service_text

ROOT = Path(__file__).resolve().parent.parent
DRAMA = [re.compile(p) for p in (r"^0113 496 0\d{3}$", r"^020 7946 0\d{3}$", r"^0161 496 0\d{3}$",
                                 r"^0808 157 0\d{3}$")]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The real content and data, read once with today fixed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIGNPOST_TODAY", "2026-11-22")
        return load_content_model(ROOT / "content", ROOT / "data", use_cache=False)


def project(tmp_path: Path, services: dict[str, str], pages: dict[str, str] | None = None) -> Path:
    import shutil
    shutil.copytree(ROOT / "data", tmp_path / "data")
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
    findings = [f.format() for f in sample.report if "/services/" in f.file]
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
            assert phonenumbers.is_valid_number(phonenumbers.parse(phone.number, "GB"))
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
    assert json.loads((ROOT / "docs/schema/hsds-service-subset.schema.json").read_text()) == HSDS_SUBSET_SCHEMA, \
        "regenerate: python -m signpost.model.service_export > docs/schema/hsds-service-subset.schema.json"


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
    ("accessibility", dict(locations=[{"name": "Hub", "accessibility": ["ramp"]}]),
     "locations[0].accessibility", "unknown accessibility feature"),
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
    for key in ("status", "organization", "categories", "phones", "locations", "owner", "review_every"):
        assert key in document.meta
    check = fixture_site.signpost("check", "--json")
    problems = [f for f in json.loads(check.stdout) if "/services/" in f["file"]]
    assert problems == []
    again = fixture_site.signpost("new", "service", "Riverside Drop-in & Café")
    assert again.returncode == 1 and "already exists" in again.stderr
    second = fixture_site.signpost("new", "service", "Another one")
    other = read_document(fixture_site.root / "content/local-info/services/another-one.md", "y")[0]
    assert other.meta["id"] != document.meta["id"]
    assert second.returncode == 0


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
        ["slug", "name", "status", "categories", "phones", "owner", "last_reviewed", "location1_name",
         "location1_schedules", "minimum_age"],
        ["good-one", "Good One", "active", "housing", "0113 496 0100", "a@example.org", "2026-10-01", "", "", "13"],
        ["bad-phone", "Bad Phone", "active", "housing", "0113 496 010", "a@example.org", "2026-10-01", "", "", ""],
        ["bad-day", "Bad Day", "active", "housing", "0113 496 0101", "a@example.org", "2026-10-01", "Hub",
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
    sheet.write_text("slug,phones,location1_city,alert\n"
                     "clinic,0161 496 0999 (voice-and-text): New line,Northbank,Closed on Friday.\n", encoding="utf-8")
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
    assert document.meta["locations"][0]["city"] == "Northbank"
    assert document.meta["locations"][0]["postal_code"] == "RV1 4AB"   # not in the CSV: kept
    unchanged = {k: v for k, v in before.meta.items() if k not in ("phones", "alert", "locations")}
    assert {k: document.meta[k] for k in unchanged} == unchanged
    assert "# checked by phone" in text and "# Ask Sam before changing the owner." in text
    assert "A second paragraph the editor wrote." in text


# Open data -------------------------------------------------------------------------------------

def test_export_validates_against_the_hsds_subset_schema(sample):
    vocabulary, _ = load_vocabulary(ROOT / "data")
    files = open_data_files(sample.services, vocabulary)
    data = json.loads(files["services.json"])
    jsonschema.Draft202012Validator(HSDS_SUBSET_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    assert len(data) == len([s for s in sample.services.values() if s.is_listed])
    assert all(item["status"] in ("active", "temporarily closed") for item in data)

    def no_empty(value):
        if isinstance(value, dict):
            return all(v not in (None, "", [], {}) and no_empty(v) for v in value.values())
        if isinstance(value, list):
            return all(no_empty(v) for v in value)
        return True
    assert no_empty(data)
    clinic = next(item for item in data if item["name"].startswith("Riverside Young People's Sexual"))
    assert clinic["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "RV1 4AB"
    assert {"code": "bfi", "name": "British Sign Language"} in clinic["languages"]
    assert clinic["assured_date"] == "2026-09-14" and clinic["minimum_age"] == 13
    rows = list(csv.DictReader(io.StringIO(files["services.csv"])))
    assert len(rows) == len(data) and rows[0]["id"] and "location1_name" in rows[0]



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
