"""The governance sections of an export, from frames other parts of the app make: the early
warnings (metrics.warnings and metrics.agreements), the register's agreements past review
(metrics.agreements) and the open actions (the app store). Each source is optional: None means
it is not available, and the export says so (its file is left out, the manifest and the board
pack name it); an empty frame means there is nothing to report, and the pack says that too.

Counts about children's decisions or staff are cells of exports.disclosure. A warning's
sentence is written by the warning's own module with its numbers in it: external exports rebuild
it from the cells as shown, so a small count never leaves in the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from appstore.actions import ACTION_COLUMNS
from exports.columns import AGREEMENTS_PAST_REVIEW, OPEN_ACTIONS, WARNINGS, Summary
from exports.disclosure import PERIOD, Beside, Cells, Count, Reworded
from metrics.warning_frame import WARNING_COLUMNS

# The frames' columns, as agreed between the parts of the app that make them.
AGREEMENT_COLUMNS = ("dsa_ref", "title", "partners", "review_due", "days_overdue", "routine_shares")
# What each warning counts, for the sentence an external export rebuilds.
KIND_WORDS = {
    "sharing_falling": "decisions in the latest 3 months, fewer than its own past",
    "not_shared_rising": "decisions not to share in the latest 3 months, more than its own past",
    "untrained_volume": "decisions while its decision makers' training is below the threshold",
    "lapsed_training": "decisions by staff whose required training had lapsed on the day",
    "emergency_unrecorded": "emergency decisions not recorded in time",
    "emergency_unreviewed": "emergency decisions without an after-the-event review",
    "emergency_no_policy": "emergency decisions without the emergency policy in place",
    "records_slipping": "incomplete records, worse than its previous period",
    "agreement_not_in_force": "routine shares under an agreement not in force on the day",
    "agreement_past_review": "routine shares under an agreement past its review date",
    "no_agreement": "routine shares to a partner with no agreement",
}
SEVERITY_ORDER = {"high": 0, "medium": 1}
# The file a source fills, and how the manifest and the pack name it when it is missing.
SOURCES = {
    WARNINGS.name: "early warnings",
    AGREEMENTS_PAST_REVIEW.name: "agreements register",
    OPEN_ACTIONS.name: "actions",
}


@dataclass(frozen=True)
class Governance:
    """The optional sources of an export; None: not available."""

    warnings: pd.DataFrame | None = None
    agreements_past_review: pd.DataFrame | None = None
    actions: pd.DataFrame | None = None


def _checked(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> pd.DataFrame:
    if tuple(frame.columns) != columns:
        raise ValueError(f"{what} have columns {list(frame.columns)}, not {list(columns)}")
    return frame


def _in_scope(team: Any, teams: dict[str, str], scoped: bool) -> bool:
    """A row of a team in scope, or of the organisation when the viewer sees every team."""
    if team is None or pd.isna(team):
        return not scoped
    return team in teams


def governance_tables(
    g: Governance, cells: Cells, teams: dict[str, str], scoped: bool
) -> dict[str, pd.DataFrame]:
    """The tables of the sources given (team_id -> name: the teams in scope)."""
    tables = {}
    if g.warnings is not None:
        tables[WARNINGS.name] = warnings_table(g.warnings, cells, teams, scoped)
    if g.agreements_past_review is not None:
        tables[AGREEMENTS_PAST_REVIEW.name] = agreements_table(g.agreements_past_review, cells)
    if g.actions is not None:
        tables[OPEN_ACTIONS.name] = actions_table(g.actions, teams, scoped)
    return tables


def _frame(summary: Summary, rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=summary.column_names, dtype=object)


def _optional(value: Any, digits: int) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), digits)


def warnings_table(
    frame: pd.DataFrame, cells: Cells, teams: dict[str, str], scoped: bool
) -> pd.DataFrame:
    """The warnings of the teams in scope, high first, each count a cell."""
    frame = _checked(frame, WARNING_COLUMNS, "warnings")
    kept = [r for _, r in frame.iterrows() if _in_scope(r["team_id"], teams, scoped)]
    kept.sort(key=lambda r: (SEVERITY_ORDER.get(r["severity"], 2), str(r["team_name"] or "")))
    rows = []
    for i, r in enumerate(kept):
        observed = cells.count(("warning_observed", i, r["kind"], r["team_id"]), r["observed"])
        expected_value = _optional(r["expected"], 0)
        expected = (
            None
            if expected_value is None
            else cells.count(("warning_expected", i, r["kind"], r["team_id"]), expected_value)
        )
        guards = (observed,) if expected is None else (observed, expected)
        p_value = _optional(r["p_value"], 4)
        rows.append(
            {
                "severity": r["severity"],
                "kind": r["kind"],
                "team_id": None if pd.isna(r["team_id"]) else r["team_id"],
                "team_name": r["team_name"],
                "warning": Reworded(str(r["sentence"]), _warning_parts(r, observed, expected)),
                "page": r["page"],
                "observed": observed,
                "expected": expected,
                "p_value": None if p_value is None else Beside(p_value, guards),
            }
        )
    return _frame(WARNINGS, rows)


def _warning_parts(r: pd.Series, observed: Count, expected: Count | None) -> tuple[Any, ...]:
    """`Early Help West: 31 decisions in the latest 3 months, ... (about 58 expected).`"""
    words = KIND_WORDS.get(r["kind"], str(r["kind"]).replace("_", " "))
    who = r["team_name"] if r["team_name"] else "The organisation"
    about = () if expected is None else (" (about ", expected, " expected)")
    return (f"{who}: ", observed, f" {words}", *about, ".")


def agreements_table(frame: pd.DataFrame, cells: Cells) -> pd.DataFrame:
    """The agreements past review, most overdue first, their routine shares as cells."""
    frame = _checked(frame, AGREEMENT_COLUMNS, "agreements past review")
    ordered = frame.sort_values(["days_overdue", "dsa_ref"], ascending=[False, True])
    rows = [
        {
            "dsa_ref": r.dsa_ref,
            "title": r.title,
            "partners": r.partners,
            "review_due": r.review_due,
            "days_overdue": int(r.days_overdue),
            "routine_shares": cells.count(
                ("agreement_routine_shares", r.dsa_ref, PERIOD), r.routine_shares
            ),
        }
        for r in ordered.itertuples()
    ]
    return _frame(AGREEMENTS_PAST_REVIEW, rows)


def actions_table(frame: pd.DataFrame, teams: dict[str, str], scoped: bool) -> pd.DataFrame:
    """The open actions of the teams in scope (and of the organisation), overdue first."""
    frame = _checked(frame, ACTION_COLUMNS, "actions")
    open_rows = [
        r
        for _, r in frame.iterrows()
        if r["status"] == "open" and _in_scope(r["team_id"], teams, scoped)
    ]
    open_rows.sort(key=lambda r: (not bool(r["overdue"]), r["due_on"], str(r["action_id"])))
    rows = [
        {
            "action_id": r["action_id"],
            "title": r["title"],
            "team_id": None if pd.isna(r["team_id"]) else r["team_id"],
            "team_name": None if pd.isna(r["team_id"]) else teams[r["team_id"]],
            "ico_step": None if pd.isna(r["ico_step"]) else int(r["ico_step"]),
            "owner": r["owner"],
            "due_on": r["due_on"],
            "overdue": "yes" if bool(r["overdue"]) else "no",
            "updated_at": r["updated_at"],
            "updated_by": r["updated_by"],
        }
        for r in open_rows
    ]
    return _frame(OPEN_ACTIONS, rows)
