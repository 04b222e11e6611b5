"""One metric layer, two engines (metrics/spark.py): every query in metrics/sql gives the same
rows on Spark, over the fixture organisation published as Parquet, as on DuckDB.

Values are compared after normalising types the two engines spell differently: booleans and
whole numbers as Python ints/bools, other numbers rounded to 6 decimal places, dates and times
as Python values, NULL / NaN / NaT as None. A query whose final step has an ORDER BY is
compared row for row in its order; one without (its callers order it) after sorting.
The tests that start Spark are marked slow: they run in `make test` and CI, not in the quick
`-m "not slow"` loop.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest
import sqlglot
from sqlglot import exp

from metrics import ico_steps, org, overview, policy, sharing, training
from metrics.query import SQL_DIR, filter_params, parameters, run, sql_text
from metrics.spark import SparkEngine, flat_query, spark_sql
from tests.fixture_org import MAIN, X, Y

GRACE = 30
# The bound values every query may take: the main filters with two as-of dates (a trend's
# shape), and each measure's own arguments. A new parameter gets a value here on purpose.
PARAMS = filter_params(MAIN, [Y, X]) | {
    "grace_days": GRACE,
    "review_window_days": 60,
    "today": X,
    "limit": 20,
}
# Queries run through their typed metric functions (the pages' and exports' path); the rest
# through metrics.query.run with PARAMS.
TYPED: dict[str, Callable[[Any], pd.DataFrame]] = {
    "scope_teams": org.team_list,
    "decisions_in_period": lambda c: sharing.decisions_in_period(c, MAIN),
    "decisions_by_team": lambda c: sharing.decisions_by_team(c, MAIN),
    "decisions_by_month": lambda c: sharing.decisions_by_month(c, MAIN),
    "shares_by_recipient_type": lambda c: sharing.shares_by_recipient_type(c, MAIN),
    "shares_by_lawful_basis": lambda c: sharing.shares_by_lawful_basis(c, MAIN),
    "shares_by_statutory_gateway": lambda c: sharing.shares_by_statutory_gateway(c, MAIN),
    "decision_times": lambda c: sharing.decision_times(c, MAIN),
    "decision_maker_training_by_team": lambda c: sharing.decision_maker_training_by_team(
        c, MAIN, GRACE
    ),
    "policy_status": lambda c: policy.policy_status(c, MAIN),
    "policy_coverage_by_team": lambda c: policy.policy_coverage_by_team(c, MAIN),
    "policies_due_for_review": lambda c: policy.policies_due_for_review(c, MAIN),
    "stale_attestations": lambda c: policy.stale_attestations(c, MAIN),
    "training_status": lambda c: training.training_status(c, MAIN),
    "training_completion_by_team": lambda c: training.training_completion_by_team(c, MAIN),
    "training_completion_by_team_course": lambda c: training.training_completion_by_team_course(
        c, MAIN
    ),
    "training_exceptions": lambda c: training.training_exceptions(c, MAIN),
    "assignment_history": training.assignment_history,
    "team_scorecard": lambda c: overview.team_scorecard(c, MAIN),
    "ico_steps_by_team": lambda c: ico_steps.ico_steps_by_team(c, MAIN),
}
QUERIES = sorted(p.stem for p in SQL_DIR.glob("*.sql"))


@pytest.fixture(scope="module")
def engine(spark: Any, spark_store: Path) -> SparkEngine:
    return SparkEngine(spark, spark_store)


def _value(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating | Decimal):
        return round(float(v), 6)
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v


def normalised(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """The frame's rows as tuples of plain Python values."""
    return [tuple(_value(v) for v in row) for row in frame.itertuples(index=False)]


def ordered(name: str) -> bool:
    """Whether the query's final step sets an order."""
    tree = sqlglot.parse_one(sql_text(name), read="duckdb")
    final = next(c for c in tree.find_all(exp.CTE) if c.alias == "final")
    return final.this.args.get("order") is not None


