"""Actions agreed at governance meetings: what, which team and ICO step, who owns it, when it is
due and whether it is done, with every change kept (who, when, what it was, what it became).

A viewer acts only on the teams in their scope (allowed None: every team); the check is made
inside the write's transaction, against the action as stored, so it fails closed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from appstore.store import transaction

STATUSES = ("open", "done", "dropped")
EDITABLE = ("title", "ico_step", "owner", "due_on", "status")
ACTION_COLUMNS = (
    "action_id",
    "title",
    "team_id",
    "ico_step",
    "owner",
    "due_on",
    "status",
    "overdue",
    "updated_at",
    "updated_by",
)
HISTORY_COLUMNS = (
    "history_id",
    "action_id",
    "changed_at",
    "changed_by",
    "field",
    "old_value",
    "new_value",
)


class ActionError(ValueError):
    """An action that cannot be written as asked; the message says why and what to do, and
    column names the field at fault."""

    def __init__(self, message: str, column: str = "action_id"):
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class NewAction:
    """An action as a leader records it."""

    title: str
    team_id: str
    owner: str
    due_on: dt.date
    ico_step: int | None = None
    status: str = "open"


def now_text() -> str:
    """Now, to the second, with the UTC offset (ISO)."""
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _stored(name: str, value: object) -> object:
    """value as the actions table holds it: text trimmed, dates ISO, steps whole numbers."""
    if name in ("title", "owner"):
        return str(value).strip()
    return _text(value) if name == "due_on" else value


def check_values(values: Mapping[str, object]) -> None:
    """Refuse a blank team, title or owner, an unknown status, or an ICO step outside 1-10."""
    if "team_id" in values and not values["team_id"]:
        raise ActionError("no team is chosen: choose the team the action is for", "team_id")
    for name in ("title", "owner"):
        if name in values and not str(values[name] or "").strip():
            what = "what is to be done" if name == "title" else "who owns it"
            raise ActionError(f"{name} is blank: say {what}")
    if "status" in values and values["status"] not in STATUSES:
        raise ActionError(f"status '{values['status']}' is not one of {', '.join(STATUSES)}")
    step = values.get("ico_step")
    if step is not None and not (isinstance(step, int) and 1 <= step <= 10):
        raise ActionError(f"ICO step '{step}' is not a whole number from 1 to 10 (or blank)")
    if "due_on" in values and not isinstance(values["due_on"], dt.date):
        raise ActionError("due date is missing: give the date the action is due")


def check_scope(team_id: str, allowed: Iterable[str] | None) -> None:
    """Refuse a team outside the viewer's scope (allowed None: every team)."""
    if allowed is not None and team_id not in set(allowed):
        raise ActionError(
            f"team {team_id} is not among the teams you may act on: ask the dashboard's "
            "administrator, or choose one of your teams",
            column="team_id",
        )


def add_action(
    con: sqlite3.Connection, action: NewAction, who: str, allowed: Iterable[str] | None
) -> int:
    """Record a new action and its creation in the history; its id."""
    allowed = None if allowed is None else tuple(allowed)
    values = {name: getattr(action, name) for name in ("team_id", *EDITABLE)}
    check_values(values)
    check_scope(action.team_id, allowed)
    with transaction(con):
        return insert_action(con, values, who, now_text())


def insert_action(con: sqlite3.Connection, values: Mapping[str, object], who: str, now: str) -> int:
    """The insert and its history rows, inside the caller's transaction."""
    stored = {name: _stored(name, value) for name, value in values.items()}
    cursor = con.execute(
        "insert into actions (team_id, title, ico_step, owner, due_on, status, created_at, "
        "created_by, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*(stored[name] for name in ("team_id", *EDITABLE)), now, who, now, who),
    )
    action_id = int(cursor.lastrowid)
    con.executemany(
        "insert into action_history (action_id, changed_at, changed_by, field, old_value, "
        "new_value) values (?, ?, ?, ?, null, ?)",
        [(action_id, now, who, name, _text(stored[name])) for name in ("team_id", *EDITABLE)],
    )
    return action_id


