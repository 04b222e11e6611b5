"""The dashboard's read-only view of the database, reopened when an ingest swaps in a new file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from core.settings import db_path
from pipelines.store import connect_readonly, missing_columns, snapshot_id


@st.cache_resource(max_entries=2)
def _open(path: str, snapshot: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    return connect_readonly(Path(path))


def connection() -> duckdb.DuckDBPyConnection | None:
    """A read-only connection to the newest snapshot, or None (with a message shown) if none."""
    path = db_path()
    if not path.exists():
        st.error(
            f"No database at `{path}`. Load data with `python -m pipelines ingest --db {path} "
            "FOLDER`, or run `make run` to load the demo organisation."
        )
        return None
    cursor = _open(str(path), snapshot_id(path)).cursor()  # one per script run: thread-safe
    cursor.execute("use snapshot")
    missing = missing_columns(cursor)
    if missing:
        st.error(
            f"The database at `{path}` was written by an earlier version of this tool: it has "
            f"no {', '.join(f'`{m}`' for m in missing[:5])}"
            + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            + f". Load your files again (`python -m pipelines ingest --db {path} FOLDER`): "
            "the load adds the new columns, blank where the files do not give them. For the "
            "demo, `make demo` rebuilds it."
        )
        return None
    return cursor


def snapshot_key() -> tuple[str, tuple[int, int]]:
    """Cache key for query results: they are valid for one snapshot of one file."""
    path = db_path()
    return (str(path), snapshot_id(path) if path.exists() else (0, 0))
