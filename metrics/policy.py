"""Policy coverage: which teams have the policies that apply to them in place and in date."""

from __future__ import annotations

import duckdb
import pandas as pd

from metrics.filters import Filters
from metrics.query import filter_params, run
from metrics.trends import stock_trend

REVIEW_WINDOW_DAYS = 60
STATUS_ORDER = (
    "in_place",
    "out_of_date",
    "partial",
    "not_started",
    "not_applicable_lapsed",
    "not_applicable",
)


def policy_status(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Each active team's status for each policy in force, as of f.as_of."""
    return run(con, "policy_status", filter_params(f)).drop(columns="as_of")


def policy_coverage_by_team(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Per team: policies in place and in date, policies that apply, and the other statuses."""
    return run(con, "policy_coverage_by_team", filter_params(f)).drop(columns="as_of")


def policy_coverage_trend(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Coverage of all teams in scope as of each of the 12 month ends up to f.as_of."""
    return stock_trend(con, "policy_coverage_by_team", f, ("in_place", "applies"))


def policies_due_for_review(
    con: duckdb.DuckDBPyConnection, f: Filters, window_days: int = REVIEW_WINDOW_DAYS
) -> pd.DataFrame:
    """Policies in force at f.as_of past their review date or due within window_days of it."""
    params = filter_params(f) | {"review_window_days": window_days}
    return run(con, "policies_due_for_review", params).drop(columns="as_of")


def stale_attestations(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Latest attestations, for policies in force, made more than a year before f.as_of."""
    return run(con, "stale_attestations", filter_params(f)).drop(columns="as_of")
