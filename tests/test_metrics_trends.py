"""The groundwork stock measures share: the monthly trend (metrics/trends.py) and the as-of
dates and teams they are taken over (metrics/sql/active_teams_as_of.sql)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb

from metrics.query import filter_params, run
from metrics.trends import stock_trend
from tests.fixture_org import MAIN, X

D = dt.date


def test_months_before_any_row_count_zero(con: duckdb.DuckDBPyConnection) -> None:
    f = replace(MAIN, as_of=D(2023, 6, 30))
    trend = stock_trend(con, "policy_coverage_by_team", f, ("in_place", "applies"))
    assert list(trend.columns) == ["as_of", "in_place", "applies"]
    assert trend.dtypes["in_place"] == "int64"
    assert trend.dtypes["applies"] == "int64"
    rows = [(r.as_of, r.in_place, r.applies) for r in trend.itertuples()]
    # No policy is in force before P-DP v1 (2023-01-01): six empty months. Then P-DP applies to
    # the 4 active teams (OLD is closed) until P-EMERG (2023-06-01) makes it 8; nobody has
    # attested either yet.
    assert rows == [
        (D(2022, 7, 31), 0, 0),
        (D(2022, 8, 31), 0, 0),
        (D(2022, 9, 30), 0, 0),
        (D(2022, 10, 31), 0, 0),
        (D(2022, 11, 30), 0, 0),
        (D(2022, 12, 31), 0, 0),
        (D(2023, 1, 31), 0, 4),
        (D(2023, 2, 28), 0, 4),
        (D(2023, 3, 31), 0, 4),
        (D(2023, 4, 30), 0, 4),
        (D(2023, 5, 31), 0, 4),
        (D(2023, 6, 30), 0, 8),
    ]


def test_extra_parameters_reach_the_query(con: duckdb.DuckDBPyConnection) -> None:
    counts = ("in_date", "required")
    short = stock_trend(con, "training_completion_by_team", MAIN, counts, {"grace_days": 0})
    long = stock_trend(con, "training_completion_by_team", MAIN, counts, {"grace_days": 30})
    # At X (2026-06-30) with the 30-day grace period: 10 of 16 (tests/test_metrics_training.py).
    # With none, S05 (started 2026-06-10, a decision maker) counts too: C-DP passed 2026-06-20
    # is in date, C-SHARE was never taken -> 11 of 18.
    assert tuple(long.iloc[-1][["in_date", "required"]]) == (10, 16)
    assert tuple(short.iloc[-1][["in_date", "required"]]) == (11, 18)


def test_a_date_given_twice_counts_once(con: duckdb.DuckDBPyConnection) -> None:
    params = filter_params(MAIN, [X, X]) | {"grace_days": 30}
    # 16 requirements at X (tests/test_metrics_training.py), not 32; 20 = 4 active teams x 5
    # policies in force at X
    assert len(run(con, "training_status", params)) == 16
    assert len(run(con, "policy_status", params)) == 20
