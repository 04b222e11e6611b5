"""Training completion: which teams' staff are trained and in date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pandas as pd

from core.settings import DEFAULTS
from metrics.filters import Filters, trend_month_ends
from metrics.query import filter_params, run

GRACE_DAYS = int(DEFAULTS["training"]["grace_days"])


def _params(f: Filters, grace_days: int, dates: list[dt.date] | None = None) -> dict[str, Any]:
    return filter_params(f, dates) | {"grace_days": grace_days}


def training_status(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """One row per (staff member, course) counted at f.as_of, with whether it is in date."""
    return run(con, "training_status", _params(f, grace_days)).drop(columns="as_of")


def training_completion_by_team(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """Per team: requirements in date and requirements, at f.as_of."""
    return run(con, "training_completion_by_team", _params(f, grace_days)).drop(columns="as_of")


def training_completion_by_team_course(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """Per team and course: staff in date and staff who must take it, at f.as_of."""
    frame = run(con, "training_completion_by_team_course", _params(f, grace_days))
    return frame.drop(columns="as_of")


def training_completion_trend(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """Completion of all teams in scope as of each of the 12 month ends up to f.as_of."""
    dates = trend_month_ends(f.as_of)
    by_team = run(con, "training_completion_by_team", _params(f, grace_days, dates))
    totals = by_team.groupby("as_of", as_index=False)[["in_date", "required"]].sum()
    frame = pd.DataFrame({"as_of": dates})
    return (
        frame.merge(totals, on="as_of", how="left")
        .fillna(0)
        .astype({"in_date": "int64", "required": "int64"})
    )


def training_exceptions(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """Staff overdue or never trained at f.as_of, and those expiring within 90 days."""
    return run(con, "training_exceptions", _params(f, grace_days)).drop(columns="as_of")
