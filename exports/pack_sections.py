"""The board pack's governance sections, from the export's tables after disclosure control:
the ICO ten steps (all teams with the change on the previous period and the 12-month trend, then
the team × step matrix), the early warnings, the agreements past review and the open actions.
A section whose source was not available says so, never an empty table."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pandas as pd
from markupsafe import Markup

from exports.columns import (
    AGREEMENTS_PAST_REVIEW,
    ICO_STEPS_BY_MONTH,
    ICO_STEPS_BY_TEAM,
    OPEN_ACTIONS,
    WARNINGS,
    Summary,
)
from exports.disclosure import NO_DECISIONS, SUPPRESSED
from metrics.ico_steps import STEPS, lower_first
from metrics.rag import AMBER, LABELS, NO_DATA
from presentation import charts

if TYPE_CHECKING:
    from exports.board_pack import Figures

# The pages a warning points at, by their address, as the navigation names them.
PAGE_TITLES = {
    "overview": "Overview",
    "ico-steps": "ICO ten steps",
    "coverage": "Policy coverage",
    "training": "Training",
    "sharing": "Sharing",
    "register": "Agreements register",
    "status": "Data status",
}
# The word a table holds -> the status code.
STATUS_CODES = {"no data": NO_DATA, NO_DECISIONS: AMBER}


def records(summary: Summary, table: pd.DataFrame) -> list[dict[str, Any]]:
    """The table's rows as dicts by column name."""
    rows = table.itertuples(index=False, name=None)
    return [dict(zip(summary.column_names, row, strict=True)) for row in rows]


def _status(word: str) -> str:
    return STATUS_CODES.get(word, word)


def _symbol(word: str) -> str:
    return LABELS[_status(word)].split(" ")[0]


def rated(value: Any, num: Any, den: Any) -> str:
    """`66.6 % (10 of 15)`, `c`, or `no data`."""
    if SUPPRESSED in (value, num, den):
        return SUPPRESSED
    if value is None:
        return "no data"
    return f"{value:g} % ({num:,} of {den:,})"


def _now(row: dict[str, Any]) -> str:
    """`■ 81.2 % (13 of 16)`, `▲ No decisions logged`, `○ no data` or `c`."""
    text = rated(row["pct"], row["numerator"], row["denominator"])
    if text == SUPPRESSED or row["rag"] == SUPPRESSED:
        return SUPPRESSED
    if row["rag"] == NO_DECISIONS:
        return "▲ No decisions logged"
    return f"{_symbol(row['rag'])} {text}"


def _change(points: Any) -> str:
    """`+6.9 pts`, `no change`, `nothing to compare` or `c`."""
    if points == SUPPRESSED:
        return SUPPRESSED
    if points is None:
        return "nothing to compare"
    return "no change" if points == 0 else f"{points:+.1f} pts"


def _cell(row: dict[str, Any]) -> str:
    """A matrix cell: `■ 80 %`, `▲ none logged`, `○ –` or `c`."""
    if SUPPRESSED in (row["pct"], row["rag"]):
        return SUPPRESSED
    if row["rag"] == NO_DECISIONS:
        return "▲ none logged"
    if row["pct"] is None:
        return "○ –"
    return f"{_symbol(row['rag'])} {row['pct']:g} %"


def _shown(pct: Any) -> str:
    """`62.5 %`, `c` or `no data`."""
    if pct == SUPPRESSED:
        return SUPPRESSED
    return "no data" if pct is None else f"{pct:g} %"


def _trend_chart(table: pd.DataFrame, figures: Figures) -> Markup:
    """The 12-month trend of every step as one heatmap (steps × months)."""
    names = {s.number: s.short_name for s in STEPS}
    frame = pd.DataFrame(
        [
            {
                "step": names[r["ico_step"]],
                "month": dt.date.fromisoformat(r["month"] + "-01"),
                "shown": _shown(r["pct"]),
                "status": SUPPRESSED if r["rag"] == SUPPRESSED else _status(r["rag"]),
            }
            for r in records(ICO_STEPS_BY_MONTH, table)
        ],
        columns=["step", "month", "shown", "status"],
    )
    if frame.empty:
        return Markup("")
    fig = charts.step_trend_heatmap(frame)
    fig.update_layout(margin={"t": 30, "l": 10, "r": 10, "b": 10})
    return figures.place("ico-steps-trend", fig, int(fig.layout.height))


