"""The hreflang alternates made absolute (engine/mkdocs/material.py) exactly as urljoin would."""

from __future__ import annotations

import random
from urllib.parse import urljoin

from signpost.engine.mkdocs.material import _resolver

BASES = ["https://example.org/", "https://example.org/charter/", "https://example.org/pl/a/b/page.html",
         "https://youth-advice.example.org/pl/bench/part-001/page-0040/", "http://localhost:8000/ur/x/",
         "https://example.org/a//b/", "https://example.org", "https://example.org/%C5%82/ą/", "not a url"]
SEGMENTS = ["..", ".", "", "pl", "charter", "index.html", "ą", "%20", "a b", "x?y", "#top", "a:b", "\\\\", "//"]


def test_the_alternates_resolve_as_urljoin_does():
    rng = random.Random(12)
    hrefs = {"", "/", ".", "..", "./", "../", "../../../../", "/pl/", "https://other.example.org/x/", "//host/x"}
    for _ in range(5000):
        parts = [rng.choice(SEGMENTS) for _ in range(rng.randint(1, 6))]
        hrefs.add(("/" if rng.random() < 0.2 else "") + "/".join(parts) + ("/" if rng.random() < 0.5 else ""))
    for base in BASES:
        resolve = _resolver(base)
        for href in sorted(hrefs):
            assert resolve(href) == urljoin(base, href), (base, href)
