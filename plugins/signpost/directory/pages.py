"""Where the directory's pages live and what every page of one language needs. MkDocs-free.

Shared by `render.py` (the pages) and `structured_data.py` (their schema.org data), so neither
imports the other.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from signpost.model.catalogs import Catalogs
from signpost.model.services import SERVICES_DIR, DirectoryVocabulary, Service

SOURCE_LANGUAGE = "en"
HOME = f"{SERVICES_DIR}/index.md"
A_TO_Z = f"{SERVICES_DIR}/a-z.md"
OPEN_DATA_JSON = "open-data/services.json"
OPEN_DATA_CSV = "open-data/services.csv"


def category_page(category_id: str) -> str:
    return f"{SERVICES_DIR}/categories/{category_id}.md"


def service_page(slug: str) -> str:
    return f"{SERVICES_DIR}/{slug}.md"


@dataclass(frozen=True)
class DirectoryContext:
    """What every directory page needs to know, for one language."""

    language: str
    services: dict[str, Service]
    vocabulary: DirectoryVocabulary
    site_url: str = ""
    language_prefix: str = ""   # "pl/" for /pl/ pages, "" for the default language
    report_email: str = "directory-team@example.org"
    open_data_sizes: tuple[tuple[str, int], ...] = ()   # (file name, bytes) of the open-data files
    catalogs: Catalogs | None = None   # the model's translations (None: l10n's folder)
    # Service path -> its checked catalog, asked for by every list a service is in (render.py):
    # looked up once per context, which the plugin makes once per language per build.
    service_catalogs: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def listed(self) -> list[Service]:
        """Services shown in lists: active or temporarily closed, in A-Z order."""
        return sorted((s for s in self.services.values() if s.is_listed), key=lambda s: (s.name.casefold(), s.slug))

    def in_category(self, category_id: str) -> list[Service]:
        return [s for s in self.listed if category_id in s.categories]

    def absolute_url(self, src_uri: str) -> str:
        return self.site_url.rstrip("/") + "/" + self.language_prefix + url_of(src_uri)


def generated_pages(vocabulary: DirectoryVocabulary) -> list[str]:
    """Source paths of the pages made from data (services have their own files)."""
    return [HOME, A_TO_Z] + [category_page(c) for c in sorted(vocabulary.categories)]


def url_of(src_uri: str) -> str:
    """The directory URL of a source page: `a/b.md` -> `a/b/`, `a/index.md` -> `a/`."""
    path = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if path == "index" or path.endswith("/index"):
        path = path[:-5]
    return path.rstrip("/") + "/" if path else ""


def relative_link(from_src: str, to_src: str) -> str:
    """The link from one page to another, as the reader's browser resolves it (`../a-z/`)."""
    here, there = url_of(from_src) or ".", url_of(to_src) or "."
    link = posixpath.relpath(there, here)
    return "./" if link == "." else link + "/"
