"""XLSX and zip writing (exports/writers.py): safe cells, numbers as numbers, the workbook.
The CSV writer itself is tested in tests/test_presentation_tables.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from core.settings import DEFAULTS
from exports.build import build_export
from exports.writers import zip_bytes
from pipelines.store import connect_readonly, writer
from tests.fixture_org import MAIN

GENERATED_AT = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
HOSTILE_TEAM = '=HYPERLINK("http://example.invalid","click")'


def test_zip_entries_carry_the_given_time_so_bytes_repeat() -> None:
    moment = dt.datetime(2026, 7, 1, 9, 0)
    files = {"a.csv": b"x\n", "b.csv": b"y\n"}
    assert zip_bytes(files, moment) == zip_bytes(files, moment)
    assert zip_bytes(files, moment) != zip_bytes(files, moment.replace(minute=1))


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One team and course whose names a spreadsheet would run as formulas."""
    path = tmp_path_factory.mktemp("hostile") / "c.duckdb"
    with writer(path) as con:
        con.execute(
            "insert into teams (team_id, team_name, directorate, active) values (?, ?, ?, true)",
            ["@EVIL", HOSTILE_TEAM, "+Directorate"],
        )
        con.execute(
            "insert into staff (staff_id, team_id, role, name, is_decision_maker, start_date)"
            " values ('S1', '@EVIL', 'Officer', '-Sam', false, '2020-01-01')"
        )
        con.execute(
            "insert into courses (course_id, title, refresh_months, required_for, ico_step)"
            " values ('C1', '\tTabbed course', 12, 'all', 1)"
        )
    return path


def test_formula_text_is_shown_not_run_in_csv_and_xlsx(hostile_db: Path) -> None:
    con = connect_readonly(hostile_db)
    files = build_export(
        con,
        MAIN,
        external=False,
        formats={"csv", "xlsx"},
        generated_at=GENERATED_AT,
        settings=DEFAULTS,
    )
    con.close()
    summary = files["team_summary.csv"].decode("utf-8-sig").splitlines()
    assert summary[1] == (
        '\'@EVIL,"\'=HYPERLINK(""http://example.invalid"",""click"")",\'+Directorate,yes,red,'
        ",0,0,no data,0,0,1,red,0,,0,,0,no data"
    )
    overdue = files["overdue_training.csv"].decode("utf-8-sig").splitlines()
    assert next(csv.reader([overdue[1]]))[2:5] == ["S1", "'-Sam", "Officer"]
    book = openpyxl.load_workbook(io.BytesIO(files["governance_summaries_internal.xlsx"]))
    row = next(book["Team summary"].iter_rows(min_row=2, max_row=2))
    assert [c.value for c in row[:3]] == ["'@EVIL", "'" + HOSTILE_TEAM, "'+Directorate"]
    assert {c.data_type for c in row[:3]} == {"s"}
    # Numbers are numbers: 0 in date of 1 required.
    assert [row[10].value, row[11].value] == [0, 1]
    assert row[9].value == 0 and row[9].data_type == "n"
    course = next(book["Training by course"].iter_rows(min_row=2, max_row=2))
    assert course[3].value == "'\tTabbed course"
    # No cell anywhere in the workbook is a formula.
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            assert all(c.data_type != "f" for c in cells)


def test_a_control_character_a_sheet_cannot_hold_is_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "c.duckdb"
    with writer(path) as con:
        con.execute(
            "insert into teams (team_id, team_name, directorate) "
            "values ('A', 'Al' || chr(1) || 'pha', 'D')"
        )
    con = connect_readonly(path)
    files = build_export(
        con,
        MAIN,
        external=False,
        formats={"csv", "xlsx"},
        generated_at=GENERATED_AT,
        settings=DEFAULTS,
    )
    con.close()
    # The CSV keeps the character; the workbook (XML 1.0) cannot, so it shows U+FFFD.
    team = files["team_summary.csv"].decode("utf-8-sig").splitlines()[1]
    assert team.startswith("A,Al\x01pha,D,yes,")
    book = openpyxl.load_workbook(io.BytesIO(files["governance_summaries_internal.xlsx"]))
    assert book["Team summary"]["B2"].value == "Al\ufffdpha"


@pytest.fixture(scope="module")
def workbooks(fixture_db: Path) -> dict[bool, openpyxl.Workbook]:
    con = connect_readonly(fixture_db)
    books = {}
    for external in (False, True):
        files = build_export(
            con,
            MAIN,
            external=external,
            formats={"xlsx"},
            generated_at=GENERATED_AT,
            settings=DEFAULTS,
        )
        name = "governance_summaries_" + ("external" if external else "internal") + ".xlsx"
        assert list(files) == ["manifest.csv", name]
        books[external] = openpyxl.load_workbook(io.BytesIO(files[name]))
    con.close()
    return books


def test_workbook_has_a_cover_sheet_then_one_sheet_per_summary(
    workbooks: dict[bool, openpyxl.Workbook],
) -> None:
    assert workbooks[False].sheetnames == [
        "About",
        "Team summary",
        "Sharing by month",
        "Training by course",
        "Policy coverage by step",
        "Record gaps",
        "ICO steps",
        "ICO steps by month",
        "Overdue training",
    ]
    # Staff-level lists never go outside the organisation.
    assert "Overdue training" not in workbooks[True].sheetnames
    about = workbooks[True]["About"]
    values = {r[0]: r[1] for r in about.iter_rows(values_only=True) if r and r[0]}
    assert about["A1"].value == (
        "Northbridge City Council: Sharing information to safeguard children: governance summaries"
    )
    assert values["audience"] == "external"
    assert values["period_start"] == "2025-07-01"
    assert values["as_of"] == "2026-06-30"
    assert values["generated_at"] == "2026-07-01T09:00:00+00:00"
    assert values["tool_version"] == "0.1.0"
    # The column guide is on the cover too: every sheet's columns, with their meaning.
    guide = {(r[0], r[1]) for r in about.iter_rows(values_only=True) if r and len(r) > 2 and r[2]}
    assert ("Team summary", "training_rag") in guide
    assert ("Record gaps", "no_purpose") in guide


def test_sheets_have_frozen_headers_filters_and_sized_columns(
    workbooks: dict[bool, openpyxl.Workbook],
) -> None:
    book = workbooks[False]
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet["A1"].font.bold, sheet.title
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + str(
            sheet.max_row
        )
    team = book["Team summary"]
    # team_name: the longest value, "Multi-agency safeguarding hub" (29), plus 2.
    assert team.column_dimensions["B"].width == 31
    # policies_in_place: its header (17) + 3 for the filter button + 2.
    assert team.column_dimensions["G"].width == 22


def test_cells_keep_their_types(workbooks: dict[bool, openpyxl.Workbook]) -> None:
    internal = workbooks[False]["Team summary"]
    assert [c.value for c in internal[2]][:9] == [
        "CP-N",
        "Child protection north",
        "Children's Social Care",
        "yes",
        "red",
        50,
        2,
        4,
        "red",
    ]
    assert internal["Q4"].value == 57.1  # MASH: 4 of 7 complete records
    external = workbooks[True]["Team summary"]
    assert [c.value for c in external[2]][9:12] == ["c", "c", "c"]
    overdue = workbooks[False]["Overdue training"]
    assert overdue["I2"].value == dt.datetime(2024, 6, 1)
    assert overdue["I2"].number_format == "yyyy-mm-dd"
    assert overdue["I5"].value is None  # never trained: no pass
