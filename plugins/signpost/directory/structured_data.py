"""schema.org data for service pages: a WebPage (lastReviewed) whose main entity is the GovernmentService.

Embedded as JSON-LD in each service page; search engines and assistants read
the audience ages, opening hours and review date from it. MkDocs-free.
"""

from __future__ import annotations

import json

from signpost.directory.render import DirectoryContext, service_page
from signpost.model.services import Schedule, Service

_SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def json_ld(ctx: DirectoryContext, service: Service) -> dict:
    """schema.org data: a WebPage (lastReviewed) whose main entity is the GovernmentService."""
    entity: dict = {"@type": "GovernmentService", "identifier": service.id, "name": service.name,
                    "url": ctx.absolute_url(service_page(service.slug))}
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
        entity["isAccessibleForFree"] = True
    if service.languages:
        entity["availableLanguage"] = list(service.languages)
    channels = []
    for phone in service.phones:
        point = {"@type": "ContactPoint", "telephone": phone.e164}
        if service.schedules:
            point["hoursAvailable"] = [_opening_spec(s) for s in service.schedules]
        channels.append({"@type": "ServiceChannel", "servicePhone": point})
    if service.url:
        channels.append({"@type": "ServiceChannel", "serviceUrl": service.url})
    for location in service.locations:
        place: dict = {"@type": "Place", "name": location.name}
        if location.address_lines:
            place["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(
                p for p in (location.address_1, location.address_2) if p), "addressLocality": location.city,
                "postalCode": location.postal_code, "addressCountry": "GB"}
        if location.latitude is not None and location.longitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": location.latitude, "longitude": location.longitude}
        if location.schedules:
            place["openingHoursSpecification"] = [_opening_spec(s) for s in location.schedules]
        channels.append({"@type": "ServiceChannel", "serviceLocation": place})
    if channels:
        entity["availableChannel"] = channels
    if service.all_schedules:
        entity["hoursAvailable"] = [_opening_spec(s) for s in service.all_schedules]
    page: dict = {"@context": "https://schema.org", "@type": "WebPage", "inLanguage": ctx.language,
                  "url": ctx.absolute_url(service_page(service.slug)), "mainEntity": entity}
    if service.last_reviewed:
        page["lastReviewed"] = service.last_reviewed.isoformat()
    return page


def json_ld_script(ctx: DirectoryContext, service: Service) -> str:
    text = json.dumps(json_ld(ctx, service), ensure_ascii=False, separators=(",", ":"))
    # `<` never appears raw, so no text in a field can close the script element.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def _opening_spec(schedule: Schedule) -> dict:
    return {"@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{_SCHEMA_DAYS[d]}" for d in schedule.weekdays],
            "opens": schedule.opens_at, "closes": schedule.closes_at}
