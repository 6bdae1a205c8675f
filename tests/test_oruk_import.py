"""`signpost import --oruk`: the profile's own examples, a live API on 127.0.0.1, updates, bad feeds, round trip."""

from __future__ import annotations

import json
import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from signpost.model import load_content_model
from signpost.model.service_export import open_data_files
from signpost.model.service_oruk import STANDARD_DIR
from signpost.model.service_oruk_feed import read_feed
from signpost.model.service_oruk_import import plan_import, write_plan
from signpost.model.services import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = STANDARD_DIR / "examples"
SERVICE = json.loads((EXAMPLES / "service_full.json").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "content").mkdir()
    return tmp_path


def signpost(project: Path, *args: str):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "signpost.cli", "import", *args], cwd=project,
                          capture_output=True, text=True, env={**__import__("os").environ, "SIGNPOST_TODAY": "2026-11-22"})


def files_of(project: Path) -> dict[str, str]:
    return {p.relative_to(project).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((project / "content").rglob("*.md"))}


def directory_findings(project: Path) -> list[str]:
    model = load_content_model(project / "content", project / "data", use_cache=False)
    return [f.format() for f in model.report if "/local-info/" in f.file]


class FakeApi:
    """The profile's examples served as a live ORUK API on 127.0.0.1 (a random free port)."""

    def __init__(self, services: list[dict], page_size: int = 1, broken: str = "") -> None:
        self.services, self.page_size, self.broken, self.requests = services, page_size, broken, []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                url = urlsplit(self.path)
                api.requests.append(self.path)
                if api.broken == "json":
                    return self._send(200, b"{not json")
                if url.path == "/services":
                    number = int(parse_qs(url.query).get("page", ["1"])[0])
                    items = api.services[(number - 1) * api.page_size: number * api.page_size]
                    pages = max(1, -(-len(api.services) // api.page_size))
                    return self._json({"total_items": len(api.services), "total_pages": pages, "page_number": number,
                                       "size": len(items), "first_page": number == 1, "last_page": number >= pages,
                                       "empty": not items, "contents": [{k: v for k, v in s.items() if k in (
                                           "id", "name", "status")} for s in items]})
                for service in api.services:
                    if url.path == f"/services/{service['id']}":
                        return self._json(service)
                self._send(404, b"{}")

            def _json(self, data):
                self._send(200, json.dumps(data).encode())

            def _send(self, code, body):
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def second_service() -> dict:
    other = json.loads(json.dumps(SERVICE))
    other.update(id="0f5b5e0a-2f0e-4c8e-9d5e-0d1f2e3a4b5c", name="Second Example Service")
    for index, item in enumerate(other["service_at_locations"]):
        item["id"] = f"0f5b5e0a-2f0e-4c8e-9d5e-0d1f2e3a4b{index:02d}"
    return other


# The profile's own examples --------------------------------------------------------------------

def test_the_profiles_examples_import_cleanly(project):
    result = signpost(project, "--oruk", str(EXAMPLES), "--category", "mental-health")
    assert result.returncode == 0, result.stderr
    assert "1 services read; 3 files created" in result.stderr
    written = files_of(project)
    assert sorted(written) == ["content/local-info/locations/mycity-civic-center.md",
                               "content/local-info/organisations/example-organization-inc.md",
                               "content/local-info/services/community-counselling.md"]
    assert directory_findings(project) == []
    service = written["content/local-info/services/community-counselling.md"]
    assert "id: ac148810-d857-441c-9679-408f346de14b" in service
    assert "organization: example-organization-inc" in service and "- location: mycity-civic-center" in service
    assert "opens_at: '10:00'" in service and "Counselling Services provided by trained professionals." in service
    # What our files cannot hold is said, not silently dropped: a US postcode, a point off the Earth.
    assert "'ABC 1234' is not a UK postcode" in result.stderr and "is not a point on Earth" in result.stderr


def test_a_live_api_is_followed_page_by_page(project):
    api = FakeApi([SERVICE, second_service()], page_size=1)
    try:
        result = signpost(project, "--oruk", api.url + "/", "--category", "mental-health")
    finally:
        api.close()
    assert result.returncode == 0, result.stderr
    assert "/services?page=1" in api.requests and "/services?page=2" in api.requests
    assert f"/services/{SERVICE['id']}" in api.requests
    assert {"community-counselling.md", "second-example-service.md"} <= {Path(p).name for p in files_of(project)}
    assert directory_findings(project) == []


def test_an_unreachable_or_invalid_feed_is_a_clear_error_and_writes_nothing(project):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    unreachable = signpost(project, "--oruk", f"http://127.0.0.1:{port}", "--timeout", "2")
    assert unreachable.returncode == 1 and "cannot reach the feed" in unreachable.stderr
    assert "Traceback" not in unreachable.stderr
    api = FakeApi([SERVICE], broken="json")
    try:
        invalid = signpost(project, "--oruk", api.url)
    finally:
        api.close()
    assert invalid.returncode == 1 and "not valid JSON" in invalid.stderr and "Traceback" not in invalid.stderr
    broken = project / "broken.json"
    broken.write_text('{"id": "x",\n "name": }', encoding="utf-8")
    result = signpost(project, "--oruk", str(broken))
    assert result.returncode == 1 and f"{broken}:2: not valid JSON" in result.stderr
    assert files_of(project) == {}


def test_an_invalid_record_names_the_file_and_field_and_nothing_is_written(project):
    bad = json.loads(json.dumps(SERVICE))
    bad["status"] = "open"
    del bad["schedules"][0]["id"]
    feed = project / "feed.json"
    feed.write_text(json.dumps([second_service(), bad]), encoding="utf-8")
    result = signpost(project, "--oruk", str(feed), "--category", "mental-health")
    assert result.returncode == 1
    assert f"{feed}: status: 'open' is not one of" in result.stderr
    assert f"{feed}: schedules[0]: 'id' is a required property" in result.stderr
    assert "nothing was written" in result.stderr and files_of(project) == {}  # not even the good record


def test_a_duplicate_id_is_an_error(project):
    (project / "content/local-info/locations").mkdir(parents=True)
    (project / "content/local-info/locations/ours.md").write_text(
        f"---\nid: {SERVICE['organization']['id']}\nname: Our Place\n---\n", encoding="utf-8")
    result = signpost(project, "--oruk", str(EXAMPLES / "service_full.json"), "--category", "mental-health")
    assert result.returncode == 1
    assert f"id {SERVICE['organization']['id']} is already used by content/local-info/locations/ours.md" in result.stderr
    assert sorted(files_of(project)) == ["content/local-info/locations/ours.md"]


def test_a_record_without_our_categories_needs_one(project):
    result = signpost(project, "--oruk", str(EXAMPLES / "service_full.json"))
    assert result.returncode == 1 and "categories" in result.stderr and files_of(project) == {}


def test_a_services_folder_that_links_out_of_the_project_is_refused(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / "content/local-info").mkdir(parents=True)
    (project / "content/local-info/services").symlink_to(elsewhere, target_is_directory=True)
    result = signpost(project, "--oruk", str(EXAMPLES / "service_full.json"), "--category", "mental-health")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "would write content/local-info/services/community-counselling.md" in result.stderr
    assert "leads outside" in result.stderr and "nothing was written" in result.stderr
    assert list(elsewhere.iterdir()) == []  # nothing written through the link
    assert not (project / "content/local-info/organisations").exists()  # and nothing else either


# Updates ---------------------------------------------------------------------------------------

def test_update_changes_only_what_the_feed_owns(project, tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(SERVICE), encoding="utf-8")
    assert signpost(project, "--oruk", str(feed), "--category", "mental-health").returncode == 0
    target = project / "content/local-info/services/community-counselling.md"
    local = target.read_text(encoding="utf-8").replace("categories: [mental-health]",
                                                       "# Chosen by the directory team.\ncategories: [mental-health, lgbtq]")
    local = local.replace("owner: email@example.com", "owner: email@example.com\nsensitive: true")
    target.write_text(local, encoding="utf-8")
    changed = json.loads(json.dumps(SERVICE))
    changed["alert"] = "Closed on Friday."
    feed.write_text(json.dumps(changed), encoding="utf-8")
    skipped = signpost(project, "--oruk", str(feed))
    assert skipped.returncode == 0 and "already exists; left unchanged" in skipped.stderr
    assert target.read_text(encoding="utf-8") == local
    preview = signpost(project, "--oruk", str(feed), "--update", "--dry-run")
    assert preview.returncode == 0 and "-alert: Following COVID-19" in preview.stdout
    assert "+alert: Closed on Friday." in preview.stdout and target.read_text(encoding="utf-8") == local
    updated = signpost(project, "--oruk", str(feed), "--update")
    assert updated.returncode == 0, updated.stderr
    text = target.read_text(encoding="utf-8")
    assert "alert: Closed on Friday." in text
    # Not the feed's: the team's categories, their comment, the local `sensitive` flag.
    assert "# Chosen by the directory team.\ncategories: [mental-health, lgbtq]" in text and "sensitive: true" in text
    assert directory_findings(project) == []


# Round trip ------------------------------------------------------------------------------------

def test_export_import_export_is_identical(project, tmp_path):
    sample = load_content_model(ROOT / "content", ROOT / "data", use_cache=False)
    vocabulary, _ = load_vocabulary(ROOT / "data")
    exported = open_data_files(sample.services, vocabulary)
    feed = tmp_path / "open-data"
    for name, text in exported.items():
        (feed / name).parent.mkdir(parents=True, exist_ok=True)
        (feed / name).write_text(text, encoding="utf-8")
    plan = plan_import(read_feed(str(feed)), project / "content", project / "data")
    assert plan.problems == [] and plan.notes == []
    write_plan(plan)
    assert directory_findings(project) == []
    imported = load_content_model(project / "content", project / "data", use_cache=False)
    again = open_data_files(imported.services, vocabulary)
    assert {n: t for n, t in again.items() if n.endswith(".json")} == \
        {n: t for n, t in exported.items() if n.endswith(".json")}
    # The CSV names files by slug, which ORUK does not carry: the same services, by id.
    import csv
    import io
    ids = [sorted(row["id"] for row in csv.DictReader(io.StringIO(files["services.csv"]))) for files in (exported, again)]
    assert ids[0] == ids[1] and len(ids[0]) >= 40
