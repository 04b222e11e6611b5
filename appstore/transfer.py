"""Actions in and out of files: an import is checked row by row like any other source, and is
written whole or not at all.

The caller reads the file (CSV or XLSX, by `pipelines.readers`) into a normalised header and
numbered rows; this module checks them. A row with an `action_id` updates that action (the
columns an export writes, so an edited export can be loaded back); a row without one adds an
action. Columns an export adds (`overdue`, `updated_at`, `updated_by`) are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from appstore.actions import (
    EDITABLE,
    STATUSES,
    ActionError,
    apply_changes,
    check_scope,
    insert_action,
    now_text,
)
from appstore.store import transaction

REQUIRED = ("title", "team_id", "owner", "due_on")
OPTIONAL = ("action_id", "ico_step", "status")
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# The safe CSV writer puts an apostrophe before text a spreadsheet would run as a formula; an
# exported file loads back as it was written.
NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


@dataclass(frozen=True)
class ImportRow:
    """One checked row: where it came from and the action it gives."""

    line: int
    action_id: int | None
    team_id: str
    values: dict[str, object]


class ImportRefused(Exception):
    """The file was not imported; problems holds one `file:line:column: reason` per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _date(text: str) -> dt.date:
    found = UK_DATE.match(text)
    if found:
        day, month, year = (int(g) for g in found.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T" else text)


def _cell(name: str, text: str | None) -> object:
    """The value of one cell; ValueError with how to fix it."""
    if name in REQUIRED and not text:
        raise ValueError(f"{name} is blank: every action needs one")
    if name == "due_on":
        try:
            return _date(text)
        except ValueError:
            raise ValueError(
                f"'{text}' is not a date: write it as 2026-03-31 or 31/03/2026"
            ) from None
    if name in ("action_id", "ico_step") and text:
        if not text.isdigit() or (name == "ico_step" and not 1 <= int(text) <= 10):
            what = "a whole number from 1 to 10" if name == "ico_step" else "a whole number"
            raise ValueError(f"'{text}' is not {what}: correct it, or leave it blank")
        return int(text)
    if name == "status":
        status = (text or "open").lower()
        if status not in STATUSES:
            raise ValueError(f"'{text}' is not one of {', '.join(STATUSES)}")
        return status
    return NEUTRALISED.sub("", text) or None


def check_rows(
    file_name: str,
    header: Sequence[str],
    rows: Iterable[tuple[int, Sequence[str | None]]],
    known_teams: Collection[str],
    header_line: int = 1,
) -> list[ImportRow]:
    """The rows as actions; ImportRefused naming every problem when any row is wrong."""
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused(
            [
                f"{file_name}:{header_line}:{name}: required column missing: add it"
                for name in missing
            ]
        )
    problems: list[str] = []
    checked: list[ImportRow] = []
    first_line: dict[int, int] = {}
    for line, cells in rows:
        given = dict(zip(header, cells, strict=False))
        row_problems, row = _check_row(line, given, known_teams, first_line)
        problems += [f"{file_name}:{line}:{column}: {reason}" for column, reason in row_problems]
        if row is not None:
            checked.append(row)
    if problems:
        raise ImportRefused(problems)
    return checked


def _check_row(
    line: int,
    given: dict[str, str | None],
    known_teams: Collection[str],
    first_line: dict[int, int],
) -> tuple[list[tuple[str, str]], ImportRow | None]:
    """(column, reason) for each problem of one row, and the row when it has none."""
    problems, values = [], {}
    for name in (*REQUIRED, *OPTIONAL):
        try:
            values[name] = _cell(name, (given.get(name) or "").strip())
        except ValueError as exc:
            problems.append((name, str(exc)))
    team_id, action_id = values.get("team_id"), values.pop("action_id", None)
    if team_id is not None and team_id not in known_teams:
        problems.append(
            (
                "team_id",
                f"no team with id {team_id} in the database: use a team_id from the teams file",
            )
        )
    if action_id is not None and action_id in first_line:
        problems.append(
            (
                "action_id",
                f"action {action_id} is already on line {first_line[action_id]}: give each "
                "action one row",
            )
        )
    if action_id is not None:
        first_line.setdefault(action_id, line)
    if problems:
        return problems, None
    return [], ImportRow(line, action_id, values.pop("team_id"), values)


def import_rows(
    con: sqlite3.Connection,
    file_name: str,
    rows: Sequence[ImportRow],
    who: str,
    allowed: Collection[str] | None,
) -> tuple[int, int]:
    """Write checked rows in one transaction: (actions added, actions changed). Nothing is
    written when any row cannot be (ImportRefused names each)."""
    problems: list[str] = []
    added = changed = 0
    now = now_text()
    with transaction(con):
        for row in rows:
            try:
                if _write_row(con, row, who, allowed, now):
                    changed += row.action_id is not None
                    added += row.action_id is None
            except ActionError as exc:
                problems.append(f"{file_name}:{row.line}:{exc.column}: {exc}")
        if problems:
            raise ImportRefused(problems)  # rolls the whole file back
    return added, changed


def _write_row(
    con: sqlite3.Connection,
    row: ImportRow,
    who: str,
    allowed: Collection[str] | None,
    now: str,
) -> bool:
    """Add or update one action inside the import's transaction; whether anything changed."""
    check_scope(row.team_id, allowed)
    if row.action_id is None:
        insert_action(con, {"team_id": row.team_id, **row.values}, who, now)
        return True
    _check_same_team(con, row)
    edits = {name: row.values[name] for name in EDITABLE}
    allowed_tuple = None if allowed is None else tuple(allowed)
    return bool(apply_changes(con, row.action_id, edits, who, allowed_tuple, now))


def _check_same_team(con: sqlite3.Connection, row: ImportRow) -> None:
    stored = con.execute(
        "select team_id from actions where action_id = ?", (row.action_id,)
    ).fetchone()
    if stored is not None and stored[0] != row.team_id:
        raise ActionError(
            f"action {row.action_id} belongs to team {stored[0]}, not {row.team_id}: an action "
            "keeps its team; leave action_id blank to add a new action",
            column="team_id",
        )
