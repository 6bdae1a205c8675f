"""The public "Topics A to Z" page, written from the topic registry in any language. MkDocs-free.

Fixed strings go through `l10n.interface_text` with literal English text (so the extractor
finds them); topic titles and descriptions go through the same interface catalog, listed for
translators by `registry_messages()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import yaml

from signpost.coverage.liveness import attribute
from signpost.coverage.matrix import Coverage
from signpost.l10n import interface_text

PAGE_PATH = "topics.md"


@dataclass(frozen=True)
class Link:
    text: str
    target: str


def topics_page_markdown(coverage: Coverage, language: str, *,
                         page_title: Callable[[object, str], str] | None = None,
                         service_link: Callable[[object], str | None] | None = None) -> str:
    """Markdown of the Topics A to Z page in `language`, linking each topic's pages and services.

    `page_title(page, language)` gives a page's title in the language (its English title by
    default); `service_link(service)` gives the link target of a directory service page.
    """
    page_title = page_title or (lambda page, _language: page.title)
    service_link = service_link or (lambda service: f"../local-info/services/{attribute(service, 'slug')}/")
    title = interface_text(language, "Topics A to Z")
    description = interface_text(language, "Every subject this site covers, from A to Z, with our pages and "
                                           "local services on each one.")
    front = yaml.safe_dump({"title": title, "description": description}, allow_unicode=True, sort_keys=False)
    lines = ["---", front.rstrip("\n"), "---", "", f"# {title}", "", description, ""]
    entries = sorted(coverage.topics, key=lambda t: interface_text(language, t.topic.title).casefold())
    for entry in entries:
        topic = entry.topic
        lines += [f"## {_escape(interface_text(language, topic.title))} {{#topic-{topic.id}}}", ""]
        if topic.description:
            lines += [_escape(interface_text(language, topic.description)), ""]
        pages = [Link(page_title(page, language), page.path) for page in entry.ordered_pages]
        services = [Link(str(attribute(s, "name") or attribute(s, "slug")), target)
                    for s in entry.services if (target := service_link(s))]
        for link in pages:
            lines.append(f"- [{_escape(link.text)}]({link.target})")
        if services:
            names = ", ".join(f"[{_escape(link.text)}]({link.target})" for link in services)
            lines.append(f"- {interface_text(language, 'Local services:')} {names}")
        if not pages and not services:
            lines.append(interface_text(language, "We are still writing about this. Please contact us and we "
                                                  "will help you."))
        lines.append("")
    return "\n".join(lines)


def registry_messages(registry) -> list[tuple[str, str]]:
    """Topic titles and descriptions for the interface catalog, with where they come from."""
    messages: list[tuple[str, str]] = []
    for topic in registry.topics.values():
        where = f"{registry.topics_file}:{registry.topic_lines.get(topic.id, 0)}"
        messages.append((topic.title, where))
        if topic.description:
            messages.append((topic.description, where))
    return messages


def _escape(text: str) -> str:
    """Keep text literal in Markdown (titles such as `Young Person's Charter [draft]`)."""
    for character in ("\\", "[", "]", "*", "_", "<", "`"):
        text = text.replace(character, "\\" + character)
    return text
