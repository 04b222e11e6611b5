"""The snapshot-and-swap store: readers are never blocked and never see a half-written file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.store import connect_readonly, snapshot_id, writer


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
