"""Keep phone numbers, times and number ranges left to right on right-to-left pages. MkDocs-free.

In an Urdu paragraph or table cell the Unicode bidi algorithm lays out a run
such as "0113 496 0123" group by group from the right: the reader sees
"0123 496 0113", a wrong helpline number. "10:00–17:00" becomes
"17:00–10:00". Wrapping each such run in `<span dir="ltr">` isolates it, so
it reads as written. Only the page content is touched, never scripts, styles
or code blocks.
"""

from __future__ import annotations

import re

from signpost.templating import macros, vetted

# Digits with separators, then one or more further groups after spaces or a dash:
# "0113 496 0123", "07700 900123", "10:00–17:00", "2026-11-22". A lone number is left alone.
NUMBER_RUN = re.compile(r"(?<!\w)\d[\d:.,/]*(?:(?:[ \u00a0]+|[ \u00a0]*[–\-][ \u00a0]*)\d[\d:.,/]*)+(?!\w)")
_PROTECTED = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<pre\b.*?</pre>|<code\b.*?</code>"
                        r"|<span dir=\"ltr\" class=\"signpost-ltr\">.*?</span>)", re.DOTALL | re.IGNORECASE)
_TEXT = re.compile(r">([^<]+)<")
#: Where the page content starts when the caller does not say (the engine adapter passes its theme's tag).
CONTENT_START = "<article"
CONTENT_END = "</article>"


def isolate_number_runs(html: str, *, content_start: str = CONTENT_START) -> str:
    """The page with every number run in its content wrapped in `<span dir="ltr">`."""
    start = html.find(content_start)
    end = html.rfind(CONTENT_END)
    if start < 0 or end < start:
        return html
    parts = _PROTECTED.split(html[start:end])
    for index in range(0, len(parts), 2):   # odd indexes are the protected parts
        parts[index] = _TEXT.sub(lambda text: ">" + NUMBER_RUN.sub(_wrap, text.group(1)) + "<", parts[index])
    return html[:start] + "".join(parts) + html[end:]


def _wrap(run: re.Match) -> str:
    # The run is text of the rendered page (already escaped HTML): vetted, not escaped again.
    return str(_LTR_RUN(vetted(run.group(0))))


_LTR_RUN = macros("bidi.html").ltr_run
