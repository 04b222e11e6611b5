"""What is loaded: the figures behind the Data status page, and the refusal rules in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pandas as pd

from metrics.query import composed_sql, run

RECENT_RUNS = 20
# The rule codes ingestion records in rejected_rows, as the status page and exports word them.
RULES = {
    "required": "required value blank",
    "bad_date": "not a valid date",
    "not_yes_no": "not yes or no",
    "not_whole_number": "not a whole number",
    "not_allowed": "value not in the allowed list",
    "bad_required_for": "required_for not understood",
    "out_of_range": "number out of range",
    "in_future": "date in the future",
    "inconsistent": "dates in the wrong order",
    "duplicate_key": "key repeated within the file",
    "unknown_reference": "unknown team, staff, course or policy",
    "cell_count": "wrong number of cells",
    "nul_character": "NUL character in a cell",
    "file": "file refused whole",
}


def _frame(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> pd.DataFrame:
    if not isinstance(con, duckdb.DuckDBPyConnection):  # another engine (metrics.spark)
        return run(con, name, params)
    return con.execute(composed_sql(name), params).df()


def table_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rows per data table and when that kind was last loaded."""
    return _frame(con, "status_table_rows", {})


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = RECENT_RUNS) -> pd.DataFrame:
    """The latest ingest runs, newest first."""
    return _frame(con, "status_recent_runs", {"limit": limit})


def refusals_by_reason(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Refused rows grouped by kind, column and rule, with the rule in words."""
    frame = _frame(con, "status_refusals_by_reason", {})
    frame.insert(3, "reason", frame["rule"].map(RULES).fillna(frame["rule"]))
    return frame


def freshness(con: duckdb.DuckDBPyConnection, today: dt.date) -> dict:
    """Newest decision, training record and attestation, their age in days, last ingest."""
    if not isinstance(con, duckdb.DuckDBPyConnection):  # another engine (metrics.spark)
        row = run(con, "status_freshness", {"today": today}).iloc[0]
        return {k: None if pd.isna(v) else v for k, v in row.items()}
    cursor = con.execute(composed_sql("status_freshness"), {"today": today})
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))
