"""textstat's own reading-ease score, the reference signpost's cached and table-fed scores must equal."""

from __future__ import annotations

import subprocess
import sys


def textstat_score(text: str) -> float:
    """textstat's own score with its own dictionary, in a fresh process (textstat caches its counts per text in memory)."""
    done = subprocess.run([sys.executable, "-c", "import sys, textstat; print(repr(float("
                           "textstat.flesch_reading_ease(sys.argv[1]))))", text],
                          capture_output=True, text=True, check=True)
    return float(done.stdout)
