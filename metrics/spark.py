"""The metric SQL on Spark: the same files as DuckDB runs, transpiled with SQLGlot.

metrics/sql stays the single source. For Spark each query is composed flat: every query it uses
(recursively) becomes one top-level CTE named after the query, and each file's own CTEs are
renamed `<file>__<cte>` so that the many `final`s never clash (Spark refuses a CTE name given
twice, and SQLGlot lifts nested CTEs to the top). The result is transpiled from DuckDB's dialect
to Spark's, with two repairs SQLGlot does not make: DuckDB's `len` of a list is Spark's `size`,
and `quantile_cont(x, q)` is Spark's `percentile(x, q)` (both interpolate linearly). `$name`
parameters become Spark's named markers `:name`, bound by `spark.sql(..., args=...)`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlglot
from sqlglot import exp

from metrics.query import sql_text, uses
from pipelines.publish import MANIFEST

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

READ = "duckdb"
WRITE = "spark"


def _renamed_ctes(name: str) -> tuple[list[exp.CTE], exp.Expression]:
    """A file's own CTEs renamed `<name>__<cte>`, and its last select reading them."""
    tree = sqlglot.parse_one(sql_text(name), read=READ)
    with_ = tree.args.get("with_") or tree.args.get("with")
    ctes = list(with_.expressions) if with_ else []
    if with_:
        with_.pop()
    defined: dict[str, str] = {}
    for cte in ctes:
        _rename_tables(cte.this, defined)
        defined[cte.alias] = f"{name}__{cte.alias}"
        cte.set("alias", exp.TableAlias(this=exp.to_identifier(defined[cte.alias])))
    _rename_tables(tree, defined)
    return ctes, tree


def _rename_tables(node: exp.Expression, renames: dict[str, str]) -> None:
    """Point references to a file's earlier CTEs at their new names; an unaliased reference
    keeps its old name as alias, so `latest_runs.kind` still reads."""
    for table in node.find_all(exp.Table):
        if table.db or table.name not in renames:
            continue
        old = table.name
        table.set("this", exp.to_identifier(renames[old]))
        if not table.alias:
            table.set("alias", exp.TableAlias(this=exp.to_identifier(old)))


def _flat_ctes(name: str, seen: dict[str, None]) -> list[exp.CTE]:
    """The CTEs standing for query `name` and everything it uses, each query once."""
    found: list[exp.CTE] = []
    for dep in uses(name):
        if dep not in seen:
            found += _flat_ctes(dep, seen)
    if name in seen:
        return found
    seen[name] = None
    ctes, last = _renamed_ctes(name)
    own = exp.CTE(this=last, alias=exp.TableAlias(this=exp.to_identifier(name)))
    return [*found, *ctes, own]


def flat_query(name: str) -> exp.Select:
    """Query `name` as one WITH of every CTE it needs, in DuckDB's dialect."""
    seen: dict[str, None] = {}
    deps: list[exp.CTE] = []
    for dep in uses(name):
        if dep not in seen:
            deps += _flat_ctes(dep, seen)
    ctes, last = _renamed_ctes(name)
    query = last.copy()
    query.set("with_", exp.With(expressions=[*deps, *ctes]))
    return query


def _qualify_order_aggregates(select: exp.Select) -> None:
    """Qualify the columns of aggregates in ORDER BY with the one table read: Spark takes
    `any_value(team_name)` there to mean the select's alias team_name, and fails."""
    source = select.args.get("from_") or select.args.get("from")
    if source is None or select.args.get("joins") or not isinstance(source.this, exp.Table):
        return
    table = source.this.alias_or_name
    for agg in select.args["order"].find_all(exp.AggFunc):
        for column in agg.find_all(exp.Column):
            if not column.table:
                column.set("table", exp.to_identifier(table))


def _is_call(node: exp.Expression, name: str) -> bool:
    return isinstance(node, exp.Anonymous) and node.name.lower() == name


