"""The metric SQL on Spark: the same files as DuckDB runs, transpiled with SQLGlot.

metrics/sql stays the single source. DuckDB runs a query with the queries it uses composed in
front of it as CTEs; Spark, given the same composition flat, re-plans every shared input at every
place it is read (ico_steps_by_team reads decisions_in_period through four queries) and spent
some 25 s of CPU planning one query on the fixture. So on Spark each query it uses is run first,
once per set of bound values, and kept as a checkpointed temporary view named after the query and
a hash of those values; the file's own text then reads those views. Each file is transpiled from
DuckDB's dialect to Spark's, with the repairs SQLGlot does not make (`_spark_repairs`, listed in
docs/development.md). `$name` parameters become Spark's named markers `:name`, bound by
`spark.sql(..., args=...)`.
"""

from __future__ import annotations

import hashlib
import json
import threading
import warnings
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlglot
from sqlglot import exp

from metrics.query import parameters, sql_text, uses
from pipelines.publish import MANIFEST, ORGANISATION

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

READ = "duckdb"
WRITE = "spark"
# PySpark 4.3 warns on import that it does not yet fully support pandas 3. What this module
# hands pandas is Arrow's own conversion (toArrow().to_pandas()), and tests/test_metrics_spark.py
# proves every query's frame equal to DuckDB's; the warning would only alarm users of the CLI.
warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)


def _rename_tables(node: exp.Expression, renames: dict[str, str]) -> None:
    """Point references to the tables named in renames at their new names; an unaliased
    reference keeps its old name as alias, so `training_status.team_id` still reads."""
    for table in node.find_all(exp.Table):
        if table.db or table.name not in renames:
            continue
        old = table.name
        table.set("this", exp.to_identifier(renames[old]))
        if not table.alias:
            table.set("alias", exp.TableAlias(this=exp.to_identifier(old)))


def dependencies(name: str, found: dict[str, None] | None = None) -> list[str]:
    """Every query name uses, recursively, each once and after the queries it uses."""
    found = {} if found is None else found
    for dep in uses(name):
        if dep not in found:
            dependencies(dep, found)
            found[dep] = None
    return list(found)


def _qualify_order_aggregates(select: exp.Select) -> None:
    """Qualify the columns of expressions in ORDER BY (not bare names, which may be aliases)
    with the one table read: Spark takes `any_value(team_name)` or `coalesce(register_ref,
    dsa_ref)` there to read the select's aliases team_name and dsa_ref, and fails."""
    source = select.args.get("from_") or select.args.get("from")
    if source is None or select.args.get("joins") or not isinstance(source.this, exp.Table):
        return
    table = source.this.alias_or_name
    for ordered in select.args["order"].expressions:
        if isinstance(ordered.this, exp.Column):
            continue
        for column in ordered.this.find_all(exp.Column):
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
def _spark_tree(name: str) -> exp.Expression:
    return sqlglot.parse_one(sql_text(name), read=READ).transform(_spark_repairs)


def spark_sql(name: str, views: dict[str, str] | None = None) -> str:
    """metrics/sql/<name>.sql as Spark SQL, reading each query it uses from the view named in
    views (by default the query's own name)."""
    tree = _spark_tree(name).copy()
    _rename_tables(tree, {dep: (views or {}).get(dep, dep) for dep in uses(name)})
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
# Kept results of the queries others use, per set of bound values (a filter's worth is ~20).
KEPT_RESULTS = 200
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


def read_manifest(session: SparkSession, store: str | Path) -> dict[str, Any]:
    """The store's manifest (tables, files, organisations: id -> name), read through session."""
    store = str(store).rstrip("/")
    try:
        rows = session.read.text(f"{store}/{MANIFEST}", wholetext=True).collect()
    except Exception as error:  # Spark reports a missing path as an AnalysisException
        raise StoreError(
            f"no published store at {store} (no {MANIFEST}): write one with "
            "`python -m pipelines publish --out STORE`, or set engine.spark_store"
        ) from error
    return json.loads(rows[0][0])


