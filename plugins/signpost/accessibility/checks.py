"""Static accessibility checks on one rendered page. MkDocs-free.

`check_page(html, page)` parses the page once (selectolax, lexbor backend)
and returns the problems pa11y does not report at its defaults, or reports
without telling the editor which Markdown file to fix: images without a
useful text alternative, empty or vague links and buttons, heading order,
tables without headers, duplicate ids, untitled iframes, a wrong `lang`, and
document links that do not say their format and size.

Content rules look only at the page's content area (the editor's part);
`lang` and duplicate ids look at the whole document. A decorative image is
allowed only when the editor says so: `![](border.png){ .decorative }` or
`{ role=presentation }`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from signpost.accessibility.sourcemap import SourceLines
from signpost.accessibility.vocabulary import (DOCUMENT_FORMATS, FILE_SIZE, IMAGE_FILE_NAME, normalise,
                                               vague_phrases)
from signpost.findings import Finding, error

CHECK = "accessibility"
#: The page content area when the caller does not say (the engine adapter passes its theme's selector).
CONTENT_SELECTOR = "article"
# Boxes signpost itself adds in previews; they are not the editor's content.
NOT_CONTENT_SELECTOR = ".signpost-findings"
DECORATIVE_ROLES = ("presentation", "none")
DECORATIVE_CLASS = "decorative"


@dataclass(frozen=True)
class PageSource:
    """What the checks know about the page: where it came from and its language."""

    file: str                 # as editors see it: content/charter/index.md
    language: str             # the language being built
    markdown: str = ""        # the source text, to find lines
    catalog: str = ""         # translated pages: the PO catalog (translations/pl/charter/index.po) ...
    catalog_text: str = ""    # ... and its translations (msgstr lines; other lines blank, numbers kept) ...
    catalog_po: str = ""      # ... or the whole PO text, its translations taken out when a finding needs them

    @cached_property
    def translations(self) -> str:
        """`catalog_text`, or the msgstr lines of `catalog_po` (most pages have no finding to place)."""
        return self.catalog_text or translations_only(self.catalog_po)

    def locate(self, lines: SourceLines, catalog_lines: SourceLines | None, find) -> tuple[str, int | None]:
        """(file, line) of a problem: in a translation if it is there, else in the Markdown source."""
        if catalog_lines is not None:
            catalog_line = find(catalog_lines)
            if catalog_line is not None:
                return self.catalog, catalog_line
        return self.file, find(lines)


def translations_only(po_text: str) -> str:
    """A PO file's text with everything but its msgstr lines blanked (line numbers kept)."""
    kept, in_msgstr = [], False
    for line in po_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("msgstr"):
            in_msgstr = True
        elif not stripped.startswith('"'):
            in_msgstr = False
        kept.append(line if in_msgstr else "")
    return "\n".join(kept)


@dataclass
class PageCheck:
    """The findings of one page and its `<title>` (for the duplicate-title check)."""

    findings: list[Finding] = field(default_factory=list)
    title: str = ""


def check_page(html: str | LexborHTMLParser, page: PageSource, *, content_selector: str = CONTENT_SELECTOR,
               content=None) -> PageCheck:
    """Every static accessibility finding for one rendered page (HTML text, or already parsed).

    `content`: the node `content_selector` selects in that tree, when the caller has found it already.
    """
    tree = html if isinstance(html, LexborHTMLParser) else LexborHTMLParser(html)
    lines = SourceLines(page.markdown)
    result = PageCheck(title=_title(tree))
    add = _Collector(page, lines, result.findings)
    _check_language(tree, page, add)
    _check_duplicate_ids(tree, add)
    if content is None:
        content = tree.css_first(content_selector)
    if content is None:
        return result
    if content.css_first(NOT_CONTENT_SELECTOR) is not None:
        # The tree is the page being published: check a copy without the preview box, never cut it out.
        content = content.clone()
        for preview_box in content.css(NOT_CONTENT_SELECTOR):
            preview_box.decompose()
    _check_images(content, add)
    _check_links(content, page.language, add)
    _check_buttons(content, add)
    _check_headings(content, add)
    _check_tables(content, add)
    _check_iframes(content, add)
    return result


