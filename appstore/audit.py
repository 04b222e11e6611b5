"""Who saw what: each page view, download and export, with the filter scope it covered.

Only filter values are kept (period, as-of date, directorate, team ids) and the file's name:
never a child's reference, a reason's text or any other row of the data.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from appstore.store import transaction

EVENTS = ("page_view", "download", "export")
ALL_TEAMS = "all"
AUDIT_COLUMNS = (
    "at",
    "who",
    "event",
    "page",
    "file",
    "period_start",
    "period_end",
    "as_of",
    "directorate",
    "teams",
)


@dataclass(frozen=True)
class AuditEvent:
    """One thing a viewer did. teams: the team ids it covered (None: every team)."""

    who: str
    event: str
    teams: tuple[str, ...] | None
    page: str | None = None
    file: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    as_of: dt.date | None = None
    directorate: str | None = None


def teams_text(teams: Iterable[str] | None) -> str:
    """`CP-N,MASH` (sorted), or `all` for every team."""
    return ALL_TEAMS if teams is None else ",".join(sorted(teams))


def record(con: sqlite3.Connection, event: AuditEvent, at: dt.datetime | None = None) -> None:
    """Append event to the audit log in one short transaction."""
    if event.event not in EVENTS:
        raise ValueError(f"unknown audit event {event.event}: use one of {', '.join(EVENTS)}")
    moment = (at or dt.datetime.now().astimezone()).replace(microsecond=0)
    dates = (event.period_start, event.period_end, event.as_of)
    with transaction(con):
        con.execute(
            "insert into audit_log (at, who, event, page, file, period_start, period_end, as_of, "
            "directorate, teams) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                moment.isoformat(),
                event.who,
                event.event,
                event.page,
                event.file,
                *(None if d is None else d.isoformat() for d in dates),
                event.directorate,
                teams_text(event.teams),
            ),
        )


def audit_frame(con: sqlite3.Connection, limit: int | None = None) -> pd.DataFrame:
    """The audit log, newest first (up to limit rows; None: all)."""
    rows = con.execute(
        f"select {', '.join(AUDIT_COLUMNS)} from audit_log order by event_id desc limit ?",
        (-1 if limit is None else limit,),
    ).fetchall()
    return pd.DataFrame(rows, columns=list(AUDIT_COLUMNS), dtype=object)
