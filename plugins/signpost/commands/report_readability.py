"""`signpost report readability`: reading ease and sentence length of every English page."""

from __future__ import annotations

import json
from pathlib import Path

from signpost.accessibility.readability import ReadabilitySettings, measure, paragraphs_from_html
from signpost.commands._project import load_project_model
from signpost.commands._today import stops_on_bad_today
from signpost.engine.mkdocs.markdown_messages import render_page
from signpost.engine.mkdocs.project import plugin_options


@stops_on_bad_today
def run(args) -> int:
    model = load_project_model(args.content, args.data)
    settings = _settings(Path(args.config))
    rows = [_measure_page(meta, settings, model.settings) for meta in model.pages.values()]
    rows.sort(key=lambda row: (row["reading_ease"] is None, row["reading_ease"] or 0, row["file"]))
    if args.json:
        print(json.dumps({"settings": settings.__dict__, "pages": rows}, indent=2, ensure_ascii=False))
    else:
        print(_table(rows, settings))
    return 0


def _measure_page(meta, settings, project) -> dict:
    html = render_page(meta.body, project)  # with the site's own Markdown extensions
    # A bare fragment, no theme around it: its body is the content.
    result = measure(paragraphs_from_html(html), "en", settings)
    ease = result.reading_ease
    problems = len(result.long_sentences) + len(result.long_paragraphs) + \
        (1 if ease is not None and ease < settings.min_reading_ease else 0)
    return {
        "file": meta.file, "title": meta.title, "words": result.words, "sentences": result.sentences,
        "words_per_sentence": round(result.words_per_sentence, 1), "reading_ease": ease,
        "long_sentences": len(result.long_sentences), "long_paragraphs": len(result.long_paragraphs),
        "exempt": meta.readability_exempt,
        "status": "exempt" if meta.readability_exempt else ("check" if problems else "ok"),
    }


def _table(rows: list[dict], settings) -> str:
    header = ("Page", "Words", "Sentences", "Words/sentence", "Reading ease", "Long sentences", "Long paragraphs",
              "Status")
    lines = [header] + [(
        row["file"], str(row["words"]), str(row["sentences"]), f"{row['words_per_sentence']:.1f}",
        "-" if row["reading_ease"] is None else f"{row['reading_ease']:.1f}", str(row["long_sentences"]),
        str(row["long_paragraphs"]), row["status"] + (f" ({row['exempt']})" if row["exempt"] else ""),
    ) for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    text = []
    for number, line in enumerate(lines):
        cells = [cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line[:-1])]
        text.append("  ".join(cells + [line[-1]]))
        if number == 0:
            text.append("  ".join("-" * w for w in widths) + "  ------")
    checked = [row for row in rows if row["reading_ease"] is not None]
    average = sum(row["reading_ease"] for row in checked) / len(checked) if checked else 0
    text.append("")
    text.append(f"{len(rows)} English pages; {sum(1 for r in rows if r['status'] == 'check')} to check; average "
                f"reading ease {average:.1f} (aim: {settings.min_reading_ease:g} or more; pages under "
                f"{settings.min_words_for_reading_ease} words have no score); sentences over "
                f"{settings.max_sentence_words} words and paragraphs over {settings.max_paragraph_sentences} "
                "sentences are counted. Translated pages get the length rules in the build.")
    return "\n".join(text)


def _settings(config_file):
    """The signpost/accessibility limits from mkdocs.yml (read by MkDocs itself), or the defaults."""
    options = plugin_options(config_file, "signpost/accessibility")
    known = ReadabilitySettings.__dataclass_fields__
    return ReadabilitySettings(**{k: v for k, v in options.items() if k in known})
