"""The one CSV writer (presentation/tables.py): safe cells, numbers as numbers, the exact bytes
of a page's download and of an export file."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from presentation.tables import cell_text, csv_bytes, safe_text

HOSTILE_TEAM = '=HYPERLINK("http://example.invalid","click")'


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2 pts", "'-2 pts"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Multi-agency hub", "Multi-agency hub"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_is_neutralised(text: str, written: str) -> None:
    assert safe_text(text) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (-5, "-5"),
        (-2.5, "-2.5"),
        (62.5, "62.5"),
        (60.0, "60"),
        (0, "0"),
        (None, ""),
        (True, "yes"),
        (dt.date(2026, 6, 30), "2026-06-30"),
        ("c", "c"),
        ("-5", "'-5"),
        ("-5 days", "'-5 days"),
    ],
)
def test_numbers_stay_numbers_and_text_stays_text(value: object, written: str) -> None:
    assert cell_text(value) == written


def test_csv_quotes_and_neutralises() -> None:
    data = csv_bytes(["name", "n"], [[HOSTILE_TEAM, -3], ["O'Neil, Jo", 1.5]])
    assert data.decode("utf-8-sig") == (
        'name,n\n"\'=HYPERLINK(""http://example.invalid"",""click"")",-3\n"O\'Neil, Jo",1.5\n'
    )


def test_csv_is_exactly_the_rows_and_columns_shown() -> None:
    shown = pd.DataFrame(
        {
            "Team": ["Family help", "Child protection north"],
            "Coverage": ["100 % (1 of 1)", "50 % (2 of 4)"],
            "Status": ["● Green", "■ Red"],
            "Attested on": [dt.date(2025, 10, 1), None],
        }
    )
    assert (
        csv_bytes(shown)
        == (
            "\ufeffTeam,Coverage,Status,Attested on\n"
            "Family help,100 % (1 of 1),● Green,2025-10-01\n"
            "Child protection north,50 % (2 of 4),■ Red,\n"
        ).encode()
    )


def test_a_frame_keeps_pandas_numbers_and_dates_and_neutralises_only_text() -> None:
    shown = pd.DataFrame(
        {
            "Team": [HOSTILE_TEAM, "-2+3", None],
            "Change": ["-2.5 pts", "+3.0 pts", "no change"],
            "Days left": [-3, 0, 12],
            "Share": [-2.5, 60.0, float("nan")],
            "Due": pd.to_datetime(["2026-06-30", "2026-07-01", None]),
            "Active": [True, False, True],
        }
    )
    # Text cells get the apostrophe; numbers (-3, -2.5), dates and booleans are written as
    # pandas writes them (60.0, not 60; True, not yes), as the pages' downloads always were.
    assert csv_bytes(shown).decode("utf-8-sig") == (
        "Team,Change,Days left,Share,Due,Active\n"
        '"\'=HYPERLINK(""http://example.invalid"",""click"")",\'-2.5 pts,-3,-2.5,2026-06-30,True\n'
        "'-2+3,'+3.0 pts,0,60.0,2026-07-01,False\n"
        ",no change,12,,,True\n"
    )


def test_a_frame_without_formulas_is_written_as_pandas_writes_it() -> None:
    shown = pd.DataFrame(
        {
            "Name": ['Jo "JJ" O\'Neil', "Smith, Al", "two\nlines", ""],
            "Score": [1.5, 2.0, 0.25, 1e-07],
            "When": pd.to_datetime(
                ["2026-06-30 09:30", None, "2026-01-01 00:00", "2026-01-02 00:00"]
            ),
            "Count": pd.array([1, None, 3, 4], dtype="Int64"),
        }
    )
    assert csv_bytes(shown) == shown.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def test_column_names_from_data_are_neutralised() -> None:
    # A pivot's columns are course titles or team names: data, not labels chosen in code.
    shown = pd.DataFrame({"Team": ["Hub"], "=1": ["■ 0 %"], "-Course": ["not required"], 7: [1]})
    assert csv_bytes(shown).decode("utf-8-sig") == (
        "Team,'=1,'-Course,7\nHub,■ 0 %,not required,1\n"
    )


@pytest.mark.parametrize("table", ["rows", "frame"])
def test_a_carriage_return_inside_a_cell_cannot_start_a_row(table: str) -> None:
    # Unquoted, a lone CR ends the row in a spreadsheet and `=1+1` would start the next one.
    name = "Sam\r=1+1"
    data = (
        csv_bytes(pd.DataFrame({"name": [name], "n": [1]}))
        if table == "frame"
        else csv_bytes(["name", "n"], [[name, 1]])
    )
    assert data.decode("utf-8-sig") == 'name,n\n"Sam\r=1+1",1\n'
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) == [
        ["name", "n"],
        ["Sam\r=1+1", "1"],
    ]


def test_an_empty_frame_is_its_header() -> None:
    assert csv_bytes(pd.DataFrame({"Team": [], "n": []})) == "\ufeffTeam,n\n".encode()