def duplicate_titles(titles: dict[str, list[str]], language: str) -> list[Finding]:
    """An error for each page whose `<title>` another page of the same language also has.

    `titles` maps each title to the files of the pages that carry it.
    """
    findings = []
    for title, files in titles.items():
        unique = sorted(set(files))
        if len(unique) < 2:
            continue
        for file in unique:
            others = ", ".join(f for f in unique if f != file)
            findings.append(error(
                file, f'the page title "{title}" is also the title of {others} ({language})',
                field="title", check=CHECK,
                hint="give every page its own title, so readers can tell pages apart in tabs, history and search"))
    return findings


# ----------------------------------------------------------------------
# Document-wide checks
# ----------------------------------------------------------------------

def _check_language(tree, page: PageSource, add) -> None:
    root = tree.css_first("html")
    lang = (root.attributes.get("lang") or "").strip() if root is not None else ""
    if not lang:
        add("the page has no `lang` on <html>", "lang",
            "the theme must set <html lang> to the page's language (screen readers choose their voice from it)")
    elif lang.split("-")[0].casefold() != page.language.split("-")[0].casefold():
        add(f'<html lang="{lang}"> but the page is in the "{page.language}" build', "lang",
            "the theme must set <html lang> to the language being built")


def _check_duplicate_ids(tree, add) -> None:
    counts: dict[str, int] = {}
    for node in tree.css("[id]"):
        value = node.attributes.get("id")
        if value:
            counts[value] = counts.get(value, 0) + 1
    for value, count in counts.items():
        if count > 1:
            add(f'the id "{value}" is used {count} times on the page', "id",
                "ids must be unique: rename one (headings get their id from their text, so two headings "
                "with the same words clash; use `{ #another-id }`)", f"#{value}", f'id="{value}"')


# ----------------------------------------------------------------------
# Content checks
# ----------------------------------------------------------------------

def _check_images(content, add) -> None:
    for image in content.css("img"):
        attributes = image.attributes
        source = attributes.get("src") or ""
        name = posixpath.basename(unquote(urlsplit(source).path))
        if _is_decorative(image):
            continue
        alt = attributes.get("alt")
        hint = (f'describe what the image shows: ![A youth worker at the drop-in]({name}); if it is only '
                f'decoration, say so: ![]({name}){{ .decorative }}')
        if alt is None:
            add(f'the image "{name}" has no alt text', "image", hint, name)
        elif not alt.strip():
            add(f'the image "{name}" has empty alt text and is not marked decorative', "image", hint,
                line=add.lines.line_of_all("![](", name) or add.lines.line_of(name))
        elif _looks_like_file_name(alt, name):
            add(f'the alt text of the image "{name}" is a file name ("{alt}")', "image", hint,
                line=add.lines.line_of_all(f"![{alt}]", name) or add.lines.line_of(f"![{alt}]", alt, name))


def _check_links(content, language: str, add) -> None:
    vague = vague_phrases(language)
    for link in content.css("a[href]"):
        attributes = link.attributes
        if "headerlink" in (attributes.get("class") or ""):
            continue
        href = attributes.get("href") or ""
        name = _accessible_name(link)
        if not name:
            add(f'a link to "{href}" has no text', "link",
                "write the link text between the brackets: [Where to get help](help.md)", href,
                line=add.lines.line_matching(r"(?<!!)\[\s*\]\(") or add.lines.line_of(href))
            continue
        if normalise(name) in vague:
            add(f'the link text "{name}" does not say where the link goes', "link",
                'use words that make sense on their own, e.g. "[How to complain](complaints.md)" instead of '
                '"click here"', f"[{name}]", name)
        _check_document_link(link, href, name, add)


def _check_document_link(link, href: str, name: str, add) -> None:
    path, extension = _path_and_extension(href)
    if extension not in DOCUMENT_FORMATS:
        return
    text = normalise(name + " " + (link.attributes.get("title") or ""))
    says_format = any(word in text.split() or word in text for word in DOCUMENT_FORMATS[extension])
    says_size = bool(FILE_SIZE.search(name + " " + (link.attributes.get("title") or "")))
    if says_format and says_size:
        return
    missing = " and ".join(part for part, ok in (("format", says_format), ("size", says_size)) if not ok)
    add(f'the link "{name}" to a {extension.upper()} document does not say its {missing}', "link",
        f'readers need to know before they download: "[{name} ({extension.upper()}, 240 KB)]({posixpath.basename(path)})"',
        posixpath.basename(path), name)


