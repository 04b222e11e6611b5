"""The overview: headline measures against the previous period, the team table and trends."""

from __future__ import annotations

import duckdb
import pandas as pd

from metrics.filters import Filters, previous
from metrics.policy import policy_coverage_trend
from metrics.query import filter_params, run
from metrics.rag import Thresholds, decisions_status, no_decisions_logged, rag_status, worst
from metrics.sharing import monthly_sharing_trend
from metrics.training import GRACE_DAYS, training_completion_trend

# (KPI, numerator column, denominator column or None for a count) over team_scorecard.
KPIS = (
    ("Policy coverage", "policies_in_place", "policies_applying"),
    ("Training completion", "training_in_date", "training_required"),
    ("Decisions logged", "decisions", None),
    ("Share rate", "shares", "decisions"),
    ("Record completeness", "complete_records", "decisions"),
)


def team_scorecard(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """Per team in scope: coverage and training counts as of f.as_of, decisions in the period."""
    return run(con, "team_scorecard", filter_params(f) | {"grace_days": grace_days})


def team_rag(scorecard: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """The scorecard with a RAG status per measure and an overall status (the worst)."""
    frame = scorecard.copy()
    frame["coverage_rag"] = [
        rag_status(n, d, thresholds.coverage)
        for n, d in zip(frame["policies_in_place"], frame["policies_applying"], strict=True)
    ]
    frame["training_rag"] = [
        rag_status(n, d, thresholds.training)
        for n, d in zip(frame["training_in_date"], frame["training_required"], strict=True)
    ]
    frame["completeness_rag"] = [
        decisions_status(n, d, m, thresholds.completeness)
        for n, d, m in zip(
            frame["complete_records"], frame["decisions"], frame["decision_makers"], strict=True
        )
    ]
    frame["no_decisions_logged"] = [
        no_decisions_logged(d, m)
        for d, m in zip(frame["decisions"], frame["decision_makers"], strict=True)
    ]
    frame["overall_rag"] = [
        worst(list(statuses))
        for statuses in zip(
            frame["coverage_rag"], frame["training_rag"], frame["completeness_rag"], strict=True
        )
    ]
    return frame


def kpis(con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS) -> pd.DataFrame:
    """The five headline measures for all teams in scope, now and in the previous period of
    equal length (stock measures as of the as-of date moved back as far)."""
    return kpis_of(team_scorecard(con, f, grace_days), team_scorecard(con, previous(f), grace_days))


def kpis_of(scorecard: pd.DataFrame, previous_scorecard: pd.DataFrame) -> pd.DataFrame:
    """kpis from the team scorecards of the filters and of previous(filters): the Overview
    shows the first as its team table, so its query need not run twice."""
    now = scorecard.sum(numeric_only=True)
    before = previous_scorecard.sum(numeric_only=True)
    rows = []
    for name, num, den in KPIS:
        rows.append(
            {
                "measure": name,
                "numerator": int(now[num]),
                "denominator": int(now[den]) if den else None,
                "previous_numerator": int(before[num]),
                "previous_denominator": int(before[den]) if den else None,
            }
        )
    return pd.DataFrame(rows).astype({"denominator": "Int64", "previous_denominator": "Int64"})


def overview_trends(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """The last 12 months of each ratio KPI for all teams in scope, one row per month and
    measure: stock measures as of each month end (the last point at f.as_of), flow measures
    over each calendar month of the 12 ending with the period."""
    coverage = policy_coverage_trend(con, f)
    training = training_completion_trend(con, f, grace_days)
    sharing = monthly_sharing_trend(con, f)
    parts = [
        pd.DataFrame(
            {
                "measure": "Policy coverage",
                "month": [d.replace(day=1) for d in coverage["as_of"]],
                "numerator": coverage["in_place"],
                "denominator": coverage["applies"],
            }
        ),
        pd.DataFrame(
            {
                "measure": "Training completion",
                "month": [d.replace(day=1) for d in training["as_of"]],
                "numerator": training["in_date"],
                "denominator": training["required"],
            }
        ),
        pd.DataFrame(
            {
                "measure": "Share rate",
                "month": sharing["month"],
                "numerator": sharing["shares"],
                "denominator": sharing["decisions"],
            }
        ),
        pd.DataFrame(
            {
                "measure": "Record completeness",
                "month": sharing["month"],
                "numerator": sharing["complete_records"],
                "denominator": sharing["decisions"],
            }
        ),
    ]
    trends = pd.concat(parts, ignore_index=True)
    trends["value"] = [
        n / d if d else None
        for n, d in zip(trends["numerator"], trends["denominator"], strict=True)
    ]
    return trends
