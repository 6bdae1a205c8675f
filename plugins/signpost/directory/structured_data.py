"""schema.org data for service pages: a WebPage (lastReviewed) whose main entity is the GovernmentService.

Embedded as JSON-LD in each service page; search engines and assistants read
the audience ages, opening hours and review date from it. Each property sits
on a type that defines it (schema.org's validator rejects the rest):
`availableLanguage` on each ServiceChannel and ContactPoint (not on the
service), `isAccessibleForFree` on each Place (a Service has `offers`
instead: price 0 when free). A service that is no longer listed (inactive,
defunct) gets no service markup, only the WebPage, so nothing tells a search
engine that it still runs.

The `json_ld` macro of templates/directory/blocks.html writes the script
element (through `templating.script_json`, so no field can close it). Does not
import `render` (render imports this module). MkDocs-free.
"""

from __future__ import annotations

from signpost.directory.pages import DirectoryContext
from signpost.model.services import SERVICES_DIR, Schedule, Service
from signpost.templating import script_json  # noqa: F401 (one implementation, in templating; tests import it here)

_SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def json_ld(ctx: DirectoryContext, service: Service) -> dict:
    """schema.org data: a WebPage (lastReviewed) whose main entity is the GovernmentService."""
    url = ctx.absolute_url(f"{SERVICES_DIR}/{service.slug}.md")
    page: dict = {"@context": "https://schema.org", "@type": "WebPage", "inLanguage": ctx.language, "url": url}
    if service.last_reviewed:
        page["lastReviewed"] = service.last_reviewed.isoformat()
    if service.is_listed:
        page["mainEntity"] = _service_entity(ctx, service, url)
    return page


def _service_entity(ctx: DirectoryContext, service: Service, url: str) -> dict:
    entity: dict = {"@type": "GovernmentService", "identifier": service.id, "name": service.name, "url": url}
    if service.description:
        entity["description"] = service.description
    categories = [ctx.vocabulary.categories[c].title for c in service.categories if c in ctx.vocabulary.categories]
    if categories:
        entity["serviceType"] = categories
    if service.organization:
        entity["provider"] = {"@type": "Organization", "name": service.organization.name,
                              **({"url": service.organization.url} if service.organization.url else {})}
    audience: dict = {"@type": "PeopleAudience"}
    if service.minimum_age is not None:
        audience["suggestedMinAge"] = service.minimum_age
    if service.maximum_age is not None:
        audience["suggestedMaxAge"] = service.maximum_age
    entity["audience"] = audience
    if service.service_areas:
        entity["areaServed"] = list(service.service_areas)
    if service.free:
        entity["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "GBP"}
    languages = {"availableLanguage": list(service.languages)} if service.languages else {}
    channels = []
    for phone in service.phones:
        point = {"@type": "ContactPoint", "telephone": phone.e164, **languages}
        if service.schedules:
            point["hoursAvailable"] = [_opening_spec(s) for s in service.schedules]
        channels.append({"@type": "ServiceChannel", "servicePhone": point, **languages})
    if service.url:
        channels.append({"@type": "ServiceChannel", "serviceUrl": service.url, **languages})
    for entry in service.locations:
        place: dict = {"@type": "Place", "name": entry.name}
        if entry.address_lines:
            place["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(
                p for p in (entry.address_1, entry.address_2) if p), "addressLocality": entry.city,
                "postalCode": entry.postal_code, "addressCountry": "GB"}
        if entry.latitude is not None and entry.longitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": entry.latitude, "longitude": entry.longitude}
        if entry.schedules:
            place["openingHoursSpecification"] = [_opening_spec(s) for s in entry.schedules]
        if service.free:
            place["isAccessibleForFree"] = True
        channels.append({"@type": "ServiceChannel", "serviceLocation": place, **languages})
    if channels:
        entity["availableChannel"] = channels
    if service.all_schedules:
        entity["hoursAvailable"] = [_opening_spec(s) for s in service.all_schedules]
    return entity


def _opening_spec(schedule: Schedule) -> dict:
    return {"@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{_SCHEMA_DAYS[d]}" for d in schedule.weekdays],
            "opens": schedule.opens_at, "closes": schedule.closes_at}
