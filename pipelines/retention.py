"""Retention: decisions older than the retention period are purged at the next ingest."""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.store import read_sql


def retention_cutoff(today: dt.date, years: int) -> dt.date:
    """The first day still kept: today, `years` years ago (29 February becomes 28)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def purge_expired(con: duckdb.DuckDBPyConnection, today: dt.date, years: int) -> int:
    """Delete decisions decided before the cut-off; record and return how many went."""
    cutoff = retention_cutoff(today, years)
    con.execute("begin")
    purged = con.execute(read_sql("retention_purge"), {"cutoff": cutoff}).fetchone()[0]
    if purged:
        con.execute(
            "insert into retention_purges values (?, ?, ?)", [dt.datetime.now(), cutoff, purged]
        )
    con.execute("commit")
    return purged