def _sort_key(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(repr(v) for v in row)


def result(con: Any, name: str) -> pd.DataFrame:
    """What query `name` gives on con, through its typed function where it has one."""
    if name in TYPED:
        return TYPED[name](con)
    missing = parameters(name) - PARAMS.keys()
    assert not missing, f"add a value for {sorted(missing)} to PARAMS in {__file__}"
    return run(con, name, PARAMS)


@pytest.mark.slow
@pytest.mark.parametrize("name", QUERIES)
def test_every_query_gives_the_same_rows_on_spark(
    name: str, con: duckdb.DuckDBPyConnection, engine: SparkEngine
) -> None:
    on_duckdb, on_spark = result(con, name), result(engine, name)
    assert list(on_spark.columns) == list(on_duckdb.columns)
    duck_rows, spark_rows = normalised(on_duckdb), normalised(on_spark)
    if not ordered(name):
        duck_rows, spark_rows = sorted(duck_rows, key=_sort_key), sorted(spark_rows, key=_sort_key)
    assert spark_rows == duck_rows


def test_the_fixture_gives_rows_to_compare(con: duckdb.DuckDBPyConnection) -> None:
    # An engine that returned nothing would agree with an empty result: all but the load-log
    # queries (the fixture is built without ingest runs) and assignments have rows.
    empty = {n for n in QUERIES if result(con, n).empty}
    assert empty == {"status_recent_runs", "status_refusals_by_reason"}


@pytest.mark.slow
def test_spark_counts_what_was_counted_by_hand(engine: SparkEngine) -> None:
    # police D01 D06 D08 D10; health D02 D07 + D15 partial; social care D13 D14 + D03 partial;
    # education D05; local authority D11 partial (as tests/test_metrics_sharing.py)
    recipients = sharing.shares_by_recipient_type(engine, MAIN)
    assert recipients.values.tolist() == [
        ["police", 4, 0, 4],
        ["health", 2, 1, 3],
        ["social_care", 2, 1, 3],
        ["education", 1, 0, 1],
        ["local_authority", 0, 1, 1],
    ]
    # MASH hours 0.5 0.5 1 2 24 24 48: median 2, p90 at 5.4: 24 + 0.4 x 24 = 33.6
    times = sharing.decision_times(engine, MAIN).set_index("team_id", drop=False)
    assert times.loc["MASH", "median_hours_to_decision"] == 2.0
    assert times.loc["MASH", "p90_hours_to_decision"] == pytest.approx(33.6)


def test_flat_composition_names_every_cte_once() -> None:
    # ico_steps_by_team uses decisions_in_period through four queries: it is defined once,
    # and each file's own `final` is renamed after its file.
    names = [c.alias for c in flat_query("ico_steps_by_team").args["with_"].expressions]
    assert len(names) == len(set(names))
    assert names.count("decisions_in_period") == 1
    assert "decisions_in_period__final" in names
    assert "final" not in names


def test_transpiled_sql_uses_spark_spellings() -> None:
    teams = spark_sql("scope_teams")
    assert "SIZE(CAST(:teams AS ARRAY<STRING>))" in teams
    assert "LENGTH(" not in teams
    decisions = " ".join(spark_sql("decisions_in_period").split())
    assert "( art9_condition RLIKE '(?i)sch(edule)?\\\\s*8\\\\b' ) = COALESCE(" in decisions
    assert "/ CAST(3600.0 AS DOUBLE)" in decisions
    assert "ADD_MONTHS(" in spark_sql("training_status").upper()
    assert "PERCENTILE(hours_to_decision, 0.5)" in spark_sql("decision_times")


@pytest.mark.slow
def test_a_missing_parameter_is_named_on_spark_too(engine: SparkEngine) -> None:
    with pytest.raises(KeyError, match="grace_days"):
        run(engine, "training_status", filter_params(MAIN))


@pytest.mark.slow
def test_dates_come_back_as_dates(engine: SparkEngine) -> None:
    frame = policy.policies_due_for_review(engine, MAIN)
    assert all(isinstance(d, dt.date) for d in frame["review_due"])