def _check_buttons(content, add) -> None:
    for button in content.css("button, [role=button]"):
        if not _accessible_name(button):
            add("a button has no text", "button", "give the button visible text or an aria-label")


def _check_headings(content, add) -> None:
    headings = content.css("h1, h2, h3, h4, h5, h6")
    first_level_ones = [h for h in headings if h.tag == "h1"]
    if len(first_level_ones) != 1:
        extra = first_level_ones[1] if len(first_level_ones) > 1 else None
        text = extra.text(deep=True).strip() if extra is not None else ""
        add(f"the page has {len(first_level_ones)} level-1 headings; it needs exactly one", "heading",
            "keep one `# Title` at the top; make the others `##` headings",
            *((f"# {text}",) if text else ()))
    previous = 0
    for heading in headings:
        level = int(heading.tag[1])
        text = heading.text(deep=True).strip()
        if not text:
            add(f"an empty level-{level} heading", "heading", "write the heading text, or remove the heading")
        elif previous and level > previous + 1:
            add(f'the heading "{text}" (level {level}) skips a level after a level-{previous} heading', "heading",
                f"use a level-{previous + 1} heading ({'#' * (previous + 1)} {text}): screen-reader users move "
                "through a page by its heading levels", f"{'#' * level} {text}", text)
        previous = level


def _check_tables(content, add) -> None:
    for table in content.css("table"):
        headers = [th for th in table.css("th") if th.text(deep=True).strip()]
        if headers:
            continue
        first_cell = table.css_first("td")
        cell_text = first_cell.text(deep=True).strip() if first_cell is not None else ""
        add("a table has no header cells", "table",
            "give the table a header row: the first row, then a line like `| --- | --- |`",
            f"| {cell_text}", cell_text)


def _check_iframes(content, add) -> None:
    for frame in content.css("iframe"):
        if not (frame.attributes.get("title") or "").strip():
            source = frame.attributes.get("src") or ""
            add(f'the embedded frame "{source}" has no title', "iframe",
                'add a title that says what it shows: <iframe title="Map of the drop-in centre" ...>', source)


# ----------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------

class _Collector:
    """Turns (message, field, hint, *needles) into a Finding on the source file and line."""

    def __init__(self, page: PageSource, lines: SourceLines, findings: list[Finding]):
        self.page, self.lines, self.findings = page, lines, findings

    @cached_property
    def catalog_lines(self) -> SourceLines | None:
        translations = self.page.translations
        return SourceLines(translations) if translations else None

    def __call__(self, message: str, field_name: str, hint: str, *needles: str, line: int | None = None) -> None:
        if line is not None:
            file = self.page.file
        else:
            file, line = self.page.locate(self.lines, self.catalog_lines, lambda lines: lines.line_of(*needles))
        self.findings.append(error(file, message, line=line, field=field_name, hint=hint, check=CHECK))


def _title(tree) -> str:
    node = tree.css_first("head > title")
    return node.text(deep=True).strip() if node is not None else ""


@lru_cache(maxsize=8192)
def _path_and_extension(href: str) -> tuple[str, str]:
    """A link's decoded path and its extension in lower case (the same links recur on many pages)."""
    path = unquote(urlsplit(href).path)
    return path, posixpath.splitext(path)[1].lstrip(".").casefold()


def _is_decorative(image) -> bool:
    attributes = image.attributes
    classes = (attributes.get("class") or "").split()
    return (attributes.get("role") or "").strip() in DECORATIVE_ROLES or DECORATIVE_CLASS in classes \
        or attributes.get("aria-hidden") == "true"


def _looks_like_file_name(alt: str, file_name: str) -> bool:
    alt = alt.strip()
    stem = posixpath.splitext(file_name)[0]
    return bool(IMAGE_FILE_NAME.match(alt)) or alt.casefold() in (file_name.casefold(), stem.casefold())


def _accessible_name(node) -> str:
    """The text a screen reader announces: aria-label, else the text and image alts, else title."""
    label = (node.attributes.get("aria-label") or "").strip()
    if label:
        return label
    text = node.text(deep=True, separator=" ").strip()
    alts = " ".join((image.attributes.get("alt") or "").strip() for image in node.css("img"))
    name = " ".join(part for part in (text, alts.strip()) if part)
    return " ".join(name.split()) or (node.attributes.get("title") or "").strip()
