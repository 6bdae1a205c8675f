"""Links to other sites carry `rel="noopener noreferrer"`: one step of the rendered-page pass.

The site's referrer policy (`<meta name="referrer" content="no-referrer">`, theme main.html)
already keeps the page address from other sites; the `rel` says so on the link itself too, for
browsers and tools that read only the link (a page a young person read can be sensitive).

It works on the page's one Lexbor tree (`rendered_page.run_steps`), so it reaches every link
alike: Markdown links, links in HTML blocks that signpost's templates write (directory and
help-line blocks, which Python-Markdown passes through as raw HTML), and the theme's. It used to
be a Python-Markdown Treeprocessor plus a postprocessor that rewrote `<a ...>` start tags of raw
HTML blocks with a regex: two mechanisms, one of them building tags from strings.
"""

from __future__ import annotations

OUTBOUND_REL = ("noopener", "noreferrer")


def with_outbound_rel(rel: str | None) -> str:
    """`rel` with noopener and noreferrer added (kept in order, no duplicates)."""
    values = (rel or "").split()
    return " ".join(values + [value for value in OUTBOUND_REL if value not in values])


def is_outbound(href: str | None) -> bool:
    return (href or "").strip().lower().startswith(("https://", "http://", "//"))


def mark_outbound_links(rendered) -> None:
    """Give every link to another site on the page noopener and noreferrer (a `RenderedPage` step)."""
    # Every outbound address has "//" in it (https://, http://, //host): Lexbor's selector leaves
    # out the page's many relative links before any of them becomes a Python object.
    for link in rendered.tree.css('a[href*="//"]'):
        if not is_outbound(link.attributes.get("href")):
            continue
        rel = link.attributes.get("rel")
        wanted = with_outbound_rel(rel)
        if rel != wanted:
            link.attrs["rel"] = wanted
            rendered.changed = True
