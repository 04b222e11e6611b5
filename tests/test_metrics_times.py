"""Times: a blank record time is a gap, not a zero; time order is checked at load; a date-only
value is compared at day precision; no negative hours reach a median (issue 10, reqs 4, 6)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from metrics.filters import Filters
from metrics.sharing import decision_times
from pipelines.ingest import ingest
from pipelines.store import connect_readonly
from tests.tiny_db import tiny_con

F = Filters(
    period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 3, 31), as_of=dt.date(2026, 3, 31)
)
TEAMS = "team_id,team_name,directorate\nT,Team,D\n"
HEADER = (
    "decision_id,team_id,decided_at,request_received,recorded_at,decision,recipient_type,"
    "emergency\n"
)


def _ingest(folder: Path, decisions: str) -> tuple[int, list[str], Path]:
    folder.mkdir()
    (folder / "teams.csv").write_text(TEAMS, encoding="utf-8")
    (folder / "decisions.csv").write_text(HEADER + decisions, encoding="utf-8")
    db = folder.parent / "db.duckdb"
    err = io.StringIO()
    status = ingest([folder], db, out=io.StringIO(), err=err)
    return status, err.getvalue().splitlines(), db


def test_blank_record_times_are_counted_not_taken_as_zero(tmp_path: Path) -> None:
    # three emergencies decided 2026-03-02 09:00: two with no record time, one recorded
    # 2026-03-05 09:00 (72 h later). Median to record: 72.0 h over the one recorded; 2 not.
    rows = [
        {
            "decision_id": f"E{i}",
            "team_id": "T",
            "decided_at": "2026-03-02 09:00",
            "recorded_at": recorded,
            "decision": "shared",
            "recipient_type": "police",
            "emergency": True,
        }
        for i, recorded in enumerate((None, None, "2026-03-05 09:00"))
    ]
    con = tiny_con(
        tmp_path / "db.duckdb",
        {"teams": [{"team_id": "T", "team_name": "Team", "directorate": "D"}], "decisions": rows},
    )
    total = decision_times(con, F).iloc[-1]
    assert total["emergency_decisions"] == 3
    assert total["emergency_median_hours_to_record"] == 72.0
    assert total["emergency_not_recorded"] == 2


def test_a_date_only_decision_and_a_same_day_request_give_zero_hours(tmp_path: Path) -> None:
    # D1: decided 2026-03-10 (no time), request 14:05 that day: day precision, 0 h (was -14 h).
    # D2: decided 2026-03-12 (no time), request 2026-03-10 09:30: 2 days, 48 h.
    # D3: decided 2026-03-11 10:00, recorded 2026-03-11 (no time): same day, 0 h to record.
    status, problems, db = _ingest(
        tmp_path / "in",
        "D1,T,2026-03-10,2026-03-10 14:05,,shared,police,no\n"
        "D2,T,12/03/2026,10/03/2026 09:30,,shared,police,no\n"
        "D3,T,2026-03-11 10:00,2026-03-11 09:00,2026-03-11,shared,police,yes\n",
    )
    assert (status, problems) == (0, [])
    con = connect_readonly(db)
    assert con.execute(
        "select decision_id, decided_at_has_time, request_received_has_time, "
        "recorded_at_has_time from decisions order by decision_id"
    ).fetchall() == [
        ("D1", False, True, None),
        ("D2", False, True, None),
        ("D3", True, True, False),
    ]
    total = decision_times(con, F).iloc[-1]
    # hours to decision: D1 0, D2 48, D3 1: median 1, none negative
    assert total["median_hours_to_decision"] == 1.0
    assert total["emergency_median_hours_to_record"] == 0.0


def test_time_order_is_checked_at_load_with_the_reason_on_the_refused_line(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    status, problems, db = _ingest(
        folder,
        # line 2: recorded before the decision (same day, both timed): refused
        "R1,T,2026-03-10 10:00,,2026-03-10 09:59,shared,police,yes\n"
        # line 3: recorded the day before a date-only decision: refused at day precision
        "R2,T,2026-03-10,,2026-03-09 23:00,shared,police,yes\n"
        # line 4: a request the day after the decision: refused
        "R3,T,2026-03-10 10:00,2026-03-11,,shared,police,no\n"
        # line 5: recorded the same day as a date-only decision, earlier in the day: kept
        "R4,T,2026-03-10,,2026-03-10 08:00,shared,police,yes\n",
    )
    path = folder / "decisions.csv"
    assert status == 1
    assert problems == [
        f"{path}:2:recorded_at: '2026-03-10 09:59' is before decided_at: a decision cannot be "
        "recorded before it is made",
        f"{path}:3:recorded_at: '2026-03-09 23:00' is before decided_at: a decision cannot be "
        "recorded before it is made",
        f"{path}:4:request_received: '2026-03-11' is after decided_at: a request cannot arrive "
        "after the decision",
    ]
    con = connect_readonly(db)
    assert con.execute("select decision_id from decisions").fetchall() == [("R4",)]
    assert decision_times(con, F).iloc[-1]["emergency_median_hours_to_record"] == 0.0


def test_reversed_times_stored_before_the_check_never_reach_a_median(tmp_path: Path) -> None:
    # written straight to the table (as by an older version): request 5 h after the decision
    # and a record 2 h before it are left out, not measured as -5 h and -2 h
    rows = [
        {
            "decision_id": "X1",
            "team_id": "T",
            "decided_at": "2026-03-10 10:00",
            "request_received": "2026-03-10 15:00",
            "recorded_at": "2026-03-10 08:00",
            "decision": "shared",
            "recipient_type": "police",
            "emergency": True,
        },
        {
            "decision_id": "X2",
            "team_id": "T",
            "decided_at": "2026-03-11 10:00",
            "request_received": "2026-03-11 07:00",
            "recorded_at": "2026-03-11 14:00",
            "decision": "shared",
            "recipient_type": "police",
            "emergency": True,
        },
    ]
    con = tiny_con(
        tmp_path / "db.duckdb",
        {"teams": [{"team_id": "T", "team_name": "Team", "directorate": "D"}], "decisions": rows},
    )
    total = decision_times(con, F).iloc[-1]
    assert (total["timed_decisions"], total["median_hours_to_decision"]) == (1, 3.0)
    assert (total["emergency_median_hours_to_record"], total["emergency_not_recorded"]) == (4.0, 0)
