"""The public "Topics A to Z" page, written from the topic registry in any language. MkDocs-free.

Fixed strings go through `l10n.interface_text` with literal English text (so the extractor
finds them); topic titles and descriptions go through the same interface catalog, listed for
translators by `registry_messages()`. The page is Markdown (links, headings, attr_list marks),
so its text is Markdown-escaped here; the two bits of HTML in it (an English span, the
fallback notice) come from templates/notices.html.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import yaml

from signpost.coverage.liveness import attribute
from signpost.coverage.matrix import Coverage
from signpost.l10n import direction, interface_text
from signpost.templating import macros

PAGE_PATH = "topics.md"


@dataclass(frozen=True)
class Link:
    text: str
    target: str


def topics_page_markdown(coverage: Coverage, language: str, *,
                         page_title: Callable[[object, str], str] | None = None,
                         service_link: Callable[[object], str | None] | None = None,
                         english_url: str = "") -> str:
    """Markdown of the Topics A to Z page in `language`, linking each topic's pages and services.

    `page_title(page, language)` gives a page's title in the language (its English title by
    default); `service_link(service)` gives the link target of a directory service page. Text
    still in English on a page in another language is marked `lang="en" dir="ltr"` (attr_list),
    so screen readers switch voice, and the page then says so below its heading (with a link to
    `english_url`), as translated pages do.
    """
    page_title = page_title or (lambda page, _language: page.title)
    service_link = service_link or (lambda service: f"../local-info/services/{attribute(service, 'slug')}/")
    english = language != coverage.default_language

    fixed, source = _fixed_strings(language), _fixed_strings(coverage.default_language)

    def text(message: str) -> tuple[str, str]:
        """The message in the language (a fixed string by key, or a registry text), and the
        attributes it needs if it is still English."""
        english_text = source.get(message, message)
        translated = fixed[message] if message in fixed else interface_text(language, message)
        return translated, (FALLBACK if english and translated == english_text else "")

    title, title_attrs = text("title")
    description, description_attrs = text("description")
    front = yaml.safe_dump({"title": title, "description": description,
                            "readability_exempt": "A generated A to Z list of topics, not running text."},
                           allow_unicode=True, sort_keys=False)
    lines = ["---", front.rstrip("\n"), "---", "", f"# {_escape(title)}" + _attrs(title_attrs), "",
             _escape(description)] + ([f"{{: {description_attrs} }}"] if description_attrs else []) + [""]
    intro_end = len(lines)
    entries = sorted(coverage.topics, key=lambda t: interface_text(language, t.topic.title).casefold())
    for entry in entries:
        topic = entry.topic
        heading, heading_attrs = text(topic.title)
        lines += [f"## {_escape(heading)} {{#topic-{topic.id}{' ' + heading_attrs if heading_attrs else ''}}}", ""]
        if topic.description:
            about, about_attrs = text(topic.description)
            lines += [_escape(about)] + ([f"{{: {about_attrs} }}"] if about_attrs else []) + [""]
        for page in entry.ordered_pages:
            name = page_title(page, language)
            marked = FALLBACK if english and name == page.title else ""
            lines.append(f"- [{_escape(name)}]({page.path})" + _inline_attrs(marked))
        services = [(str(attribute(s, "name") or attribute(s, "slug")), target)
                    for s in entry.services if (target := service_link(s))]
        if services:
            label, label_attrs = text("services")
            names = ", ".join(f"[{_escape(name)}]({target})" + _inline_attrs(FALLBACK if english else "")
                              for name, target in services)
            label = str(_notices.english(_escape(label))) if label_attrs else _escape(label)
            lines.append(f"- {label} {names}")
        if not entry.pages and not services:
            missing, missing_attrs = text("missing")
            lines += [_escape(missing)] + ([f"{{: {missing_attrs} }}"] if missing_attrs else [])
        lines.append("")
    if english and any(FALLBACK in line for line in lines):
        lines[intro_end:intro_end] = [_fallback_notice(language, english_url), ""]
    return "\n".join(lines)


FALLBACK = 'lang="en" dir="ltr"'


def _fixed_strings(language: str) -> dict[str, str]:
    """The page's fixed words in `language`, written as literal calls so the extractor finds them."""
    return {
        "title": interface_text(language, "Topics A to Z"),
        "description": interface_text(language, "Every subject this site covers, from A to Z, with our pages "
                                                "and local services on each one."),
        "services": interface_text(language, "Local services:"),
        "missing": interface_text(language, "We are still writing about this. Please contact us and we will "
                                            "help you."),
    }


def _fallback_notice(language: str, english_url: str) -> str:
    """The translations feature's "Parts of this page are not translated yet" notice (raw HTML)."""
    text = interface_text(language, "Parts of this page are not translated yet.")
    link = interface_text(language, "Read this page in English")
    return str(_notices.fallback_notice(text, link, english_url, language, direction(language))).strip()


_notices = macros("notices.html")


def _attrs(attributes: str) -> str:
    return f" {{: {attributes} }}" if attributes else ""


def _inline_attrs(attributes: str) -> str:
    return f"{{: {attributes} }}" if attributes else ""


def _escape(text: str) -> str:
    """Keep text literal in Markdown (titles such as `Young Person's Charter [draft]`)."""
    for character in ("\\", "[", "]", "*", "_", "<", "`"):
        text = text.replace(character, "\\" + character)
    return text
