"""The audit log (appstore/audit.py): who, when, which scope; filter values only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from appstore.audit import AUDIT_COLUMNS, AuditEvent, audit_frame, record
from appstore.store import opened

AT = dt.datetime(2026, 7, 1, 9, 30, 5, 123, tzinfo=dt.UTC)


def test_events_are_kept_newest_first_with_their_scope(tmp_path: Path) -> None:
    with opened(tmp_path / "app_state.sqlite") as con:
        record(
            con,
            AuditEvent(
                who="local user",
                event="page_view",
                teams=None,
                page="overview",
                period_start=dt.date(2025, 7, 1),
                period_end=dt.date(2026, 6, 30),
                as_of=dt.date(2026, 6, 30),
            ),
            at=AT,
        )
        record(
            con,
            AuditEvent(
                who="dsl@example.gov.uk",
                event="download",
                teams=("MASH", "CP-N"),
                page="sharing",
                file="team_status.csv",
                directorate="Children's services",
            ),
            at=AT + dt.timedelta(minutes=1),
        )
        frame = audit_frame(con)
        assert tuple(frame.columns) == AUDIT_COLUMNS
        assert frame.values.tolist() == [
            [
                "2026-07-01T09:31:05+00:00",
                "dsl@example.gov.uk",
                "download",
                "sharing",
                "team_status.csv",
                None,
                None,
                None,
                "Children's services",
                "CP-N,MASH",  # sorted
            ],
            [
                "2026-07-01T09:30:05+00:00",
                "local user",
                "page_view",
                "overview",
                None,
                "2025-07-01",
                "2026-06-30",
                "2026-06-30",
                None,
                "all",
            ],
        ]
        assert len(audit_frame(con, limit=1)) == 1


def test_an_unknown_event_is_refused(tmp_path: Path) -> None:
    with opened(tmp_path / "app_state.sqlite") as con:
        with pytest.raises(ValueError, match="unknown audit event print"):
            record(con, AuditEvent(who="x", event="print", teams=None))
        assert audit_frame(con).empty
