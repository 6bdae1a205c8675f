"""Lighthouse scores (accessibility, best practices, SEO) for the built site, phone form factor.

Runs npm `lighthouse` (pinned in package.json) with Debian's Chromium (CHROME_PATH, never a
downloaded browser) against `site/` served on 127.0.0.1 at a random port: home, directory,
a service and a topic page, in English and Urdu. Prints a table (Markdown, as recorded in
docs/accessibility.md) and exits 1 if any score is under 100 or a run failed.

    signpost build && .venv/bin/python tools/lighthouse_scores.py [--site site] [--json out.json]

About 15-25 s a page on 2 cores, so it is not part of every CI run (`make lighthouse`).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("accessibility", "best-practices", "seo")
PAGES = {
    "home": "",
    "directory": "local-info/services/",
    "service": "local-info/services/riverside-youth-information-centre/",
    "topic": "local-info/sexual-health/",
}
LANGUAGES = ("en", "ur")
CHROME_FLAGS = ("--headless --no-sandbox --disable-dev-shm-usage --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--json", type=Path, help="also write every score and failed audit here")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists() or not Path(CHROMIUM).exists():
        print("needs node_modules/.bin/lighthouse (make setup) and /usr/bin/chromium", file=sys.stderr)
        return 2
    if not (args.site / "index.html").exists():
        print(f"no built site in {args.site}: run `signpost build` first", file=sys.stderr)
        return 2
    results = []
    with _serve(args.site) as base:
        for language in LANGUAGES:
            for kind, path in PAGES.items():
                url = base + ("" if language == "en" else f"{language}/") + path
                results.append({"language": language, "page": kind, "url": url, **_run(url)})
    print(_table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    failed = [r for r in results if r.get("error") or any(r["scores"].get(c) != 100 for c in CATEGORIES)]
    for result in failed:
        print(f"{result['language']} {result['page']}: {result.get('error') or result['failed']}", file=sys.stderr)
    return 1 if failed else 0


def _run(url: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
                   f"--chrome-flags={CHROME_FLAGS}"]
        environment = {**os.environ, "CHROME_PATH": CHROMIUM}
        run = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
        if run.returncode != 0 or not report.exists():
            return {"error": (run.stderr or run.stdout).strip()[-500:], "scores": {}, "failed": []}
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round((category["score"] or 0) * 100) for name, category in data["categories"].items()}
    failed = sorted({ref["id"] for category in data["categories"].values() for ref in category["auditRefs"]
                     if ref.get("weight") and (data["audits"][ref["id"]].get("score") is not None)
                     and data["audits"][ref["id"]]["score"] < 1})
    return {"scores": scores, "failed": failed, "lighthouse": data.get("lighthouseVersion")}


def _table(results: list[dict]) -> str:
    lines = ["| Language | Page | Accessibility | Best practices | SEO |", "| --- | --- | --- | --- | --- |"]
    for r in results:
        cells = [str(r["scores"].get(c, "error")) for c in CATEGORIES]
        lines.append(f"| {r['language']} | {r['page']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _serve:
    """`site/` over HTTP on 127.0.0.1 at a random port (a context manager yielding the base URL)."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == "__main__":
    sys.exit(main())