def update_action(
    con: sqlite3.Connection,
    action_id: int,
    changes: Mapping[str, object],
    who: str,
    allowed: Iterable[str] | None,
) -> list[str]:
    """Apply changes (any of EDITABLE) to an action, one history row per field that changed;
    the fields changed (none: nothing written)."""
    allowed = None if allowed is None else tuple(allowed)
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ActionError(f"{', '.join(unknown)} cannot be changed: only {', '.join(EDITABLE)}")
    check_values(changes)
    with transaction(con):
        return apply_changes(con, action_id, changes, who, allowed, now_text())


def apply_changes(
    con: sqlite3.Connection,
    action_id: int,
    changes: Mapping[str, object],
    who: str,
    allowed: tuple[str, ...] | None,
    now: str,
) -> list[str]:
    """The update and its history rows, inside the caller's transaction."""
    row = con.execute(
        f"select team_id, {', '.join(EDITABLE)} from actions where action_id = ?", (action_id,)
    ).fetchone()
    if row is None:
        raise ActionError(f"there is no action {action_id}: it may have been typed wrongly")
    check_scope(row[0], allowed)
    stored = dict(zip(EDITABLE, row[1:], strict=True))
    new = {name: _stored(name, value) for name, value in changes.items()}
    changed = [name for name in EDITABLE if name in new and new[name] != stored[name]]
    if not changed:
        return []
    assignments = ", ".join(f"{name} = ?" for name in changed)
    con.execute(
        f"update actions set {assignments}, updated_at = ?, updated_by = ? where action_id = ?",
        (*(new[name] for name in changed), now, who, action_id),
    )
    con.executemany(
        "insert into action_history (action_id, changed_at, changed_by, field, old_value, "
        "new_value) values (?, ?, ?, ?, ?, ?)",
        [(action_id, now, who, n, _text(stored[n]), _text(new[n])) for n in changed],
    )
    return changed


def actions_frame(
    store: sqlite3.Connection,
    teams: Iterable[str] | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Every action of the teams given (None: all), with `overdue`: open and due before as_of
    (default today)."""
    as_of = as_of or dt.date.today()
    rows = store.execute(
        "select action_id, title, team_id, ico_step, owner, due_on, status, updated_at, "
        "updated_by from actions order by due_on, action_id"
    ).fetchall()
    chosen = None if teams is None else set(teams)
    records = []
    for action_id, title, team_id, step, owner, due, status, *updated in rows:
        if chosen is None or team_id in chosen:
            due_on = dt.date.fromisoformat(due)
            overdue = status == "open" and due_on < as_of
            records.append(
                (action_id, title, team_id, step, owner, due_on, status, overdue, *updated)
            )
    # Object columns: a blank ICO step stays None, as the interface promises, not NaN.
    frame = pd.DataFrame(records, columns=list(ACTION_COLUMNS), dtype=object)
    return frame.astype({"action_id": "int64", "overdue": "bool"})


def action_history(
    store: sqlite3.Connection, teams: Iterable[str] | None = None, action_id: int | None = None
) -> pd.DataFrame:
    """Every change to the actions of the teams given (None: all), or to one action, oldest
    first."""
    rows = store.execute(
        "select h.history_id, h.action_id, h.changed_at, h.changed_by, h.field, h.old_value, "
        "h.new_value, a.team_id from action_history h join actions a using (action_id) "
        "where ? is null or h.action_id = ? order by h.history_id",
        (action_id, action_id),
    ).fetchall()
    chosen = None if teams is None else set(teams)
    kept = [row[:-1] for row in rows if chosen is None or row[-1] in chosen]
    frame = pd.DataFrame(kept, columns=list(HISTORY_COLUMNS), dtype=object)
    return frame.astype({"history_id": "int64", "action_id": "int64"})
