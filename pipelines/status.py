"""What is loaded: the figures behind the Data status page."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from pipelines.ingest import RULES
from pipelines.store import read_sql

RECENT_RUNS = 20


def table_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rows per data table and when that kind was last loaded."""
    return con.execute(read_sql("status_table_rows")).df()


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = RECENT_RUNS) -> pd.DataFrame:
    """The latest ingest runs, newest first."""
    return con.execute(read_sql("status_recent_runs"), {"limit": limit}).df()


def refusals_by_reason(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Refused rows grouped by kind, column and rule, with the rule in words."""
    frame = con.execute(read_sql("status_refusals_by_reason")).df()
    frame.insert(3, "reason", frame["rule"].map(RULES).fillna(frame["rule"]))
    return frame


def freshness(con: duckdb.DuckDBPyConnection, today: dt.date) -> dict:
    """Newest decision, training record and attestation, their age in days, last ingest."""
    cursor = con.execute(read_sql("status_freshness"), {"today": today})
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))