class Rows:
    """Collected rows, read as a DuckDB cursor's are."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None


class SparkEngine:
    """The metric queries on Spark over a published store, with metrics.query.run's contract:
    `run(name, params)` gives the frame DuckDB would. Each table of the store is registered,
    in a session of its own, as a temporary view of one organisation's rows without the
    partition columns: the view a single-organisation database gives DuckDB, so the metric SQL
    is the same and the organisation is a filter. Views are cached in memory (Spark's cache
    spills to disk) so each table is read once, not once per query."""

    def __init__(
        self, session: SparkSession, store: str | Path, organisation: str | None = None
    ) -> None:
        self.store = str(store).rstrip("/")
        self.session = session.newSession() if hasattr(session, "newSession") else session
        self.manifest = self._read_manifest()
        self.organisation = self._chosen(organisation)
        self._results: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        for table, info in self.manifest["tables"].items():
            self._register(table, info)

    @property
    def organisations(self) -> dict[str, str]:
        """The organisations the store holds: id -> name."""
        return dict(self.manifest.get("organisations", {}))

    def _chosen(self, organisation: str | None) -> str:
        """The organisation asked for if the store holds it, else the one it holds."""
        held = sorted(self.organisations)
        if organisation in held:
            return organisation
        if len(held) == 1:
            return held[0]
        raise StoreError(
            f"the store at {self.store} holds organisations {', '.join(held) or 'none'}: "
            f"choose one of them (organisation.id), not {organisation!r}"
        )

    def _read_manifest(self) -> dict[str, Any]:
        return read_manifest(self.session, self.store)

    def _register(self, table: str, info: dict[str, Any]) -> None:
        kept = [(n, t) for n, t in info["columns"] if n not in info["partition_by"]]
        folder = f"{table}/{ORGANISATION}={self.organisation}"
        if any(f.startswith(f"{folder}/") for f in info["files"]):
            where = f"{self.store}/{table}"
            frame = self.session.read.option("basePath", where).parquet(f"{self.store}/{folder}")
            frame = frame.select(*[f"`{n}`" for n, _ in kept]).cache()
        else:
            ddl = ", ".join(f"`{n}` {SPARK_TYPES.get(t, 'string')}" for n, t in kept)
            frame = self.session.createDataFrame([], ddl)
        frame.createOrReplaceTempView(table)

    def run(self, name: str, params: dict[str, Any]) -> pd.DataFrame:
        """Run metrics/sql/<name>.sql on Spark with params bound as named markers, each query
        it uses read from its kept result for the values it binds."""
        views: dict[str, str] = {}
        for dep in dependencies(name):
            views[dep] = self._kept(dep, params, views)
        bound = {k: params[k] for k in parameters(name)}
        frame = self.session.sql(spark_sql(name, views), args=bound)
        # Through Arrow, as on DuckDB: dates arrive as datetime.date, missing ones as None.
        return frame.toArrow().to_pandas(date_as_object=True)

    def _kept(self, name: str, params: dict[str, Any], views: dict[str, str]) -> str:
        """The view holding query name's result for the values it binds, run if not kept."""
        bound = {k: params[k] for k in sorted(parameters(name))}
        digest = hashlib.sha256(repr(sorted(bound.items())).encode()).hexdigest()[:16]
        view = f"{name}__{digest}"
        with self._lock:
            if view in self._results:
                self._results.move_to_end(view)
                return view
        # Checkpointed: later plans read the rows, not the query's whole plan again.
        frame = self.session.sql(spark_sql(name, views), args=bound).localCheckpoint()
        frame.createOrReplaceTempView(view)
        with self._lock:
            self._results[view] = frame
            while len(self._results) > KEPT_RESULTS:
                old, _ = self._results.popitem(last=False)
                self.session.catalog.dropTempView(old)
        return view

    def execute(self, query: str, params: dict[str, Any] | None = None) -> Rows:
        """A query in DuckDB's SQL run on Spark, for the few readers that count a table
        directly (exports.sources.register_loaded): rows with fetchall and fetchone."""
        spark_query = sqlglot.transpile(query, read=READ, write=WRITE)[0]
        return Rows([tuple(r) for r in self.session.sql(spark_query, args=params).collect()])

    def close(self) -> None:
        """Nothing to release: the session is shared (as a DuckDB cursor's database is)."""


# One engine per store, organisation and master in a process, while its manifest is unchanged:
# the kept results serve every later caller (the CLI's export, the pages).
_ENGINES: dict[tuple[str, str, str | None], SparkEngine] = {}


def spark_engine(master: str, store: str, organisation: str | None = None) -> SparkEngine:
    """The Spark engine the settings choose (core.settings.engine_choice), over organisation
    (the setting organisation.id) or, in a store of one organisation, that one."""
    key = (master, str(store), organisation)
    engine = _ENGINES.get(key)
    if engine is None or engine.manifest != engine._read_manifest():
        engine = _ENGINES[key] = SparkEngine(spark_session(master), store, organisation)
    return engine
