"""The directory's pages as Markdown source, in one language. MkDocs-free and deterministic.

Every page is split the same way, so the page-level translation pipeline
(translations/<lang>/<page>.po, looked up block by block) works on it:

- interface text (headings, labels, badges, times, links) is raw HTML from the
  templates in `signpost/templates/directory/` (Jinja2, autoescaped), already in
  the page's language through `interface_text` and babel; Python-Markdown
  stashes raw HTML, so the translations treeprocessor never sees it;
- the service's own sentences (description, eligibility, alert, confidentiality
  note, fees, how to get there, the organisation's description, a location's
  description and access notes) are plain
  Markdown paragraphs, the same bytes in every language, so they are the
  page's messages and are looked up in translations/<lang>/local-info/services/<slug>.po.
  They stay Markdown (not template output) because the translations work on
  Markdown blocks: `markdown_text`/`markdown_body` make them safe, and
  `_markdown_block` is the one place they are marked as vetted for the templates.

This module decides what goes on each page and in which order; the templates
decide the markup. All text from a service file is escaped by the templates:
HTML in a field is shown as text, never run. The same input always gives the
same output (sorted, no clock).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from urllib.parse import quote

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup

from signpost import l10n
from signpost.directory.pages import (A_TO_Z, HOME, OPEN_DATA_CSV, OPEN_DATA_JSON, SOURCE_LANGUAGE,
                                      DirectoryContext, category_page, generated_pages, relative_link,
                                      service_page, url_of)
from signpost.directory.structured_data import json_ld
from signpost.l10n import day_name, format_date, format_time
from signpost.model.services import DirectoryVocabulary, Schedule, Service
from signpost.templating import macros, vetted
from signpost.translations.catalogs import Catalogs, page_catalog
from signpost.translations.messages import normalise

__all__ = ["A_TO_Z", "HOME", "OPEN_DATA_CSV", "OPEN_DATA_JSON", "DirectoryContext", "a_to_z_source",
           "category_page", "category_source", "directory_sources", "forget_translations", "generated_pages",
           "home_source", "service_page", "service_source", "summary", "topic_services_markdown",
           "unreadable_service_source", "url_of"]

_blocks = macros("directory/blocks.html")
_parts = macros("directory/service.html")
_lists = macros("directory/lists.html")


# Pages -----------------------------------------------------------------------

def home_source(ctx: DirectoryContext) -> str:
    lang = ctx.language
    title = interface_text(lang, "Find local services")
    count = interface_ngettext(lang, "{count} service", "{count} services", len(ctx.listed))
    parts = [
        _h(1, title),
        _p(interface_text(lang, "Here you can find help near you. Every service is on this page. "
                                "You can also pick a topic, or see them all from A to Z.")),
        _h(2, interface_text(lang, "Browse by category"), "categories"),
        _category_list(ctx, HOME),
        _blocks.link_paragraph(_rel(HOME, A_TO_Z), interface_text(lang, "All services from A to Z")),
        _filters(ctx),
        _h(2, interface_text(lang, "All services"), "all-services"),
        _lists.count(count),
        _result_list(ctx, HOME, _in_reading_order(ctx, ctx.listed), with_data=True),
        _lists.no_results(interface_text(lang, "No services match. Try fewer filters.")),
        _open_data_note(ctx),
    ]
    return _source(title, interface_text(lang, "Find free and confidential services for young people in Riverside."),
                   parts, exempt=True)


def category_source(ctx: DirectoryContext, category_id: str) -> str:
    lang = ctx.language
    category = ctx.vocabulary.categories[category_id]
    name = interface_text(lang, category.title)
    title = interface_text(lang, "{category}: local services", category=name)
    here = category_page(category_id)
    services = _in_reading_order(ctx, ctx.in_category(category_id))
    parts = [_h(1, title)]
    if services:
        parts.append(_p(interface_ngettext(lang, "{count} service can help.", "{count} services can help.",
                                           len(services))))
        parts.append(_result_list(ctx, here, services, level=2))
    else:
        parts.append(_p(interface_text(lang, "There are no services in this category yet.")))
    parts.append(_back_links(ctx, here))
    return _source(title, interface_text(lang, "Local services in Riverside: {category}.", category=name), parts,
                   exempt=True)


def a_to_z_source(ctx: DirectoryContext) -> str:
    lang = ctx.language
    title = interface_text(lang, "All services from A to Z")
    groups: dict[str, list[Service]] = {}
    for service in _in_reading_order(ctx, ctx.listed):
        letter = listed_name(ctx, service)[:1].upper()
        groups.setdefault(letter if letter.isalpha() else "#", []).append(service)
    parts = [_h(1, title)]
    if groups:
        parts.append(_lists.letters(interface_text(lang, "Letters"), [(_letter_anchor(k), k) for k in groups]))
    for letter, services in groups.items():
        parts.append(_h(2, letter, _letter_anchor(letter)))
        parts.append(_lists.a_to_z([(_rel(A_TO_Z, service_page(s.slug)), listed_name(ctx, s)) for s in services],
                                   _isolates(lang)))
    parts.append(_back_links(ctx, A_TO_Z))
    return _source(title, interface_text(lang, "Every local service in the directory, from A to Z."), parts,
                   exempt=True)


def service_source(ctx: DirectoryContext, service: Service) -> str:
    """The whole page of one service (what the reader sees in place of the file's front matter)."""
    lang = ctx.language
    here = service_page(service.slug)
    parts = [_h(1, service.name)]
    if not service.is_listed:
        parts.append(_parts.closed_notice(interface_text(lang, "This service is no longer available."),
                                          interface_text(lang, "Find another service"), _rel(here, HOME)))
    parts.append(_badges(ctx, service))
    if service.alert:
        parts += [_h(2, interface_text(lang, "Important notice"), "notice"),
                  _MarkdownPart(_blocks.markdown_box("sp-alert", _markdown_block(markdown_text(service.alert))))]
    parts += [_h(2, interface_text(lang, "What it offers"), "what-it-offers"),
              _markdown_block(markdown_body(service.description))]
    parts += _who_for(ctx, service)
    parts += _how_to_use(ctx, service)
    parts += _contacts(ctx, service)
    parts += _places(ctx, service, here)
    if service.organization:
        org = service.organization
        parts.append(_h(2, interface_text(lang, "Who runs it"), "who-runs-it"))
        parts.append(_parts.organisation(org.name, org.url))
        if org.description:
            parts.append(_markdown_block(markdown_text(org.description)))
        numbers = []
        if org.charity_number:
            numbers.append(interface_text(lang, "Registered charity number {number}", number=org.charity_number))
        if org.company_number:
            numbers.append(interface_text(lang, "Company number {number}", number=org.company_number))
        if numbers:
            parts.append(_parts.organisation_numbers(numbers))
    parts += _about_details(ctx, service, here)
    parts.append(_blocks.json_ld(json_ld(ctx, service)))
    return _source(service.name, summary(service) or service.name, parts)


def unreadable_service_source(ctx: DirectoryContext, slug: str) -> str:
    """The page of a service file that could not be read (the findings say why); never its raw text."""
    lang = ctx.language
    title = interface_text(lang, "Service details not available ({name})", name=slug)
    parts = [_h(1, title), _p(interface_text(lang, "The details of this service cannot be shown at the moment.")),
             _back_links(ctx, service_page(slug))]
    return _source(title, title, parts)


def topic_services_markdown(ctx: DirectoryContext, page_src: str, categories: tuple[str, ...]) -> str:
    """The list appended to a local-info topic page: services in its categories."""
    lang = ctx.language
    services = _in_reading_order(ctx, [s for s in ctx.listed if set(s.categories) & set(categories)])
    parts = [_h(2, interface_text(lang, "Local services that can help"), "local-services")]
    if services:
        parts.append(_lists.topic_services([(_rel(page_src, service_page(s.slug)), listed_name(ctx, s),
                                             listed_summary(ctx, s))
                                            for s in services], _isolates(lang)))
    else:
        parts.append(_p(interface_text(lang, "There are no services listed for this yet.")))
    parts.append(_blocks.link_paragraph(_rel(page_src, HOME), interface_text(lang, "Find more local services")))
    return "\n\n" + _blocks_of(parts) + "\n"


# Service page parts ------------------------------------------------------------

def _badges(ctx: DirectoryContext, service: Service) -> str:
    return _parts.badges(*_badge_list(ctx, service))


def _badge_list(ctx: DirectoryContext, service: Service) -> tuple[str, list[tuple[str, str]]]:
    """The badges' list label and (css class, text) of each badge."""
    lang = ctx.language
    badges = []
    if service.status == "temporarily closed":
        badges.append(("sp-badge--closed", interface_text(lang, "Temporarily closed")))
    if service.free:
        badges.append(("sp-badge--free", interface_pgettext(lang, "price", "Free")))
    if service.confidential:
        badges.append(("sp-badge--confidential", interface_text(lang, "Confidential")))
    ages = age_text(lang, service)
    if ages:
        badges.append(("sp-badge--ages", ages))
    for feature in service.accessibility:
        title = ctx.vocabulary.accessibility.get(feature)
        if title:
            badges.append(("sp-badge--access", interface_text(lang, title)))
    if service.languages:
        names = ", ".join(language_name(code, lang) for code in service.languages)
        badges.append(("sp-badge--languages", interface_text(lang, "Languages: {names}", names=names)))
    return interface_text(lang, "Key facts"), badges


def _who_for(ctx: DirectoryContext, service: Service) -> list[str]:
    lang = ctx.language
    parts = [_h(2, interface_text(lang, "Who it is for"), "who-it-is-for")]
    ages = age_text(lang, service)
    if ages:
        parts.append(_p(ages + "."))
    if service.eligibility:
        parts.append(_markdown_block(markdown_text(service.eligibility)))
    if service.service_areas:
        parts.append(_p(interface_text(lang, "Area covered: {areas}", areas=", ".join(service.service_areas))))
    return parts if len(parts) > 1 else []


def _how_to_use(ctx: DirectoryContext, service: Service) -> list[str]:
    lang = ctx.language
    access = {
        "drop-in": interface_text(lang, "Drop in: you can just turn up when it is open."),
        "appointment": interface_text(lang, "By appointment: contact them to book a time."),
        "self-referral": interface_text(lang, "You can refer yourself: you do not need anyone else to ask for you."),
        "referral": interface_text(lang, "By referral: a worker, teacher or doctor asks for you."),
    }
    delivery = {
        "in-person": interface_text(lang, "face to face"),
        "phone": interface_text(lang, "by phone"),
        "text": interface_text(lang, "by text message"),
        "online": interface_text(lang, "online"),
    }
    parts = [_h(2, interface_text(lang, "How to use it"), "how-to-use-it")]
    items = [access[a] for a in service.access if a in access]
    if service.delivery:
        ways = ", ".join(delivery[d] for d in service.delivery if d in delivery)
        items.append(interface_text(lang, "Ways to get help: {ways}.", ways=ways))
    if items:
        parts.append(_blocks.text_list(items))
    parts.append(_h(3, interface_text(lang, "Cost"), "cost"))
    if service.free:
        parts.append(_p(interface_text(lang, "It is free.")))
    if service.fees_description:
        parts.append(_markdown_block(markdown_text(service.fees_description)))
    if service.cost_options:
        parts.append(_parts.cost_list([(o.option, format_currency(o.amount, o.currency, locale=lang))
                                       for o in service.cost_options]))
    if not (service.free or service.fees_description or service.cost_options):
        parts.append(_p(interface_text(lang, "Ask them what it costs.")))
    parts.append(_h(3, interface_text(lang, "Privacy"), "privacy"))
    parts.append(_p(interface_text(lang, "It is confidential: what you say is kept private.") if service.confidential
                    else interface_text(lang, "Ask them who they share information with.")))
    if service.confidential_note:
        parts.append(_markdown_block(markdown_text(service.confidential_note)))
    return parts


def _contacts(ctx: DirectoryContext, service: Service) -> list[str]:
    lang = ctx.language
    contacts = []
    for phone in service.phones:
        extra = []
        if phone.free:
            extra.append(interface_text(lang, "free, also from mobiles"))
        if phone.description:
            extra.append(phone.description)
        note = "; ".join(extra) or None
        if phone.can_call:
            contacts.append((f"tel:{phone.e164}", interface_text(lang, "Call {number}", number=phone.number), note))
        if phone.can_text:
            contacts.append((f"sms:{phone.e164}", interface_text(lang, "Text {number}", number=phone.number), note))
    if service.email:
        contacts.append((f"mailto:{service.email}", interface_text(lang, "Email {address}", address=service.email),
                         None))
    if service.url:
        contacts.append((service.url, interface_text(lang, "Website: {address}", address=_display_url(service.url)),
                         None))
    if not contacts:
        return []
    return [_h(2, interface_text(lang, "How to contact them"), "contact"), _parts.contacts(contacts)]


def _places(ctx: DirectoryContext, service: Service, here: str) -> list[str]:
    lang = ctx.language
    parts: list[str] = []
    if service.locations:
        parts.append(_h(2, interface_text(lang, "Where to find them"), "where"))
    for index, location in enumerate(service.locations, start=1):
        parts.append(_h(3, location.name, f"place-{index}"))
        if location.address_lines:
            parts.append(_parts.address(location.address_lines))
        place = location.location    # the location file: its body says what the place is
        if place.description:
            parts.append(_markdown_block(markdown_text(place.description)))
        if location.transportation:
            parts.append(_markdown_block(markdown_text(location.transportation)))
        parts.append(_blocks.link_paragraph(osm_link(location), interface_text(
            lang, "See {place} on a map (OpenStreetMap website)", place=location.name)))
        features = [ctx.vocabulary.accessibility[f] for f in location.accessibility if f in ctx.vocabulary.accessibility]
        if features or place.accessibility_notes:
            parts.append(_h(4, interface_text(lang, "Access"), f"place-{index}-access"))
        if features:
            parts.append(_blocks.text_list([interface_text(lang, f) for f in features]))
        if place.accessibility_notes:
            parts.append(_markdown_block(markdown_text(place.accessibility_notes)))
        if location.schedules:
            parts.append(_h(4, interface_text(lang, "Opening times"), f"place-{index}-times"))
            parts.append(schedule_table(lang, location.schedules))
    if service.schedules:
        parts.append(_h(2, interface_text(lang, "When you can call, text or go online"), "times"))
        parts.append(schedule_table(lang, service.schedules))
    return parts


def _about_details(ctx: DirectoryContext, service: Service, here: str) -> list[str]:
    lang = ctx.language
    parts = [_h(2, interface_text(lang, "About these details"), "about-these-details")]
    if service.last_reviewed:
        day = service.last_reviewed
        parts.append(_parts.last_checked(interface_text(lang, "Details last checked on {date}.", date="{date}"),
                                         day, format_date(day, lang)))
    subject = interface_text(lang, "Mistake in the directory: {name}", name=service.name)
    body = interface_text(lang, "Service id: {id}\nPage: {url}\n\nWhat is wrong:\n",
                          id=service.id, url=ctx.absolute_url(here))
    mail = f"mailto:{ctx.report_email}?subject={quote(subject)}&body={quote(body)}"
    parts.append(_blocks.link_paragraph(mail, interface_text(lang, "Report a mistake on this page"), "sp-report"))
    return parts


def schedule_table(lang: str, schedules: tuple[Schedule, ...]) -> str:
    """Opening times, one row per day, day names and times in `lang`."""
    rows = []
    for weekday in range(7):
        sessions = [s for s in schedules if weekday in s.weekdays]
        if not sessions:
            continue
        rows.append((day_name(weekday, lang), [
            (interface_text(lang, "{opens} to {closes}", opens=_time(s.opens_at, lang), closes=_time(s.closes_at, lang)),
             s.description or None)
            for s in sorted(sessions, key=lambda s: s.opens_at)]))
    closed = [day_name(d, lang) for d in range(7) if not any(d in s.weekdays for s in schedules)]
    caption = interface_text(lang, "Closed on: {days}", days=", ".join(closed)) if closed else None
    return str(_parts.schedule_table(rows, interface_text(lang, "Day"), interface_text(lang, "Times"), caption))


# Lists and filters ----------------------------------------------------------------

def _result_list(ctx: DirectoryContext, here: str, services: list[Service], *, with_data: bool = False,
                 level: int = 3) -> str:
    items = [{"href": _rel(here, service_page(service.slug)), "name": listed_name(ctx, service),
              "summary": listed_summary(ctx, service) or None, "badges": _badge_list(ctx, service),
              "data": _filter_data(ctx, service) if with_data else []}
             for service in services]
    return _lists.results(items, level, _isolates(ctx.language))


def _filter_data(ctx: DirectoryContext, service: Service) -> list[tuple[str, str]]:
    """The data attributes the filter script reads, as (name, value)."""
    schedules = [[list(s.weekdays), s.opens_at, s.closes_at] for s in service.all_schedules]
    shown = listed_summary(ctx, service)
    summaries = [summary(service)] + ([shown] if shown != summary(service) else [])  # found in either language
    names = [service.name] + ([listed_name(ctx, service)] if listed_name(ctx, service) != service.name else [])
    searchable = " ".join([*names, *summaries, service.eligibility,
                           *(ctx.vocabulary.categories[c].title for c in service.categories
                             if c in ctx.vocabulary.categories),
                           service.organization.name if service.organization else ""]).casefold()
    return [
        ("data-search", searchable),
        ("data-categories", " ".join(service.categories)),
        ("data-min-age", "" if service.minimum_age is None else str(service.minimum_age)),
        ("data-max-age", "" if service.maximum_age is None else str(service.maximum_age)),
        ("data-free", "1" if service.free else "0"),
        ("data-languages", " ".join(service.languages)),
        ("data-access", " ".join(service.accessibility)),
        # Numbers and HH:MM only, read with JSON.parse; the template escapes it for the attribute.
        ("data-schedules", json.dumps(schedules, separators=(",", ":"))),
    ]


def _filters(ctx: DirectoryContext) -> str:
    """The filter form (see the `filters` macro in templates/directory/lists.html)."""
    lang = ctx.language
    categories = [(c.id, interface_text(lang, c.title))
                  for c in sorted(ctx.vocabulary.categories.values(), key=lambda c: c.title)]
    spoken = sorted({code for s in ctx.listed for code in s.languages}, key=lambda c: language_name(c, lang))
    languages = [(c, language_name(c, lang)) for c in spoken]
    present = sorted({f for s in ctx.listed for f in s.accessibility if f in ctx.vocabulary.accessibility})
    features = [(f, interface_text(lang, ctx.vocabulary.accessibility[f])) for f in present]
    times = [("any", interface_text(lang, "Any time")), ("today", interface_text(lang, "Open today")),
             ("now", interface_text(lang, "Open now"))]
    text = {
        "privacy": interface_text(lang, "Your choices stay on this page: they are not saved or sent anywhere."),
        "form": interface_text(lang, "Filter services"),
        # Counted in the browser: each CLDR plural category with its string (Intl.PluralRules picks one).
        "count_forms": json.dumps(plural_templates(lang, "{count} service matches", "{count} services match"),
                                  ensure_ascii=False),
        "search": interface_text(lang, "Search"),
        "category": interface_text(lang, "Category"),
        "any_category": interface_text(lang, "Any category"),
        "age": interface_text(lang, "Your age"),
        "language": interface_text(lang, "Language spoken"),
        "any_language": interface_text(lang, "Any language"),
        "free": interface_text(lang, "Free services only"),
        "when": interface_text(lang, "When"),
        "accessibility": interface_text(lang, "Accessibility"),
        "show": interface_text(lang, "Show services"),
        "reset": interface_text(lang, "Clear filters"),
    }
    heading = _h(2, interface_text(lang, "Search and filter"), "search-and-filter")
    return _lists.filters(heading, text, categories, languages, features, times)


def _category_list(ctx: DirectoryContext, here: str) -> str:
    lang = ctx.language
    categories = sorted(ctx.vocabulary.categories.values(), key=lambda c: interface_text(lang, c.title).casefold())
    return _lists.categories([(_rel(here, category_page(c.id)), interface_text(lang, c.title),
                               len(ctx.in_category(c.id))) for c in categories])


def _back_links(ctx: DirectoryContext, here: str) -> str:
    lang = ctx.language
    links = [(_rel(here, HOME), interface_text(lang, "Find local services"))]
    if here != A_TO_Z:
        links.append((_rel(here, A_TO_Z), interface_text(lang, "All services from A to Z")))
    return _lists.back_links(links)


def _open_data_note(ctx: DirectoryContext) -> str:
    lang = ctx.language
    sizes = dict(ctx.open_data_sizes)
    if not sizes:
        return ""
    up = "../" * (url_of(HOME).count("/") + ctx.language_prefix.count("/"))
    files = []
    for path, kind in ((OPEN_DATA_JSON, "JSON"), (OPEN_DATA_CSV, "CSV")):
        name = path.rsplit("/", 1)[-1]
        files.append((up + path, name, kind, _kilobytes(sizes.get(name, 0), lang)))
    return _lists.open_data(_h(2, interface_text(lang, "Open data"), "open-data"),
                            interface_text(lang, "Anyone may reuse the directory. Download it:"), files)


def _kilobytes(size: int, lang: str) -> str:
    return interface_text(lang, "{size} KB", size=format_decimal(max(1, round(size / 1024)), locale=lang))


def _isolates(language: str) -> bool:
    """On right-to-left pages, service names (mostly English) are isolated in `<bdi>`.

    Otherwise a name ending in punctuation ("Treated Unfairly?") shows it at the wrong end.
    """
    return l10n.direction(language) == "rtl"


def _letter_anchor(letter: str) -> str:
    return f"letter-{letter.lower() if letter != '#' else 'other'}"


# Text helpers -------------------------------------------------------------------------

def summary(service: Service) -> str:
    """The first sentence of the description, as plain text (cards, meta description)."""
    return _first_sentence(service.description)


def listed_name(ctx: DirectoryContext, service: Service) -> str:
    """The service's name in lists, as its own page shows it: translated in its catalog, or as written."""
    if ctx.language == SOURCE_LANGUAGE:
        return service.name
    return _service_catalog(ctx, service).translate(normalise(service.name)) or service.name


def listed_summary(ctx: DirectoryContext, service: Service) -> str:
    """The summary shown in lists, in the page's language.

    It is the first sentence of the translated first paragraph of the description, from the
    service page's own catalog (translations/<lang>/local-info/services/<slug>.po, where the
    translations feature finds that paragraph too). Without a translation it is the English
    summary, marked so the template gives it `lang="en" dir="ltr"` (in Urdu its full stop then
    stays at its end).
    """
    english = summary(service)
    if ctx.language == SOURCE_LANGUAGE or not english:
        return english
    paragraph = markdown_body(service.description).split("\n\n", 1)[0]
    translated = _service_catalog(ctx, service).translate(normalise(paragraph))
    if translated:
        return _first_sentence(translated)
    marked = _InterfaceText(english)
    marked.untranslated = True
    return marked


def _service_catalog(ctx: DirectoryContext, service: Service):
    # The checked catalog is cached on the file's size and time, but that costs a stat per ask,
    # and a service is asked for on every list it is in: remember it for the context's pass.
    content_path = service_page(service.slug)
    found = ctx.service_catalogs.get(content_path)
    if found is None:
        catalogs = ctx.catalogs or Catalogs(l10n.translations_dir())
        found = ctx.service_catalogs[content_path] = page_catalog(catalogs, ctx.language, content_path)
    return found


def _in_reading_order(ctx: DirectoryContext, services: list[Service]) -> list[Service]:
    """Services in A-Z order of the names the reader sees (translated names sort in their language)."""
    if ctx.language == SOURCE_LANGUAGE:
        return services
    return sorted(services, key=lambda s: (listed_name(ctx, s).casefold(), s.slug))


# Sentence ends: . ! ? and the Urdu/Arabic full stop and question mark, and the danda (Panjabi).
_FIRST_SENTENCE = re.compile(r"(.+?[.!?۔؟।])(\s|$)")


def _first_sentence(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`#>]", "", text)
    first = " ".join(text.split("\n\n", 1)[0].split())
    match = _FIRST_SENTENCE.match(first)
    return (match.group(1) if match else first)[:200]


def age_text(lang: str, service: Service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        return interface_text(lang, "Ages {low} to {high}", low=low, high=high)
    if low is not None:
        return interface_text(lang, "Ages {low} and over", low=low)
    if high is not None:
        return interface_text(lang, "Up to age {high}", high=high)
    return ""


def language_name(code: str, lang: str) -> str:
    if code == "bfi":
        return interface_text(lang, "British Sign Language")
    try:
        name = Locale.parse(lang).languages.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    return name or code


def osm_link(location) -> str:
    """A plain link out to openstreetmap.org (nothing is loaded from it on our pages)."""
    if location.latitude is not None and location.longitude is not None:
        lat, lon = f"{location.latitude:.5f}", f"{location.longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
    query = ", ".join(location.address_lines) or location.name
    return "https://www.openstreetmap.org/search?query=" + quote(query)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def markdown_text(text: str) -> str:
    """A one-paragraph field as a Markdown block that can only ever render as that text."""
    flat = " ".join(text.split())
    flat = _MARKDOWN_SPECIAL.sub(r"\\\1", flat).replace("<", "&lt;")
    if re.match(r"([#>+-]|\d+[.)])", flat):
        flat = "\\" + flat
    return flat


_UNSAFE_LINK = re.compile(r"\[([^\]]*)\]\(\s*(?:javascript|vbscript|data):[^)]*\)", re.I)
_UNSAFE_REFERENCE = re.compile(r"^(\s*\[[^\]]+\]:\s*)(?:javascript|vbscript|data):.*$", re.I | re.M)


def markdown_body(text: str) -> str:
    """The description: Markdown kept (lists, emphasis, links) but never raw HTML or script links."""
    if not text:
        return ""
    text = _UNSAFE_LINK.sub(lambda m: m.group(1), text)
    text = _UNSAFE_REFERENCE.sub(lambda m: m.group(1) + "#", text)
    return text.replace("<", "&lt;")


def _rel(from_src: str, to_src: str) -> str:
    return relative_link(from_src, to_src)


def _source(title: str, description: str, parts: list[str], *, exempt: bool = False) -> str:
    front = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n" \
            f"description: {json.dumps(description, ensure_ascii=False)}\n"
    if exempt:
        # Lists of names and one-line summaries, not prose: reading-ease scores mean nothing here.
        front += "readability_exempt: \"A generated list of services, not running text.\"\n"
    return front + "---\n\n" + _blocks_of(parts) + "\n"


class _MarkdownPart(Markup):
    """A part Python-Markdown reads as Markdown: a service's own sentences, or the box that holds them."""


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def _blocks_of(parts: list[str]) -> str:
    """The parts as Markdown blocks, one blank line between them and none inside a part of template HTML.

    Markdown ends a block of raw HTML at a blank line, so a field with one in it (a name like
    "A\n\nB") would cut the template's HTML in two and the rest would be read as Markdown text.
    Blank lines mean nothing in this HTML (no `<pre>`; JSON-LD escapes its newlines).
    """
    return "\n\n".join(part if isinstance(part, _MarkdownPart) else _BLANK_LINES.sub("\n", part)
                         for part in parts if part)


def _markdown_block(markdown: str) -> Markup:
    """A service's own sentences, made safe as Markdown by `markdown_text`/`markdown_body`, for the templates.

    Vetted here, and only here: they must reach Python-Markdown as Markdown (HTML-escaping them
    again would show `&amp;lt;`), and the translations look them up block by block.
    """
    return _MarkdownPart(vetted(markdown))


def _h(level: int, text: str, anchor: str | None = None) -> str:
    return _blocks.heading(level, text, anchor)


def _p(text: str) -> str:
    return _blocks.paragraph(text)


class _InterfaceText(str):
    """An interface string that knows whether it fell back to English."""

    untranslated = False


def interface_text(language: str, message: str, **values: object) -> str:
    """`signpost.l10n.interface_text`, remembering when the page's language has no translation yet.

    Same name on purpose: `signpost translations extract` collects the literal messages of
    every `interface_text(language, "...")` call.
    """
    translated = _translation(language, message)
    text = _InterfaceText(translated.format(**values) if values else translated)
    text.untranslated = language != SOURCE_LANGUAGE and translated == message
    return text


def interface_ngettext(language: str, singular: str, plural: str, count: int, **values: object) -> str:
    """`signpost.l10n.interface_ngettext` (CLDR plural forms), remembering an English fallback."""
    text = _InterfaceText(l10n.interface_ngettext(language, singular, plural, count, **values))
    text.untranslated = language != SOURCE_LANGUAGE and text == l10n.interface_ngettext("en", singular, plural,
                                                                                         count, **values)
    return text


def interface_pgettext(language: str, context: str, message: str) -> str:
    """`signpost.l10n.interface_pgettext` (one English word, one of its meanings), remembering a fallback."""
    text = _InterfaceText(l10n.interface_pgettext(language, context, message))
    text.untranslated = language != SOURCE_LANGUAGE and text == message
    return text


def plural_templates(language: str, singular: str, plural: str) -> dict[str, str]:
    return l10n.plural_templates(language, singular, plural)


@lru_cache(maxsize=4096)
def _translation(language: str, message: str) -> str:
    return l10n.interface_text(language, message)


def forget_translations() -> None:
    """Drop remembered interface translations (the plugin calls it once per build)."""
    _translation.cache_clear()


@lru_cache(maxsize=4096)  # a few dozen distinct times per language, asked for on every service's table
def _time(value: str, lang: str) -> str:
    if value == "24:00":
        value = "23:59"
    try:
        # Plain `en` is US English in babel (9:00 AM); the site is British (09:00), as l10n.format_date.
        return format_time(dt.time.fromisoformat(value), "en_GB" if lang == SOURCE_LANGUAGE else lang)
    except ValueError:
        return value


def _display_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


# For other tools ------------------------------------------------------------------------

def directory_sources(model, vocabulary: DirectoryVocabulary, language: str = "en", *, site_url: str = "",
                      language_prefix: str = "") -> dict[str, str]:
    """Source path -> the exact Markdown the build renders for every directory page in `language`.

    For `signpost translations extract`: a service file's messages are the blocks of this
    Markdown (its own sentences), not of the file's body alone.
    """
    ctx = DirectoryContext(language=language, services=model.services, vocabulary=vocabulary,
                           site_url=site_url, language_prefix=language_prefix)
    sources = {HOME: home_source(ctx), A_TO_Z: a_to_z_source(ctx)}
    for category in sorted(vocabulary.categories):
        sources[category_page(category)] = category_source(ctx, category)
    for service in sorted(model.services.values(), key=lambda s: s.slug):
        sources[service_page(service.slug)] = service_source(ctx, service)
    return sources
