"""The organisations and locations sheets get the same guards as the services sheet.

They share one reader (`read_sheet`) and one import loop (`_import_rows`) with it,
so a hostile sheet is a problem with its row and column, never a traceback, and
no row is written through a link out of the project.
"""

from __future__ import annotations

import os
from pathlib import Path

from signpost.commands.import_services import import_places_text
from signpost.model.service_csv import read_place_rows

ROOT = Path(__file__).resolve().parent.parent
LOCATION_HEADER = "slug,name,address_1,city,state_province,postal_code\n"


def test_location_import_never_writes_through_a_link_out_of_the_project(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "project" / "content" / "local-info" / "locations"
    folder.mkdir(parents=True)
    os.symlink(outside / "victim.md", folder / "victim.md")
    sheet = LOCATION_HEADER + "victim,Victim Hall,1 Canal Road,Riverside,England,RV3 2DL\n" \
                              "good-hut,Good Hut,2 Canal Road,Riverside,England,RV3 2DL\n"
    result = import_places_text("location", sheet, folder, ROOT / "data", update=True)
    assert [(p.row, p.column) for p in result.problems] == [(2, "slug")]
    assert result.problems[0].message.startswith("not written:") and "outside" in result.problems[0].message
    assert result.rejected == [2] and result.created == ["good-hut"]
    assert list(outside.iterdir()) == []


def test_place_sheets_report_nul_broken_quotes_and_formulas_with_row_and_column():
    nul = read_place_rows("organisation", "slug,name\nx,\x00y\n")
    assert nul[1] == [] and nul[2][0].message.startswith("the file contains a NUL")
    _, rows, broken = read_place_rows("location", LOCATION_HEADER + 'x,"' + "a" * 2_000_000 + "\n")
    assert rows == [] and [(p.row, p.column) for p in broken] == [(2, "-")]
    assert broken[0].message.startswith("the row cannot be read")
    _, rows, formula = read_place_rows("organisation", 'slug,name\nok,Ok\nbad,"=HYPERLINK(""https://evil.example"")"\n')
    assert [r.slug for r in rows] == ["ok"] and [(p.row, p.column) for p in formula] == [(3, "name")]
