"""The directory's pages as Markdown source, in one language. MkDocs-free and deterministic.

Every page is split the same way, so the page-level translation pipeline
(translations/<lang>/<page>.po, looked up block by block) works on it:

- interface text (headings, labels, badges, times, links) is raw HTML, already
  in the page's language through `interface_text` and babel; Python-Markdown
  stashes raw HTML, so the translations treeprocessor never sees it;
- the service's own sentences (description, eligibility, alert, confidentiality
  note, fees, how to get there, the organisation's description) are plain
  Markdown paragraphs, the same bytes in every language, so they are the
  page's messages and are looked up in translations/<lang>/local-info/services/<slug>.po.

All text from a service file is escaped: HTML in a field is shown as text,
never run. The same input always gives the same output (sorted, no clock).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from signpost import l10n
from signpost.l10n import day_name, format_date, format_time
from signpost.model.services import SERVICES_DIR, DirectoryVocabulary, Schedule, Service

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


# Pages -----------------------------------------------------------------------

def home_source(ctx: DirectoryContext) -> str:
    lang = ctx.language
    title = interface_text(lang, "Find local services")
    count = interface_text(lang, "{count} services", count=len(ctx.listed)) if len(ctx.listed) != 1 \
        else interface_text(lang, "1 service")
    parts = [
        _h(1, title),
        _p(interface_text(lang, "Here you can find help near you. Every service is on this page. "
                                "You can also pick a topic, or see them all from A to Z.")),
        _h(2, interface_text(lang, "Browse by category"), "categories"),
        _category_list(ctx, HOME),
        f'<p><a href="{_rel(HOME, A_TO_Z)}">{_t(interface_text(lang, "All services from A to Z"))}</a></p>',
        _filters(ctx),
        _h(2, interface_text(lang, "All services"), "all-services"),
        f'<p id="sp-count" class="sp-count" role="status" aria-live="polite">'
        f'{_t(count)}</p>',
        _result_list(ctx, HOME, ctx.listed, with_data=True),
        f'<p class="sp-no-results" hidden>{_t(interface_text(lang, "No services match. Try fewer filters."))}</p>',
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
    services = ctx.in_category(category_id)
    parts = [_h(1, title)]
    if services:
        parts.append(_p(interface_text(lang, "{count} services can help.", count=len(services)) if len(services) != 1
                        else interface_text(lang, "1 service can help.")))
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
    for service in ctx.listed:
        letter = service.name[:1].upper()
        groups.setdefault(letter if letter.isalpha() else "#", []).append(service)
    parts = [_h(1, title)]
    if groups:
        letters = "".join(f'<li><a href="#letter-{_e(k.lower() if k != "#" else "other")}">{_e(k)}</a></li>'
                          for k in groups)
        parts.append(f'<nav class="sp-letters" aria-label="{_e(interface_text(lang, "Letters"))}"><ul>{letters}</ul></nav>')
    for letter, services in groups.items():
        parts.append(_h(2, letter, f"letter-{letter.lower() if letter != '#' else 'other'}"))
        items = "".join(f'<li><a href="{_rel(A_TO_Z, service_page(s.slug))}">{_e(s.name)}</a></li>' for s in services)
        parts.append(f'<ul class="sp-a-z">{items}</ul>')
    parts.append(_back_links(ctx, A_TO_Z))
    return _source(title, interface_text(lang, "Every local service in the directory, from A to Z."), parts,
                   exempt=True)


def service_source(ctx: DirectoryContext, service: Service) -> str:
    """The whole page of one service (what the reader sees in place of the file's front matter)."""
    lang = ctx.language
    here = service_page(service.slug)
    parts = [_h(1, service.name)]
    if not service.is_listed:
        parts.append(f'<div class="admonition warning sp-closed" role="note"><p>'
                     f'{_t(interface_text(lang, "This service is no longer available."))} '
                     f'<a href="{_rel(here, HOME)}">{_t(interface_text(lang, "Find another service"))}</a></p></div>')
    parts.append(_badges(ctx, service))
    if service.alert:
        parts += [_h(2, interface_text(lang, "Important notice"), "notice"),
                  _markdown_box("sp-alert", markdown_text(service.alert))]
    parts += [_h(2, interface_text(lang, "What it offers"), "what-it-offers"), markdown_body(service.description)]
    parts += _who_for(ctx, service)
    parts += _how_to_use(ctx, service)
    parts += _contacts(ctx, service)
    parts += _places(ctx, service, here)
    if service.organization:
        org = service.organization
        parts.append(_h(2, interface_text(lang, "Who runs it"), "who-runs-it"))
        name = f'<a href="{_e(org.url)}">{_e(org.name)}</a>' if org.url else _e(org.name)
        parts.append(f"<p>{name}</p>")
        if org.description:
            parts.append(markdown_text(org.description))
        numbers = []
        if org.charity_number:
            numbers.append(_t(interface_text(lang, "Registered charity number {number}", number=org.charity_number)))
        if org.company_number:
            numbers.append(_t(interface_text(lang, "Company number {number}", number=org.company_number)))
        if numbers:
            parts.append(f'<p class="sp-org-numbers">{"<br>".join(numbers)}</p>')
    parts += _about_details(ctx, service, here)
    from signpost.directory.structured_data import json_ld_script
    parts.append(json_ld_script(ctx, service))
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
    services = [s for s in ctx.listed if set(s.categories) & set(categories)]
    parts = [_h(2, interface_text(lang, "Local services that can help"), "local-services")]
    if services:
        items = "".join(f'<li><a href="{_rel(page_src, service_page(s.slug))}">{_e(s.name)}</a>'
                        f'{": " + _e(summary(s)) if summary(s) else ""}</li>' for s in services)
        parts.append(f'<ul class="sp-topic-services">{items}</ul>')
    else:
        parts.append(_p(interface_text(lang, "There are no services listed for this yet.")))
    parts.append(f'<p><a href="{_rel(page_src, HOME)}">{_t(interface_text(lang, "Find more local services"))}</a></p>')
    return "\n\n" + "\n\n".join(parts) + "\n"


# Service page parts ------------------------------------------------------------

def _badges(ctx: DirectoryContext, service: Service) -> str:
    lang = ctx.language
    badges = []
    if service.status == "temporarily closed":
        badges.append(("sp-badge--closed", interface_text(lang, "Temporarily closed")))
    if service.free:
        badges.append(("sp-badge--free", interface_text(lang, "Free")))
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
    items = "".join(f'<li class="sp-badge {cls}">{_t(text)}</li>' for cls, text in badges)
    return f'<ul class="sp-badges" aria-label="{_e(interface_text(lang, "Key facts"))}">{items}</ul>' if items else ""


def _who_for(ctx: DirectoryContext, service: Service) -> list[str]:
    lang = ctx.language
    parts = [_h(2, interface_text(lang, "Who it is for"), "who-it-is-for")]
    ages = age_text(lang, service)
    if ages:
        parts.append(_p(ages + "."))
    if service.eligibility:
        parts.append(markdown_text(service.eligibility))
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
        parts.append("<ul>" + "".join(f"<li>{_t(i)}</li>" for i in items) + "</ul>")
    parts.append(_h(3, interface_text(lang, "Cost"), "cost"))
    if service.free:
        parts.append(_p(interface_text(lang, "It is free.")))
    if service.fees_description:
        parts.append(markdown_text(service.fees_description))
    if service.cost_options:
        from babel.numbers import format_currency
        rows = "".join(f"<li>{_e(o.option)}: {_e(format_currency(o.amount, o.currency, locale=lang))}</li>"
                       for o in service.cost_options)
        parts.append(f"<ul>{rows}</ul>")
    if not (service.free or service.fees_description or service.cost_options):
        parts.append(_p(interface_text(lang, "Ask them what it costs.")))
    parts.append(_h(3, interface_text(lang, "Privacy"), "privacy"))
    parts.append(_p(interface_text(lang, "It is confidential: what you say is kept private.") if service.confidential
                    else interface_text(lang, "Ask them who they share information with.")))
    if service.confidential_note:
        parts.append(markdown_text(service.confidential_note))
    return parts


def _contacts(ctx: DirectoryContext, service: Service) -> list[str]:
    lang = ctx.language
    items = []
    for phone in service.phones:
        extra = []
        if phone.free:
            extra.append(interface_text(lang, "free, also from mobiles"))
        if phone.description:
            extra.append(phone.description)
        note = f' <span class="sp-contact-note">({_e("; ".join(extra))})</span>' if extra else ""
        if phone.can_call:
            items.append(f'<li><a href="tel:{_e(phone.e164)}">'
                         f'{_t(interface_text(lang, "Call {number}", number=phone.number))}</a>{note}</li>')
        if phone.can_text:
            items.append(f'<li><a href="sms:{_e(phone.e164)}">'
                         f'{_t(interface_text(lang, "Text {number}", number=phone.number))}</a>{note}</li>')
    if service.email:
        items.append(f'<li><a href="mailto:{_e(service.email)}">'
                     f'{_t(interface_text(lang, "Email {address}", address=service.email))}</a></li>')
    if service.url:
        items.append(f'<li><a href="{_e(service.url)}">'
                     f'{_t(interface_text(lang, "Website: {address}", address=_display_url(service.url)))}</a></li>')
    if not items:
        return []
    return [_h(2, interface_text(lang, "How to contact them"), "contact"), f'<ul class="sp-contacts">{"".join(items)}</ul>']


def _places(ctx: DirectoryContext, service: Service, here: str) -> list[str]:
    lang = ctx.language
    parts: list[str] = []
    if service.locations:
        parts.append(_h(2, interface_text(lang, "Where to find them"), "where"))
    for index, location in enumerate(service.locations, start=1):
        parts.append(_h(3, location.name, f"place-{index}"))
        if location.address_lines:
            parts.append(f'<p class="sp-address">{"<br>".join(_e(line) for line in location.address_lines)}</p>')
        if location.transportation:
            parts.append(markdown_text(location.transportation))
        parts.append(f'<p><a href="{_e(osm_link(location))}">'
                     f'{_t(interface_text(lang, "See {place} on a map (OpenStreetMap website)", place=location.name))}'
                     f'</a></p>')
        features = [ctx.vocabulary.accessibility[f] for f in location.accessibility if f in ctx.vocabulary.accessibility]
        if features:
            parts.append(_h(4, interface_text(lang, "Access"), f"place-{index}-access"))
            parts.append("<ul>" + "".join(f"<li>{_t(interface_text(lang, f))}</li>" for f in features) + "</ul>")
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
        parts.append(f'<p class="sp-checked">{_t(interface_text(lang, "Details last checked on {date}.", date="{date}"))}'
                     .replace("{date}", f'<time datetime="{day.isoformat()}">{_e(format_date(day, lang))}</time>')
                     + "</p>")
    subject = interface_text(lang, "Mistake in the directory: {name}", name=service.name)
    body = interface_text(lang, "Service id: {id}\nPage: {url}\n\nWhat is wrong:\n",
                          id=service.id, url=ctx.absolute_url(here))
    mail = f"mailto:{ctx.report_email}?subject={quote(subject)}&body={quote(body)}"
    parts.append(f'<p class="sp-report"><a href="{_e(mail)}">'
                 f'{_t(interface_text(lang, "Report a mistake on this page"))}</a></p>')
    return parts


def schedule_table(lang: str, schedules: tuple[Schedule, ...]) -> str:
    """Opening times, one row per day, day names and times in `lang`."""
    rows = []
    for weekday in range(7):
        sessions = [s for s in schedules if weekday in s.weekdays]
        if not sessions:
            continue
        times = "<br>".join(
            _t(interface_text(lang, "{opens} to {closes}", opens=_time(s.opens_at, lang), closes=_time(s.closes_at, lang)))
            + (f' <span class="sp-session-note">({_e(s.description)})</span>' if s.description else "")
            for s in sorted(sessions, key=lambda s: s.opens_at))
        rows.append(f'<tr><th scope="row">{_e(day_name(weekday, lang))}</th><td>{times}</td></tr>')
    closed = [day_name(d, lang) for d in range(7) if not any(d in s.weekdays for s in schedules)]
    caption = _t(interface_text(lang, "Closed on: {days}", days=", ".join(closed))) if closed else ""
    head = (f'<thead><tr><th scope="col">{_t(interface_text(lang, "Day"))}</th>'
            f'<th scope="col">{_t(interface_text(lang, "Times"))}</th></tr></thead>')
    table = f'<table class="sp-times">{head}<tbody>{"".join(rows)}</tbody></table>'
    return table + (f'\n<p class="sp-closed-days">{caption}</p>' if caption else "")


# Lists and filters ----------------------------------------------------------------

def _result_list(ctx: DirectoryContext, here: str, services: list[Service], *, with_data: bool = False,
                 level: int = 3) -> str:
    items = []
    for service in services:
        data = _filter_data(ctx, service) if with_data else ""
        text = summary(service)
        items.append(f'<li class="sp-result"{data}><h{level} class="sp-result__name">'
                     f'<a href="{_rel(here, service_page(service.slug))}">{_e(service.name)}</a></h{level}>'
                     + (f"<p>{_e(text)}</p>" if text else "") + _badges(ctx, service) + "</li>")
    return f'<ul class="sp-results">{"".join(items)}</ul>'


def _filter_data(ctx: DirectoryContext, service: Service) -> str:
    schedules = [[list(s.weekdays), s.opens_at, s.closes_at] for s in service.all_schedules]
    searchable = " ".join([service.name, summary(service), service.eligibility,
                           *(ctx.vocabulary.categories[c].title for c in service.categories
                             if c in ctx.vocabulary.categories),
                           service.organization.name if service.organization else ""]).casefold()
    attributes = {
        "data-search": searchable,
        "data-categories": " ".join(service.categories),
        "data-min-age": "" if service.minimum_age is None else str(service.minimum_age),
        "data-max-age": "" if service.maximum_age is None else str(service.maximum_age),
        "data-free": "1" if service.free else "0",
        "data-languages": " ".join(service.languages),
        "data-access": " ".join(service.accessibility),
        "data-schedules": json.dumps(schedules, separators=(",", ":")),
    }
    return "".join(f' {key}="{_e(value)}"' for key, value in attributes.items())


def _filters(ctx: DirectoryContext) -> str:
    """The filter form: hidden until the script shows it, never submitted (no action; the script stops it).

    Only the radio buttons have a name (it makes them one group for the keyboard); nothing else does.
    """
    lang = ctx.language
    categories = "".join(f'<option value="{_e(c.id)}">{_e(interface_text(lang, c.title))}</option>'
                         for c in sorted(ctx.vocabulary.categories.values(), key=lambda c: c.title))
    spoken = sorted({code for s in ctx.listed for code in s.languages}, key=lambda c: language_name(c, lang))
    languages = "".join(f'<option value="{_e(c)}">{_e(language_name(c, lang))}</option>' for c in spoken)
    present = sorted({f for s in ctx.listed for f in s.accessibility if f in ctx.vocabulary.accessibility})
    features = "".join(
        f'<div class="sp-check"><input type="checkbox" id="sp-access-{_e(f)}" value="{_e(f)}" data-filter="access">'
        f'<label for="sp-access-{_e(f)}">{_t(interface_text(lang, ctx.vocabulary.accessibility[f]))}</label></div>'
        for f in present)
    when = "".join(
        f'<div class="sp-check"><input type="radio" name="sp-when" id="sp-when-{value}" value="{value}" data-filter="when"'
        f'{" checked" if value == "any" else ""}><label for="sp-when-{value}">{_t(label)}</label></div>'
        for value, label in (("any", interface_text(lang, "Any time")), ("today", interface_text(lang, "Open today")),
                             ("now", interface_text(lang, "Open now"))))
    return (
        f'<div class="sp-filters" id="sp-filters" hidden>'
        f'{_h(2, interface_text(lang, "Search and filter"), "search-and-filter")}'
        f'<p>{_t(interface_text(lang, "Your choices stay on this page: they are not saved or sent anywhere."))}</p>'
        f'<form id="sp-filter-form" role="search" aria-label="{_e(interface_text(lang, "Filter services"))}" '
        f'autocomplete="off" data-opening-times-zone="Europe/London" '
        f'data-count-one="{_e(interface_text(lang, "{count} service matches", count="{count}"))}" '
        f'data-count-other="{_e(interface_text(lang, "{count} services match", count="{count}"))}">'
        f'<div class="sp-field"><label for="sp-q">{_t(interface_text(lang, "Search"))}</label>'
        f'<input type="search" id="sp-q" data-filter="q" autocomplete="off" spellcheck="false"></div>'
        f'<div class="sp-field"><label for="sp-category">{_t(interface_text(lang, "Category"))}</label>'
        f'<select id="sp-category" data-filter="category"><option value="">{_e(interface_text(lang, "Any category"))}</option>'
        f'{categories}</select></div>'
        f'<div class="sp-field"><label for="sp-age">{_t(interface_text(lang, "Your age"))}</label>'
        f'<input type="number" id="sp-age" data-filter="age" min="0" max="120" inputmode="numeric"></div>'
        f'<div class="sp-field"><label for="sp-language">{_t(interface_text(lang, "Language spoken"))}</label>'
        f'<select id="sp-language" data-filter="language"><option value="">{_e(interface_text(lang, "Any language"))}</option>'
        f'{languages}</select></div>'
        f'<div class="sp-check"><input type="checkbox" id="sp-free" data-filter="free">'
        f'<label for="sp-free">{_t(interface_text(lang, "Free services only"))}</label></div>'
        f'<fieldset class="sp-fieldset"><legend>{_t(interface_text(lang, "When"))}</legend>{when}</fieldset>'
        + (f'<fieldset class="sp-fieldset"><legend>{_t(interface_text(lang, "Accessibility"))}</legend>{features}</fieldset>'
           if features else "")
        + f'<div class="sp-buttons"><button type="submit" class="md-button md-button--primary">'
        f'{_t(interface_text(lang, "Show services"))}</button> '
        f'<button type="reset" class="md-button">{_t(interface_text(lang, "Clear filters"))}</button></div>'
        f'</form></div>'
    )


def _category_list(ctx: DirectoryContext, here: str) -> str:
    lang = ctx.language
    items = "".join(
        f'<li><a href="{_rel(here, category_page(c.id))}">{_t(interface_text(lang, c.title))}</a> '
        f'<span class="sp-count-small">({len(ctx.in_category(c.id))})</span></li>'
        for c in sorted(ctx.vocabulary.categories.values(), key=lambda c: interface_text(lang, c.title).casefold()))
    return f'<ul class="sp-categories">{items}</ul>'


def _back_links(ctx: DirectoryContext, here: str) -> str:
    lang = ctx.language
    links = [f'<a href="{_rel(here, HOME)}">{_t(interface_text(lang, "Find local services"))}</a>']
    if here != A_TO_Z:
        links.append(f'<a href="{_rel(here, A_TO_Z)}">{_t(interface_text(lang, "All services from A to Z"))}</a>')
    return '<ul class="sp-back">' + "".join(f"<li>{link}</li>" for link in links) + "</ul>"


def _open_data_note(ctx: DirectoryContext) -> str:
    lang = ctx.language
    sizes = dict(ctx.open_data_sizes)
    if not sizes:
        return ""
    up = "../" * (url_of(HOME).count("/") + ctx.language_prefix.count("/"))
    links = []
    for path, kind in ((OPEN_DATA_JSON, "JSON"), (OPEN_DATA_CSV, "CSV")):
        name = path.rsplit("/", 1)[-1]
        size = _kilobytes(sizes.get(name, 0), lang)
        links.append(f'<li><a href="{up}{path}">{_e(name)} ({kind}, {_e(size)})</a></li>')
    return (_h(2, interface_text(lang, "Open data"), "open-data")
            + f'\n\n<p>{_t(interface_text(lang, "Anyone may reuse the directory. Download it:"))}</p>'
            + f'\n\n<ul class="sp-open-data">{"".join(links)}</ul>')


def _kilobytes(size: int, lang: str) -> str:
    from babel.numbers import format_decimal
    return interface_text(lang, "{size} KB", size=format_decimal(max(1, round(size / 1024)), locale=lang))


# Text helpers -------------------------------------------------------------------------

def summary(service: Service) -> str:
    """The first sentence of the description, as plain text (cards, meta description)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", service.description)
    text = re.sub(r"[*_`#>]", "", text)
    first = " ".join(text.split("\n\n", 1)[0].split())
    match = re.match(r"(.+?[.!?])(\s|$)", first)
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
    from babel import Locale, UnknownLocaleError
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


def url_of(src_uri: str) -> str:
    """The directory URL of a source page: `a/b.md` -> `a/b/`, `a/index.md` -> `a/`."""
    path = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if path == "index" or path.endswith("/index"):
        path = path[:-5]
    return path.rstrip("/") + "/" if path else ""


def _rel(from_src: str, to_src: str) -> str:
    here, there = url_of(from_src) or ".", url_of(to_src) or "."
    link = posixpath.relpath(there, here)
    return "./" if link == "." else link + "/"


def _source(title: str, description: str, parts: list[str], *, exempt: bool = False) -> str:
    front = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n" \
            f"description: {json.dumps(description, ensure_ascii=False)}\n"
    if exempt:
        # Lists of names and one-line summaries, not prose: reading-ease scores mean nothing here.
        front += "readability_exempt: \"A generated list of services, not running text.\"\n"
    return front + "---\n\n" + "\n\n".join(p for p in parts if p) + "\n"


def _markdown_box(css: str, markdown: str) -> str:
    return f'<div class="{css}" markdown="1">\n\n{markdown}\n\n</div>'


def _h(level: int, text: str, anchor: str | None = None) -> str:
    ident = f' id="{_e(anchor)}"' if anchor else ""
    return f"<h{level}{ident}{_lang(text)}>{_e(text)}</h{level}>"


def _p(text: str) -> str:
    return f"<p{_lang(text)}>{_e(text)}</p>"


def _e(text: object) -> str:
    """Escaped text for attributes and elements (HTML in data is shown as text)."""
    return html.escape(str(text), quote=True)


def _t(text: object) -> str:
    """Escaped interface text; English fallback in another language's page is marked as English."""
    escaped = _e(text)
    return f'<span lang="{SOURCE_LANGUAGE}" dir="ltr">{escaped}</span>' if _lang(text) else escaped


def _lang(text: object) -> str:
    return f' lang="{SOURCE_LANGUAGE}" dir="ltr"' if getattr(text, "untranslated", False) else ""


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


@lru_cache(maxsize=4096)
def _translation(language: str, message: str) -> str:
    return l10n.interface_text(language, message)


def forget_translations() -> None:
    """Drop remembered interface translations (the plugin calls it once per build)."""
    _translation.cache_clear()


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
