"""Compare two built sites page by page: what a reader sees and where each link goes.

    python tools/compare_builds.py SITE_BEFORE SITE_AFTER [--max-lines N] [--json]

A restructuring (the engine move, parsing pages once) must publish the same
site. Byte comparison is too strict (attribute order, entity spelling and
whitespace change when HTML is re-serialised), so each page is reduced to:

- its **text**: the visible text of `<title>` and `<body>`, one line per text
  run, scripts and styles left out (search settings live there, not text);
- its **links**: every `href`/`src`/`action` (a, link, img, script, iframe,
  source, form), resolved to a site path, with the `rel`/`hreflang` of `<link>`;
- its **document facts**: `<html lang dir>`, `<body dir>`, the robots meta tag.

Pages only in one site are listed too, and `sitemap.xml` is compared as its
set of URLs and alternates. Exit status 0 when the sites are the same by
these measures, 1 when they differ, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src"),
                   ("source", "src"), ("form", "action"))
BLOCKS = ("p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, summary, figcaption, caption, blockquote, pre, label, "
          "button, option, legend, div, nav, header, footer, article, section, aside, main, form, table, ul, ol, dl")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass
class PageView:
    """What the comparison looks at in one page."""

    text: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)


@dataclass
class PageDifference:
    page: str
    text: list[str] = field(default_factory=list)    # unified diff lines
    links: list[str] = field(default_factory=list)   # "- target" / "+ target"
    facts: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.text or self.links or self.facts)


@dataclass
class Comparison:
    only_before: list[str] = field(default_factory=list)
    only_after: list[str] = field(default_factory=list)
    pages: list[PageDifference] = field(default_factory=list)
    sitemap: list[str] = field(default_factory=list)
    compared: int = 0

    @property
    def same(self) -> bool:
        return not (self.only_before or self.only_after or self.pages or self.sitemap)


def compare_sites(before: Path, after: Path) -> Comparison:
    """Every difference between two built sites, page by page."""
    before_pages, after_pages = _html_pages(before), _html_pages(after)
    result = Comparison(only_before=sorted(before_pages - after_pages), only_after=sorted(after_pages - before_pages))
    for page in sorted(before_pages & after_pages):
        result.compared += 1
        difference = compare_pages(page, (before / page).read_text(encoding="utf-8", errors="replace"),
                                   (after / page).read_text(encoding="utf-8", errors="replace"))
        if difference:
            result.pages.append(difference)
    result.sitemap = _sitemap_difference(before / "sitemap.xml", after / "sitemap.xml")
    return result


def compare_pages(page: str, before_html: str, after_html: str) -> PageDifference:
    before, after = page_view(before_html, page), page_view(after_html, page)
    difference = PageDifference(page)
    if before.text != after.text:
        difference.text = [line for line in difflib.unified_diff(before.text, after.text, lineterm="", n=1)
                           if not line.startswith(("---", "+++"))]
    difference.links = _multiset_difference(before.links, after.links)
    difference.facts = _multiset_difference(before.facts, after.facts)
    return difference


def page_view(html: str, page: str) -> PageView:
    """The text, links and document facts of one page (`page` is its path in the site)."""
    tree = LexborHTMLParser(html)
    view = PageView()
    title = tree.css_first("title")
    if title is not None:
        view.text.append("title: " + " ".join(title.text().split()))
    body = tree.body
    if body is not None:
        for node in body.css("script, style, template"):
            node.decompose()
        view.text += _block_lines(body)
    base = "/" + page
    for tag, attribute in LINK_ATTRIBUTES:
        for node in tree.css(f"{tag}[{attribute}]"):
            target = resolve(base, node.attributes.get(attribute) or "")
            if tag == "link":
                extras = " ".join(f"{name}={node.attributes.get(name)}" for name in ("rel", "hreflang")
                                  if node.attributes.get(name))
                target = f"{target} ({extras})" if extras else target
            view.links.append(f"{tag} {target}")
    html_tag = tree.css_first("html")
    if html_tag is not None:
        view.facts += [f"html lang={html_tag.attributes.get('lang')}", f"html dir={html_tag.attributes.get('dir')}"]
    if body is not None:
        view.facts.append(f"body dir={body.attributes.get('dir')}")
    for meta in tree.css('meta[name="robots"]'):
        view.facts.append(f"robots={meta.attributes.get('content')}")
    return view


def _block_lines(body) -> list[str]:
    """One line per innermost block (paragraph, list item, heading, cell...), in document order.

    Text outside every block (rare: a bare word in a `<div>` beside a paragraph) is
    compared too, as one last line of all the page's text, so nothing slips through.
    """
    lines = []
    for node in body.css(BLOCKS):
        inner = [child for child in node.css(BLOCKS) if child.mem_id != node.mem_id]  # css() matches node itself
        if not inner:
            text = " ".join(node.text(separator="").split())
            if text:
                lines.append(text)
    everything = " ".join(body.text(separator="").split())
    if "".join("".join(lines).split()) != "".join(everything.split()):
        lines.append("all text: " + everything)
    return lines


def resolve(base: str, target: str) -> str:
    """A link target as a site path (`/pl/about/`), or unchanged when it leaves the site."""
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme in ("mailto", "tel", "javascript", "data"):
        return target
    if parts.scheme or parts.netloc:
        return target  # absolute URLs compare as written
    resolved = urljoin("https://site.invalid" + base, target)
    return resolved[len("https://site.invalid"):] or "/"


def _html_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")} if site.is_dir() else set()


def _multiset_difference(before: list[str], after: list[str]) -> list[str]:
    from collections import Counter
    removed, added = Counter(before) - Counter(after), Counter(after) - Counter(before)
    return [f"- {item}" for item in sorted(removed.elements())] + [f"+ {item}" for item in sorted(added.elements())]


def _sitemap_entries(path: Path) -> list[str]:
    if not path.is_file():
        return []
    root = etree.fromstring(path.read_bytes())
    entries = []
    for url in root.findall(f"{SITEMAP_NS}url"):
        loc = (url.findtext(f"{SITEMAP_NS}loc") or "").strip()
        entries.append(f"url {loc}")
        entries += [f"alternate {loc} {link.get('hreflang')}={link.get('href')}"
                    for link in url.findall(f"{XHTML_NS}link")]
    return entries


def _sitemap_difference(before: Path, after: Path) -> list[str]:
    return _multiset_difference(_sitemap_entries(before), _sitemap_entries(after))


def format_comparison(result: Comparison, max_lines: int = 20) -> str:
    lines = [f"compared {result.compared} pages present in both sites"]
    for label, pages in (("only in the first site", result.only_before), ("only in the second site", result.only_after)):
        if pages:
            lines.append(f"{len(pages)} pages {label}:")
            lines += [f"  {page}" for page in pages[:max_lines]] + (["  ..."] if len(pages) > max_lines else [])
    for difference in result.pages:
        lines.append(f"== {difference.page}")
        for kind in ("facts", "links", "text"):
            items = getattr(difference, kind)
            if items:
                lines.append(f"  {kind}:")
                lines += [f"    {item}" for item in items[:max_lines]]
                if len(items) > max_lines:
                    lines.append(f"    ... {len(items) - max_lines} more")
    if result.sitemap:
        lines.append(f"sitemap.xml: {len(result.sitemap)} differences")
        lines += [f"  {item}" for item in result.sitemap[:max_lines]]
    lines.append("the sites are the same" if result.same else
                 f"{len(result.pages)} pages differ; {len(result.only_before) + len(result.only_after)} pages in one "
                 f"site only; {len(result.sitemap)} sitemap differences")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--max-lines", type=int, default=20, help="lines shown per page and kind (default 20)")
    parser.add_argument("--json", action="store_true", help="print the differences as JSON")
    args = parser.parse_args(argv)
    for site in (args.before, args.after):
        if not site.is_dir():
            print(f"compare_builds: {site} is not a folder", file=sys.stderr)
            return 2
    result = compare_sites(args.before, args.after)
    if args.json:
        print(json.dumps(result, default=lambda o: o.__dict__, indent=2, ensure_ascii=False))
    else:
        print(format_comparison(result, args.max_lines))
    return 0 if result.same else 1


if __name__ == "__main__":
    sys.exit(main())
