"""`signpost new service NAME`: start a service file with every field and a fresh id."""

from __future__ import annotations

import re
import sys
import uuid
from pathlib import Path

from signpost.commands._new_file import free_record_path, write_new_file
from signpost.commands._today import stops_on_bad_today
from signpost.model.service_csv import slugify
from signpost.model.service_files import front_matter_yaml
from signpost.model.service_places import LOCATIONS_DIR, ORGANISATIONS_DIR, place_files
from signpost.model.service_schema import SLUG_PATTERN
from signpost.model.services import SERVICES_DIR, load_vocabulary
from signpost.today import today


@stops_on_bad_today
def run(args) -> int:
    name = " ".join(args.name).strip()
    slug = args.slug or slugify(name)
    if not slug:
        print("signpost: give a name with letters or digits, or --slug", file=sys.stderr)
        return 2
    vocabulary, _ = load_vocabulary(Path(args.data))
    unknown = [c for c in args.category if vocabulary.categories and c not in vocabulary.categories]
    if unknown:
        print(f"signpost: unknown category {', '.join(unknown)}; choose from: "
              + ", ".join(sorted(vocabulary.categories)), file=sys.stderr)
        return 2
    if not re.fullmatch(SLUG_PATTERN, slug):
        print(f"signpost: {slug!r} is not a valid slug (lower-case letters, digits and hyphens)", file=sys.stderr)
        return 2
    target, refused = free_record_path(args.content, SERVICES_DIR, slug)
    if target is None:
        return refused
    day = today()
    content = Path(args.content)
    text = service_template(name, str(uuid.uuid4()), day.isoformat(), args.category, sorted(vocabulary.categories),
                            [p.stem for p in place_files(content / ORGANISATIONS_DIR)],
                            [p.stem for p in place_files(content / LOCATIONS_DIR)])
    write_new_file(target, text)
    print(f"signpost: wrote {target}")
    if not args.category:
        print("signpost: choose its categories (`categories:`), fill in the details, then run `signpost check`")
    print("signpost: it is not listed until you set `status: active`")
    return 0


def service_template(name: str, service_id: str, day: str, categories: list[str], known_categories: list[str],
                     organisations: list[str] = (), locations: list[str] = ()) -> str:
    """A complete service file: every field, with what to write in comments."""
    quoted = front_matter_yaml({"name": name}).strip()
    known_organisations = " | ".join(organisations[:5]) or "the-organisation-slug"
    known_locations = " | ".join(locations[:5]) or "the-location-slug"
    return f"""---
# A directory service. Every field is described in docs/directory.md.
# The id is this service's for ever: never change it, never copy it to another file.
id: {service_id}
{quoted}
# active | temporarily closed | inactive | defunct. Only active and temporarily closed are listed.
status: inactive
# alert: Closed from 24 December to 2 January.
# Who runs it: the slug of a file in content/local-info/organisations/ (`signpost new organisation NAME`).
# organization: {known_organisations}
# Choose from: {", ".join(known_categories)}
categories: [{", ".join(categories)}]
minimum_age: 13
maximum_age: 19
eligibility: Who can use it, in plain words.
# drop-in, appointment, self-referral, referral
access: [drop-in]
# in-person, phone, text, online
delivery: [in-person]
free: true
# fees_description: What it costs, in words.
# cost_options:
#   - {{option: Per session, amount: 2, currency: GBP}}
confidential: true
confidential_note: What stays private, and what someone under 16 can expect.
url: https://www.example.org
email: hello@example.org
phones:
  # kind: voice (default), text or voice-and-text; free: true if free from mobiles too.
  - {{number: 0113 496 0000, description: Advice line}}
# ISO 639 codes; British Sign Language is bfi.
languages: [en]
# Where it is: the slug of a file in content/local-info/locations/ (`signpost new location NAME`),
# with this service's own times there. Days: MO TU WE TH FR SA SU. Times in quotes, 24-hour.
# locations:
#   - location: {known_locations}
#     schedules:
#       - {{byday: [MO, TU, WE, TH, FR], opens_at: "09:00", closes_at: "17:00"}}
# Times not tied to a place, e.g. a phone line:
# schedules:
#   - {{byday: [MO, TU, WE, TH, FR], opens_at: "09:00", closes_at: "20:00", description: Phone line}}
service_areas: [Riverside]
sensitive: false
owner: directory-team@example.org
last_reviewed: {day}
review_every: P12M
---

What the service offers, in two or three short sentences. Say what happens when someone gets in touch.
"""
