"""Actions from files (appstore/transfer.py): every refused row named by file:line:column,
and nothing half-imported."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from appstore.actions import NewAction, action_history, actions_frame, add_action
from appstore.store import opened
from appstore.transfer import ImportRefused, check_rows, import_rows

TEAMS = {"MASH", "CP-N", "EDS"}
HEADER = ["action_id", "title", "team_id", "ico_step", "owner", "due_on", "status", "overdue"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    with opened(tmp_path / "app_state.sqlite") as con:
        yield con


def rows(*lines: list[str | None]) -> list[tuple[int, list[str | None]]]:
    """Rows numbered as in a file whose header is line 1."""
    return list(enumerate(lines, start=2))


def test_new_actions_are_added_and_dates_read_both_ways(store: sqlite3.Connection) -> None:
    checked = check_rows(
        "actions.csv",
        HEADER,
        rows(
            [None, "Refresh DPIA", "MASH", "5", "DPO", "31/07/2026", "", "yes"],
            [None, "Train staff", "CP-N", "", "Manager", "2026-08-01", "Done", None],
        ),
        TEAMS,
    )
    assert import_rows(store, "actions.csv", checked, "admin (command line)", None) == (2, 0)
    frame = actions_frame(store, as_of=dt.date(2026, 7, 1))
    assert frame[["title", "team_id", "ico_step", "due_on", "status"]].values.tolist() == [
        ["Refresh DPIA", "MASH", 5, dt.date(2026, 7, 31), "open"],  # blank status: open
        ["Train staff", "CP-N", None, dt.date(2026, 8, 1), "done"],
    ]
    assert set(frame["updated_by"]) == {"admin (command line)"}


def test_a_row_with_an_action_id_updates_it_with_history(store: sqlite3.Connection) -> None:
    a = add_action(store, NewAction("Audit", "MASH", "DSL", dt.date(2026, 7, 1)), "lead", None)
    checked = check_rows(
        "edited.csv",
        HEADER,
        rows([str(a), "Audit", "MASH", "", "DSL", "2026-07-01", "done", "no"]),
        TEAMS,
    )
    assert import_rows(store, "edited.csv", checked, "clerk", None) == (0, 1)
    # once more: nothing differs, nothing is written
    assert import_rows(store, "edited.csv", checked, "clerk", None) == (0, 0)
    assert action_history(store)[["changed_by", "field", "new_value"]].values.tolist()[-1] == [
        "clerk",
        "status",
        "done",
    ]
    assert len(action_history(store)) == 7  # 6 at creation, 1 change


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (
            [None, "", "MASH", "", "DSL", "2026-07-01", "", ""],
            "actions.csv:2:title: title is blank: every action needs one",
        ),
        (
            [None, "T", "MASH", "", "DSL", "07/31/2026", "", ""],
            "actions.csv:2:due_on: '07/31/2026' is not a date: write it as 2026-03-31 or "
            "31/03/2026",
        ),
        (
            [None, "T", "MASH", "11", "DSL", "2026-07-01", "", ""],
            "actions.csv:2:ico_step: '11' is not a whole number from 1 to 10: correct it, or "
            "leave it blank",
        ),
        (
            [None, "T", "MASH", "", "DSL", "2026-07-01", "closed", ""],
            "actions.csv:2:status: 'closed' is not one of open, done, dropped",
        ),
        (
            [None, "T", "NOPE", "", "DSL", "2026-07-01", "", ""],
            "actions.csv:2:team_id: no team with id NOPE in the database: use a team_id from "
            "the teams file",
        ),
        (
            ["x1", "T", "MASH", "", "DSL", "2026-07-01", "", ""],
            "actions.csv:2:action_id: 'x1' is not a whole number: correct it, or leave it blank",
        ),
        (
            [None, "T", "MASH", "", "", "2026-07-01", "", ""],
            "actions.csv:2:owner: owner is blank: every action needs one",
        ),
    ],
)
def test_each_bad_cell_is_named(cells: list[str | None], problem: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        check_rows("actions.csv", HEADER, rows(cells), TEAMS)
    assert refused.value.problems == [problem]


def test_a_missing_column_and_a_repeated_id_are_named() -> None:
    with pytest.raises(ImportRefused) as refused:
        check_rows("a.csv", ["title", "team_id"], [], TEAMS)
    assert refused.value.problems == [
        "a.csv:1:owner: required column missing: add it",
        "a.csv:1:due_on: required column missing: add it",
    ]
    with pytest.raises(ImportRefused) as refused:
        check_rows(
            "a.csv",
            HEADER,
            rows(
                ["3", "T", "MASH", "", "O", "2026-07-01", "", ""],
                ["3", "U", "MASH", "", "O", "2026-07-01", "", ""],
            ),
            TEAMS,
        )
    assert refused.value.problems == [
        "a.csv:3:action_id: action 3 is already on line 2: give each action one row"
    ]


def test_nothing_is_half_imported(store: sqlite3.Connection) -> None:
    a = add_action(store, NewAction("Audit", "MASH", "DSL", dt.date(2026, 7, 1)), "lead", None)
    checked = check_rows(
        "mixed.csv",
        HEADER,
        rows(
            [None, "New one", "CP-N", "", "O", "2026-07-01", "", ""],
            [str(a), "Audit", "MASH", "", "DSL", "2026-07-01", "done", ""],
            ["99", "Unknown", "MASH", "", "O", "2026-07-01", "", ""],
            [None, "Out of scope", "EDS", "", "O", "2026-07-01", "", ""],
            [None, "Fine", "MASH", "", "O", "2026-07-01", "", ""],
        ),
        TEAMS,
    )
    with pytest.raises(ImportRefused) as refused:
        import_rows(store, "mixed.csv", checked, "cp@example.gov.uk", ["CP-N", "MASH"])
    assert refused.value.problems == [
        "mixed.csv:4:action_id: there is no action 99: it may have been typed wrongly",
        "mixed.csv:5:team_id: team EDS is not among the teams you may act on: ask the "
        "dashboard's administrator, or choose one of your teams",
    ]
    # the good rows before and after were rolled back with them
    assert actions_frame(store)["title"].tolist() == ["Audit"]
    assert actions_frame(store)["status"].tolist() == ["open"]
    assert len(action_history(store)) == 6


def test_an_action_keeps_its_team(store: sqlite3.Connection) -> None:
    a = add_action(store, NewAction("Audit", "MASH", "DSL", dt.date(2026, 7, 1)), "lead", None)
    checked = check_rows(
        "moved.csv", HEADER, rows([str(a), "Audit", "CP-N", "", "DSL", "2026-07-01", "", ""]), TEAMS
    )
    with pytest.raises(ImportRefused) as refused:
        import_rows(store, "moved.csv", checked, "lead", None)
    assert refused.value.problems == [
        f"moved.csv:2:team_id: action {a} belongs to team MASH, not CP-N: an action keeps its "
        "team; leave action_id blank to add a new action"
    ]
