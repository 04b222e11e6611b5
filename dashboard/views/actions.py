"""Actions: what governance meetings agreed, for which team and ICO step, who owns it, when it is
due and whether it is done, with every change kept."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd
import streamlit as st

from appstore.actions import action_history, actions_frame
from dashboard import ui
from dashboard.actions_forms import add_form, change_form, import_box, show_flash, step_label
from dashboard.appstate import (
    STORE_PROBLEMS,
    app_store,
    record_download,
    scope_team_ids,
    viewer_name,
)
from dashboard.data import team_list
from dashboard.page import start_page
from exports.actions import actions_xlsx
from metrics.filters import Filters

ctx = start_page(
    "Actions",
    "actions",
    "Actions agreed between governance meetings: what, for which team and ICO step, who owns "
    "it and by when. Every change is kept, with who made it and when.",
)
f = ctx.filters
show_flash()
teams = team_list(ctx.con, f.allowed)
names = dict(zip(teams["team_id"], teams["team_name"], strict=True))
in_filters = scope_team_ids(ctx.con, f)
who = viewer_name()


def actions_list(
    store: sqlite3.Connection, in_filters: tuple[str, ...], names: dict[str, str]
) -> pd.DataFrame:
    """The actions of the teams selected, as a table with CSV and XLSX downloads."""
    actions = actions_frame(store, teams=in_filters, as_of=dt.date.today())
    st.subheader("Actions")
    shown = pd.DataFrame(
        {
            "Id": actions["action_id"],
            "Action": actions["title"],
            "Team": actions["team_id"].map(names),
            "ICO step": actions["ico_step"].map(step_label),
            "Owner": actions["owner"],
            "Due": actions["due_on"],
            "Status": actions["status"],
            "Overdue": actions["overdue"].map({True: "▲ Overdue", False: ""}),
            "Last changed": actions["updated_at"],
            "By": actions["updated_by"],
        }
    )
    # Narrow step and team columns, so that status, due date and owner show without scrolling.
    narrow = {c: st.column_config.TextColumn(width="small") for c in ("Team", "ICO step")}
    narrow["Action"] = st.column_config.TextColumn(width="medium")
    ui.table(shown, "Actions", "actions", "No action recorded for the teams selected.", narrow)
    if not actions.empty:
        st.download_button(
            "Download actions (XLSX)",
            actions_xlsx(actions),
            file_name="actions.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click=record_download,
            args=("actions.xlsx",),
            key="dl_actions_xlsx",
        )
    return actions


def actions_forms(
    store: sqlite3.Connection,
    actions: pd.DataFrame,
    add_teams: dict[str, str],
    known: list[str],
    f: Filters,
    who: str,
) -> None:
    """Add (for add_teams), change (with the history of the action chosen) and import
    (known: every team id in the database; scope is checked on writing)."""
    with st.expander("Add an action", icon=":material/add_task:", expanded=actions.empty):
        add_form(store, add_teams, f, who)

    if not actions.empty:
        st.subheader("Change an action")
        chosen = change_form(store, actions, f, who)
        st.markdown(f"**History of action {chosen}**")
        history = action_history(store, action_id=chosen)
        ui.table(
            pd.DataFrame(
                {
                    "When": history["changed_at"],
                    "Who": history["changed_by"],
                    "Field": history["field"].str.replace("_", " "),
                    "From": history["old_value"].map(lambda v: "" if v is None else v),
                    "To": history["new_value"].map(lambda v: "" if v is None else v),
                }
            ),
            f"Action {chosen} history",
            "history",
            "No change recorded.",
        )

    with st.expander("Import actions from a file", icon=":material/upload_file:"):
        st.caption(
            "Columns title, team_id, owner, due_on (required); action_id, ico_step, status "
            "(optional). A row with an action_id changes that action; one without adds an action. "
            "A file with any problem is not imported at all."
        )
        import_box(store, known, f, who)


try:
    with app_store() as app_state:
        listed = actions_list(app_state, in_filters, names)
        actions_forms(
            app_state,
            listed,
            {t: names[t] for t in in_filters},
            list(team_list(ctx.con, None)["team_id"]),
            f,
            who,
        )
except STORE_PROBLEMS as exc:
    st.error(f"Actions cannot be read or written: {exc}.", icon=":material/error:")
