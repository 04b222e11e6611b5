"""The Actions page's forms: add an action, change one, import a file. Each write goes through
appstore (one short transaction, the viewer's scope checked inside it) and then reruns the page
so that the list shows it; the outcome is shown once, at the top of the next run."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from appstore.actions import STATUSES, ActionError, NewAction, add_action, update_action
from appstore.transfer import ImportRefused
from exports.actions import import_actions_file
from metrics.filters import Filters
from metrics.ico_steps import STEPS

FLASH = "_actions_flash"
STEP_TITLES = {step.number: f"{step.number}. {step.title}" for step in STEPS}


def show_flash() -> None:
    """The outcome of the last write, once."""
    kind, text = st.session_state.pop(FLASH, (None, None))
    if kind == "success":
        st.success(text, icon=":material/check_circle:")
    elif kind == "error":
        st.error(text, icon=":material/error:")


def _done(text: str) -> None:
    st.session_state[FLASH] = ("success", text)
    st.rerun()


def step_label(step: int | None) -> str:
    """`6. Data sharing agreement`, or `No particular step`."""
    return "No particular step" if step is None else STEP_TITLES[step]


def add_form(store: sqlite3.Connection, names: dict[str, str], f: Filters, who: str) -> None:
    """A form that records a new action for one of the viewer's teams."""
    if not names:
        st.info("No team is selected: choose teams in the sidebar.", icon=":material/info:")
        return
    with st.form("add_action", clear_on_submit=True):
        title = st.text_input("What is to be done", key="add_title")
        team = st.selectbox("Team", list(names), format_func=names.get, key="add_team")
        step = st.selectbox(
            "ICO step", [None, *STEP_TITLES], format_func=step_label, key="add_step"
        )
        owner = st.text_input("Owner", key="add_owner")
        due = st.date_input("Due on", value=None, format="DD/MM/YYYY", key="add_due")
        submitted = st.form_submit_button(
            "Add action", icon=":material/add:", type="primary", key="add_submit"
        )
    if not submitted:
        return
    try:
        action = NewAction(title=title, team_id=team, owner=owner, due_on=due, ico_step=step)
        action_id = add_action(store, action, who, f.allowed)
    except ActionError as exc:
        st.error(f"The action was not added: {exc}.", icon=":material/error:")
        return
    _done(f"Action {action_id} added for {names[team]}.")


def change_form(store: sqlite3.Connection, actions: pd.DataFrame, f: Filters, who: str) -> int:
    """A form that changes the status, owner or due date of a chosen action; the action chosen."""
    labels = dict(zip(actions["action_id"], actions["title"], strict=True))
    chosen = st.selectbox(
        "Action",
        list(labels),
        format_func=lambda a: f"{a}: {labels[a]}",
        key="change_action",
    )
    row = actions.set_index("action_id").loc[chosen]
    with st.form("change_action_form"):
        status = st.selectbox(
            "Status", STATUSES, index=STATUSES.index(row["status"]), key=f"status_{chosen}"
        )
        owner = st.text_input("Owner", value=row["owner"], key=f"owner_{chosen}")
        due = st.date_input("Due on", value=row["due_on"], format="DD/MM/YYYY", key=f"due_{chosen}")
        submitted = st.form_submit_button(
            "Save changes", icon=":material/save:", key="change_submit"
        )
    if submitted:
        changes = {"status": status, "owner": owner, "due_on": due}
        try:
            changed = update_action(store, int(chosen), changes, who, f.allowed)
        except ActionError as exc:
            st.error(f"The action was not changed: {exc}.", icon=":material/error:")
            return int(chosen)
        if changed:
            _done(f"Action {chosen}: {', '.join(changed).replace('_', ' ')} changed.")
        st.info("Nothing was different: nothing was changed.", icon=":material/info:")
    return int(chosen)


def import_box(store: sqlite3.Connection, known: list[str], f: Filters, who: str) -> None:
    """Upload a CSV or XLSX file of actions and import it whole, or list every problem
    (known: every team id in the database; the viewer's scope is checked on writing)."""
    upload = st.file_uploader("CSV or XLSX file of actions", type=["csv", "xlsx"], key="import")
    if upload is None or not st.button("Import", icon=":material/upload:", key="import_go"):
        return
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(upload.getvalue())
        try:
            added, changed = import_actions_file(store, path, upload.name, known, who, f.allowed)
        except ImportRefused as refused:
            st.error(
                f"Nothing was imported from {upload.name}. Correct these and import it again:\n\n"
                + "\n".join(f"- `{p}`" for p in refused.problems),
                icon=":material/error:",
            )
            return
    _done(f"Imported {upload.name}: {added} actions added, {changed} changed.")
