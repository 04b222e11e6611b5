"""Sharing: how much each team shares, with whom, on what basis and how well it records it."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from metrics.filters import Filters, trend_window
from metrics.query import filter_params, run

# The record gaps, with the short headings the tables use.
GAP_COLUMNS = {
    "no_lawful_basis": "No lawful basis",
    "special_without_art9": "No Art 9 condition",
    "criminal_without_art10": "No Art 10 condition",
    "no_reason": "No reason",
    "refusals_no_reason": "Refusals: no reason",
    "no_purpose": "No purpose",
    "no_decided_by": "No decision maker",
}


def decisions_in_period(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Every decision in the period by a team in scope, with its record gaps."""
    return run(con, "decisions_in_period", filter_params(f))


def decisions_by_team(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Per team: decisions in the period by outcome, complete share records and each gap."""
    return run(con, "decisions_by_team", filter_params(f))


def decisions_by_month(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Per month and team: decisions in the period by outcome (months with none have no row)."""
    return run(con, "decisions_by_month", filter_params(f))


def months_of(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of each calendar month from start's to end's."""
    return list(pd.date_range(start.replace(day=1), end, freq="MS").date)


def decisions_per_month_by_team(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Every month of the period for every team with a decision in it: decisions by outcome,
    zeros included, so that each team's months line up."""
    by_month = decisions_by_month(con, f)
    counts = ["decisions", "shared", "partially_shared", "not_shared"]
    if by_month.empty:
        return pd.DataFrame(columns=["team_id", "team_name", "month", *counts])
    teams = by_month[["team_id", "team_name"]].drop_duplicates()
    grid = teams.merge(
        pd.DataFrame({"month": months_of(f.period_start, f.period_end)}), how="cross"
    )
    frame = grid.merge(by_month[["team_id", "month", *counts]], on=["team_id", "month"], how="left")
    frame[counts] = frame[counts].fillna(0).astype("int64")
    return frame.sort_values(["team_name", "month"], ignore_index=True)


def monthly_sharing_trend(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """All teams in scope, per month of the 12 ending with the period: decisions, shares and
    complete records, months without decisions included as zeros."""
    window = trend_window(f)
    by_month = decisions_by_month(con, window)
    totals = by_month.groupby("month", as_index=False)[
        ["decisions", "shares", "complete_records"]
    ].sum()
    months = pd.DataFrame({"month": months_of(window.period_start, window.period_end)})
    return (
        months.merge(totals, on="month", how="left")
        .fillna(0)
        .astype({"decisions": "int64", "shares": "int64", "complete_records": "int64"})
    )


def shares_by_recipient_type(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Shares in the period by type of recipient."""
    return run(con, "shares_by_recipient_type", filter_params(f))


def shares_by_lawful_basis(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Shares in the period by lawful basis ('not recorded' when blank)."""
    return run(con, "shares_by_lawful_basis", filter_params(f))


def shares_by_statutory_gateway(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Shares in the period by statutory gateway cited ('none cited' when blank) and basis."""
    return run(con, "shares_by_statutory_gateway", filter_params(f))


def decision_maker_training_by_team(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int
) -> pd.DataFrame:
    """Per team, then all teams in scope (no team_id): decisions in the period by staff trained
    on the day, by staff whose training had lapsed, and with no decision maker on the roster."""
    return run(
        con, "decision_maker_training_by_team", filter_params(f) | {"grace_days": grace_days}
    )


def decision_times(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Per team and in all (last row, no team_id): time to decision, emergency decisions and
    their time to decision and to record, in hours."""
    return run(con, "decision_times", filter_params(f))
