"""Training completion: which teams' staff are trained and in date."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from core.settings import DEFAULTS
from metrics.filters import Filters
from metrics.query import filter_params, run
from metrics.trends import stock_trend

GRACE_DAYS = int(DEFAULTS["training"]["grace_days"])


def _params(f: Filters, grace_days: int) -> dict[str, Any]:
    return filter_params(f) | {"grace_days": grace_days}


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
    return stock_trend(
        con,
        "training_completion_by_team",
        f,
        ("in_date", "required"),
        {"grace_days": grace_days},
    )


def training_exceptions(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """Staff overdue or never trained at f.as_of, and those expiring within 90 days."""
    return run(con, "training_exceptions", _params(f, grace_days)).drop(columns="as_of")


def assignment_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row: assignments loaded, and the staff members they cover."""
    return run(con, "assignment_history", {})
