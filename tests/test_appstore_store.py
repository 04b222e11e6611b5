"""The app store's file: owner-only, WAL, busy timeout, versioned schema (appstore/store.py)."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from appstore.store import (
    APP_STORE_ENV,
    SCHEMA_VERSION,
    StoreError,
    connect,
    opened,
    schema_version,
    store_path,
    transaction,
)
from core.settings import DEFAULTS


def test_a_new_store_is_owner_only_in_wal_mode_at_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "state" / "app_state.sqlite"
    with opened(path) as con:
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert con.execute("pragma busy_timeout").fetchone()[0] == 15_000
        assert schema_version(con) == SCHEMA_VERSION == 1
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        assert tables == {"actions", "action_history", "audit_log"}
        con.execute("create table probe (x)")  # a write makes the WAL
        assert stat.S_IMODE(Path(f"{path}-wal").stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_opening_again_keeps_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "app_state.sqlite"
    with opened(path) as con, transaction(con):
        con.execute(
            "insert into audit_log (at, who, event, teams) values ('t', 'w', 'export', 'all')"
        )
    with opened(path) as con:
        assert con.execute("select count(*) from audit_log").fetchone()[0] == 1


def test_a_store_from_a_newer_version_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "app_state.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("pragma user_version = 7")
    raw.close()
    with pytest.raises(
        StoreError, match=r"app_state\.sqlite: the app store was written by a newer"
    ):
        connect(path)


def test_an_unwritable_place_is_a_store_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StoreError, match=r"file/app_state\.sqlite: the app store cannot be opened"):
        connect(tmp_path / "file" / "app_state.sqlite")


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "app_state.sqlite"
    path.write_bytes(b"x" * 4096)
    with pytest.raises(StoreError, match=r"app_state\.sqlite: the app store cannot be used"):
        connect(path)


def test_a_failed_transaction_writes_nothing(tmp_path: Path) -> None:
    with opened(tmp_path / "s.sqlite") as con:
        with pytest.raises(RuntimeError), transaction(con):
            con.execute(
                "insert into audit_log (at, who, event, teams) values ('t', 'w', 'export', 'all')"
            )
            raise RuntimeError
        assert con.execute("select count(*) from audit_log").fetchone()[0] == 0


def test_the_path_is_beside_the_database_unless_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(APP_STORE_ENV, raising=False)
    monkeypatch.setenv("COMPLIANCE_DB", str(tmp_path / "db" / "compliance.duckdb"))
    assert store_path(DEFAULTS) == tmp_path / "db" / "app_state.sqlite"
    assert store_path({"app_store": {"path": "/srv/app.sqlite"}}) == Path("/srv/app.sqlite")
    monkeypatch.setenv(APP_STORE_ENV, str(tmp_path / "elsewhere.sqlite"))
    assert store_path(DEFAULTS) == tmp_path / "elsewhere.sqlite"


def test_each_organisation_of_a_shared_store_has_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(APP_STORE_ENV, str(tmp_path / "app_state.sqlite"))
    assert store_path(DEFAULTS, None, "register") == tmp_path / "app_state-register.sqlite"
    assert store_path(DEFAULTS, None, "north-2") == tmp_path / "app_state-north-2.sqlite"
    # an id publish would refuse cannot reach outside the folder or clash with another's file
    for bad in ("../etc", "Register", "", "a/b", "-x"):
        with pytest.raises(StoreError, match="cannot name an app store file"):
            store_path(DEFAULTS, None, bad)
