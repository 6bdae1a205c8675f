"""`signpost serve`: a live preview that keeps up with the editor.

Why one language: mkdocs-static-i18n rebuilds every language on every save
(25-28 s on this site). The preview builds the language being edited only
(English unless `--lang` says otherwise; `make serve LANG=ur`), at the site
root, and MkDocs' dirty reload re-renders only the pages whose files changed.
Findings still show as warnings and in a box on the affected page.
"""

from __future__ import annotations

import os
import subprocess
import sys

from signpost.engine import build_command
from signpost.engine.mkdocs.preview import PREVIEW_LANGUAGE

HELP = "Live preview of one language."


def configure(parser) -> None:
    parser.add_argument("--addr", "-a", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    parser.add_argument("--lang", default="en", help="the language to preview (default en)")
    parser.add_argument("--config-file", "-f", default="mkdocs.yml")


def run(args) -> int:
    command = build_command(sys.executable) + ["serve", "--dirtyreload", "-a", args.addr, "-f", args.config_file]
    env = {**os.environ, PREVIEW_LANGUAGE: args.lang}
    try:
        return subprocess.run(command, env=env).returncode
    except KeyboardInterrupt:
        return 0
