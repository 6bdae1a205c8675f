"""`signpost import services.csv [--update]`: service files from a spreadsheet;
`signpost import --oruk SOURCE [--update] [--dry-run]`: from an Open Referral UK feed.

ORUK: SOURCE is a JSON file, a folder of them, or the base URL of a live ORUK
API. Service, organisation and location files are written only when every one
of them passes the checks the build makes; otherwise nothing is written. See
docs/open-data.md ("Importing from an ORUK feed").

Every bad row is reported with its row number and column and nothing is
written for it. A service file that already exists is never overwritten,
unless `--update` is given; then only the fields whose columns are in the CSV
change, and the rest of the file (other fields, comments, the description when
there is no `description` column) is kept. The header is documented in
docs/directory.md.
"""

from __future__ import annotations

import csv
import re
import sys
import uuid
from pathlib import Path

from signpost.commands._today import stops_on_bad_today
from signpost.model.frontmatter import parse_document
from signpost.model.service_csv import CsvProblem, read_place_rows, read_rows, sheet_kind
from signpost.model.service_files import place_file_text, service_file_text, update_file_text
from signpost.model.service_oruk_feed import FeedError, read_feed
from signpost.model.service_oruk_import import plan_import, write_plan
from signpost.model.service_places import LOCATIONS_DIR, ORGANISATIONS_DIR, validate_place_meta
from signpost.model.service_schema import normalise_times, validate_service_meta
from signpost.model.services import SERVICES_DIR, load_vocabulary
from signpost.safety.limits import MAX_CSV_BYTES, size_problem
from signpost.safety.paths import outside_folder_problem
from signpost.today import today


@stops_on_bad_today
def run(args) -> int:
    if args.oruk:
        return import_oruk(args)
    if args.csv is None:
        print("signpost: give a CSV file, or --oruk SOURCE", file=sys.stderr)
        return 2
    try:
        too_big = size_problem(args.csv.stat().st_size, MAX_CSV_BYTES, "spreadsheet")
        if too_big:
            print(f"signpost: {args.csv}: {too_big}", file=sys.stderr)
            return 2
        text = args.csv.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as problem:
        print(f"signpost: cannot read {args.csv}: {problem}", file=sys.stderr)
        return 2
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    kind = args.sheet or sheet_kind([c.strip() for c in next(csv.reader([first_line]), [])])
    if kind == "service":
        result = import_text(text, Path(args.content) / SERVICES_DIR, Path(args.data), update=args.update,
                             dry_run=args.dry_run)
    else:
        folder = ORGANISATIONS_DIR if kind == "organisation" else LOCATIONS_DIR
        result = import_places_text(kind, text, Path(args.content) / folder, Path(args.data),
                                    update=args.update, dry_run=args.dry_run)
    for problem in result.problems:
        print(f"{args.csv}:{problem.row}: column {problem.column}: {problem.message}", file=sys.stderr)
    for slug in result.skipped:
        print(f"signpost: {slug}.md already exists; left unchanged (use --update to change it)", file=sys.stderr)
    print(f"signpost: {len(result.created)} created, {len(result.updated)} updated, "
          f"{len(result.skipped)} skipped, {len(result.rejected)} rows rejected"
          + (" (dry run: nothing written)" if args.dry_run else ""), file=sys.stderr)
    return 1 if result.problems else 0


def import_oruk(args) -> int:
    """Read the feed, plan every file, write only if nothing is wrong (or nothing at all with --dry-run)."""
    vocabulary, _ = load_vocabulary(Path(args.data))
    unknown = [c for c in args.category if c not in vocabulary.categories]
    if unknown:
        print(f"signpost: unknown category {', '.join(unknown)}; choose from: "
              + ", ".join(sorted(vocabulary.categories)), file=sys.stderr)
        return 2
    try:
        records = read_feed(args.oruk, timeout=args.timeout)
    except FeedError as problem:
        print(f"signpost: {problem}", file=sys.stderr)
        return 1
    if not records:
        print(f"signpost: {args.oruk}: no ORUK service records found", file=sys.stderr)
        return 1
    plan = plan_import(records, Path(args.content), Path(args.data), update=args.update,
                       default_categories=tuple(args.category), default_owner=args.owner)
    for note in plan.notes:
        print(f"signpost: note: {note}", file=sys.stderr)
    for path in plan.skipped:
        print(f"signpost: {path} already exists; left unchanged (use --update to change it)", file=sys.stderr)
    if plan.problems:
        for problem in plan.problems:
            print(f"signpost: error: {problem}", file=sys.stderr)
        print(f"signpost: {len(plan.problems)} problems; nothing was written", file=sys.stderr)
        return 1
    changed = [f for f in plan.files if f.changed]
    if args.dry_run:
        sys.stdout.write(plan.diff(Path(args.content).parent))
    else:
        write_plan(plan)
    created = sum(1 for f in changed if f.old_text is None)
    print(f"signpost: {len(records)} services read; {created} files created, {len(changed) - created} updated, "
          f"{len(plan.files) - len(changed)} unchanged, {len(plan.skipped)} skipped"
          + (" (dry run: nothing written)" if args.dry_run else ""), file=sys.stderr)
    return 0


class ImportResult:
    def __init__(self) -> None:
        self.created: list[str] = []
        self.updated: list[str] = []
        self.skipped: list[str] = []
        self.rejected: list[int] = []
        self.problems: list = []