def _spark_repairs(node: exp.Expression) -> exp.Expression:
    is_list = isinstance(node.this, exp.Cast) and node.this.to.is_type(exp.DataType.Type.ARRAY)
    if isinstance(node, exp.Length) and is_list:
        return exp.ArraySize(this=node.this)
    # sqlglot writes `a RLIKE p = b`, which Spark reads as `a RLIKE (p = b)`.
    if isinstance(node, exp.EQ) and isinstance(node.this, exp.RegexpLike):
        node.set("this", exp.Paren(this=node.this))
    if isinstance(node, exp.Select) and node.args.get("group") and node.args.get("order"):
        _qualify_order_aggregates(node)
    # DuckDB's `date + to_months(n)` is Spark's add_months (both keep to the month's end).
    if isinstance(node, exp.Add) and _is_call(node.expression, "to_months"):
        months = node.expression.expressions[0]
        return exp.Anonymous(this="add_months", expressions=[node.this, months])
    # Spark reads 3600.0 as a decimal, and decimal arithmetic stays decimal: DuckDB's is double.
    if isinstance(node, exp.Literal) and node.is_number and "." in node.this:
        return exp.cast(node.copy(), exp.DataType.Type.DOUBLE)
    if isinstance(node, exp.PercentileCont) and node.expression is not None:
        return exp.Anonymous(this="percentile", expressions=[node.this, node.expression])
    return node


@cache
def spark_sql(name: str) -> str:
    """metrics/sql/<name>.sql, with the queries it uses, as Spark SQL."""
    tree = flat_query(name).transform(_spark_repairs)
    return tree.sql(dialect=WRITE, pretty=True, comments=False)


# DuckDB's types as the store's manifest names them, in Spark's words (for empty tables).
SPARK_TYPES = {
    "VARCHAR": "string",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp_ntz",
    "INTEGER": "int",
    "BIGINT": "bigint",
    "DOUBLE": "double",
}
# A small, quiet local session: the settings every Spark engine here starts with.
SESSION_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "UTC",
    # Partition values stay text (`decided_month=2026-03` is not a date to guess).
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
}


def spark_session(master: str, conf: dict[str, str] | None = None) -> SparkSession:
    """A Spark session on master (`local[2]`, `spark://host:7077`) or, for a Spark Connect
    URL (`sc://host:15002`), a remote one; conf adds to or overrides SESSION_CONF."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("compliance-dashboard")
    builder = builder.remote(master) if master.startswith("sc://") else builder.master(master)
    for key, value in (SESSION_CONF | dict(conf or {})).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    if not master.startswith("sc://"):
        session.sparkContext.setLogLevel("FATAL")
    return session


class StoreError(ValueError):
    """The store cannot be read; the message says what to do."""


class SparkEngine:
    """The metric queries on Spark over a published store, with metrics.query.run's contract:
    `run(name, params)` gives the frame DuckDB would. The store's tables are registered as
    temporary views of a session of their own."""

    def __init__(self, session: SparkSession, store: str | Path) -> None:
        self.store = str(store).rstrip("/")
        self.session = session.newSession() if hasattr(session, "newSession") else session
        self.manifest = self._read_manifest()
        for table, info in self.manifest["tables"].items():
            self._register(table, info)

    def _read_manifest(self) -> dict[str, Any]:
        path = f"{self.store}/{MANIFEST}"
        try:
            rows = self.session.read.text(path, wholetext=True).collect()
        except Exception as error:  # Spark reports a missing path as an AnalysisException
            raise StoreError(
                f"no published store at {self.store} (no {MANIFEST}): write one with "
                "`python -m pipelines publish --out STORE`, or set engine.spark_store"
            ) from error
        return json.loads(rows[0][0])

    def _register(self, table: str, info: dict[str, Any]) -> None:
        if info["files"]:
            where = f"{self.store}/{table}"
            frame = self.session.read.option("basePath", where).parquet(where)
        else:
            ddl = ", ".join(f"`{n}` {SPARK_TYPES.get(t, 'string')}" for n, t in info["columns"])
            frame = self.session.createDataFrame([], ddl)
        frame.createOrReplaceTempView(table)

    def run(self, name: str, params: dict[str, Any]) -> pd.DataFrame:
        """Run metrics/sql/<name>.sql on Spark with params bound as named markers."""
        frame = self.session.sql(spark_sql(name), args=params)
        # Through Arrow, as on DuckDB: dates arrive as datetime.date, missing ones as None.
        return frame.toArrow().to_pandas(date_as_object=True)

    def close(self) -> None:
        """Nothing to release: the session is shared (as a DuckDB cursor's database is)."""


def spark_engine(master: str, store: str) -> SparkEngine:
    """The Spark engine the settings choose (core.settings.engine_choice)."""
    return SparkEngine(spark_session(master), store)
