"""`signpost serve`: a live preview that keeps up with the editor.

One language (English unless `--lang` says otherwise; `make serve LANG=ur`),
at the site root: mkdocs-static-i18n would otherwise rebuild every language on
every save. The first build is a full one; after that, saving the body of a
page re-renders that page alone, with every check of a build, so it shows in
the browser in about a second (`signpost.engine.mkdocs.preview_server`). Any
other change (a new or deleted file, front matter, `data/`, `translations/`,
`mkdocs.yml`) rebuilds the preview in full. Findings show as warnings in the
terminal and in a box on the affected page; nothing refused is rendered.
"""

from __future__ import annotations

import os
import sys

from signpost.engine import UnknownEngineError, engine_name


#: The preview server, run as its own program so it can load ProperDocs before any `mkdocs` import.
SERVER_MODULE = "signpost.engine.mkdocs.preview_server"


def run(args) -> int:
    try:
        engine_name()  # SIGNPOST_ENGINE: mkdocs (default) or properdocs
    except UnknownEngineError as problem:
        print(f"signpost: {problem}", file=sys.stderr)
        return 2
    command = [sys.executable, "-m", SERVER_MODULE, "--addr", args.addr, "--lang", args.lang,
               "--config-file", str(args.config_file)]
    sys.stdout.flush()
    sys.stderr.flush()
    # Replace this process (same process id): stopping `signpost serve` stops the server itself.
    os.execv(sys.executable, command)
    return 0  # not reached
