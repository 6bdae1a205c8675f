"""Reading an Open Referral UK 3.0 feed: a JSON file, a folder of them, or a live ORUK API.

`read_feed(source)` returns every service record found, each with where it
came from (file or URL) so a problem names it. A live API is read the way the
profile's OpenAPI describes: `/services?page=N` until `last_page`, then
`/services/{id}` for each service's whole record; every request has a timeout
and a few bounded retries, and an unreachable or invalid feed is a
`FeedError` with a plain message, never a traceback. MkDocs-free.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TIMEOUT = 20          # seconds a request may take
RETRIES = 2           # extra tries after a failed request (network errors and 5xx only)
MAX_PAGES = 1000      # a feed that pages for ever is an error, not a hang
MAX_BYTES = 20_000_000


class FeedError(Exception):
    """The feed cannot be read: unreachable, not JSON, not ORUK."""


@dataclass(frozen=True)
class FeedRecord:
    origin: str              # the file or URL it came from
    record: dict[str, Any]   # one ORUK service object


def read_feed(source: str, *, timeout: float = TIMEOUT, retries: int = RETRIES) -> list[FeedRecord]:
    """Every service record of `source` (file, folder or http(s) base URL), one per id (the fullest)."""
    if source.startswith(("http://", "https://")):
        found = _read_api(source, timeout, retries)
    else:
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.json") if p.is_file())
            if not files:
                raise FeedError(f"{source}: the folder has no .json files")
        elif path.is_file():
            files = [path]
        else:
            raise FeedError(f"{source}: no such file or folder")
        found = [FeedRecord(str(p), record) for p in files for record in services_in(_load_file(p))]
    return _fullest_by_id(found)


def services_in(value: Any) -> list[dict[str, Any]]:
    """The service objects inside any ORUK JSON value: a service, a list, a page, an organisation's
    services, or a service at a location (its location put back on the service)."""
    if isinstance(value, list):
        return [s for item in value for s in services_in(item)]
    if not isinstance(value, dict):
        return []
    if "contents" in value and isinstance(value["contents"], list):
        return services_in(value["contents"])
    if isinstance(value.get("service"), dict) and isinstance(value.get("location"), dict):
        service = dict(value["service"])
        service.setdefault("service_at_locations", [{k: v for k, v in value.items() if k != "service"}])
        return [service]
    if "status" in value and "name" in value:
        return [value]
    if isinstance(value.get("services"), list):  # an organisation with its services
        org = {k: v for k, v in value.items() if k != "services"}
        return [{**s, "organization": s.get("organization") or org} for s in value["services"]
                if isinstance(s, dict)]
    return []  # taxonomies, terms, the API's index: nothing to import


def _fullest_by_id(found: list[FeedRecord]) -> list[FeedRecord]:
    """One record per id: the one with the most in it (a list item is a summary of the whole record)."""
    best: dict[str, FeedRecord] = {}
    order: list[str] = []
    for item in found:
        key = str(item.record.get("id") or f"{item.origin}#{len(order)}")
        if key not in best:
            order.append(key)
            best[key] = item
        elif len(json.dumps(item.record)) > len(json.dumps(best[key].record)):
            best[key] = item
    return [best[key] for key in order]


def _load_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as problem:
        raise FeedError(f"{path}: cannot read it: {problem}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as problem:
        raise FeedError(f"{path}:{problem.lineno}: not valid JSON: {problem.msg}") from None


def _read_api(base: str, timeout: float, retries: int) -> list[FeedRecord]:
    base = base.rstrip("/")
    records: list[FeedRecord] = []
    number = 1
    while True:
        url = f"{base}/services?page={number}"
        page = _get_json(url, timeout, retries)
        if not isinstance(page, dict) or not isinstance(page.get("contents"), list):
            raise FeedError(f"{url}: not an ORUK page of services (no `contents` list)")
        for item in page["contents"]:
            if not isinstance(item, dict) or not item.get("id"):
                raise FeedError(f"{url}: a service in `contents` has no id")
            detail_url = f"{base}/services/{urllib.parse.quote(str(item['id']), safe='')}"
            try:
                full = _get_json(detail_url, timeout, retries)
            except FeedError:
                full = None  # some APIs list more than they serve one by one: keep what the list said
            records.append(FeedRecord(detail_url if isinstance(full, dict) else url,
                                      full if isinstance(full, dict) else item))
        total = page.get("total_pages")
        if page.get("last_page") is True or page.get("empty") is True or not page["contents"] \
                or (isinstance(total, int) and number >= total):
            return records
        number += 1
        if number > MAX_PAGES:
            raise FeedError(f"{base}: more than {MAX_PAGES} pages; is `last_page` ever true?")


def _get_json(url: str, timeout: float, retries: int) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "signpost-import"})
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
                body = response.read(MAX_BYTES + 1)
            break
        except urllib.error.HTTPError as problem:
            if problem.code < 500 or attempt == retries:
                raise FeedError(f"{url}: the server answered {problem.code} {problem.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as problem:
            if attempt == retries:
                reason = getattr(problem, "reason", problem)
                raise FeedError(f"{url}: cannot reach the feed ({reason}); tried {retries + 1} times") from None
        time.sleep(0.2 * (attempt + 1))
    if len(body) > MAX_BYTES:
        raise FeedError(f"{url}: the answer is larger than {MAX_BYTES // 1_000_000} MB")
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise FeedError(f"{url}: not valid JSON ({problem})") from None
