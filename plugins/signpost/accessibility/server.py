"""Serve a built site on 127.0.0.1 (a free port) in a background thread. MkDocs-free.

pa11y must load pages over HTTP: a `file://` run misses problems (the search
dialog, scripts that fetch the search index).
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve_site(site_dir: Path | str) -> Iterator[str]:
    """Serve `site_dir` until the block ends; yields the base URL (`http://127.0.0.1:PORT/`)."""
    handler = functools.partial(_QuietHandler, directory=str(Path(site_dir).resolve()))
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
