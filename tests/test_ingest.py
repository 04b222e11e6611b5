"""Ingestion: every rule on small files written here, with exact expected rows and messages."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import duckdb
import openpyxl
import pytest

from pipelines.ingest import files_in_order, ingest
from pipelines.pseudonym import KEY_ENV, key_path, pseudonymise

TEAMS = (
    "team_id,team_name,directorate\nMASH,Front door,Social care\nCP,Child protection,Social care\n"
)
STAFF = (
    "staff_id,team_id,role,is_decision_maker,start_date\n"
    "S1,MASH,Social worker,yes,2024-02-01\n"
    "S2,CP,Team manager,no,01/02/2024\n"
)
COURSES = "course_id,title,refresh_months,required_for,ico_step\nDP,Data protection,12,all,1\n"
POLICIES = (
    "policy_id,title,ico_step,version,approved_on,review_due\n"
    "P1,Information sharing,3,1.0,2024-01-01,2025-01-01\n"
)
DECISION_HEADER = "decision_id,team_id,decided_at,decision,recipient_type,child_ref,reason\n"


class Run:
    """The outcome of one ingest call: exit status, stdout and stderr lines."""

    def __init__(self, paths: list[Path], db: Path, kind: str | None = None):
        out, err = io.StringIO(), io.StringIO()
        self.status = ingest(paths, db, kind=kind, out=out, err=err)
        self.out = out.getvalue().splitlines()
        self.err = err.getvalue().splitlines()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "db" / "compliance.duckdb"


@pytest.fixture
def org(tmp_path: Path, db: Path) -> Path:
    """A database holding two teams, two staff, one course and one policy."""
    folder = tmp_path / "ref"
    folder.mkdir()
    write(folder / "teams.csv", TEAMS)
    write(folder / "staff.csv", STAFF)
    write(folder / "courses.csv", COURSES)
    write(folder / "policies.csv", POLICIES)
    assert Run([folder], db).status == 0
    return db


def test_reference_files_load_with_exact_values(org: Path) -> None:
    assert query(
        org, "select team_id, team_name, directorate, active from teams order by team_id"
    ) == [
        ("CP", "Child protection", "Social care", True),
        ("MASH", "Front door", "Social care", True),
    ]
    assert query(org, "select staff_id, is_decision_maker, start_date from staff order by 1") == [
        ("S1", True, dt.date(2024, 2, 1)),
        ("S2", False, dt.date(2024, 2, 1)),
    ]
    assert query(org, "select * from courses") == [("DP", "Data protection", 12, "all", 1)]


def test_summary_and_runs_are_recorded(tmp_path: Path, db: Path) -> None:
    run = Run([write(tmp_path / "teams.csv", TEAMS)], db)
    assert run.status == 0
    assert run.err == []
    assert run.out[0] == f"{tmp_path / 'teams.csv'}: teams: 2 loaded, 0 updated, 0 refused"
    assert query(db, "select file_name, kind, rows_read, rows_loaded, status from ingest_runs") == [
        ("teams.csv", "teams", 2, 2, "loaded")
    ]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "newline"),
    [("utf-8", ",", "\n"), ("utf-8-sig", ",", "\r\n"), ("cp1252", ";", "\r\n")],
)
def test_encodings_and_delimiters(
    tmp_path: Path, db: Path, encoding: str, delimiter: str, newline: str
) -> None:
    text = newline.join(
        [
            delimiter.join(["Team ID", " TEAM_NAME ", "Directorate", "Active"]),
            delimiter.join(["EH", "Zoë’s early help", "Early help", "No"]),
            "",
        ]
    )
    assert Run([write(tmp_path / "teams.csv", text, encoding)], db).status == 0
    assert query(db, "select team_id, team_name, directorate, active from teams") == [
        ("EH", "Zoë’s early help", "Early help", False)
    ]


def test_xlsx_first_sheet_header_on_first_non_empty_row(tmp_path: Path, db: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append(["Course ID", "Title", "Refresh months", "Required for", "ICO step"])
    sheet.append(["DP", "Data protection", 12, "all", 1])
    sheet.append(["EM", "Emergencies", 0.0, "role:Team manager|team:MASH", None])
    book.create_sheet("Notes").append(["ignored"])
    book.save(tmp_path / "courses.xlsx")
    assert Run([tmp_path / "courses.xlsx"], db).status == 0
    assert query(db, "select * from courses order by course_id") == [
        ("DP", "Data protection", 12, "all", 1),
        ("EM", "Emergencies", 0, "role:Team manager|team:MASH", None),
    ]


def test_xlsx_date_cells_are_dates(tmp_path: Path, org: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["team_id", "policy_id", "status", "attested_on"])
    sheet.append(["MASH", "P1", "In_Place", dt.datetime(2024, 3, 5)])
    book.save(tmp_path / "coverage.xlsx")
    assert Run([tmp_path / "coverage.xlsx"], org).status == 0
    assert query(org, "select team_id, status, attested_on from coverage") == [
        ("MASH", "in_place", dt.date(2024, 3, 5))
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-03-31 14:05", dt.datetime(2026, 3, 31, 14, 5)),
        ("2026-03-31T14:05:09", dt.datetime(2026, 3, 31, 14, 5, 9)),
        ("31/03/2026 14:05", dt.datetime(2026, 3, 31, 14, 5)),
        ("31/03/2026 14:05:09", dt.datetime(2026, 3, 31, 14, 5, 9)),
        ("1/4/2026", dt.datetime(2026, 4, 1)),
        ("2026-04-01", dt.datetime(2026, 4, 1)),
    ],
)
def test_datetime_formats(tmp_path: Path, org: Path, written: str, expected: dt.datetime) -> None:
    text = DECISION_HEADER + f"D1,MASH,{written},shared,police,,\n"
    assert Run([write(tmp_path / "decisions.csv", text)], org).status == 0
    assert query(org, "select decided_at from decisions") == [(expected,)]


# Each bad cell: the file's text after the header, and the exact message for line 2.
BAD_DECISIONS = [
    ("D1,,2026-03-31,shared,police,,", "team_id: is blank: team_id is required on every row"),
    (
        "D1,MASH,31/02/2026,shared,police,,",
        "decided_at: '31/02/2026' is not a real date or time: check the day and month "
        "(dates are read day first, as in the UK)",
    ),
    (
        "D1,MASH,03/31/2026,shared,police,,",
        "decided_at: '03/31/2026' is not a real date or time: check the day and month "
        "(dates are read day first, as in the UK)",
    ),
    (
        "D1,MASH,31/03/26,shared,police,,",
        "decided_at: '31/03/26' has a two-digit year: write the year in full, e.g. "
        "31/03/2026 14:05",
    ),
    (
        "D1,MASH,March 2026,shared,police,,",
        "decided_at: 'March 2026' is not a date: write it as 2026-03-31 or 31/03/2026 14:05",
    ),
    (
        "D1,MASH,2099-01-01,shared,police,,",
        "decided_at: '2099-01-01' is in the future: check the date (dates are read day first)",
    ),
    (
        "D1,MASH,2026-03-31,maybe,police,,",
        "decision: 'maybe' is not allowed: use one of shared, not_shared, partially_shared",
    ),
    (
        "D1,ZZ,2026-03-31,shared,police,,",
        "team_id: 'ZZ' is not a known team_id in teams: add it to the teams file and load "
        "that first, or correct the value",
    ),
]


@pytest.mark.parametrize(("row", "message"), BAD_DECISIONS)
def test_bad_decision_cells_are_refused_with_line_and_column(
    tmp_path: Path, org: Path, row: str, message: str
) -> None:
    path = write(tmp_path / "decisions_x.csv", DECISION_HEADER + row + "\n")
    run = Run([path], org)
    assert run.status == 1
    assert run.err == [f"{path}:2:{message}"]
    column, reason = message.split(": ", 1)
    assert query(org, "select file_name, line, column_name, reason from rejected_rows") == [
        ("decisions_x.csv", 2, column, reason)
    ]
    assert query(org, "select count(*) from decisions") == [(0,)]


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            "course_id,title,refresh_months,required_for",
            "C1,T,-1,all",
            "refresh_months: '-1' is out of range: must be 0 or more",
        ),
        (
            "course_id,title,refresh_months,required_for",
            "C1,T,twelve,all",
            "refresh_months: 'twelve' is not a whole number",
        ),
        (
            "course_id,title,refresh_months,required_for",
            "C1,T,12,everyone",
            "required_for: 'everyone' is not valid: write all, decision_makers, none, or a "
            "|-separated list of role:NAME and team:TEAM_ID",
        ),
        (
            "course_id,title,refresh_months,required_for,ico_step",
            "C1,T,12,all,11",
            "ico_step: '11' is out of range: must be between 1 and 10",
        ),
    ],
)
def test_bad_course_cells(tmp_path: Path, db: Path, header: str, row: str, message: str) -> None:
    path = write(tmp_path / "courses.csv", f"{header}\n{row}\n")
    run = Run([path], db)
    assert run.err == [f"{path}:2:{message}"]


def test_bad_boolean_and_score(tmp_path: Path, org: Path) -> None:
    path = write(
        tmp_path / "training.csv",
        "staff_id,course_id,completed_on,result,score\n"
        "S1,DP,2025-01-01,pass,150\n"
        "S9,DP,2025-01-01,pass,80\n"
        "S1,XX,2025-01-01,passed,80\n",
    )
    run = Run([path], org)
    assert run.err == [
        f"{path}:2:score: '150' is out of range: must be between 0 and 100",
        f"{path}:3:staff_id: 'S9' is not a known staff_id in staff: add it to the staff file "
        "and load that first, or correct the value",
        f"{path}:4:course_id: 'XX' is not a known course_id in courses: add it to the courses "
        "file and load that first, or correct the value",
        f"{path}:4:result: 'passed' is not allowed: use one of pass, fail",
    ]
    staff = write(
        tmp_path / "staff_2.csv",
        "staff_id,team_id,is_decision_maker,start_date,end_date\n"
        "S3,MASH,maybe,2024-01-01,\n"
        "S4,MASH,no,2024-01-01,2023-01-01\n",
    )
    assert Run([staff], org).err == [
        f"{staff}:2:is_decision_maker: 'maybe' is not yes or no: write yes, no, y, n, true, "
        "false, 1 or 0",
        f"{staff}:3:end_date: '2023-01-01' is before start_date: correct the end date or the "
        "start date",
    ]


def test_request_after_decision_compares_dates_at_day_precision(tmp_path: Path, org: Path) -> None:
    path = write(
        tmp_path / "decisions.csv",
        "decision_id,team_id,decided_at,request_received,decision,recipient_type\n"
        "D1,MASH,2026-03-31,2026-03-31 15:00,shared,police\n"
        "D2,MASH,2026-03-31 09:00,2026-03-31 15:00,shared,police\n",
    )
    run = Run([path], org)
    assert run.err == [
        f"{path}:3:request_received: '2026-03-31 15:00' is after decided_at: a request cannot "
        "arrive after the decision"
    ]
    assert query(org, "select decision_id from decisions") == [("D1",)]


def test_review_columns_load_and_a_review_before_the_decision_is_refused(
    tmp_path: Path, org: Path
) -> None:
    path = write(
        tmp_path / "decisions.csv",
        "decision_id,team_id,decided_at,decision,recipient_type,emergency,reviewed_by,reviewed_on\n"
        "D1,MASH,2026-03-31 22:00,shared,police,yes,S1,31/03/2026\n"
        "D2,MASH,2026-03-31,shared,police,yes,S1,2026-03-30\n"
        "D3,MASH,2026-03-31,shared,police,yes,S1,soon\n"
        "D4,MASH,2026-03-31,shared,police,yes,,\n",
    )
    run = Run([path], org)
    assert run.err == [
        f"{path}:3:reviewed_on: '2026-03-30' is before decided_at: a decision cannot be "
        "reviewed before it is made",
        f"{path}:4:reviewed_on: 'soon' is not a date: write it as 2026-03-31 or 31/03/2026",
    ]
    # D1: reviewed the day it was decided (day precision); D4: blank is not reviewed.
    assert query(
        org, "select decision_id, reviewed_by, reviewed_on from decisions order by decision_id"
    ) == [("D1", "S1", dt.date(2026, 3, 31)), ("D4", None, None)]


def test_good_rows_load_and_bad_rows_are_kept_out(tmp_path: Path, org: Path) -> None:
    path = write(
        tmp_path / "decisions.csv",
        DECISION_HEADER
        + "D1,MASH,2026-03-31,shared,police,,\n"
        + "D2,MASH,2026-03-31,nope,police,,\n"
        + "\n"
        + "D3,CP,2026-04-01,Not_Shared , HEALTH ,,\n",
    )
    run = Run([path], org)
    assert run.status == 1
    assert run.out[0] == f"{path}: decisions: 2 loaded, 0 updated, 1 refused"
    assert query(org, "select decision_id, decision, recipient_type from decisions order by 1") == [
        ("D1", "shared", "police"),
        ("D3", "not_shared", "health"),
    ]
    assert query(org, "select status, rows_read, rows_loaded, rows_refused from ingest_runs")[
        -1
    ] == ("loaded_with_refusals", 3, 2, 1)


def test_duplicate_key_within_file_refused_on_later_lines(tmp_path: Path, org: Path) -> None:
    path = write(
        tmp_path / "decisions.csv",
        DECISION_HEADER + "D1,MASH,2026-03-31,shared,police,,\nD1,CP,2026-03-31,shared,police,,\n",
    )
    run = Run([path], org)
    assert run.err == [
        f"{path}:3:decision_id: repeats the key 'D1' first given on line 2: keep one row per "
        "decision_id"
    ]
    assert query(org, "select team_id from decisions") == [("MASH",)]


def test_later_file_updates_rows_by_key(tmp_path: Path, org: Path) -> None:
    first = write(
        tmp_path / "decisions_1.csv", DECISION_HEADER + "D1,MASH,2026-03-31,shared,police,,\n"
    )
    second = write(
        tmp_path / "decisions_2.csv",
        DECISION_HEADER
        + "D1,MASH,2026-03-31,not_shared,police,,\nD2,CP,2026-04-01,shared,health,,\n",
    )
    assert Run([first], org).status == 0
    run = Run([second], org)
    assert run.out[0] == f"{second}: decisions: 1 loaded, 1 updated, 0 refused"
    assert query(org, "select decision_id, decision from decisions order by 1") == [
        ("D1", "not_shared"),
        ("D2", "shared"),
    ]


def test_loading_the_same_file_twice_changes_nothing(tmp_path: Path, org: Path) -> None:
    path = write(
        tmp_path / "decisions.csv", DECISION_HEADER + "D1,MASH,2026-03-31,shared,police,,\n"
    )
    assert Run([path], org).status == 0
    before = query(org, "select * from ingest_runs order by run_id")
    decisions = query(org, "select * from decisions")
    run = Run([path], org)
    assert run.status == 0
    assert run.out[0].startswith(f"{path}: already loaded (run 5, ")
    assert query(org, "select * from ingest_runs order by run_id") == before
    assert query(org, "select * from decisions") == decisions


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "decision_id,decided_at,decision,recipient_type\nD1,2026-03-31,shared,police\n",
            "1:team_id: is missing the required column team_id: add it to the header (a "
            "decisions file needs decision_id, team_id, decided_at, decision, recipient_type)",
        ),
        (
            "decision_id,team_id,Team ID,decided_at,decision,recipient_type\n",
            "1:team_id: has the column 'team_id' twice (columns 2 and 3): remove or rename one",
        ),
        ("", "1: is empty: export it again with its header row"),
        (
            'decision_id,team_id,decided_at,decision,recipient_type\nD1,"MASH,2026-01-01,a,b\n',
            "2: cannot be read as CSV from line 2 (unexpected end of data): look for a quote "
            "that is opened but never closed",
        ),
    ],
)
def test_fatal_problems_refuse_the_whole_file_and_change_nothing(
    tmp_path: Path, org: Path, text: str, message: str
) -> None:
    good = write(
        tmp_path / "decisions_a.csv", DECISION_HEADER + "D9,MASH,2026-03-31,shared,police,,\n"
    )
    assert Run([good], org).status == 0
    tables = ["teams", "staff", "courses", "policies", "coverage", "training", "decisions"]
    before = {t: query(org, f"select * from {t} order by all") for t in tables}
    bad = write(tmp_path / "decisions_b.csv", text)
    run = Run([bad], org)
    assert run.status == 1
    assert run.err == [f"{bad}:{message}"]
    assert {t: query(org, f"select * from {t} order by all") for t in tables} == before
    reason = message.split(": ", 1)[1]
    assert query(org, "select file_name, status, reason from ingest_runs order by run_id")[-1] == (
        "decisions_b.csv",
        "refused",
        reason,
    )


def test_unknown_kind_is_refused_and_kind_flag_overrides(tmp_path: Path, db: Path) -> None:
    path = write(tmp_path / "export.csv", TEAMS)
    run = Run([path], db)
    assert run.status == 1
    assert run.err == [
        f"{path}: cannot tell what kind of file this is from its name: start the name with one "
        "of teams, staff, assignments, courses, policies, coverage, agreements, training, "
        "decisions (e.g. decisions_2026-10.csv), or pass --kind"
    ]
    assert Run([path], db, kind="teams").status == 0
    assert query(db, "select count(*) from teams") == [(2,)]


def test_extra_columns_warn_and_are_ignored(tmp_path: Path, db: Path) -> None:
    path = write(tmp_path / "teams.csv", "team_id,team_name,directorate,colour\nA,B,C,red\n")
    run = Run([path], db)
    assert run.status == 0
    assert run.err == [f"warning: {path}:1:colour: is not a teams column: ignored"]


def test_folders_load_reference_kinds_first_whatever_the_names(tmp_path: Path) -> None:
    for name in ["a_decisions.csv", "decisions_1.csv", "teams.csv", "staff.csv", "notes.md"]:
        write(tmp_path / name, "x\n")
    ordered = [p.name for p, _ in files_in_order([tmp_path], None)]
    assert ordered == ["a_decisions.csv", "teams.csv", "staff.csv", "decisions_1.csv"]


def test_child_ref_and_reason_never_reach_the_database(
    tmp_path: Path, org: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    raw_id, reason = "NB7654321", "Mother disclosed domestic abuse at the school gate"
    path = write(
        tmp_path / "decisions.csv",
        DECISION_HEADER
        + f"D1,MASH,2026-03-31,shared,police,{raw_id},{reason}\n"
        + f"D2,MASH,2026-03-31,shared,police,{raw_id.lower()} ,\n"
        + "D3,MASH,2026-03-31,shared,police,,\n",
    )
    assert Run([path], org).status == 0
    key = key_path(org).read_text().strip().encode()
    assert oct(os.stat(key_path(org)).st_mode & 0o777) == "0o600"
    expected = pseudonymise(raw_id, key)
    rows = query(org, "select child_pseudonym, reason_recorded from decisions order by decision_id")
    assert rows == [(expected, True), (expected, False), (None, False)]
    for leftover in org.parent.iterdir():
        data = leftover.read_bytes()
        assert raw_id.encode() not in data and raw_id.lower().encode() not in data
        assert reason.encode() not in data and b"domestic abuse" not in data


def test_environment_key_is_used(
    tmp_path: Path, org: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, "a-key-from-the-vault")
    path = write(
        tmp_path / "decisions.csv", DECISION_HEADER + "D1,MASH,2026-03-31,shared,police,C1,\n"
    )
    assert Run([path], org).status == 0
    assert query(org, "select child_pseudonym from decisions") == [
        (pseudonymise("C1", b"a-key-from-the-vault"),)
    ]


@pytest.mark.parametrize("written", ["2024-02-01 00:00", "2024-02-01T00:00:00", "01/02/2024 00:00"])
def test_date_column_takes_a_midnight_date_time(tmp_path: Path, org: Path, written: str) -> None:
    path = write(tmp_path / "staff_x.csv", f"staff_id,team_id,start_date\nS7,MASH,{written}\n")
    assert Run([path], org).status == 0
    assert query(org, "select start_date from staff where staff_id = 'S7'") == [
        (dt.date(2024, 2, 1),)
    ]


def test_a_nul_in_one_cell_refuses_that_row_only(tmp_path: Path, org: Path) -> None:
    # Issue 12 req 3. Lines: 1 header, 2 D1 (good; its 5,000-character purpose puts the NULs
    # past the binary sniff's first 4 KB), 3-4 D2 (a quoted purpose over two lines, NUL in
    # child_ref), 5 D3 (good), 6 D4 (NUL in reason): D2 and D4 refused, D1 and D3 load.
    text = (
        "decision_id,team_id,decided_at,decision,recipient_type,child_ref,purpose,reason\n"
        f"D1,MASH,2026-03-31,shared,police,NB1,{'x' * 5000},\n"
        'D2,MASH,2026-03-31,shared,police,NB\x002,"two\nlines",\n'
        "D3,CP,2026-04-01,not_shared,health,NB3,,\n"
        "D4,CP,2026-04-01,shared,health,NB4,,disclosed\x00\n"
    )
    path = write(tmp_path / "decisions.csv", text)
    run = Run([path], org)
    nul = (
        "has a NUL character, which a text file never has: correct this cell (the file may be "
        "damaged; export it again from your system)"
    )
    assert run.status == 1
    assert run.err == [f"{path}:3:child_ref: {nul}", f"{path}:6:reason: {nul}"]
    assert run.out[0] == f"{path}: decisions: 2 loaded, 0 updated, 2 refused"
    assert query(org, "select decision_id from decisions order by 1") == [("D1",), ("D3",)]
    assert query(org, "select line, column_name, rule from rejected_rows order by line") == [
        (3, "child_ref", "nul_character"),
        (6, "reason", "nul_character"),
    ]


def test_a_file_unreadable_when_surveyed_ahead_is_refused_and_the_next_loads(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Surveys run on a thread ahead of each load: an OSError raised there reaches that file's
    # result only. teams.csv fails to read; staff.csv then refuses both rows (no teams).
    from pipelines import scan

    survey = scan.survey

    def failing(path: Path) -> scan.Survey:
        if path.name == "teams.csv":
            raise OSError(5, "Input/output error")
        return survey(path)

    monkeypatch.setattr(scan, "survey", failing)
    teams, staff = write(tmp_path / "teams.csv", TEAMS), write(tmp_path / "staff.csv", STAFF)
    run = Run([teams, staff], db)
    assert run.status == 1
    assert run.err[0] == f"{teams}: cannot be read: Input/output error"
    assert run.out[:2] == [
        f"{teams}: refused whole, nothing loaded (cannot be read: Input/output error)",
        f"{staff}: staff: 0 loaded, 0 updated, 2 refused",
    ]
    assert query(db, "select file_name, status from ingest_runs order by run_id") == [
        ("teams.csv", "refused"),
        ("staff.csv", "loaded_with_refusals"),
    ]
