"""Stand-in interface strings for a language Material has none for: English, with the language's direction."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from signpost import l10n


# One folder of stand-in partials per process and set of languages, removed when that process ends.
_STAND_INS: dict[tuple[Path, tuple[str, ...]], Path] = {}


def stand_in_partials(english: Path, languages: tuple[str, ...]) -> Path:
    """English interface strings (with each language's direction) in a temporary theme folder.

    Made once per process, not once per language pass, and removed at exit by
    the process that made it: a parallel build's workers are forked from that
    process and read the folder while it waits for them (they leave with
    `os._exit`, which runs no exit handler; the pid check makes sure of it).
    """
    key = (english, languages)
    if key not in _STAND_INS:
        folder = Path(tempfile.mkdtemp(prefix="signpost-languages-"))
        for lang in languages:
            text = english.read_text(encoding="utf-8").replace('"language": "en"', f'"language": "{lang}"')
            text = text.replace('"direction": "ltr"', f'"direction": "{l10n.direction(lang)}"')
            target = folder / "partials" / "languages" / f"{lang}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        owner = os.getpid()
        atexit.register(lambda: os.getpid() == owner and shutil.rmtree(folder, ignore_errors=True))
        _STAND_INS[key] = folder
    return _STAND_INS[key]
