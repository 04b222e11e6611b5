"""Tiny databases written row by row in a test, for cases the fixture organisation lacks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from pipelines.store import connect_readonly, writer


def build_db(path: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Insert each table's rows (dicts of column -> value) into a new database at path."""
    with writer(path) as con:
        for table, rows in tables.items():
            for row in rows:
                names = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                con.execute(f"insert into {table} ({names}) values ({marks})", list(row.values()))


def tiny_con(
    path: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]]
) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a new database holding tables' rows."""
    build_db(path, tables)
    return connect_readonly(path)
