"""Per-page cache of browser results, in `.cache/plugin/a11y/`. MkDocs-free.

A page's result is reused only when nothing that could change it changed: the
page's HTML, every stylesheet and script it loads (read from the built site),
the pa11y settings of the pass, and the versions of the tools. Edit one page
and a re-run checks only that page; edit the CSS and every page is checked
again. Crashes are never cached.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

CACHE_DIR = Path(".cache/plugin/a11y")


@dataclass
class ResultCache:
    folder: Path
    enabled: bool = True

    def __post_init__(self) -> None:
        self._asset_hashes: dict[Path, str] = {}

    def key(self, html_file: Path, site_dir: Path, settings: dict) -> str:
        """Hash of the page, the CSS and JS it loads, the settings and tool versions."""
        digest = hashlib.sha256()
        html = html_file.read_bytes()
        digest.update(html)
        for asset in _loaded_assets(html, html_file, site_dir):
            digest.update(asset.as_posix().encode())
            digest.update(self._asset_hash(asset).encode())
        digest.update(json.dumps(settings, sort_keys=True).encode())
        return digest.hexdigest()

    def get(self, name: str, key: str) -> list[dict] | None:
        """The cached issues of `name` (a page in a pass) if its key still matches."""
        if not self.enabled:
            return None
        try:
            entry = json.loads(self._file(name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry.get("issues") if entry.get("key") == key else None

    def put(self, name: str, key: str, issues: list[dict]) -> None:
        if not self.enabled:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._file(name).write_text(json.dumps({"name": name, "key": key, "issues": issues}), encoding="utf-8")

    def _file(self, name: str) -> Path:
        return self.folder / (hashlib.sha256(name.encode()).hexdigest()[:32] + ".json")

    def _asset_hash(self, asset: Path) -> str:
        if asset not in self._asset_hashes:
            try:
                self._asset_hashes[asset] = hashlib.sha256(asset.read_bytes()).hexdigest()
            except OSError:
                self._asset_hashes[asset] = "missing"
        return self._asset_hashes[asset]


def _loaded_assets(html: bytes, html_file: Path, site_dir: Path) -> list[Path]:
    """Local stylesheets and scripts the page loads, as files in the built site."""
    tree = LexborHTMLParser(html.decode("utf-8", errors="replace"))
    references = [node.attributes.get("href") for node in tree.css("link[rel=stylesheet][href]")]
    references += [node.attributes.get("src") for node in tree.css("script[src]")]
    page_folder = html_file.parent.relative_to(site_dir).as_posix()
    assets = []
    for reference in references:
        parts = urlsplit(reference or "")
        if not reference or parts.scheme or parts.netloc:
            continue
        path = parts.path.lstrip("/") if parts.path.startswith("/") else \
            posixpath.normpath(posixpath.join(page_folder, parts.path))
        assets.append(site_dir / path)
    return sorted(set(assets))
