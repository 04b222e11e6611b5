"""A killed ingest leaves the database exactly as it was; the app answers while ingest runs."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.ingest import ingest
from pipelines.store import connect_readonly

ROOT = Path(__file__).resolve().parent.parent
BIG_ROWS = 300_000
TABLES = ["teams", "staff", "courses", "policies", "coverage", "training", "decisions"]


def write_big_decisions(path: Path, rows: int) -> None:
    """A decisions file of `rows` valid rows, written by DuckDB in a second or two."""
    duckdb.execute(
        f"""
        copy (
            select 'BIG' || i as decision_id, 'MASH' as team_id,
                   strftime(timestamp '2025-01-01' + to_minutes(i), '%d/%m/%Y %H:%M')
                       as decided_at,
                   'shared' as decision, 'police' as recipient_type,
                   'NB' || (i % 9973) as child_ref, 'a reason' as reason
            from range({rows}) t(i)
        ) to '{path}' (header)
        """
    )


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    (tmp_path / "teams.csv").write_text("team_id,team_name,directorate\nMASH,Front door,CSC\n")
    (tmp_path / "decisions_small.csv").write_text(
        "decision_id,team_id,decided_at,decision,recipient_type\nD1,MASH,2026-01-05,shared,police\n"
    )
    db = tmp_path / "db" / "compliance.duckdb"
    assert ingest([tmp_path], db, out=io.StringIO(), err=io.StringIO()) == 0
    write_big_decisions(tmp_path / "decisions_big.csv", BIG_ROWS)
    return db


def contents(db: Path) -> dict[str, list[tuple]]:
    con = connect_readonly(db)
    try:
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES} | {
            "ingest_runs": con.execute("select run_id, sha256 from ingest_runs").fetchall()
        }
    finally:
        con.close()


def start_ingest(db: Path, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines", "ingest", "--db", str(db), str(path)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for_copy(db: Path, proc: subprocess.Popen[bytes], min_bytes: int = 0) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        copies = list(db.parent.glob(f"{db.name}.writing-*"))
        if copies and copies[0].stat().st_size > min_bytes:
            return copies[0]
        assert proc.poll() is None, "ingest ended before it could be observed"
        time.sleep(0.05)
    raise AssertionError("the ingest never started writing")


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_previous_contents(loaded: Path) -> None:
    before = contents(loaded)
    live_bytes = loaded.read_bytes()
    proc = start_ingest(loaded, loaded.parent.parent / "decisions_big.csv")
    wait_for_copy(loaded, proc)
    time.sleep(1.0)  # well into reading and staging the file
    assert proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert loaded.read_bytes() == live_bytes
    assert contents(loaded) == before
    # The next ingest clears the orphan and loads the file whole.
    assert ingest([loaded.parent.parent / "decisions_big.csv"], loaded, out=io.StringIO()) == 0
    assert [p.name for p in loaded.parent.iterdir() if ".writing-" in p.name] == []
    after = contents(loaded)["decisions"]
    assert len(after) == BIG_ROWS + 1
    assert before["decisions"][0] in after


@pytest.mark.slow
def test_status_page_answers_while_an_ingest_runs(
    loaded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPLIANCE_DB", str(loaded))
    proc = start_ingest(loaded, loaded.parent.parent / "decisions_big.csv")
    wait_for_copy(loaded, proc)
    answered = 0
    while proc.poll() is None:
        at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=30)
        at.switch_page("views/status.py")
        at.run()
        assert not at.exception
        rows = at.dataframe[0].value
        assert dict(zip(rows["table_name"], rows["row_count"], strict=True))["decisions"] in (
            1,
            BIG_ROWS + 1,
        )
        answered += 1
    assert proc.returncode == 0
    assert answered >= 2, "the ingest finished before the app was asked twice"
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=30)
    at.switch_page("views/status.py")
    at.run()
    rows = at.dataframe[0].value
    assert dict(zip(rows["table_name"], rows["row_count"], strict=True))["decisions"] == (
        BIG_ROWS + 1
    )
