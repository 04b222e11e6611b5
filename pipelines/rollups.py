"""Rollups of the decision log for the pages, rebuilt at the end of every load.

At ten million decisions, counting a period from the log itself takes seconds; the pages need
tens of milliseconds. So every write (store.writer, used by ingest) ends by rebuilding small
tables from the log in the same transaction, inside the private copy that is swapped into place:
a reader sees the rollups of exactly the snapshot it reads, never a half-built one. The grain is
team and day: every period the dashboard takes is a range of whole days, so summing its days
gives the same figure as counting its rows, at any start and end (tests/test_rollups.py).
Medians cannot be summed, so times to decision are kept as a narrow projection instead, and so
are the emergencies, which the warnings judge one by one.
A load of any source rebuilds them, so the agreements register's changes reach steps 5 and 6.
Rollups are an implementation detail: docs/input-formats.md#rollups-rebuilt-at-every-load
describes the tables.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"
# Built in this order from the temporary per-decision flags; each is `pipelines/sql/<name>.sql`.
ROLLUP_TABLES = (
    "rollup_decisions_daily",
    "rollup_shares_daily",
    "rollup_decision_times",
    "rollup_decision_training",
    "rollup_routine_shares_daily",
    "rollup_emergency_decisions",
)


def _read_sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def refresh_rollups(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every rollup table from the decision log, in one transaction."""
    con.execute("begin")
    try:
        con.execute(_read_sql("rollup_decision_flags"))
        for name in ROLLUP_TABLES:
            con.execute(_read_sql(name))
        con.execute("drop table _decision_flags")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
