"""Every window includes its last day: one boundary test per window (the day before, the day
on and the day after its edge), on a tiny organisation built here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from metrics.filters import Filters
from metrics.policy import policies_due_for_review, stale_attestations
from metrics.training import training_exceptions, training_status
from tests.tiny_db import tiny_con

AS_OF = dt.date(2026, 6, 30)
F = Filters(period_start=dt.date(2025, 7, 1), period_end=AS_OF, as_of=AS_OF)
TEAM = {"team_id": "T", "team_name": "Team", "directorate": "D"}


def test_review_window_includes_day_60(tmp_path: Path) -> None:
    # review_due 59, 60 and 61 days after 2026-06-30: 2026-08-28, 2026-08-29, 2026-08-30
    policies = [
        {
            "policy_id": pid,
            "title": pid,
            "ico_step": 3,
            "version": "1",
            "approved_on": "2025-01-01",
            "review_due": due,
        }
        for pid, due in (("P59", "2026-08-28"), ("P60", "2026-08-29"), ("P61", "2026-08-30"))
    ]
    con = tiny_con(tmp_path / "db.duckdb", {"policies": policies})
    due = policies_due_for_review(con, F)
    assert due[["policy_id", "days_to_review"]].values.tolist() == [["P59", 59], ["P60", 60]]


def test_stale_attestations_a_year_old_is_not_older_than_a_year(tmp_path: Path) -> None:
    # attested 2025-06-29 (a year and a day before 2026-06-30: stale), 2025-06-30 (a year: not),
    # 2025-07-01 (a day under a year: not)
    days = {"PB": "2025-06-29", "PO": "2025-06-30", "PA": "2025-07-01"}
    policies = [
        {
            "policy_id": pid,
            "title": pid,
            "ico_step": 3,
            "version": "1",
            "approved_on": "2025-01-01",
            "review_due": "2027-01-01",
        }
        for pid in days
    ]
    coverage = [
        {"team_id": "T", "policy_id": pid, "status": "in_place", "attested_on": day}
        for pid, day in days.items()
    ]
    con = tiny_con(
        tmp_path / "db.duckdb", {"teams": [TEAM], "policies": policies, "coverage": coverage}
    )
    stale = stale_attestations(con, F)
    assert stale[["policy_id", "days_since_attested"]].values.tolist() == [["PB", 366]]


def _staff(staff_id: str, start: str) -> dict[str, object]:
    return {"staff_id": staff_id, "team_id": "T", "start_date": start}


def test_expiry_windows_include_their_last_day(tmp_path: Path) -> None:
    # a 12-month course; each person's pass expires n days after 2026-06-30
    completions = {
        "E29": "2025-07-29",  # expires 2026-07-29: day 29
        "E30": "2025-07-30",  # day 30
        "E31": "2025-07-31",  # day 31
        "E59": "2025-08-28",  # 2026-08-28: day 59
        "E60": "2025-08-29",  # day 60
        "E61": "2025-08-30",  # day 61
        "E89": "2025-09-27",  # 2026-09-27: day 89
        "E90": "2025-09-28",  # day 90
        "E91": "2025-09-29",  # day 91: not listed
    }
    con = tiny_con(
        tmp_path / "db.duckdb",
        {
            "teams": [TEAM],
            "staff": [_staff(s, "2020-01-01") for s in completions],
            "courses": [
                {"course_id": "C", "title": "C", "refresh_months": 12, "required_for": "all"}
            ],
            "training": [
                {"staff_id": s, "course_id": "C", "completed_on": d} for s, d in completions.items()
            ],
        },
    )
    rows = training_exceptions(con, F)
    assert dict(zip(rows["staff_id"], rows["action"], strict=True)) == {
        "E29": "expires within 30 days",
        "E30": "expires within 30 days",
        "E31": "expires within 60 days",
        "E59": "expires within 60 days",
        "E60": "expires within 60 days",
        "E61": "expires within 90 days",
        "E89": "expires within 90 days",
        "E90": "expires within 90 days",
    }


def test_grace_period_ends_on_day_30(tmp_path: Path) -> None:
    # grace_days 30: counted from start_date + 30 on. Started 2026-05-30 (day 31 at 2026-06-30:
    # counted), 2026-05-31 (day 30: counted), 2026-06-01 (day 29: still in grace)
    starts = {"G31": "2026-05-30", "G30": "2026-05-31", "G29": "2026-06-01"}
    con = tiny_con(
        tmp_path / "db.duckdb",
        {
            "teams": [TEAM],
            "staff": [_staff(s, d) for s, d in starts.items()],
            "courses": [
                {"course_id": "C", "title": "C", "refresh_months": 12, "required_for": "all"}
            ],
        },
    )
    assert sorted(training_status(con, F, grace_days=30)["staff_id"]) == ["G30", "G31"]
