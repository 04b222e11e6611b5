"""The app store's file: where it is, how it is opened, and its schema.

SQLite through the standard library: one file, no server, safe for several writers at once. It
runs in WAL mode (readers never wait for a writer), with a busy timeout (a writer waits for
another's short transaction instead of failing), and every write is one short `BEGIN IMMEDIATE`
transaction. The schema's version is SQLite's `user_version`; each migration runs once, in its
own transaction. DuckDB, which holds the analytics, allows one writing process per file and is
swapped whole by every ingest, so it cannot take the app's small, frequent writes.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.settings import ORGANISATION_ID, db_path

APP_STORE_ENV = "COMPLIANCE_APP_STORE"
OWNER_ONLY = 0o600
BUSY_TIMEOUT_SECONDS = 15.0
# Each entry takes the schema from version i to i + 1; never edit one that has shipped.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """create table actions (
            action_id integer primary key,
            title text not null,
            team_id text not null,
            ico_step integer check (ico_step between 1 and 10),
            owner text not null,
            due_on text not null,
            status text not null check (status in ('open', 'done', 'dropped')),
            created_at text not null,
            created_by text not null,
            updated_at text not null,
            updated_by text not null
        )""",
        """create table action_history (
            history_id integer primary key,
            action_id integer not null references actions (action_id),
            changed_at text not null,
            changed_by text not null,
            field text not null,
            old_value text,
            new_value text
        )""",
        "create index action_history_by_action on action_history (action_id, history_id)",
        """create table audit_log (
            event_id integer primary key,
            at text not null,
            who text not null,
            event text not null check (event in ('page_view', 'download', 'export')),
            page text,
            file text,
            period_start text,
            period_end text,
            as_of text,
            directorate text,
            teams text not null
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The app store cannot be used; the message names the file and says what to do."""


def store_path(
    settings: dict[str, dict[str, Any]], db: Path | None = None, organisation: str | None = None
) -> Path:
    """`COMPLIANCE_APP_STORE` if set, else the setting app_store.path (a relative path is taken
    from the folder of the analytics database, db or the default one). In a shared store of
    several organisations each has its own file beside it, `app_state-<organisation>.sqlite`, so
    that no organisation sees another's actions or audit log (team ids need not be unique
    across organisations)."""
    chosen = Path(os.environ.get(APP_STORE_ENV) or settings["app_store"]["path"])
    path = chosen if chosen.is_absolute() else Path(db or db_path()).parent / chosen
    if organisation is None:
        return path
    if not ORGANISATION_ID.match(organisation):
        raise StoreError(
            f"organisation id {organisation!r} cannot name an app store file: ids are lower-case "
            "letters, digits and hyphens (publish refuses any other)"
        )
    return path.with_name(f"{path.stem}-{organisation}{path.suffix}")


def _create_owner_only(path: Path) -> None:
    """Make an empty file readable by its owner only (SQLite gives its WAL the same mode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, OWNER_ONLY)
    os.close(fd)


def connect(path: Path) -> sqlite3.Connection:
    """An open, migrated connection to the store at path, made owner-only if it is new."""
    try:
        if not path.exists():
            _create_owner_only(path)
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{path}: the app store cannot be opened ({exc})") from None
    try:
        con.execute(f"pragma busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        con.execute("pragma journal_mode = wal")
        con.execute("pragma foreign_keys = on")
        _migrate(con, path)
    except sqlite3.Error as exc:
        con.close()
        raise StoreError(f"{path}: the app store cannot be used ({exc})") from None
    except StoreError:
        con.close()
        raise
    return con


@contextlib.contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """connect(path), closed at the end of the block."""
    con = connect(path)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One short write transaction: taken at once (IMMEDIATE), committed or rolled back whole."""
    con.execute("begin immediate")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def schema_version(con: sqlite3.Connection) -> int:
    """The store's schema version (SQLite's user_version)."""
    return int(con.execute("pragma user_version").fetchone()[0])


def _migrate(con: sqlite3.Connection, path: Path) -> None:
    if schema_version(con) == SCHEMA_VERSION:
        return
    with transaction(con):
        version = schema_version(con)  # again, inside the lock: another process may have run it
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: the app store was written by a newer version of this tool (schema "
                f"{version}, this one knows {SCHEMA_VERSION}): upgrade the dashboard"
            )
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                con.execute(statement)
        con.execute(f"pragma user_version = {SCHEMA_VERSION}")
