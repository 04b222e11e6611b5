"""One metric layer, two engines (metrics/spark.py): every query in metrics/sql gives each
organisation of a shared Parquet store the same rows on Spark as DuckDB gives on that
organisation's own database.

The store (tests/conftest.py's spark_store) holds two organisations: `northbridge`, the fixture
(tests/fixture_org.py), and `register`, the same organisation with an agreements register,
routine shares citing it (tests/fixture_agreements.py) and an emergency share reviewed after
the event, so the register's and the review's queries compare real rows. A second store holds
two organisations made by the demo generator (1,000 decisions each, two seeds), so every query
is also compared over generated volumes with every planted warning. Values are compared
after normalising types the two engines spell differently: booleans and whole numbers as Python
ints/bools, other numbers rounded to 6 decimal places, dates and times as Python values, NULL /
NaN / NaT as None. A query whose final step has an ORDER BY is compared row for row in its
order; one without (its callers order it) after sorting. One test loops over every query and
organisation and reports every mismatch at once (one Spark session per test run; each table
read once into a cached view; each input query run once per set of values).
The tests that start Spark are marked slow: they run in `make test` and CI, not in the quick
`-m "not slow"` loop.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sqlglot
from sqlglot import exp

from demo.generate import generate
from metrics import agreements, ico_steps, org, overview, policy, sharing, training
from metrics.filters import Filters
from metrics.query import SQL_DIR, filter_params, parameters, run, sql_text
from metrics.spark import SparkEngine, StoreError, dependencies, spark_engine, spark_sql
from pipelines.ingest import ingest
from pipelines.publish import publish
from pipelines.store import connect_readonly
from tests.fixture_org import MAIN, X

GRACE = 30


# The bound values every query may take: the main filters, as the typed functions bind them
# (so the inputs they share run once), and each measure's own arguments. A new parameter gets
# a value here on purpose. Trends (several as-of dates at once) are compared byte for byte in
# the export on Spark (tests/test_export_cli.py: the 12-month trend).
def measure_params(f: Filters, today: dt.date) -> dict[str, Any]:
    """Every value a query may bind, for the filters f on the day today."""
    return filter_params(f) | {
        "grace_days": GRACE,
        "review_window_days": 60,
        "today": today,
        "limit": 20,
        "review_grace_days": 0,
    }


PARAMS = measure_params(MAIN, X)


# Queries run through their typed metric functions (the pages' and exports' path); the rest
# through metrics.query.run with measure_params.
def typed(f: Filters) -> dict[str, Callable[[Any], pd.DataFrame]]:
    """Each query with a typed metric function, through it with the filters f."""
    return {
        "scope_teams": org.team_list,
        "decisions_in_period": lambda c: sharing.decisions_in_period(c, f),
        "decisions_by_team": lambda c: sharing.decisions_by_team(c, f),
        "decisions_by_month": lambda c: sharing.decisions_by_month(c, f),
        "shares_by_recipient_type": lambda c: sharing.shares_by_recipient_type(c, f),
        "shares_by_lawful_basis": lambda c: sharing.shares_by_lawful_basis(c, f),
        "shares_by_statutory_gateway": lambda c: sharing.shares_by_statutory_gateway(c, f),
        "decision_times": lambda c: sharing.decision_times(c, f),
        "decision_maker_training_by_team": lambda c: sharing.decision_maker_training_by_team(
            c, f, GRACE
        ),
        "policy_status": lambda c: policy.policy_status(c, f),
        "policy_coverage_by_team": lambda c: policy.policy_coverage_by_team(c, f),
        "policies_due_for_review": lambda c: policy.policies_due_for_review(c, f),
        "stale_attestations": lambda c: policy.stale_attestations(c, f),
        "training_status": lambda c: training.training_status(c, f),
        "training_completion_by_team": lambda c: training.training_completion_by_team(c, f),
        "training_completion_by_team_course": lambda c: training.training_completion_by_team_course(
            c, f
        ),
        "training_exceptions": lambda c: training.training_exceptions(c, f),
        "assignment_history": training.assignment_history,
        "team_scorecard": lambda c: overview.team_scorecard(c, f),
        "ico_steps_by_team": lambda c: ico_steps.ico_steps_by_team(c, f),
        "agreements_register": lambda c: agreements.agreements_register(c, f),
        "agreements_past_review": lambda c: agreements.agreements_past_review(c, f),
        "agreement_shares_by_team": lambda c: agreements.agreement_shares_by_team(c, f),
    }


QUERIES = sorted(p.stem for p in SQL_DIR.glob("*.sql"))


@pytest.fixture(scope="module")
def engines(spark: Any, spark_store: Path) -> dict[str, SparkEngine]:
    """Spark over the shared store, one engine per organisation (the engines the CLI and the
    pages get for the same store: spark_engine keeps one per store and organisation)."""
    return {o: spark_engine("local[2]", str(spark_store), o) for o in ("northbridge", "register")}


@pytest.fixture(scope="module")
def engine(engines: dict[str, SparkEngine]) -> SparkEngine:
    return engines["northbridge"]


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
    if isinstance(v, np.ndarray | list):  # a list column (agreement_warnings' refs)
        return tuple(_value(x) for x in v)
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


def result(con: Any, name: str, f: Filters = MAIN, today: dt.date = X) -> pd.DataFrame:
    """What query `name` gives on con for the filters f, through its typed function where it
    has one."""
    measures = typed(f)
    if name in measures:
        return measures[name](con)
    params = measure_params(f, today)
    missing = parameters(name) - params.keys()
    assert not missing, f"add a value for {sorted(missing)} to measure_params in {__file__}"
    return run(con, name, params)


def difference(name: str, on_duckdb: pd.DataFrame, on_spark: pd.DataFrame) -> str | None:
    """How query name's Spark rows differ from DuckDB's, or None when they are the same."""
    if list(on_spark.columns) != list(on_duckdb.columns):
        return f"columns {list(on_spark.columns)} != {list(on_duckdb.columns)}"
    duck_rows, spark_rows = normalised(on_duckdb), normalised(on_spark)
    if not ordered(name):
        duck_rows, spark_rows = sorted(duck_rows, key=_sort_key), sorted(spark_rows, key=_sort_key)
    if spark_rows == duck_rows:
        return None
    return f"Spark gave {spark_rows}, DuckDB {duck_rows}"


@pytest.mark.slow
@pytest.mark.timeout(1200)  # 2 x 42 queries on local Spark, on a busy 2-core machine
def test_every_query_gives_each_organisation_the_same_rows_on_spark(
    org_databases: dict[str, Path], engines: dict[str, SparkEngine]
) -> None:
    mismatches = []
    for organisation, db in org_databases.items():
        con = connect_readonly(db)
        try:
            for name in QUERIES:
                try:
                    found = difference(name, result(con, name), result(engines[organisation], name))
                except Exception as error:  # one query failing on Spark must not hide the rest
                    found = f"{type(error).__name__}: {str(error).splitlines()[0]}"
                if found:
                    mismatches.append(f"{organisation} {name}: {found}")
        finally:
            con.close()
    assert not mismatches, "\n".join(mismatches)


# Two generated organisations (the demo generator, 1,000 decisions each ending 2026-10-31, two
# seeds) in one store: the measures over realistic volumes, every planted warning included.
GENERATED_END = dt.date(2026, 10, 31)
GENERATED = Filters(dt.date(2025, 11, 1), GENERATED_END, GENERATED_END)


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated store of two organisations, and the database `seed-7` was published from."""
    folder = tmp_path_factory.mktemp("generated_store")
    for seed in (42, 7):
        generate(folder / f"demo-{seed}", seed=seed, scale=0.04, end=GENERATED_END)
        db = folder / f"seed-{seed}.duckdb"
        ingest([folder / f"demo-{seed}"], db, out=io.StringIO(), err=io.StringIO())
        publish(db, folder / "store", f"seed-{seed}", f"Seed {seed} Council")
    return folder / "store", folder / "seed-7.duckdb"


