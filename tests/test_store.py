"""The snapshot-and-swap store: readers are never blocked and never see a half-written file."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipelines.store import connect_readonly, missing_columns, snapshot_id, writer
from tests.fixture_org import build_fixture_db, run_page


def test_reader_keeps_its_snapshot_while_a_writer_swaps(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    with writer(db) as con:
        con.execute(
            "insert into teams (team_id, team_name, directorate) values ('A', 'A team', 'D')"
        )
    reader = connect_readonly(db)
    first = snapshot_id(db)
    with writer(db) as con:
        # The live file is still readable, by a new reader too, while the writer works.
        assert connect_readonly(db).execute("select count(*) from teams").fetchone() == (1,)
        con.execute(
            "insert into teams (team_id, team_name, directorate) values ('B', 'B team', 'D')"
        )
    assert reader.execute("select count(*) from teams").fetchone() == (1,)
    assert snapshot_id(db) != first
    assert connect_readonly(db).execute("select count(*) from teams").fetchone() == (2,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.duckdb", "c.duckdb.lock"]


def test_a_failed_write_leaves_the_live_file_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    with writer(db) as con:
        con.execute(
            "insert into teams (team_id, team_name, directorate) values ('A', 'A team', 'D')"
        )
    before = db.read_bytes()
    with pytest.raises(duckdb.Error), writer(db) as con:
        con.execute(
            "insert into teams (team_id, team_name, directorate) values ('B', 'B team', 'D')"
        )
        con.execute("insert into no_such_table values (1)")
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.duckdb", "c.duckdb.lock"]


def test_an_orphan_copy_from_a_killed_writer_is_removed(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    (tmp_path / "c.duckdb.writing-99999").write_bytes(b"half written")
    with writer(db):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.duckdb", "c.duckdb.lock"]


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask most systems give (022: files 0644), so a file left to it is world-readable."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_its_copy_wal_and_lock_are_owner_only(
    tmp_path: Path, usual_umask: None
) -> None:
    db = tmp_path / "c.duckdb"
    with writer(db) as con:
        con.execute(
            "insert into teams (team_id, team_name, directorate) values ('A', 'A team', 'D')"
        )
        # Mid-load: the private copy and DuckDB's write-ahead log beside it.
        made = sorted(p for p in tmp_path.iterdir() if p.name.startswith("c.duckdb.writing-"))
        assert made and {p.name.split(".")[-1] for p in made} <= {f"writing-{os.getpid()}", "wal"}
        assert {p.name: mode(p) for p in made} == {p.name: 0o600 for p in made}
    assert mode(db) == 0o600
    assert mode(tmp_path / "c.duckdb.lock") == 0o600
    assert os.umask(0o022) == 0o022  # the writer put the process's umask back


@pytest.mark.parametrize("live_mode", [0o600, 0o640], ids=["0600", "0640"])
def test_a_load_keeps_the_live_file_mode(tmp_path: Path, usual_umask: None, live_mode: int) -> None:
    db = tmp_path / "c.duckdb"
    with writer(db) as con:
        con.execute(
            "insert into teams (team_id, team_name, directorate) values ('A', 'A team', 'D')"
        )
    db.chmod(live_mode)
    with writer(db) as con:
        assert mode(tmp_path / f"c.duckdb.writing-{os.getpid()}") == 0o600
        con.execute(
            "insert into teams (team_id, team_name, directorate) values ('B', 'B team', 'D')"
        )
    assert mode(db) == live_mode
    assert connect_readonly(db).execute("select count(*) from teams").fetchone() == (2,)


def test_a_database_from_an_earlier_version_is_named_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A database written before teams had lifetimes and decisions had statutory gateways: the
    # pages say what is missing and how to upgrade it, instead of failing on a missing column.
    db = tmp_path / "old.duckdb"
    build_fixture_db(db)
    con = duckdb.connect(str(db))
    con.execute("alter table teams drop column opened_on")
    con.execute("alter table decisions drop column statutory_gateway")
    con.close()
    with contextlib.closing(connect_readonly(db)) as readonly:
        assert missing_columns(readonly) == ["teams.opened_on", "decisions.statutory_gateway"]
    # a database written before the rollups names them (the next load builds them)
    con = duckdb.connect(str(db))
    con.execute("drop table rollup_shares_daily")
    con.close()
    with contextlib.closing(connect_readonly(db)) as readonly:
        assert missing_columns(readonly) == [
            "teams.opened_on",
            "decisions.statutory_gateway",
            "rollup_shares_daily",
        ]
    monkeypatch.setenv("COMPLIANCE_DB", str(db))
    at = run_page("overview", {})
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.startswith(
        f"The database at `{db}` was written by an earlier version of this tool: it has no "
        "`teams.opened_on`, `decisions.statutory_gateway`, `rollup_shares_daily`. Load your files "
        "again"
    )
    # and the next load brings it up to date
    with writer(db):
        pass
    with contextlib.closing(connect_readonly(db)) as readonly:
        assert missing_columns(readonly) == []


def test_every_writer_spills_past_one_gigabyte(tmp_path: Path) -> None:
    # Not only ingest: any write ends by rebuilding the rollups, which at 10M decisions held
    # 13.7 GB without the limit. DuckDB shows 1GB (10^9 bytes) in MiB.
    with writer(tmp_path / "db.duckdb") as con:
        assert con.execute("select current_setting('memory_limit')").fetchone() == ("953.6 MiB",)
