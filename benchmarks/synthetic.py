"""A seeded synthetic signpost project for `make bench`: the real site plus N pages and S services.

Why the real site is the base: the build enforces site-wide rules (every
required topic and standard covered, every registry term used), so a corpus
of invented pages alone would fail the build before it measured anything.
The real pages, services, registries and catalogs are copied; synthetic topic
pages (front matter, headings, lists, tables, links, images with alt text)
and copies of the real services are added until the site has N pages and S
services; then the catalogs are extracted and a seeded share of the new
messages is translated, another share left fuzzy, the rest untranslated.

Same seed, same corpus: the figures of two runs are comparable.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026
TODAY = "2026-12-01"
LANGUAGES = ("pl", "ro", "pa", "ur")
# Shares of the synthetic pages' messages, per language.
TRANSLATED, FUZZY = 0.5, 0.15
#: The synthetic pages go in folders of this many (`bench/part-000/`, ...), each a section of the
#: menu, as a real site's pages are (this one's largest folder holds 48 pages, the others 1-19).
#: BENCH_SECTION_PAGES=0 puts them all in one section, as up to stop 25: then the stock theme's
#: menu grows with pages x pages in the bare build, and the full/bare ratio and the exponent say
#: more about a 1,600-page menu section than about signpost (docs/PERFORMANCE.md, "Stop 26").
SECTION_PAGES = int(os.environ.get("BENCH_SECTION_PAGES", "40") or 0)

WORDS = ("help advice young people school college work money home family friends health safe talk "
         "support group centre free private call visit open week day time plan choice right need "
         "learn job course skill form letter benefit rent room food sleep feel stress worry fun sport "
         "music art club team trip travel bus train card phone email online page list step").split()
ONE_PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360"
    "f8cfc0f01f0005fe02fea7d6a0640000000049454e44ae426082")


@dataclass
class Corpus:
    """Where a generated project is and what it holds."""

    root: Path
    pages: int
    services: int


def generate(target: Path, pages: int, services: int, *, seed: int = SEED,
             section_pages: int = SECTION_PAGES) -> Corpus:
    """Write a project with `pages` pages and `services` services into `target` (emptied first)."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    _copy_real_project(target)
    real_pages = len(list((target / "content").rglob("*.md"))) - len(_service_files(target))
    topics = _topic_ids()
    synthetic = [(f"bench/part-{number // section_pages:03d}/" if section_pages else "bench/") + f"page-{number:04d}.md"
                 for number in range(max(0, pages - real_pages))]
    (target / "content/bench/images").mkdir(parents=True, exist_ok=True)
    (target / "content/bench/images/sign.png").write_bytes(ONE_PIXEL_PNG)
    for index, path in enumerate(synthetic):
        links = rng.sample(synthetic, k=min(3, len(synthetic)))
        (target / "content" / path).parent.mkdir(exist_ok=True)
        (target / "content" / path).write_text(_page_text(rng, index, topics, links, path), encoding="utf-8")
    _clone_services(target, services, rng)
    _extract_and_translate(target, rng, {f"content/{path}" for path in synthetic})
    return Corpus(target, max(pages, real_pages), services)


# Project copy --------------------------------------------------------------------------------------

def _copy_real_project(target: Path) -> None:
    target.mkdir(parents=True)
    for folder in ("content", "data", "translations"):
        shutil.copytree(ROOT / folder, target / folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: plugins/signpost/theme", f"custom_dir: {ROOT}/plugins/signpost/theme")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")


def _service_files(project: Path) -> list[Path]:
    return sorted((project / "content/local-info/services").glob("*.md"))


def _topic_ids() -> list[str]:
    topics = yaml.safe_load((ROOT / "data/topics.yml").read_text(encoding="utf-8"))
    entries = topics.get("topics", topics) if isinstance(topics, dict) else topics
    if isinstance(entries, dict):
        return sorted(entries)
    return sorted(str(entry["id"]) for entry in entries if isinstance(entry, dict) and "id" in entry)


# Pages ---------------------------------------------------------------------------------------------

def _sentence(rng: random.Random, low: int = 6, high: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))


def _page_text(rng: random.Random, index: int, topics: list[str], links: list[str], path: str) -> str:
    title = f"{_sentence(rng, 2, 4)[:-1]} {index}"
    front = {
        "title": title,
        "description": _sentence(rng, 8, 14),
        "topics": rng.sample(topics, k=min(2, len(topics))),
        "last_reviewed": f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 28):02d}",
    }
    here = Path(path).parent
    body = [f"# {title}", "", _paragraph(rng), ""]
    for section in range(rng.randint(2, 4)):
        body += [f"## {_sentence(rng, 2, 4)[:-1]}", "", _paragraph(rng), ""]
        body += [f"- {_sentence(rng, 3, 8)}" for _ in range(rng.randint(2, 5))] + [""]
        if section == 0:
            body += ["| What | When |", "| --- | --- |"]
            body += [f"| {_sentence(rng, 1, 3)[:-1]} | {rng.randint(9, 17)}:00 |" for _ in range(3)] + [""]
    body += [f"![A road sign pointing the way]({os.path.relpath('bench/images/sign.png', here)})", ""]
    body += [f"- [{_sentence(rng, 2, 4)[:-1]}]({os.path.relpath(link, here)})" for link in links] + [""]
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + "\n".join(body)


# Services ------------------------------------------------------------------------------------------

def _clone_services(project: Path, wanted: int, rng: random.Random) -> None:
    """Copies of the real service files with new ids and names, until there are `wanted`."""
    originals = _service_files(project)
    folder = project / "content/local-info/services"
    for number in range(max(0, wanted - len(originals))):
        source = rng.choice(originals)
        text = source.read_text(encoding="utf-8")
        slug = f"bench-{number:04d}-{source.stem}"
        text = re.sub(r"(?m)^id: .*$", f"id: {uuid.uuid5(uuid.NAMESPACE_URL, 'bench/' + slug)}", text, count=1)
        # The name may be quoted YAML: read it, then write it back as a JSON string (valid YAML).
        text = re.sub(r"(?m)^name: (.*)$", lambda m: f"name: {json.dumps(f'{yaml.safe_load(m.group(1))} {number}')}",
                      text, count=1)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")


# Catalogs ------------------------------------------------------------------------------------------

def _extract_and_translate(project: Path, rng: random.Random, synthetic: set[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "signpost.cli", "translations", "extract"], cwd=project,
                            env={**os.environ, "SIGNPOST_TODAY": TODAY}, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: translations extract failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    for language in LANGUAGES:
        for po_file in sorted((project / "translations" / language / "bench").rglob("*.po")):
            _fill_catalog(po_file, language, rng)


def _fill_catalog(po_file: Path, language: str, rng: random.Random) -> None:
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    for message in catalog:
        if not message.id or message.string:
            continue
        roll = rng.random()
        if roll < TRANSLATED + FUZZY:
            message.string = _pseudo_translation(str(message.id), language)
            if roll >= TRANSLATED:
                message.flags.add("fuzzy")
    with po_file.open("wb") as handle:
        write_po(handle, catalog, width=76)


_PLAIN_WORD = re.compile(r"(?<![\w/.#@:-])[A-Za-z]{3,}(?![\w/.@:-])")


def _pseudo_translation(text: str, language: str) -> str:
    """Every plain word marked with the language; links, numbers and addresses untouched."""
    return _PLAIN_WORD.sub(lambda match: f"{match.group(0)}-{language}", text)
