"""The Data status page and the queries behind it, on a small database loaded here."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics import status
from pipelines.ingest import ingest
from pipelines.store import connect_readonly

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
FILES = {
    "teams.csv": "team_id,team_name,directorate\nMASH,Front door,Social care\n",
    "staff.csv": "staff_id,team_id,start_date\nS1,MASH,2024-01-01\nS2,XX,2024-01-01\n"
    "S3,YY,2024-01-01\n",
    "training.csv": "staff_id,course_id,completed_on\n",
    "decisions_2026.csv": "decision_id,team_id,decided_at,decision,recipient_type\n"
    "D1,MASH,2026-10-30 10:00,shared,police\nD2,MASH,2026-10-01,sharde,police\n",
    "policies.csv": "policy_id,title\nP1,No version\n",
}


@pytest.fixture(scope="module")
def status_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("status")
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "db" / "compliance.duckdb"
    assert ingest([folder], db, out=io.StringIO(), err=io.StringIO()) == 1
    return db


def test_table_rows(status_db: Path) -> None:
    rows = status.table_rows(connect_readonly(status_db))
    assert list(zip(rows["table_name"], rows["row_count"], strict=True)) == [
        ("teams", 1),
        ("staff", 1),
        ("assignments", 0),  # optional: no assignments file loaded
        ("courses", 0),
        ("policies", 0),
        ("coverage", 0),
        ("agreements", 0),  # optional in practice: no register loaded
        ("training", 0),
        ("decisions", 1),
    ]


def test_refusals_grouped_by_reason(status_db: Path) -> None:
    frame = status.refusals_by_reason(connect_readonly(status_db))
    assert frame[["kind", "column_name", "reason", "problems", "files", "example"]].to_dict(
        "records"
    ) == [
        {
            "kind": "staff",
            "column_name": "team_id",
            "reason": "unknown team, staff, course or policy",
            "problems": 2,
            "files": 1,
            "example": "staff.csv, line 3",
        },
        {
            "kind": "decisions",
            "column_name": "decision",
            "reason": "value not in the allowed list",
            "problems": 1,
            "files": 1,
            "example": "decisions_2026.csv, line 3",
        },
    ]


def test_freshness(status_db: Path) -> None:
    fresh = status.freshness(connect_readonly(status_db), dt.date(2026, 11, 26))
    assert fresh["newest_decision"] == dt.datetime(2026, 10, 30, 10, 0)
    assert fresh["decision_age_days"] == 27
    assert fresh["newest_training"] is None


def test_recent_runs_newest_first(status_db: Path) -> None:
    runs = status.recent_runs(connect_readonly(status_db))
    assert list(runs["file_name"]) == [
        "decisions_2026.csv",
        "training.csv",
        "policies.csv",
        "staff.csv",
        "teams.csv",
    ]
    assert list(runs["status"]) == [
        "loaded_with_refusals",
        "loaded",
        "refused",
        "loaded_with_refusals",
        "loaded",
    ]


def test_status_page_shows_what_is_loaded(status_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLIANCE_DB", str(status_db))
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.switch_page("views/status.py")
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    age = (dt.date.today() - dt.date(2026, 10, 30)).days
    assert metrics["Newest decision"] == f"{age:,} days ago"
    assert at.caption[1].value == "30 Oct 2026"
    assert metrics["Newest training record"] == "none loaded"
    assert at.error[0].value.startswith("3 problems in the latest load of 1 or more files.")
    loaded = at.dataframe[0].value
    assert dict(zip(loaded["table_name"], loaded["row_count"], strict=True))["decisions"] == 1
    assert list(at.dataframe[1].value["problems"]) == [2, 1]
    refused = at.dataframe[2].value
    assert refused.loc[refused["file_name"] == "policies.csv", "reason"].item() == (
        "is missing the required columns ico_step, version, approved_on, review_due: add them "
        "to the header (a policies file needs policy_id, title, ico_step, version, approved_on, "
        "review_due)"
    )


def test_status_page_without_a_database_says_how_to_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPLIANCE_DB", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.switch_page("views/status.py")
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith(f"No database at `{tmp_path / 'none.duckdb'}`.")