@pytest.mark.slow
@pytest.mark.timeout(900)  # 42 queries on local Spark, on a busy 2-core machine
def test_every_query_gives_a_generated_organisation_the_same_rows_on_spark(
    generated_store: tuple[Path, Path], spark: Any
) -> None:
    store, db = generated_store
    engine = spark_engine("local[2]", str(store), "seed-7")
    assert sorted(engine.organisations) == ["seed-42", "seed-7"]
    con = connect_readonly(db)
    mismatches, empty = [], []
    try:
        for name in QUERIES:
            try:
                on_duckdb = result(con, name, GENERATED, GENERATED_END)
                found = difference(name, on_duckdb, result(engine, name, GENERATED, GENERATED_END))
            except Exception as error:  # one query failing on Spark must not hide the rest
                on_duckdb, found = pd.DataFrame(), f"{type(error).__name__}: {error}"
            if found:
                mismatches.append(f"{name}: {found.splitlines()[0][:300]}")
            if on_duckdb.empty:
                empty.append(name)
    finally:
        con.close()
    assert not mismatches, "\n".join(mismatches)
    # rows to compare in every query but the load log's refusals (the demo's files are clean)
    assert empty == ["status_refusals_by_reason"]


def test_the_organisations_give_rows_to_compare(org_databases: dict[str, Path]) -> None:
    # An engine that returned nothing would agree with an empty result. Empty in both: the
    # load-log queries (the fixtures are built without ingest runs). The fixture has no
    # register, so the register's queries are empty there and not in `register`, where
    # D01 D02 D03 D05 D07 D08 D11 D13 D14 are routine shares in the period
    # (tests/fixture_agreements.py's table).
    empty = {}
    for organisation, db in org_databases.items():
        con = connect_readonly(db)
        try:
            empty[organisation] = {n for n in QUERIES if result(con, n).empty}
        finally:
            con.close()
    load_log = {"status_recent_runs", "status_refusals_by_reason"}
    assert empty["register"] == load_log
    register_queries = {
        "agreement_shares_by_team",
        "agreement_warnings",
        "agreements_past_review",
        "agreements_register",
        "decision_agreements",
    }
    assert empty["northbridge"] == load_log | register_queries


