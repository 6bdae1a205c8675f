"""Build small fixture sites for tests, exactly as the real build does.

A fixture site is a temporary project folder: a copy of the real `mkdocs.yml`
(theme pointing at the real theme overrides), the real registries from
`data/` unless a test replaces them, and the content a test writes. It is
built with `mkdocs build` in a process of its own, so every test sees a fresh process
(no cache shared between tests) and the real plugin entry points; that process is forked from
one that has already imported the engine (build_server.py: it saves the imports, about half of a
small build's CPU time).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from filelock import FileLock

from build_server import run_command
from signpost.engine import build_command, engine_name

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_META = {
    "owner": "information-team@example.org",
    "review_every": "P6M",
    "audience": ["young-people"],
}


def page(title: str = "A page", body: str = "Some text.", **meta: Any) -> str:
    """Markdown text of a valid page; keyword arguments add or replace front matter fields."""
    front = {
        "title": title,
        "description": f"What the {title.lower()} page is about.",
        "topics": [],
        "last_reviewed": "2026-10-01",
    }
    front.update(meta)
    front = {k: v for k, v in front.items() if v is not None}
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + \
        f"# {title}\n\n{body}\n"


@dataclass
class BuildResult:
    project: Path
    returncode: int
    output: str
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def html(self, url_path: str) -> str:
        """The HTML of a built page, e.g. `charter/` or `pl/charter/index.html`."""
        target = self.site / url_path
        if url_path.endswith("/") or url_path == "":
            target = target / "index.html"
        return target.read_text(encoding="utf-8")

    def exists(self, url_path: str) -> bool:
        target = self.site / url_path
        return (target / "index.html").exists() if url_path.endswith("/") else target.exists()


@dataclass
class FixtureSite:
    """A throwaway project; write files, then `build()` or `run()` a command in it."""

    root: Path
    languages: list[str] = field(default_factory=lambda: ["en"])
    config_overrides: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        (self.root / "content").mkdir(parents=True, exist_ok=True)
        shutil.copytree(ROOT / "data", self.root / "data", dirs_exist_ok=True)
        (self.root / "translations").mkdir(exist_ok=True)
        self.write(".meta.yml", yaml.safe_dump(DEFAULT_META, sort_keys=False))

    def write(self, relative: str, text: str | bytes, *, under: str = "content") -> Path:
        """Write a file under content/ (or `under`), creating folders."""
        target = self.root / under / relative if under else self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def mkdocs_config(self) -> dict[str, Any]:
        config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
        config["theme"]["custom_dir"] = str(ROOT / "plugins" / "signpost" / "theme")
        config["site_url"] = "https://example.org/"
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                plugin["i18n"]["languages"] = [
                    lang for lang in plugin["i18n"]["languages"] if lang["locale"] in self.languages
                ]
        if len(self.languages) == 1:
            config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "i18n" in p)]
        _deep_update(config, self.config_overrides)
        return config

    def build(self, *, today: str = "2026-11-22", strict: bool = True, env: dict[str, str] | None = None
              ) -> BuildResult:
        (self.root / "mkdocs.yml").write_text(yaml.safe_dump(self.mkdocs_config(), sort_keys=False,
                                                             allow_unicode=True), encoding="utf-8")
        # SIGNPOST_ENGINE (make test ENGINE=properdocs) picks MkDocs or ProperDocs.
        command = build_command(sys.executable) + ["build", "--clean"] + (["--strict"] if strict else [])
        result = self.run(command, today=today, env=env)
        return BuildResult(self.root, result.returncode, result.stdout + result.stderr, self.root / "site")

    def run(self, command: list[str], *, today: str = "2026-11-22", env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess:
        # A fixture holds a few pages, not the whole site: the site-wide coverage rules (every
        # registry topic and standard covered) report instead of failing unless a test enforces them.
        environment = {**os.environ, "SIGNPOST_TODAY": today, "NO_MKDOCS_2_WARNING": "1",
                       "SIGNPOST_COVERAGE": "report", **(env or {})}
        # `python -m mkdocs|properdocs|signpost.cli` is forked from a process that has imported them
        # (build_server); anything else, and every command with SIGNPOST_TEST_FRESH_PROCESS=1, is a new process.
        return run_command(command, cwd=self.root, env=environment, timeout=600)

    def signpost(self, *args: str, today: str = "2026-11-22", env: dict[str, str] | None = None
                 ) -> subprocess.CompletedProcess:
        """Run the `signpost` CLI inside the fixture project."""
        return self.run([sys.executable, "-m", "signpost.cli", *args], today=today, env=env)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping `!ENV` and `!!python/name` tags as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node)
                              if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: loader.construct_scalar(node))


def _deep_update(target: dict, changes: dict) -> None:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_update(target[key], value)
        else:
            target[key] = value


FIXTURE_TODAY = "2026-11-22"


def real_content_today(content: Path = ROOT / "content") -> str:
    """The fixed day to check the real content on: the fixtures' usual day, or the latest review in it.

    The content is reviewed as time goes on; a review dated after "today" is an
    error, so tests over the real pages must not use a day earlier than the
    latest `last_reviewed` they hold.
    """
    days = [FIXTURE_TODAY]
    for path in Path(content).rglob("*.md"):
        days += re.findall(r"^last_reviewed:\s*['\"]?(\d{4}-\d{2}-\d{2})", path.read_text(encoding="utf-8"), re.M)
    return max(days)



# -- One build of a read-only fixture site per test session, shared by every xdist worker --------

def session_cache(basetemp: Path) -> Path:
    """The folder every worker of this pytest session shares (never the project's own folders).

    Under pytest-xdist each worker's base temp is `pytest-N/popen-gwK`; `pytest-N` is the
    session's. Without xdist the base temp is the session's. pytest removes old sessions' folders.
    """
    session = basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp
    folder = session / "shared-builds"
    folder.mkdir(exist_ok=True)
    return folder


def inputs_key(root: Path) -> str:
    """A hash of everything a build of `root` reads: every file's path and bytes, and the engine.

    Two projects with equal keys build the same site, so one build can stand for both.
    """
    digest = hashlib.sha256(engine_name().encode() + b"\0")
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def shared_build(cache: Path, name: str, prepare: Callable[[FixtureSite], None],
                 build: Callable[[FixtureSite], BuildResult], *, languages: list[str]) -> BuildResult:
    """Build a fixture site once per session, whichever worker asks first; the others reuse it.

    `prepare` writes the project's files (into a scratch folder), `build` builds it. The result is
    keyed on the prepared files (`inputs_key`), so a change to what `prepare` writes is a new build,
    and it is stored with its output and return code: a failed build fails every test that asks.
    Only for sites the tests read and never change (served, parsed).
    A lock (filelock: a well-kept library; the workers are separate processes) makes the other
    workers wait for the one building instead of building the same site at the same time.
    """
    scratch = cache / f"{name}.{os.getpid()}.prepare"
    shutil.rmtree(scratch, ignore_errors=True)
    site = FixtureSite(scratch / "project", languages=languages)
    prepare(site)
    site.root.joinpath("mkdocs.yml").write_text(yaml.safe_dump(site.mkdocs_config(), sort_keys=False,
                                                               allow_unicode=True), encoding="utf-8")
    folder = cache / f"{name}-{inputs_key(site.root)}"
    record = folder / "result.json"
    with FileLock(str(folder) + ".lock"):
        if not record.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            site.root.rename(folder / "project")
            site.root = folder / "project"
            result = build(site)
            record.write_text(json.dumps({"returncode": result.returncode, "output": result.output}),
                              encoding="utf-8")
    shutil.rmtree(scratch, ignore_errors=True)
    stored = json.loads(record.read_text(encoding="utf-8"))
    return BuildResult(folder / "project", stored["returncode"], stored["output"], folder / "project" / "site")
