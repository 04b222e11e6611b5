"""Training completion on the fixture organisation (metrics/training.py), checked by hand.

Who counts at X = 2026-06-30: S01, S02, S03 (MASH), S04 (CP-N), S08, S09, S10 (EDS), S12 (FH).
Not S05 (started 2026-06-10, grace until 2026-07-10), S06 (exempt until 2026-07-31), S07 (left
2026-03-31), S11 (team OLD is inactive, and left). Requirements at X:
C-DP (all): S01 S02 S03 S04 S08 S09 S10 S12 = 8; C-SHARE (decision makers): S01 S02 S04 S08 = 4;
C-CODE (role DSL or team MASH): S01 S02 S03 S08 = 4. 16 in all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb

from metrics.training import (
    training_completion_by_team,
    training_completion_by_team_course,
    training_completion_trend,
    training_exceptions,
    training_status,
)
from tests.fixture_org import MAIN, X, Y, Z

D = dt.date


def completion(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> dict[str, tuple[int, int]]:
    frame = training_completion_by_team(con, replace(MAIN, as_of=as_of))
    return {r.team_id: (r.in_date, r.required) for r in frame.itertuples()}


def test_completion_per_team_at_x(con: duckdb.DuckDBPyConnection) -> None:
    # MASH: C-DP S01 in (to 2026-09-01), S02 out (expired 2026-06-15; the 2026-06-20 attempt
    #   failed), S03 in (2026-01-20); C-SHARE S01 in, S02 out (expired 2026-06-01);
    #   C-CODE S01 in, S02 in (never expire), S03 never -> 5 of 8
    # CP-N: S04 C-DP in (to 2026-07-10), C-SHARE in (2026-02-01) -> 2 of 2
    # EDS: C-DP S08 in (to 2026-08-20), S09 out (expires 2026-06-30 = X), S10 never (a fail);
    #   C-SHARE S08 passed 2026-07-05, after X -> never; C-CODE S08 in -> 2 of 5
    # FH: S12 C-DP in (2026-01-05) -> 1 of 1
    assert completion(con, X) == {"CP-N": (2, 2), "EDS": (2, 5), "FH": (1, 1), "MASH": (5, 8)}


def test_moving_the_as_of_date_gives_a_different_exact_answer(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # At Y = 2025-12-31 S05 has not started, S06 is exempt, S07 is in post (CP-N, decision
    # maker): C-DP 8 (MASH 3, CP-N 2, EDS 3, FH 1), C-SHARE 5 (S01 S02 S04 S07 S08), C-CODE 4.
    # MASH: S01 3/3; S02 C-DP 2025-06-15 in, C-SHARE to 2026-06-01 in, C-CODE in -> 3/3;
    #   S03 C-DP 2024-12-01 expired 2025-12-01, C-CODE never -> 0/2. 6 of 8
    # CP-N: S04 C-DP in, C-SHARE not yet -> 1/2; S07 C-DP 2025-05-01 in, no C-SHARE -> 1/2. 2 of 4
    # EDS: S08 C-DP in, C-SHARE not yet, C-CODE in -> 2/3; S09 in (to 2026-06-30); S10 never.
    #   3 of 5
    # FH: S12 C-DP 2025-01-05 in (to 2026-01-05) -> 1 of 1
    assert completion(con, Y) == {"CP-N": (2, 4), "EDS": (3, 5), "FH": (1, 1), "MASH": (6, 8)}
    # At Z = 2025-06-30: MASH S01 C-DP not yet (2025-09-01) 2/3, S02 3/3, S03 C-DP in 1/2 -> 6/8
    # CP-N: S04 nothing yet 0/2, S07 C-DP in 1/2 -> 1/4
    # EDS: S08 only C-CODE 1/3, S09 passed on Z itself 1/1, S10 0/1 -> 2/5; FH 1/1
    assert completion(con, Z) == {"CP-N": (1, 4), "EDS": (2, 5), "FH": (1, 1), "MASH": (6, 8)}


def test_completion_per_team_and_course(con: duckdb.DuckDBPyConnection) -> None:
    frame = training_completion_by_team_course(con, MAIN)
    got = {(r.team_id, r.course_id): (r.in_date, r.required) for r in frame.itertuples()}
    assert got == {
        ("CP-N", "C-DP"): (1, 1),
        ("CP-N", "C-SHARE"): (1, 1),
        ("EDS", "C-CODE"): (1, 1),  # S08 is a designated safeguarding lead
        ("EDS", "C-DP"): (1, 3),
        ("EDS", "C-SHARE"): (0, 1),
        ("FH", "C-DP"): (1, 1),
        ("MASH", "C-CODE"): (2, 3),  # every MASH member, by team:MASH
        ("MASH", "C-DP"): (2, 3),
        ("MASH", "C-SHARE"): (1, 2),
    }


def test_grace_period_setting_changes_who_counts(con: duckdb.DuckDBPyConnection) -> None:
    # With no grace period S05 (started 2026-06-10, decision maker) counts at X: C-DP passed
    # 2026-06-20 (in date), C-SHARE never. CP-N goes from 2 of 2 to 3 of 4.
    frame = training_completion_by_team(con, MAIN, grace_days=0)
    got = {r.team_id: (r.in_date, r.required) for r in frame.itertuples()}
    assert got["CP-N"] == (3, 4)
    # 20 days' grace: 2026-06-10 + 20 = 2026-06-30 <= X, so S05 counts too
    frame = training_completion_by_team(con, MAIN, grace_days=20)
    assert frame.set_index("team_id").loc["CP-N", "required"] == 4
    frame = training_completion_by_team(con, MAIN, grace_days=21)
    assert frame.set_index("team_id").loc["CP-N", "required"] == 2


def test_status_rows_and_expiry(con: duckdb.DuckDBPyConnection) -> None:
    status = training_status(con, MAIN).set_index(["staff_id", "course_id"])
    assert len(status) == 16
    # 12 months from 2025-06-30 is 2026-06-30 = X: expired on X
    assert status.loc[("S09", "C-DP"), "expires_on"] == D(2026, 6, 30)
    assert status.loc[("S09", "C-DP"), "status"] == "overdue"
    # refresh_months 0: never expires
    assert status.loc[("S01", "C-CODE"), "expires_on"] is None  # a date column: None, not NaT
    assert bool(status.loc[("S01", "C-CODE"), "in_date"]) is True
    # the latest pass counts, and an earlier one is ignored
    assert status.loc[("S03", "C-DP"), "last_passed_on"] == D(2026, 1, 20)


def test_overdue_never_trained_and_expiring(con: duckdb.DuckDBPyConnection) -> None:
    frame = training_exceptions(con, MAIN)
    got = [(r.staff_id, r.course_id, r.action, r.team_id, r.role) for r in frame.itertuples()]
    assert got == [
        # overdue, oldest expiry first: S02 C-SHARE expired 2026-06-01, C-DP 2026-06-15, S09 X
        ("S02", "C-SHARE", "overdue", "MASH", "Team manager"),
        ("S02", "C-DP", "overdue", "MASH", "Team manager"),
        ("S09", "C-DP", "overdue", "EDS", "Education officer"),
        # never trained, by team then staff
        ("S08", "C-SHARE", "never trained", "EDS", "Designated safeguarding lead"),
        ("S10", "C-DP", "never trained", "EDS", "Education officer"),
        ("S03", "C-CODE", "never trained", "MASH", "Business support"),
        # in date, expiring: S04 on 2026-07-10 (10 days), S08 2026-08-20 (51), S01 2026-09-01 (63)
        ("S04", "C-DP", "expires within 30 days", "CP-N", "Social worker"),
        ("S08", "C-DP", "expires within 60 days", "EDS", "Designated safeguarding lead"),
        ("S01", "C-DP", "expires within 90 days", "MASH", "Social worker"),
    ]
    assert frame["days_to_expiry"].tolist()[-3:] == [10, 51, 63]


def test_monthly_trend_is_taken_as_of_each_month_end(con: duckdb.DuckDBPyConnection) -> None:
    trend = training_completion_trend(con, MAIN)
    assert trend["as_of"].tolist()[0] == D(2025, 7, 31)
    assert trend["as_of"].tolist()[-1] == X
    rows = {r.as_of: (r.in_date, r.required) for r in trend.itertuples()}
    # Y: 6 + 2 + 3 + 1 = 12 of 8 + 4 + 5 + 1 = 18; X: 5 + 2 + 2 + 1 = 10 of 16
    assert rows[Y] == (12, 18)
    assert rows[X] == (10, 16)


def test_filter_by_directorate_and_team(con: duckdb.DuckDBPyConnection) -> None:
    education = training_completion_by_team(con, replace(MAIN, directorate="Education"))
    assert education["team_id"].tolist() == ["EDS"]  # OLD is inactive
    two = training_completion_by_team(con, replace(MAIN, teams=("MASH", "FH")))
    assert two["team_id"].tolist() == ["FH", "MASH"]