def ten_steps(tables: dict[Summary, pd.DataFrame], figures: Figures) -> dict[str, Any]:
    """The ten steps' pages: all teams now, before and the change; the trend; the matrix."""
    rows = records(ICO_STEPS_BY_TEAM, tables[ICO_STEPS_BY_TEAM])
    every = [r for r in rows if r["team_id"] is None]
    teams: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["team_id"] is not None:
            teams.setdefault(r["team_name"], []).append(r)
    return {
        "steps_now": [
            {
                "step": r["ico_step"],
                "name": r["ico_step_name"],
                "indicator": lower_first(r["indicator"]),
                "now": _now(r),
                "before": rated(
                    r["previous_pct"], r["previous_numerator"], r["previous_denominator"]
                ),
                "change": _change(r["change_pts"]),
            }
            for r in every
        ],
        "steps_trend": _trend_chart(tables[ICO_STEPS_BY_MONTH], figures),
        "step_names": [s.short_name for s in STEPS],
        "step_matrix": [
            {"team": team, "cells": [_cell(r) for r in cells]} for team, cells in teams.items()
        ],
    }


SEVERITY_LABELS = {"high": "■ High", "medium": "▲ Medium"}
NOT_AVAILABLE = (
    "The {what} could not be included in this export (its source was not available), so this "
    "page cannot say whether there are any: look on the dashboard before relying on it."
)


def _not_available(what: str) -> str:
    return NOT_AVAILABLE.format(what=what)


def warnings_section(tables: dict[Summary, pd.DataFrame]) -> dict[str, Any]:
    """The early warnings page: each warning's severity, team and sentence, and where to look;
    or that the warnings are not available."""
    table = tables.get(WARNINGS)
    if table is None:
        return {"warnings": None, "warnings_missing": _not_available("early warnings")}
    return {
        "warnings": [
            {
                "severity": SEVERITY_LABELS.get(r["severity"], r["severity"]),
                "team": r["team_name"] or "The organisation",
                "sentence": r["warning"],
                "page": PAGE_TITLES.get(r["page"], r["page"]),
            }
            for r in records(WARNINGS, table)
        ],
        "warnings_missing": None,
    }


def agreements_section(tables: dict[Summary, pd.DataFrame]) -> dict[str, Any]:
    """The register's agreements past review, with the routine shares that still cite them."""
    table = tables.get(AGREEMENTS_PAST_REVIEW)
    if table is None:
        return {"agreements": None, "agreements_missing": _not_available("agreements register")}
    return {
        "agreements": [
            {
                **r,
                "review_due": f"{r['review_due'].day} {r['review_due']:%b %Y}",
                "days_overdue": f"{r['days_overdue']:,}",
                "routine_shares": r["routine_shares"]
                if r["routine_shares"] == SUPPRESSED
                else f"{r['routine_shares']:,}",
            }
            for r in records(AGREEMENTS_PAST_REVIEW, table)
        ],
        "agreements_missing": None,
    }


def actions_section(actions: pd.DataFrame | None, external: bool) -> dict[str, Any]:
    """The open actions: the list internally (owners named); externally only how many are open
    and overdue, by ICO step (counts of actions, not of people)."""
    if actions is None:
        return {
            "actions": None,
            "action_counts": None,
            "actions_missing": _not_available("actions"),
        }
    rows = records(OPEN_ACTIONS, actions)
    counts: dict[str, list[int]] = {}
    for r in rows:
        step = "No step" if r["ico_step"] is None else f"Step {r['ico_step']}"
        counts.setdefault(step, [0, 0])
        counts[step][0] += 1
        counts[step][1] += r["overdue"] == "yes"
    return {
        "actions": None if external else [_action(r) for r in rows],
        "action_counts": {
            "open": len(rows),
            "overdue": sum(1 for r in rows if r["overdue"] == "yes"),
            "by_step": sorted(counts.items(), key=lambda kv: _step_order(kv[0])),
        },
        "actions_missing": None,
    }


def _step_order(label: str) -> int:
    return 99 if label == "No step" else int(label.split(" ")[1])


def _action(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": r["title"],
        "team": r["team_name"] or "The organisation",
        "step": "–" if r["ico_step"] is None else r["ico_step"],
        "owner": r["owner"],
        "due": f"{r['due_on'].day} {r['due_on']:%b %Y}",
        "overdue": r["overdue"] == "yes",
    }
