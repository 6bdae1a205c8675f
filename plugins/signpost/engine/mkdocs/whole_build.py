"""`python -m signpost.engine.mkdocs.whole_build ENGINE build ...`: the engine's own `build`, every language reported.

Why not plain `mkdocs build --strict`: MkDocs aborts a strict build as soon as
that build ends with a warning, and mkdocs-static-i18n builds the other
languages one after another from inside the first one. A broken link in the
Polish pages therefore stopped the build before Romanian, Panjabi and Urdu
were built, and their findings were never reported: the editor fixed one
language, ran the build again, and met the next. signpost already turns every
engine warning into a finding (`engine_warnings.py`, an error in strict mode),
and `parallel.run` fails the build once, on those findings, after every
language has run. So this runner switches off only MkDocs' per-build abort
(as `check_build` does) and otherwise is the engine's own command line.
"""

from __future__ import annotations

import sys


def keep_going_after_warnings() -> None:
    """Switch off MkDocs' strict-mode abort at the end of each (language) build, in this process.

    The warnings are findings already; the caller fails on them once every
    language is built. Under ProperDocs, `mkdocs.utils` is ProperDocs' module.
    """
    # Late: main() (and check_build's) must choose the engine before anything imports `mkdocs`.
    from mkdocs import utils
    utils.CountHandler.get_counts = lambda self: []


def main(argv: list[str]) -> None:
    engine, *arguments = argv
    # Late: the engine is chosen here, and ProperDocs must replace `mkdocs` before anything imports it.
    if engine == "properdocs":
        import properdocs.replacement  # noqa: F401  (every `mkdocs.*` import is ProperDocs' from here on)
        from properdocs.__main__ import cli  # late: see above
    else:
        from mkdocs.__main__ import cli  # late: see above
    keep_going_after_warnings()
    sys.argv = [engine, *arguments]
    cli()


if __name__ == "__main__":
    main(sys.argv[1:])
