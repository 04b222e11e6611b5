"""The register of data sharing agreements: what is in force, what is past review, and the
routine sharing that relies on each agreement (ICO steps 5 and 6, and warning 5).

An agreement is in force on a day from signed_on to ended_on unless it is a draft; a share is
judged against the register on the day it was made, never against today's state.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from metrics.filters import Filters
from metrics.query import filter_params, run
from metrics.warning_frame import WARNING_COLUMNS

NOT_IN_FORCE, PAST_REVIEW, NO_AGREEMENT = (
    "agreement_not_in_force",
    "agreement_past_review",
    "no_agreement",
)
SEVERITY = {NOT_IN_FORCE: "high", NO_AGREEMENT: "high", PAST_REVIEW: "medium"}
# What the shares a warning counts were made under, after "routine share(s) ... ".
UNDER = {
    NOT_IN_FORCE: "under an agreement that was not in force on the day",
    PAST_REVIEW: "under an agreement past its review date on the day",
    NO_AGREEMENT: "to a partner with no agreement in force on the day",
}
REGISTER_PAGE = "register"
REFS_SHOWN = 3


def agreements_register(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Every agreement, its state at f.as_of, and the routine shares in the period citing it."""
    return run(con, "agreements_register", filter_params(f)).astype({"days_past_review": "Int64"})


def agreements_past_review(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Agreements in force at f.as_of past their review date: dsa_ref, title, partners,
    review_due, days_overdue and the routine shares in the period that cite them."""
    frame = run(con, "agreements_past_review", filter_params(f))
    return frame.astype({"days_overdue": "int64", "routine_shares": "int64"})


def past_review_of(register: pd.DataFrame) -> pd.DataFrame:
    """agreements_past_review from agreements_register's frame for the same filters: the page
    shows both, and the register's query need not run twice."""
    frame = register.loc[register["past_review"].astype(bool)]
    frame = frame.sort_values(["days_past_review", "dsa_ref"], ascending=[False, True])
    frame = frame.rename(columns={"days_past_review": "days_overdue"})
    columns = ["dsa_ref", "title", "partners", "review_due", "days_overdue", "routine_shares"]
    frame = frame[columns].reset_index(drop=True)
    return frame.astype({"days_overdue": "int64", "routine_shares": "int64"})


def agreement_shares_by_team(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Per agreement cited and team in scope: routine shares in the period, in force, with a
    DPIA by the day, and past review."""
    return run(con, "agreement_shares_by_team", filter_params(f))


def agreement_warnings(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: dict[str, dict[str, Any]]
) -> pd.DataFrame:
    """Warnings (the warnings frame) for teams whose routine shares in the period rest on an
    agreement not in force, or past review, on the day, or go to a partner with none."""
    limits = settings["agreements"]
    params = filter_params(f) | {"review_grace_days": int(limits["review_grace_days"])}
    found = run(con, "agreement_warnings", params)
    found = found[found["observed"] >= int(limits["min_shares"])]
    rows = [
        {
            "severity": SEVERITY[row.kind],
            "kind": row.kind,
            "team_id": row.team_id,
            "team_name": row.team_name,
            "sentence": warning_sentence(
                row.team_name, row.kind, int(row.observed), list(row.refs), f
            ),
            "page": REGISTER_PAGE,
            "observed": int(row.observed),
            "expected": None,
            "p_value": None,
        }
        for row in found.itertuples(index=False)
    ]
    frame = pd.DataFrame(rows, columns=list(WARNING_COLUMNS))
    return frame.astype({"observed": "int64"})


def warning_sentence(team: str, kind: str, observed: int, refs: list[str], f: Filters) -> str:
    """`Family help made 2 routine shares between 1 Jul 2025 and 30 Jun 2026 under an
    agreement that was not in force on the day (DSA-EDU-02).`"""
    shares = "routine share" if observed == 1 else "routine shares"
    named = ", ".join(refs[:REFS_SHOWN]) + (
        f" and {len(refs) - REFS_SHOWN} more" if len(refs) > REFS_SHOWN else ""
    )
    return (
        f"{team} made {observed:,} {shares} between {f.period_start:%-d %b %Y} and "
        f"{f.period_end:%-d %b %Y} {UNDER[kind]} ({named})."
    )
