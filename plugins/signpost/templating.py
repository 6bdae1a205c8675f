"""Every HTML fragment signpost writes comes from a Jinja2 template here, with autoescape on. Engine-free.

Templates live in `signpost/templates/` (package data). The rules:

- **Escaping is the default.** Every value a template prints is escaped (`&`, `<`, `>`, quotes),
  whatever its source: service files, front matter, interface translations, findings. Nothing in
  Python builds an HTML tag as a string (`tests/test_templates.py` scans for it).
- **Vetted markup is marked once, visibly.** The only values printed unescaped are `Markup`
  objects: the output of another template (already escaped), and the fragments this module's
  `vetted()` names (`vetted` is the one place markup from our own pipeline is trusted; grep for it).
- **Fragments are one line.** Directory pages are Markdown with raw HTML blocks, and a raw HTML
  block ends at a blank line, so the templates' own line breaks and indentation are dropped when a
  template is loaded (`_OneLine`): write one element per line for reading; a space that matters
  between two lines is written as `{{ " " }}`, a line break as `{{ "\\n" }}`.
- **JSON inside HTML** (`| script_json`): `<`, `>`, `&`, U+2028 and U+2029 become `\\uXXXX`, so no
  text in the data can close a `<script>` element, open a comment or end a JavaScript string.

`render(name, **context)` gives a template's output as `Markup`, and `macros(name).x(...)` a
macro's: pass it on to other templates as it is, but hand the engine a plain `str(...)`, because
`"text" + Markup(...)` escapes the text (a page's whole HTML, if it is the page).
`interface_text(...)` values that fell back to English carry `.untranslated`, and the `t` macro
in `_macros.html` marks them `lang="en" dir="ltr"`.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any, Callable

import jinja2
from jinja2.ext import Extension
from markupsafe import Markup, escape

from signpost.l10n import format_date, interface_text
from signpost.phones.finder import find_phones

__all__ = ["Markup", "escape", "escape_page_metadata", "macros", "phone_links", "render", "script_json", "theme_text",
           "vetted"]

# Front matter fields the theme (Material's base.html, header.html, nav-item.html) prints as they are.
THEME_PRINTED_FIELDS = ("title", "description", "author", "subtitle")


def render(name: str, **context: Any) -> Markup:
    """The template `name` (a path under signpost/templates/) rendered with `context`, as safe markup."""
    return Markup(_environment().get_template(name).render(**context))


def theme_text(language: str) -> Callable[..., Markup]:
    """`signpost_t(...)` for the theme's templates: the interface string in `language`, escaped.

    The theme's Jinja environment (MkDocs' and Material's) has no autoescape, so a translator's
    msgstr would otherwise reach every page as markup. A `Markup` prints there as the escaped
    text, and once (not twice) in an environment that escapes.
    """
    # Every page prints the same few dozen strings: each is looked up (catalog, facts) once per
    # language pass. The theme's environment is made again for every pass and every rebuild, and
    # with it this function, so an edited interface.po is read at the next one.
    plain: dict[str, Markup] = {}

    def signpost_t(message: str, **values: object) -> Markup:
        if values:
            return escape(interface_text(language, message, **values))
        if message not in plain:
            plain[message] = escape(interface_text(language, message))
        return plain[message]
    return signpost_t


def escape_page_metadata(meta: dict) -> None:
    """Escape, in place, the front matter fields the theme prints raw (`<title>`, menus, header, `<meta>`).

    Called once a page's title and description are final (translated, if they are), before any
    template or search index reads them. Values become `Markup`: printed as text by the theme,
    never escaped twice.
    """
    for key in THEME_PRINTED_FIELDS:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)


def macros(name: str) -> "_Macros":
    """The macros of template `name`, callable from Python: `macros("directory/lists.html").count(text)`.

    Each call returns safe markup; its arguments are escaped by the macro like any template value.
    """
    return _Macros(name)


class _Macros:
    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, macro: str):
        return _macro(self._name, macro)


@lru_cache(maxsize=None)
def _macro(name: str, macro: str):
    # One environment per process, templates never reloaded (`auto_reload=False`): a macro found
    # once is the same callable for every page (the directory asks for thousands a build).
    return getattr(_environment().get_template(name).module, macro)


def vetted(fragment: str) -> Markup:
    """Mark `fragment` as markup to print unescaped: HTML our own pipeline made, never outside text.

    The one place a string becomes trusted markup. Callers: the page HTML that Python-Markdown
    rendered from content (`accessibility/bidi.py` wraps runs of it), and nothing else.
    """
    return Markup(fragment)


def script_json(data: Any) -> str:
    """`data` as JSON that is safe inside `<script>` (and in an HTML attribute, once escaped there too).

    json.dumps escapes quotes and backslashes for JavaScript; this also replaces `<`, `>` and `&`
    (no `</script>` or `<!--` can form) and U+2028/U+2029 (line terminators in older JavaScript).
    Same replacements as Django's `json_script`; hand-written because Jinja's `tojson` leaves
    U+2028/U+2029 as they are.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, replacement in _JSON_REPLACEMENTS:
        text = text.replace(character, replacement)
    return text   # a plain str: safe to concatenate with page HTML (the template filter marks it)


