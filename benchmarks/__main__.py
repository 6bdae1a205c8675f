"""`python -m benchmarks [name ...]`: run every benchmark module's `main()` (or the named ones).

The checked-build comparison runs last, so `make bench` ends with its two ratio lines.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

LAST = "site_build"


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = argv or sorted((m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_")),
                           key=lambda name: (name == LAST, name))
    failed = 0
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        if not hasattr(module, "main"):
            continue  # a helper module (the corpus generator)
        print(f"== {name}", flush=True)
        failed += 0 if module.main() in (0, None) else 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
