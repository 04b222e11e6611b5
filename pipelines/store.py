"""How the database file is written and read without ever blocking the dashboard.

DuckDB lets one process write a file, and readers in other processes cannot open it meanwhile.
So a writer never touches the live file: it copies it to a private file beside it, loads into the
copy, checkpoints, and renames the copy over the live file (an atomic step on POSIX). Readers open
the live file read-only; one that is open keeps reading the old snapshot (its inode survives the
rename) and the dashboard reopens when the file's identity changes. A crash or SIGKILL mid-ingest
leaves only an orphan copy, removed by the next writer; the live file is never half-written.
Writers queue on an advisory lock file so two ingests cannot both copy the same snapshot.

Every file a writer makes (the copy, DuckDB's WAL and spill files, the lock, a new database) is
created owner-only, and the copy takes the live file's mode before it is swapped in, so a
database its administrator made 0600 (or 0640 for an analysts' group) keeps that mode after
every load instead of coming back as the umask's 0644.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pipelines.rollups import ROLLUP_TABLES, refresh_rollups
from pipelines.schema import SOURCES, stored_columns, table_ddl

SQL_DIR = Path(__file__).parent / "sql"
# A new database, and anything a writer creates, is readable by its owner only.
OWNER_ONLY = 0o600
PRIVATE_UMASK = 0o077


def read_sql(name: str) -> str:
    """The text of pipelines/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table that does not exist yet, and add columns declared since it was made
    (a database written before teams had opened_on keeps loading, the new columns blank)."""
    for source in SOURCES:
        con.execute(table_ddl(source))
        for name, type_ in stored_columns(source):
            con.execute(f"alter table {source.kind} add column if not exists {name} {type_}")
    con.execute(read_sql("ingest_tables"))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_orphans(db: Path) -> None:
    for orphan in db.parent.glob(f"{db.name}.writing-*"):
        orphan.unlink(missing_ok=True)


@contextlib.contextmanager
def _private_umask() -> Iterator[None]:
    """Files created meanwhile (by DuckDB too: its WAL and spill files) are owner-only.

    The umask is per process: ingest is a command of its own, and a file another thread
    created meanwhile would only be more private than asked.
    """
    before = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(before)


# Every write spills past this (to DuckDB's temp directory beside the private copy, owner-only,
# removed when the writer closes), so the memory of a load or of the rollups' rebuild stays flat
# however large the files and the database (a rebuild at 10M without it peaked at 13.7 GB).
MEMORY_LIMIT = "1GB"


@contextlib.contextmanager
def writer(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a private copy of db, swapped into place when the block succeeds."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    lock_fd = os.open(db.parent / f"{db.name}.lock", os.O_WRONLY | os.O_CREAT, OWNER_ONLY)
    with os.fdopen(lock_fd, "w") as lock, _private_umask():
        fcntl.flock(lock, fcntl.LOCK_EX)
        _remove_orphans(db)
        work = db.parent / f"{db.name}.writing-{os.getpid()}"
        mode = stat.S_IMODE(db.stat().st_mode) if db.exists() else OWNER_ONLY
        if db.exists():
            shutil.copyfile(db, work)
        # DuckDB draws its own progress bar for long queries; stderr is for problems only.
        con = duckdb.connect(str(work))
        con.execute("set enable_progress_bar = false")
        con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
        try:
            ensure_schema(con)
            yield con
            refresh_rollups(con)
            con.execute("checkpoint")
            con.close()
            with open(work, "rb+") as fh:
                os.fchmod(fh.fileno(), mode)
                os.fsync(fh.fileno())
            os.replace(work, db)
            _fsync_dir(db.parent)
        except BaseException:
            con.close()
            work.unlink(missing_ok=True)
            Path(f"{work}.wal").unlink(missing_ok=True)
            raise


def connect_readonly(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current snapshot of db.

    The file is attached to a fresh in-memory database rather than opened with
    duckdb.connect(path): DuckDB caches open databases by path within a process, which would
    hand back the old snapshot after a swap.
    """
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    quoted = str(Path(db).resolve()).replace("'", "''")
    con.execute(f"attach '{quoted}' as snapshot (read_only)")
    con.execute("use snapshot")
    return con


def missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """`table.column` for each declared table or column a database written by an earlier
    version lacks, and each rollup table it lacks (the next load adds them: see ensure_schema
    and pipelines/rollups.py)."""
    present = {
        (table, column)
        for table, column in con.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_catalog = current_database()"
        ).fetchall()
    }
    tables = {table for table, _ in present}
    return [
        f"{source.kind}.{name}"
        for source in SOURCES
        for name, _ in stored_columns(source)
        if (source.kind, name) not in present
    ] + [table for table in ROLLUP_TABLES if table not in tables]


def snapshot_id(db: Path) -> tuple[int, int]:
    """Changes whenever a writer swaps in a new snapshot (inode and modification time)."""
    st = os.stat(db)
    return (st.st_ino, st.st_mtime_ns)
