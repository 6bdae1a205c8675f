"""Split the browser check across CI runners: `--shard i/N`. MkDocs-free.

A page's shard is its URL path's sha256 modulo N: the same page lands in the
same shard on every run and on every machine (a per-shard cache stays warm),
and adding or removing one page moves no other page. Every page is in exactly
one shard of N.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `total` (1-based, as people count CI jobs)."""

    index: int = 1
    total: int = 1

    def __post_init__(self) -> None:
        if not (self.total >= 1 and 1 <= self.index <= self.total):
            raise ValueError(f"shard {self.index}/{self.total} does not exist: write i/N with 1 <= i <= N")

    @classmethod
    def parse(cls, text: str) -> "Shard":
        """`2/4` -> Shard(2, 4); ValueError with a readable message otherwise."""
        index, slash, total = text.strip().partition("/")
        if not slash or not index.isdigit() or not total.isdigit():
            raise ValueError(f"{text!r} is not a shard: write i/N, e.g. 2/4")
        return cls(int(index), int(total))

    def holds(self, url_path: str) -> bool:
        return shard_slot(url_path, self.total) == self.index - 1

    def select(self, items: Iterable[Item], key: Callable[[Item], str]) -> list[Item]:
        """The items of this shard, in their order."""
        return [item for item in items if self.total == 1 or self.holds(key(item))]

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"


def shard_slot(url_path: str, total: int) -> int:
    """0-based slot of a URL path among `total` shards (stable: a hash, not a position)."""
    digest = hashlib.sha256(url_path.strip("/").encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % total
