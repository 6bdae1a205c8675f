"""The built pages of a site folder, each with its language and source file. MkDocs-free.

Pages are found by walking the built site for `index.html` (MkDocs' directory
URLs), plus each language's 404 page, leaving out the theme's and search's own files. Each
URL is traced back to the Markdown that produced it the way MkDocs maps them
(`charter/` <- `charter.md` or `charter/index.md`; in `/pl/`, `charter.pl.md`
first), so browser findings name a file an editor can open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SKIPPED_FOLDERS = ("assets", "search", "stylesheets", "javascripts")


@dataclass(frozen=True)
class SitePage:
    """One built page: its URL path (`pl/charter/`), HTML file, language and source file."""

    url_path: str
    html_file: Path
    language: str
    source: str


#: Where the 404 pages come from (the theme's template), for findings about them.
NOT_FOUND_SOURCE = "plugins/signpost/theme/404.html"


def list_site_pages(site_dir: Path | str, content_dir: Path | str = "content",
                    languages: tuple[str, ...] | None = None, default_language: str = "en"
                    ) -> list[SitePage]:
    """Every page of every language under `site_dir`, sorted by URL."""
    site_dir, content_dir = Path(site_dir), Path(content_dir)
    if languages is None:
        languages = language_folders(site_dir)
    pages = []
    for html_file in sorted(site_dir.rglob("index.html")):
        relative = html_file.relative_to(site_dir).parent.as_posix()
        relative = "" if relative == "." else relative
        parts = relative.split("/") if relative else []
        if parts and parts[0] in SKIPPED_FOLDERS or (parts and parts[-1] == "404"):
            continue
        language = parts[0] if parts and parts[0] in languages else default_language
        inner = parts[1:] if language != default_language else parts
        url_path = relative + "/" if relative else ""
        pages.append(SitePage(url_path, html_file, language, source_for("/".join(inner), language, content_dir,
                                                                          default_language)))
    # The "page not found" page of each language is a page readers see too (every mistyped link).
    for language in (default_language, *[lang for lang in languages if lang != default_language]):
        url_path = "404.html" if language == default_language else f"{language}/404.html"
        if (site_dir / url_path).is_file():
            pages.append(SitePage(url_path, site_dir / url_path, language, NOT_FOUND_SOURCE))
    return sorted(pages, key=lambda page: page.url_path)


def language_folders(site_dir: Path) -> tuple[str, ...]:
    """Top-level folders that are language builds (`pl/`, `ur/`: a locale code with a home page)."""
    found = []
    for folder in sorted(p for p in site_dir.iterdir() if p.is_dir()) if site_dir.is_dir() else []:
        name = folder.name
        if 2 <= len(name) <= 3 and name.isalpha() and name.islower() and (folder / "index.html").is_file():
            found.append(name)
    return tuple(found)


def source_for(path: str, language: str, content_dir: Path, default_language: str = "en") -> str:
    """`content/…/x.md` that MkDocs built `path/` from, or the URL itself when none exists (generated pages)."""
    prefix = content_dir.as_posix().rstrip("/")
    stems = [f"{path}/index", path, f"{path}/README"] if path else ["index"]
    suffixes = ([f".{language}.md"] if language != default_language else []) + [".md"]
    for stem in stems:
        for suffix in suffixes:
            candidate = content_dir / f"{stem.strip('/')}{suffix}"
            if candidate.is_file():
                return f"{prefix}/{stem.strip('/')}{suffix}"
    return f"{prefix}/{path or 'index'} (generated page)"
