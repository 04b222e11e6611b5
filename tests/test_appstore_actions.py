"""Actions and their history (appstore/actions.py): scope, every change kept, overdue, and
several writers at once."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from appstore.actions import (
    ACTION_COLUMNS,
    ActionError,
    NewAction,
    action_history,
    actions_frame,
    add_action,
    update_action,
)
from appstore.store import opened

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    with opened(tmp_path / "app_state.sqlite") as con:
        yield con


def _add(store: sqlite3.Connection, team: str, due: dt.date, **kwargs: object) -> int:
    action = NewAction(
        title=kwargs.pop("title", f"Refresh the {team} DPIA"),
        team_id=team,
        owner=kwargs.pop("owner", "Head of service"),
        due_on=due,
        **kwargs,
    )
    return add_action(store, action, "lead@example.gov.uk", None)


def test_actions_frame_has_the_agreed_columns_and_marks_overdue(store: sqlite3.Connection) -> None:
    a = _add(store, "MASH", dt.date(2026, 6, 29), ico_step=6)  # open, due before: overdue
    b = _add(store, "CP-N", dt.date(2026, 6, 30))  # due on the day: not overdue
    c = _add(store, "MASH", dt.date(2026, 5, 1), status="done")  # done: never overdue
    frame = actions_frame(store, as_of=TODAY)
    assert tuple(frame.columns) == ACTION_COLUMNS
    rows = frame[["action_id", "team_id", "ico_step", "due_on", "status", "overdue"]]
    assert rows.values.tolist() == [
        [c, "MASH", None, dt.date(2026, 5, 1), "done", False],
        [a, "MASH", 6, dt.date(2026, 6, 29), "open", True],
        [b, "CP-N", None, dt.date(2026, 6, 30), "open", False],
    ]
    assert frame["updated_by"].tolist() == ["lead@example.gov.uk"] * 3
    assert actions_frame(store, teams=["CP-N"], as_of=TODAY)["action_id"].tolist() == [b]
    assert actions_frame(store, teams=[], as_of=TODAY).empty


def test_every_change_is_kept_with_who_and_what(store: sqlite3.Connection) -> None:
    a = _add(store, "MASH", dt.date(2026, 7, 31))
    changed = update_action(
        store,
        a,
        {"status": "done", "owner": "Head of service", "due_on": dt.date(2026, 8, 15)},
        "dsl@example.gov.uk",
        ["MASH"],
    )
    assert changed == ["due_on", "status"]  # the owner was the same: not a change
    history = action_history(store, action_id=a)
    assert history[["changed_by", "field", "old_value", "new_value"]].values.tolist() == [
        ["lead@example.gov.uk", "team_id", None, "MASH"],
        ["lead@example.gov.uk", "title", None, "Refresh the MASH DPIA"],
        ["lead@example.gov.uk", "ico_step", None, None],
        ["lead@example.gov.uk", "owner", None, "Head of service"],
        ["lead@example.gov.uk", "due_on", None, "2026-07-31"],
        ["lead@example.gov.uk", "status", None, "open"],
        ["dsl@example.gov.uk", "due_on", "2026-07-31", "2026-08-15"],
        ["dsl@example.gov.uk", "status", "open", "done"],
    ]
    frame = actions_frame(store, as_of=TODAY)
    assert frame[["status", "due_on", "updated_by"]].values.tolist() == [
        ["done", dt.date(2026, 8, 15), "dsl@example.gov.uk"]
    ]
    assert update_action(store, a, {"status": "done"}, "x@example.gov.uk", None) == []
    assert len(action_history(store)) == 8  # nothing changed: nothing written


def test_a_viewer_cannot_add_or_change_outside_their_teams(store: sqlite3.Connection) -> None:
    a = _add(store, "MASH", dt.date(2026, 7, 31))
    action = NewAction("Audit shares", "MASH", "DSL", dt.date(2026, 8, 1))
    with pytest.raises(ActionError, match="team MASH is not among the teams you may act on"):
        add_action(store, action, "cp@example.gov.uk", ["CP-N"])
    with pytest.raises(ActionError, match="team MASH is not among the teams you may act on"):
        update_action(store, a, {"status": "dropped"}, "cp@example.gov.uk", ["CP-N"])
    with pytest.raises(ActionError, match="team MASH is not among"):
        update_action(store, a, {"status": "dropped"}, "nobody@example.gov.uk", [])
    assert actions_frame(store)["status"].tolist() == ["open"]
    assert len(action_history(store)) == 6


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "closed"}, "status 'closed' is not one of open, done, dropped"),
        ({"owner": "  "}, "owner is blank: say who owns it"),
        ({"title": ""}, "title is blank: say what is to be done"),
        ({"ico_step": 11}, "ICO step '11' is not a whole number from 1 to 10"),
        ({"due_on": None}, "due date is missing"),
        ({"team_id": "CP-N"}, "team_id cannot be changed"),
    ],
)
def test_bad_changes_are_refused(
    store: sqlite3.Connection, changes: dict[str, object], message: str
) -> None:
    a = _add(store, "MASH", dt.date(2026, 7, 31))
    with pytest.raises(ActionError, match=message):
        update_action(store, a, changes, "lead@example.gov.uk", None)


def test_an_action_needs_a_team(store: sqlite3.Connection) -> None:
    with pytest.raises(ActionError, match="no team is chosen"):
        add_action(store, NewAction("T", "", "O", dt.date(2026, 7, 1)), "lead", None)


def test_an_unknown_action_is_named(store: sqlite3.Connection) -> None:
    with pytest.raises(ActionError, match="there is no action 42"):
        update_action(store, 42, {"status": "done"}, "lead@example.gov.uk", None)


WRITERS, EACH = 4, 15


def _write_many(path: str, writer: int) -> None:
    """Add EACH actions, then close each one: 6 + 1 history rows per action."""
    with opened(Path(path)) as con:
        for i in range(EACH):
            action = NewAction(f"W{writer} #{i}", "MASH", "Owner", dt.date(2026, 7, 1))
            action_id = add_action(con, action, f"writer{writer}", None)
            update_action(con, action_id, {"status": "done"}, f"writer{writer}", ["MASH"])


@pytest.mark.parametrize("pool", [ThreadPoolExecutor, ProcessPoolExecutor])
def test_writers_at_once_lose_no_action_and_no_history(tmp_path: Path, pool: type) -> None:
    path = tmp_path / "app_state.sqlite"
    with opened(path):
        pass
    with pool(max_workers=WRITERS) as executor:
        list(executor.map(_write_many, [str(path)] * WRITERS, range(WRITERS)))
    with opened(path) as con:
        frame = actions_frame(con)
        # 4 writers x 15 actions = 60, each closed; 60 x (6 created + 1 closed) = 420 rows
        assert len(frame) == 60
        assert set(frame["status"]) == {"done"}
        assert sorted(frame["title"]) == sorted(f"W{w} #{i}" for w in range(4) for i in range(15))
        assert len(action_history(con)) == 420
