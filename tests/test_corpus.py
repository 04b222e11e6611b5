"""Every file of the hostile-input corpus (tests/corpus/) ingested, with its exact outcome.

Each file is loaded into its own copy of a small reference database (teams MASH and CP, staff S1
and S2, course DP, policy P1), built once from the CSV rows below; tests/corpus/expected.py says
what each file must do: the rows of its table afterwards, or why it is refused whole.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import duckdb
import pytest

from core.settings import load_settings
from pipelines.ingest import ingest
from pipelines.pseudonym import KEY_ENV
from pipelines.retention import retention_cutoff
from pipelines.schema import KINDS
from tests.corpus.expected import CASES, ONE_MB, PSEUDONYM_KEY, REFERENCE_ROWS, Case

CORPUS = Path(__file__).parent / "corpus"
NOT_CORPUS = {"expected.py", ".gitattributes"}
MIN_CORPUS_FILES = 60

REFERENCE = {
    "teams.csv": (
        "team_id,team_name,directorate\nMASH,Front door,Social care\n"
        "CP,Child protection,Social care\n"
    ),
    "staff.csv": (
        "staff_id,team_id,role,is_decision_maker,start_date\n"
        "S1,MASH,Social worker,yes,2024-02-01\n"
        "S2,CP,Team manager,no,01/02/2024\n"
    ),
    "courses.csv": (
        "course_id,title,refresh_months,required_for,ico_step\nDP,Data protection,12,all,1\n"
    ),
    "policies.csv": (
        "policy_id,title,ico_step,version,approved_on,review_due\n"
        "P1,Information sharing,3,1.0,2024-01-01,2025-01-01\n"
    ),
}
# What must never be shown or stored: the raw child_ref and the reason text in the corpus.
SECRETS = (b"nb7654321", b"disclosed")


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _sort_key(row: tuple) -> list[tuple[bool, object]]:
    return [(v is None, v) for v in row]


def ordered(rows: tuple[tuple, ...] | list[tuple]) -> list[tuple]:
    """Rows in one order whatever the order given (blanks last, as in SQL)."""
    return sorted(rows, key=_sort_key)


# Columns added after the corpus was written, checked by their own tests (test_ingest.py,
# test_metrics_history.py): teams' lifetimes and the has-time flags of date-times.
LATER_COLUMNS = {
    "teams": ("opened_on", "closed_on"),
    "decisions": ("decided_at_has_time", "request_received_has_time", "recorded_at_has_time"),
}


def data_tables(db: Path) -> dict[str, list[tuple]]:
    """Every row of every data table (the corpus's columns)."""
    tables = {}
    for kind in KINDS:
        later = LATER_COLUMNS.get(kind)
        columns = f"* exclude ({', '.join(later)})" if later else "*"
        tables[kind] = ordered(query(db, f"select {columns} from {kind}"))
    return tables


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reference")
    for name, text in REFERENCE.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "db" / "compliance.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(KEY_ENV, PSEUDONYM_KEY)
        status = ingest([folder], db, out=io.StringIO(), err=io.StringIO())
    assert status == 0
    return db


@pytest.fixture
def db(reference_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the reference database, and the corpus pseudonym key."""
    monkeypatch.setenv(KEY_ENV, PSEUDONYM_KEY)
    copy = tmp_path / "db" / "compliance.duckdb"
    copy.parent.mkdir()
    shutil.copyfile(reference_db, copy)
    return copy


def test_reference_database_holds_the_rows_the_expectations_start_from(db: Path) -> None:
    assert data_tables(db) == {kind: ordered(REFERENCE_ROWS[kind]) for kind in KINDS}
    assert query(db, "select count(*) from rejected_rows") == [(0,)]


def test_every_corpus_file_has_one_expectation() -> None:
    files = sorted(p.name for p in CORPUS.iterdir() if p.is_file() and p.name not in NOT_CORPUS)
    named = [c.file for c in CASES]
    assert len(named) == len(set(named))
    assert sorted(named) == files
    assert len(files) >= MIN_CORPUS_FILES


def test_one_megabyte_field_is_one_megabyte() -> None:
    text = (CORPUS / "decisions_1mb_field.csv").read_text(encoding="utf-8")
    assert f'"{ONE_MB}"' in text
    assert len(ONE_MB) == 1_000_000


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_corpus_file(case: Case, db: Path) -> None:
    path = CORPUS / case.file
    before = data_tables(db)
    out, err = io.StringIO(), io.StringIO()

    status = ingest([path], db, kind=case.kind, out=out, err=err)

    stderr = err.getvalue()
    assert stderr == "" or stderr.endswith("\n")
    errors = stderr.split("\n")[:-1] if stderr else []
    assert not [e for e in errors if "could not be loaded (" in e], "an internal error was caught"
    assert errors == [e.replace("{path}", str(path)) for e in case.errors]
    assert out.getvalue().splitlines()[0] == case.summary.replace("{path}", str(path))
    assert status == case.exit_status

    assert ordered(query(db, "select line, column_name, rule, reason from rejected_rows")) == (
        ordered(case.rejected)
    )
    run = query(
        db,
        "select file_name, status, rows_loaded, rows_updated, rows_refused, reason "
        "from ingest_runs order by run_id desc limit 1",
    )
    if case.refused:
        assert run == [(case.file, "refused", 0, 0, 0, case.refused)]
        assert data_tables(db) == before
    else:
        status_text = "loaded_with_refusals" if case.rejected else "loaded"
        assert run == [(case.file, status_text, *case.counts, None)]
        assert data_tables(db) == {**before, case.table: ordered(case.rows)}

    shown = (out.getvalue() + stderr).lower().encode()
    assert not [s for s in SECRETS if s in shown]
    for leftover in db.parent.iterdir():
        assert ".writing-" not in leftover.name
        stored = leftover.read_bytes().lower()
        assert not [s for s in SECRETS if s in stored], leftover.name


def test_corpus_dates_are_past_and_inside_the_retention_period() -> None:
    # The expectations hold while the corpus's latest ordinary date is past and its earliest
    # decision (29/02/2024) is not yet purged by retention at ingest.
    today = dt.date.today()
    assert today > dt.date(2026, 4, 3)
    years = load_settings()["privacy"]["retention_years"]
    assert retention_cutoff(today, years) <= dt.date(2024, 2, 29)
