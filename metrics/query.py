"""Runs the named queries in metrics/sql, binding parameters and composing shared inputs.

A query that builds on another names it in a first-line comment, `-- uses: training_status`,
and reads it as a table. The runner puts the used query in front as a CTE (recursively), the way
dbt's `ref()` does, so each piece of logic is written once and every file still runs as a whole
query. Parameters are always bound (`$as_of`), never pasted into the text.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from metrics.filters import Filters

SQL_DIR = Path(__file__).parent / "sql"
# DuckDB 2.0 warns at every Arrow result of an executed statement that it copies the rows once
# more; measured, that copy costs less than the second planning a relation makes (duckdb_frame).
warnings.filterwarnings(
    "ignore", "Arrow output on a DB-API result", UserWarning, module=re.escape(__name__)
)
USES = re.compile(r"^--\s*uses:\s*(.+)$", re.MULTILINE)
PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
LEADING_WITH = re.compile(r"^\s*with\s", re.IGNORECASE | re.MULTILINE)


@cache
def sql_text(name: str) -> str:
    """The text of metrics/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def uses(name: str) -> tuple[str, ...]:
    """The queries a query reads as inputs, from its `-- uses:` line."""
    found = USES.search(sql_text(name))
    if not found:
        return ()
    return tuple(part.strip() for part in found.group(1).split(",") if part.strip())


@cache
def composed_sql(name: str) -> str:
    """A query's text with the queries it uses put in front of it as CTEs."""
    text = sql_text(name)
    inputs = uses(name)
    if not inputs:
        return text
    ctes = ",\n".join(f"{dep} as (\n{composed_sql(dep)}\n)" for dep in inputs)
    body = _strip_comments(text)
    match = LEADING_WITH.search(body)
    if match is None or body[: match.start()].strip():
        raise ValueError(f"metrics/sql/{name}.sql must start with `with` to use other queries")
    return f"with {ctes},\n{body[match.end() :]}"


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))


def parameters(name: str) -> set[str]:
    """The `$names` a query (with its inputs) binds."""
    return set(PARAM.findall(_strip_comments(composed_sql(name))))


def filter_params(f: Filters, as_of_dates: list[dt.date] | None = None) -> dict[str, Any]:
    """The bound parameters a Filters stands for."""
    return {
        "period_start": f.period_start,
        "period_end": f.period_end,
        "as_of_dates": list(as_of_dates) if as_of_dates is not None else [f.as_of],
        "directorate": f.directorate,
        "teams": list(f.teams),
        "allowed": None if f.allowed is None else list(f.allowed),
    }


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run metrics/sql/<name>.sql with the parameters it uses taken from params.

    con is a DuckDB connection or an engine with the same contract, `engine.run(name,
    params)` (metrics.spark.SparkEngine: the same file, transpiled, on Spark)."""
    wanted = parameters(name)
    missing = wanted - params.keys()
    if missing:
        raise KeyError(f"metrics/sql/{name}.sql needs parameters {sorted(missing)}")
    bound = {k: params[k] for k in wanted}
    if not isinstance(con, duckdb.DuckDBPyConnection):
        return con.run(name, bound)
    return duckdb_frame(con, name, bound)


def duckdb_frame(con: duckdb.DuckDBPyConnection, name: str, bound: dict[str, Any]) -> pd.DataFrame:
    """metrics/sql/<name>.sql run on DuckDB with exactly the values it binds."""
    # A prepared statement is planned once; con.sql() binds the query to learn its columns and
    # to_arrow_table() plans it again, a quarter of a small query's time (team_scorecard at
    # 10M: 70 -> 46 ms). Through Arrow, dates arrive as datetime.date and missing dates as None.
    reader = con.execute(composed_sql(name), bound).to_arrow_reader()
    return reader.read_all().to_pandas(date_as_object=True)


class QueryMemo:
    """A connection (or engine) that runs each query once per set of bound values: the
    Overview's warnings, untested teams and risk matrix read the same inputs (decisions by team
    and by month, the scope, trained decision makers), and without it the page ran 19 queries
    for 10 answers. Hand it in place of con for one page run; the database cannot change under
    a read-only snapshot connection, and each caller gets its own copy of a frame."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.organisation = getattr(con, "organisation", None)
        self._results: dict[tuple[str, str], pd.DataFrame] = {}

    def run(self, name: str, params: dict[str, Any]) -> pd.DataFrame:
        """run(con, name, params), from memory when it ran before with the same values."""
        key = (name, repr(sorted(params.items())))
        if key not in self._results:
            self._results[key] = run(self.con, name, params)
        return self._results[key].copy()
