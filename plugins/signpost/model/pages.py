"""A page's validated metadata: the one object every plugin reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from signpost.model.durations import ReviewPeriod


@dataclass(frozen=True)
class PageMeta:
    """What the front matter (merged with folder defaults) says about one page.

    `path` is relative to the content folder, with forward slashes
    (`charter/index.md`); `file` is the same path as people see it
    (`content/charter/index.md`), used in findings.
    """

    path: str
    file: str
    title: str
    description: str
    audience: tuple[str, ...]
    topics: tuple[str, ...]
    owner: str
    last_reviewed: dt.date | None
    review_every: ReviewPeriod | None
    standards: tuple[str, ...] = ()
    sensitive: bool = False
    type: str = "page"
    service_categories: tuple[str, ...] = ()
    readability_exempt: str | None = None
    translation_grace: ReviewPeriod | None = None  # None: the default (DEFAULT_TRANSLATION_GRACE)
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    body: str = field(default="", compare=False, hash=False, repr=False)
    body_line: int = 1
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def review_by(self) -> dt.date | None:
        """The date the next review is due, when both dates are known."""
        if self.last_reviewed is None or self.review_every is None:
            return None
        return self.review_every.after(self.last_reviewed)

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)


def page_meta_from(path: str, file: str, meta: dict[str, Any], key_lines: dict[str, int],
                   body: str, body_line: int) -> PageMeta:
    """Build a PageMeta from metadata that may still contain bad values (kept as None/empty)."""

    def strings(key: str) -> tuple[str, ...]:
        value = meta.get(key)
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    def date(key: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(str(meta.get(key)))
        except ValueError:
            return None

    try:
        period = ReviewPeriod.parse(meta.get("review_every"))
    except ValueError:
        period = None
    try:
        grace = ReviewPeriod.parse(meta["translation_grace"]) if "translation_grace" in meta else None
    except ValueError:
        grace = None  # the schema reports it; the default applies meanwhile
    return PageMeta(
        path=path,
        file=file,
        title=str(meta.get("title") or ""),
        description=str(meta.get("description") or ""),
        audience=strings("audience"),
        topics=strings("topics"),
        owner=str(meta.get("owner") or ""),
        last_reviewed=date("last_reviewed"),
        review_every=period,
        standards=strings("standards"),
        sensitive=meta.get("sensitive") is True,
        type=str(meta.get("type") or "page"),
        service_categories=strings("service_categories"),
        translation_grace=grace,
        readability_exempt=meta.get("readability_exempt") if isinstance(meta.get("readability_exempt"), str) else None,
        key_lines=dict(key_lines),
        body=body,
        body_line=body_line,
        raw=dict(meta),
    )