@pytest.mark.slow
def test_the_organisation_is_a_filter(engines: dict[str, SparkEngine], spark: Any) -> None:
    # Each engine sees its own organisation's rows only: 4 agreements in `register`, none in
    # `northbridge`; 22 decisions each; D06's review only in `register`.
    def one(engine: SparkEngine, query: str) -> tuple[Any, ...] | None:
        return engine.execute(query).fetchone()

    assert one(engines["northbridge"], "select count(*) from agreements") == (0,)
    assert one(engines["register"], "select count(*) from agreements") == (4,)
    assert one(engines["register"], "select count(*) from decisions") == (22,)
    reviewed = "select count(*) from decisions where reviewed_by is not null"
    assert one(engines["northbridge"], reviewed) == (0,)
    assert one(engines["register"], reviewed) == (1,)
    assert engines["register"].organisations == {
        "northbridge": "Northbridge Borough Council",
        "register": "Register Borough Council",
    }
    with pytest.raises(StoreError, match="holds organisations northbridge, register: choose one"):
        SparkEngine(spark, engines["northbridge"].store)


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


def test_each_input_is_run_once_before_the_queries_that_read_it() -> None:
    # ico_steps_by_team reads scope_teams directly and through ico_step_decisions_by_team,
    # emergency_decision_times and decision_maker_training_by_team (which read the rollups since
    # issue 12): it comes once, first, before all three.
    order = dependencies("ico_steps_by_team")
    assert len(order) == len(set(order))
    assert order.count("scope_teams") == 1
    first = order.index("scope_teams")
    assert first == 0
    readers = (
        "ico_step_decisions_by_team",
        "emergency_decision_times",
        "decision_maker_training_by_team",
    )
    assert all(first < order.index(r) for r in readers)
    # training_status reads staff_as_of and course_rules: both before it
    assert order.index("staff_as_of") < order.index("training_status")
    assert order.index("course_rules") < order.index("training_status")
    assert "ico_steps_by_team" not in order


def test_a_query_reads_its_inputs_from_the_views_named() -> None:
    # decision_times reads scope_teams; given a kept view, it reads that view under the old
    # name, so `scope_teams.x` still resolves.
    text = " ".join(spark_sql("decision_times", {"scope_teams": "st__00ff"}).split())
    assert "FROM st__00ff AS scope_teams" in text
    assert "st__00ff" not in spark_sql("decision_times")


def test_transpiled_sql_uses_spark_spellings() -> None:
    teams = spark_sql("scope_teams")
    assert "SIZE(CAST(:teams AS ARRAY<STRING>))" in teams
    assert "LENGTH(" not in teams
    decisions = " ".join(spark_sql("decisions_in_period").split())
    assert "( art9_condition RLIKE '(?i)sch(edule)?\\\\s*8\\\\b' ) = COALESCE(" in decisions
    assert "/ CAST(3600.0 AS DOUBLE)" in decisions
    assert "ADD_MONTHS(" in spark_sql("training_status").upper()
    assert "ADD_MONTHS(" in spark_sql("decision_maker_training").upper()
    assert "PERCENTILE(hours_to_decision, ARRAY(0.5, 0.9))" in spark_sql("decision_times")


@pytest.mark.slow
def test_a_missing_parameter_is_named_on_spark_too(engine: SparkEngine) -> None:
    with pytest.raises(KeyError, match="grace_days"):
        run(engine, "training_status", filter_params(MAIN))


@pytest.mark.slow
def test_dates_come_back_as_dates(engine: SparkEngine) -> None:
    frame = policy.policies_due_for_review(engine, MAIN)
    assert all(isinstance(d, dt.date) for d in frame["review_due"])
