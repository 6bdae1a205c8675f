"""What CI shows people: `signpost check --format github` annotations and the owners' digest."""

from __future__ import annotations

import json

from sitebuilder import page
from signpost.annotations import github_annotation
from signpost.findings import error, warning
from signpost.freshness.digest import owner_digest


def test_check_prints_one_github_annotation_per_finding_at_the_file_and_line(fixture_site):
    fixture_site.write("index.md", page("Home", "Welcome."))
    fixture_site.write("broken.md", "---\ntitle: Broken\nlast_reviewed: 2026-02-31\n---\n\n# Broken\n\nText.\n")
    run = fixture_site.signpost("check", "--format", "github")
    assert run.returncode == 1
    lines = [line for line in run.stdout.splitlines() if line]
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines)
    broken = [line for line in lines if "file=content/broken.md" in line]
    assert broken and any(",line=3," in line and "last_reviewed" in line for line in broken), broken
    assert json.loads(fixture_site.signpost("check", "--format", "json").stdout)   # the other formats still work


def test_annotations_cannot_be_split_or_forged_by_a_message():
    finding = error("content/a,b:c.md", "50% done\n::error file=x.md::forged", line=4, field="title",
                    hint="write a real title")
    line = github_annotation(finding)
    # One line: a newline in the message cannot start a second (forged) workflow command.
    assert "\n" not in line and "\r" not in line
    assert line == ("::error file=content/a%2Cb%3Ac.md,line=4,title=signpost content%3A title::"
                    "50%25 done%0A::error file=x.md::forged%0Afix: write a real title")
    assert github_annotation(warning("content/x.md", "hm")).startswith("::warning file=content/x.md,title=")


FRESHNESS = {
    "today": "2026-12-01",
    "items": [
        {"kind": "page", "file": "content/a.md", "title": "Housing", "owner": "housing@example.org",
         "review_by": "2026-11-20", "status": "overdue", "days_left": -11},
        {"kind": "service", "file": "content/local-info/services/bus.md", "title": "Youth bus | <b>free</b>",
         "owner": "directory@example.org", "review_by": "2026-12-15", "status": "due", "days_left": 14},
        {"kind": "page", "file": "content/b.md", "title": "[Click](https://evil.example) `x`",
         "owner": "housing@example.org", "review_by": "2026-12-31", "status": "fresh", "days_left": 30},
        {"kind": "page", "file": "content/later.md", "title": "Later", "owner": "housing@example.org",
         "review_by": "2027-03-01", "status": "fresh", "days_left": 90},
    ],
}


def test_the_digest_lists_overdue_and_due_within_30_days_by_owner_soonest_first():
    digest = owner_digest(FRESHNESS)
    assert digest.startswith("# Pages and services to review (2026-12-01)")
    assert "**1 overdue**, 2 due in the next 30 days" in digest
    housing, directory = digest.index("## housing@example.org"), digest.index("## directory@example.org")
    assert housing < directory                                    # the owner with the overdue page first
    assert digest.index("**overdue** by 11 days") < digest.index("in 30 days")
    assert "content/later.md" not in digest


def test_the_digest_escapes_titles_so_they_cannot_add_cells_links_or_html():
    digest = owner_digest(FRESHNESS)
    row = next(line for line in digest.splitlines() if "bus.md" in line)
    assert row.count(" | ") == 3 and "\\|" in row                  # still four cells
    assert "<b>" not in digest and "\\<b\\>" in digest
    assert "[Click](" not in digest and "\\[Click\\]" in digest


def test_digest_command_reads_the_freshness_json_and_refuses_other_input(fixture_site, tmp_path):
    source = tmp_path / "freshness.json"
    source.write_text(json.dumps(FRESHNESS), encoding="utf-8")
    out = tmp_path / "digest.md"
    run = fixture_site.signpost("report", "digest", "--from", str(source), "--output", str(out))
    assert run.returncode == 0 and run.stdout == out.read_text(encoding="utf-8") == owner_digest(FRESHNESS)
    source.write_text("[1, 2]", encoding="utf-8")
    bad = fixture_site.signpost("report", "digest", "--from", str(source))
    assert bad.returncode == 2 and "is not `signpost report freshness --json` output" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_digest_of_a_real_project_matches_its_freshness_report(fixture_site):
    fixture_site.write("index.md", page("Home", "Welcome.", last_reviewed="2026-05-01", review_every="P6M"))
    fixture_site.write("fine.md", page("Fine", "Text.", last_reviewed="2026-11-20"))
    report = json.loads(fixture_site.signpost("report", "freshness", "--json", today="2026-11-22").stdout)
    run = fixture_site.signpost("report", "digest", today="2026-11-22")
    assert run.returncode == 0
    assert run.stdout == owner_digest(report)
    assert "content/index.md" in run.stdout and "content/fine.md" not in run.stdout
