"""How the database file is written and read without ever blocking the dashboard.

DuckDB lets one process write a file, and readers in other processes cannot open it meanwhile.
So a writer never touches the live file: it copies it to a private file beside it, loads into the
copy, checkpoints, and renames the copy over the live file (an atomic step on POSIX). Readers open
the live file read-only; one that is open keeps reading the old snapshot (its inode survives the
rename) and the dashboard reopens when the file's identity changes. A crash or SIGKILL mid-ingest
leaves only an orphan copy, removed by the next writer; the live file is never half-written.
Writers queue on an advisory lock file so two ingests cannot both copy the same snapshot.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pipelines.schema import SOURCES, stored_columns, table_ddl

SQL_DIR = Path(__file__).parent / "sql"


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
def writer(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a private copy of db, swapped into place when the block succeeds."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.parent / f"{db.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _remove_orphans(db)
        work = db.parent / f"{db.name}.writing-{os.getpid()}"
        if db.exists():
            shutil.copyfile(db, work)
        # DuckDB draws its own progress bar for long queries; stderr is for problems only.
        con = duckdb.connect(str(work))
        con.execute("set enable_progress_bar = false")
        try:
            ensure_schema(con)
            yield con
            con.execute("checkpoint")
            con.close()
            with open(work, "rb+") as fh:
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


def snapshot_id(db: Path) -> tuple[int, int]:
    """Changes whenever a writer swaps in a new snapshot (inode and modification time)."""
    st = os.stat(db)
    return (st.st_ino, st.st_mtime_ns)
