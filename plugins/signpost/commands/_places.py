"""What `signpost new organisation` and `signpost new location` share: writing a record file safely."""

from __future__ import annotations

import re
import sys
import uuid
from pathlib import Path

from signpost.commands._new_file import free_record_path, write_new_file
from signpost.model.service_csv import slugify
from signpost.model.service_files import front_matter_yaml
from signpost.model.service_places import LOCATIONS_DIR, ORGANISATIONS_DIR, SLUG_PATTERN
from signpost.model.services import load_vocabulary


def write_place(args, kind: str) -> int:
    """Write content/local-info/<organisations|locations>/<slug>.md; never overwrite, never outside the project."""
    name = " ".join(args.name).strip()
    slug = args.slug or slugify(name)
    if not slug or not re.fullmatch(SLUG_PATTERN, slug):
        print(f"signpost: {slug!r} is not a valid slug (lower-case letters, digits and hyphens); "
              "give a name with letters or digits, or --slug", file=sys.stderr)
        return 2
    folder = ORGANISATIONS_DIR if kind == "organisation" else LOCATIONS_DIR
    target, refused = free_record_path(args.content, folder, slug)
    if target is None:
        return refused
    name_line = front_matter_yaml({"name": name}).strip()
    if kind == "organisation":
        text = organisation_template(name_line, str(uuid.uuid4()))
    else:
        vocabulary, _ = load_vocabulary(Path(args.data))
        text = location_template(name_line, str(uuid.uuid4()), sorted(vocabulary.accessibility))
    write_new_file(target, text)
    print(f"signpost: wrote {target}")
    reference = f"organization: {slug}" if kind == "organisation" else f"locations: [{{location: {slug}}}]"
    print(f"signpost: fill in the details; services point at it with `{reference}`")
    return 0


def location_template(name_line: str, record_id: str, features: list[str]) -> str:
    """A complete location file: every field, with what to write in comments."""
    return f"""---
# A place where directory services happen. Every field is described in docs/directory.md.
# Services name it by this file's name: `locations: [{{location: <file name without .md>}}]`,
# each with its own opening times there. One place, one file: change the address here only.
# The id is this place's for ever: never change it, never copy it to another file.
id: {record_id}
{name_line}
address_1: 1 High Street
# address_2: Northbank
city: Riverside
state_province: England
postal_code: RV1 1AA
# latitude: 54.05
# longitude: 2.45
transportation: How to get there by bus, train or on foot.
# Choose from: {", ".join(features)}
accessibility: [step-free]
# accessibility_notes: Anything else about getting in and around, in words.
---
"""


def organisation_template(name_line: str, record_id: str) -> str:
    """A complete organisation file: every field, with what to write in comments."""
    return f"""---
# An organisation that runs directory services. Every field is described in docs/directory.md.
# Services name it by this file's name: `organization: <file name without .md>`.
# The id is this organisation's for ever: never change it, never copy it to another file.
id: {record_id}
{name_line}
url: https://www.example.org
# email: hello@example.org
# charity_number: "1234567"
# company_number: "01234567"
---

What the organisation does, in one or two plain sentences (Open Referral UK needs this).
"""
