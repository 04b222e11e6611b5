"""The Overview's panel of overdue actions: open actions due before today, for the teams the
filters select within the viewer's scope."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import streamlit as st

from appstore.actions import actions_frame
from dashboard.appstate import STORE_PROBLEMS, app_store, scope_team_ids
from dashboard.data import team_list
from metrics.filters import Filters


def overdue_table(actions: pd.DataFrame, names: dict[str, str], today: dt.date) -> pd.DataFrame:
    """The overdue actions as shown: most overdue first."""
    overdue = actions[actions["overdue"]].sort_values(["due_on", "action_id"])
    return pd.DataFrame(
        {
            "Action": overdue["title"],
            "Team": overdue["team_id"].map(names),
            "ICO step": overdue["ico_step"].map(lambda s: "" if s is None else str(s)),
            "Owner": overdue["owner"],
            "Due": overdue["due_on"],
            "Days overdue": [(today - d).days for d in overdue["due_on"]],
        }
    ).reset_index(drop=True)


def overdue_actions_panel(con: duckdb.DuckDBPyConnection, f: Filters) -> None:
    """Overdue actions (open, due before today) for the filters' teams, or a line saying there
    are none and how many are open."""
    today = dt.date.today()
    teams = scope_team_ids(con, f)
    try:
        with app_store() as store:
            actions = actions_frame(store, teams=teams, as_of=today)
    except STORE_PROBLEMS as exc:
        st.warning(f"Actions cannot be read ({exc}).", icon=":material/warning:")
        return
    known = team_list(con, f.allowed)
    names = dict(zip(known["team_id"], known["team_name"], strict=True))
    table = overdue_table(actions, names, today)
    open_count = int((actions["status"] == "open").sum())
    if actions.empty:
        # Silence is not compliance: say that nothing is recorded, not that nothing is late.
        st.caption(
            "No action is recorded for these teams: record what governance meetings agree on "
            "the Actions page."
        )
        return
    if table.empty:
        st.caption(
            f"No overdue action for these teams ({open_count} open, {len(actions)} recorded)."
        )
        return
    st.subheader("Overdue actions")
    st.warning(
        f"{len(table)} of {open_count} open actions for these teams are past their due date.",
        icon=":material/event_busy:",
    )
    st.dataframe(table, hide_index=True)
    st.page_link("views/actions.py", label="Open the Actions page", icon=":material/task_alt:")
