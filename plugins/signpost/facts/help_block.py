"""The "Get help now" block: on every sensitive page and the home page. MkDocs-free.

It lists the helplines whose `topics` (data/facts.yml) meet the page's topics,
999 for emergencies, and our centre, with every value from the registry and
every word from interface.po, so it is the same true block in every language.
Rendered by a Jinja2 template with autoescape (plugins/signpost/templates/).
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

import jinja2

from signpost.facts import phones
from signpost.model.facts import Fact, FactRegistry

TEMPLATE = "get-help-now.html"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
CONTACT_PAGE = "about/contact.md"
MAX_HELPLINES = 4  # a short block: readers in crisis need a few numbers, not a directory
MARKER = 'class="signpost-help-now"'


def needs_block(page) -> bool:
    """Pages that must show the block: sensitive pages and the home page."""
    return bool(page is not None and (page.sensitive or page.type == "home"))


def block_html(registry: FactRegistry, page, translate: Callable[[str], str]) -> str:
    """The block for one page (a PageMeta) in the language `translate` gives."""
    home = page.type == "home"
    helplines = registry.helplines_for(page.topics, home=home)[:MAX_HELPLINES]
    emergency = next((f for f in registry.facts.values() if f.kind == "emergency"), None)
    centre = next((f for f in registry.facts.values() if f.kind == "centre"), None)
    return _template().render(
        signpost_t=lambda message, **values: translate(message).format(**values) if values else translate(message),
        emergency=_item(emergency, translate) if emergency else None,
        helplines=[_item(fact, translate) for fact in helplines],
        centre=_item(centre, translate) if centre else None,
        contact_url=_relative_url(page.path, CONTACT_PAGE),
    )


def insert_block(markdown: str, html: str) -> str:
    """The page's Markdown with the block after the first heading and its first paragraph."""
    lines = markdown.split("\n")
    block = ["", _one_line(html), ""]
    # A Markdown title, or the <h1> a generated page (a directory service page) writes as raw HTML:
    # the box must not come before the page's own heading (the Nu checker then warns "Article
    # lacks heading", and a screen reader meets the box before the page's name).
    heading = next((i for i, line in enumerate(lines) if re.match(r"#\s|<h1[\s>]", line)), None)
    if heading is None:
        return "\n".join(block[1:] + lines)
    position = heading + 1
    while position < len(lines) and not lines[position].strip():
        position += 1
    if position < len(lines) and not lines[position].lstrip().startswith(("#", "<", "|", "-", "*", ">")):
        while position < len(lines) and lines[position].strip():
            position += 1  # keep the page's first paragraph first
    return "\n".join(lines[:position] + block + lines[position:])


def _item(fact: Fact, translate: Callable[[str], str]) -> dict:
    values = fact.values
    item = {"name": translate(fact.name) if fact.kind == "emergency" else fact.name,
            "description": translate(fact.description) if fact.description else "",
            "hours": translate(values["hours"]) if "hours" in values else "",
            "url": values.get("url", ""), "keyword": values.get("keyword", ""), "is_centre": fact.kind == "centre"}
    if "phone" in values:
        item.update(phone=values["phone"], phone_href=phones.tel_href(values["phone"]))
    if "text" in values:
        item.update(text=values["text"], text_href=phones.sms_href(values["text"]))
    return item


def _relative_url(from_path: str, to_path: str) -> str:
    """A link between two pages' directory URLs (use_directory_urls), the same under /pl/ or /ur/."""
    def directory(path: str) -> str:
        stem = path[:-3]
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")].rstrip("/")
        return stem
    here, there = directory(from_path), directory(to_path)
    relative = posixpath.relpath(there or ".", here or ".")
    return relative + "/" if relative != "." else "./"


def _one_line(html: str) -> str:
    # Python-Markdown keeps a raw HTML block whole only up to a blank line: close it up.
    return "\n".join(line for line in html.splitlines() if line.strip())


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True)
    return environment.get_template(TEMPLATE)
