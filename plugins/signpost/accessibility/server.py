"""Serve a built site on 127.0.0.1 (a free port) in a background thread. MkDocs-free.

pa11y must load pages over HTTP: a `file://` run misses problems (the search
dialog, scripts that fetch the search index).

For the browser check, each language's search index (`search/search_index.json`)
is answered with the same index without its documents: the same `config` (so the
search worker loads the same lunr language scripts and answers as it does for a
reader), an empty `docs` list. Why that checks the same page: every page load
starts Material's search worker, which fetched the whole language's index
(360-430 KB, about 1,000 entries) and built a lunr index from it, about 0.4 s of
CPU a page, a quarter of the check's CPU (docs/accessibility.md). What pa11y
checks is the page's DOM, and the index does not change it: the search dialog,
its form, input, submit button and results box are in the HTML, and until a
reader types, the results box holds only Material's placeholder ("Type to start
searching"), the same with one document as with a thousand. No pass types a
query, so no check sees a search result; tests that do run a search
(`test_reader_browser.py`, `test_csp.py`) serve the real index themselves.
The driver still waits for the worker's answer (the placeholder) before
checking, so a worker that fails to start still fails the page.
"""

from __future__ import annotations

import functools
import io
import json
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

SEARCH_INDEX = "search/search_index.json"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


class _EmptySearchHandler(_QuietHandler):
    """Answers every language's search index with its config and no documents (see the module's docstring)."""

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.endswith("/" + SEARCH_INDEX):
            return super().send_head()
        index_file = Path(self.translate_path(path))
        if not index_file.is_file():
            return super().send_head()
        body = search_index_without_documents(index_file)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)  # what `do_GET` copies to the client, then closes


@functools.lru_cache(maxsize=16)
def _empty_index_of(index_file: Path, mtime_ns: int, size: int) -> bytes:
    index = json.loads(index_file.read_bytes())
    # Everything but the documents (and a prebuilt lunr index of them, which names them).
    kept = {key: value for key, value in index.items() if key not in ("docs", "index")}
    return json.dumps({**kept, "docs": []}, ensure_ascii=False).encode("utf-8")


def search_index_without_documents(index_file: Path) -> bytes:
    """`index_file` with `docs: []`: read once per version of the file (every page of a language asks)."""
    stat = index_file.stat()
    return _empty_index_of(index_file, stat.st_mtime_ns, stat.st_size)


@contextmanager
def serve_site(site_dir: Path | str, *, empty_search_index: bool = False) -> Iterator[str]:
    """Serve `site_dir` until the block ends; yields the base URL (`http://127.0.0.1:PORT/`).

    `empty_search_index`: answer the search indexes without their documents (the browser check).
    """
    handler_class = _EmptySearchHandler if empty_search_index else _QuietHandler
    handler = functools.partial(handler_class, directory=str(Path(site_dir).resolve()))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="signpost-a11y-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