def import_text(text: str, folder: Path, data_dir: Path, *, update: bool = False, dry_run: bool = False
                ) -> ImportResult:
    """Check every row, then write the good ones (MkDocs-free; the CLI and tests call it)."""
    vocabulary, _ = load_vocabulary(data_dir)
    seen_ids: dict[str, int] = {}

    def id_problems(row) -> list[CsvProblem]:
        row_id = row.meta.get("id")
        problems = []
        if row_id and row_id in seen_ids:
            problems.append(CsvProblem(row.row, "id", f"the id is also on row {seen_ids[row_id]}"))
        if row_id:
            seen_ids.setdefault(row_id, row.row)
        return problems

    def file_text(row, target: Path, exists: bool, row_problems: list) -> str | None:
        if not row.slug:
            return None
        if exists:
            old_text = target.read_text(encoding="utf-8")
            old, _ = parse_document(old_text, str(target))
            return update_file_text(old_text, row.merged_with(old.meta if old else {}), row.body)
        meta = {key: value for key, value in row.meta.items() if value not in (None, "", [])}
        if meta.get("locations"):
            meta["locations"] = [loc for loc in meta["locations"] if loc]
        meta.setdefault("id", str(uuid.uuid4()))
        meta.setdefault("last_reviewed", today().isoformat())
        return service_file_text(meta, row.body or "")

    def file_problems(row, document, target: Path) -> list[CsvProblem]:
        normalise_times(document.meta)
        return [CsvProblem(row.row, column_of(finding.field), finding.message)
                for finding in validate_service_meta(document.meta, {}, str(target),
                                                     categories=vocabulary.categories,
                                                     accessibility=vocabulary.accessibility,
                                                     languages=vocabulary.languages, today=today())]

    return _import_rows(read_rows(text), folder, file_text, file_problems, row_checks=id_problems, update=update,
                        dry_run=dry_run)


def import_places_text(kind: str, text: str, folder: Path, data_dir: Path, *, update: bool = False,
                       dry_run: bool = False) -> ImportResult:
    """The organisations or locations sheet: check every row, then write the good ones."""
    vocabulary, _ = load_vocabulary(data_dir)

    def file_text(row, target: Path, exists: bool, row_problems: list) -> str | None:
        if row_problems:
            return None
        if exists:
            changes = {k: v for k, v in row.meta.items() if k != "id" or v}
            return update_file_text(target.read_text(encoding="utf-8"), changes, row.body)
        meta = {k: v for k, v in row.meta.items() if v not in (None, "", [])}
        meta.setdefault("id", str(uuid.uuid4()))
        return place_file_text(kind, meta, row.body or "")

    def file_problems(row, document, target: Path) -> list[CsvProblem]:
        return [CsvProblem(row.row, finding.field or "-", finding.message)
                for finding in validate_place_meta(kind, document.meta, document.key_lines, str(target),
                                                   document.body, set(vocabulary.accessibility))]

    return _import_rows(read_place_rows(kind, text), folder, file_text, file_problems, update=update,
                        dry_run=dry_run)


def _import_rows(sheet, folder: Path, file_text, file_problems, *, row_checks=lambda row: [], update: bool,
                 dry_run: bool) -> ImportResult:
    """What every sheet's import shares: one bad header rejects the sheet; a row is written only when it and
    the file it makes pass every check; an existing file only with --update; nothing through a link out of
    the project; and nothing at all before every row is checked.

    `file_text(row, target, exists, problems)` makes the file's text (None: do not make it);
    `file_problems(row, document, target)` checks the file as the build would.
    """
    _header, rows, problems = sheet
    result = ImportResult()
    result.problems += problems
    if any(p.row == 1 for p in problems):
        result.rejected = [row.row for row in rows]
        return result
    seen_slugs: dict[str, int] = {}
    pending: list[tuple[Path, str, str]] = []
    for row in rows:
        row_problems = list(row.problems)
        if row.slug in seen_slugs:
            row_problems.append(CsvProblem(row.row, "slug", f"`{row.slug}` is also on row {seen_slugs[row.slug]}"))
        seen_slugs.setdefault(row.slug, row.row)
        row_problems += row_checks(row)
        target = folder / f"{row.slug}.md"
        unsafe = outside_folder_problem(target, _project_root(folder))
        if unsafe:  # a symbolic link in the folder: never written through (docs/security.md)
            result.problems.append(CsvProblem(row.row, "slug", f"not written: {unsafe}"))
            result.rejected.append(row.row)
            continue
        exists = target.exists()
        if exists and not update:
            result.skipped.append(row.slug)
            continue
        new_text = file_text(row, target, exists, row_problems)
        if new_text is not None:
            document, parse_problems = parse_document(new_text, str(target))
            if document is None:
                row_problems += [CsvProblem(row.row, "-", p.message) for p in parse_problems]
            else:
                row_problems += file_problems(row, document, target)
        if row_problems:
            result.problems += row_problems
            result.rejected.append(row.row)
            continue
        pending.append((target, new_text, "updated" if exists else "created"))
    for target, new_text, change in pending:
        if not dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new_text, encoding="utf-8")
        (result.updated if change == "updated" else result.created).append(target.stem)
    return result


def column_of(field: str | None) -> str:
    """The CSV column a service field comes from: phones[0].number -> phones, locations[1].schedules[0] ->
    location2_schedules, locations[1].location -> location2."""
    if not field:
        return "-"
    match = re.match(r"locations\[(\d+)\](?:\.(\w+))?", field)
    if match:
        number = int(match.group(1)) + 1
        return f"location{number}_schedules" if match.group(2) == "schedules" else f"location{number}"
    return re.split(r"[\[.]", field)[0]


def _project_root(records_folder: Path) -> Path:
    """The project folder: the one holding content/ (records live in content/local-info/<services|...>)."""
    return Path(records_folder).absolute().parents[len(Path(SERVICES_DIR).parts)]