_JSON_REPLACEMENTS = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                      ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def phone_links(text: object) -> Markup:
    """`{{ note | phone_links }}`: plain text escaped, each phone number in it a `tel:` link (or a
    text-only `sms:` one) from `phone-link.html`.

    For the editors' text fields that templates print (an opening-times note, a contact's note, a
    summary in a list): to Python-Markdown they are raw HTML, which its phone-link step
    (`engine/mkdocs/phone_links.py`) never sees, so they are linked here, before they are markup.
    `Markup + str` escapes the str: markup in a field stays text.
    """
    text = str(text)
    linked, done = Markup(""), 0
    for mention in find_phones(text):
        linked += text[done:mention.start]
        linked += render("phone-link.html", mention=mention)
        done = mention.end
    return linked + text[done:]


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates kept for the life of the process, for every environment given it.

    MkDocs makes a new theme environment for each language pass (and each preview rebuild), and each
    compiled the theme's and Material's templates again: about half a second of CPU a pass. Jinja's
    own bytecode-cache protocol finds a template here by its name and file and uses the kept code only
    when the template's source is the same (its checksum), so an edited template is compiled again.
    The code object itself is kept, not its marshalled bytes: nothing to decode, and no copy.
    """

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, Any]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = self._kept.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._kept[bucket.key] = (bucket.checksum, bucket.code)


#: The theme's environments of this process share one (`use_compiled_templates`).
COMPILED_THEME_TEMPLATES = CompiledTemplates()


def use_compiled_templates(env: jinja2.Environment) -> None:
    """Compile each theme template once per process, unless the caller chose a cache (`signpost check`'s on disk)."""
    if env.bytecode_cache is None:
        env.bytecode_cache = COMPILED_THEME_TEMPLATES


def is_english_fallback(text: object) -> bool:
    """True for an interface string shown in English on a page in another language."""
    return bool(getattr(text, "untranslated", False))


class _OneLine(Extension):
    """Drop each template line's break and leading indentation, so a fragment comes out on one line."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return "".join(line.strip() for line in source.splitlines())


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("signpost", "templates"),
        autoescape=True,                    # every template, whatever its file name
        undefined=jinja2.StrictUndefined,   # a misspelt variable is an error, not an empty string
        extensions=[_OneLine],
        auto_reload=False,
    )
    environment.filters.update(script_json=lambda data: Markup(script_json(data)), long_date=format_date, iso=_iso)
    environment.tests["english_fallback"] = is_english_fallback
    environment.filters["phone_links"] = phone_links
    return environment


def _iso(day: dt.date | dt.datetime) -> str:
    return day.isoformat()
