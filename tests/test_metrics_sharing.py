"""Sharing measures on the fixture organisation (metrics/sharing.py), checked by hand.

Main period 2025-07-01..2026-06-30: D01-D16. D17 (2025-06-30 18:00) is the day before; D22
(2026-07-02) after. Shares are shared or partially shared decisions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb
import pandas as pd
import pytest

from metrics.filters import previous
from metrics.sharing import (
    decision_times,
    decisions_by_month,
    decisions_by_team,
    decisions_in_period,
    decisions_per_month_by_team,
    monthly_sharing_trend,
    shares_by_lawful_basis,
    shares_by_recipient_type,
)
from tests.fixture_org import MAIN

D = dt.date


def test_decisions_in_period_use_both_ends_of_the_period(con: duckdb.DuckDBPyConnection) -> None:
    ids = decisions_in_period(con, MAIN)["decision_id"].tolist()
    # D07 at 23:30 on the last day is in; D17 the evening before the first day is not
    assert sorted(ids) == [f"D{n:02d}" for n in range(1, 17)]


def test_decisions_and_gaps_per_team(con: duckdb.DuckDBPyConnection) -> None:
    frame = decisions_by_team(con, MAIN).set_index("team_id")
    columns = [
        "decisions",
        "shared",
        "partially_shared",
        "not_shared",
        "shares",
        "complete_records",
        "no_lawful_basis",
        "special_without_art9",
        "no_reason",
        "no_purpose",
        "emergency",
    ]
    assert frame[columns].to_dict("index") == {
        # CP-N: D08 shared (no basis), D09 not shared (no reason: not a gap, not a share),
        # D10 shared (complete), D11 partial (complete; special_category blank = no),
        # D12 not shared -> 5 decisions, 3 shares, 2 complete, 1 gap (basis); D10 emergency
        "CP-N": dict(zip(columns, [5, 2, 1, 2, 3, 2, 1, 0, 0, 0, 1], strict=True)),
        # EDS: D13 shared complete (legitimate interests), D14 shared with all four gaps,
        # D15 partial complete (emergency), D16 not shared
        "EDS": dict(zip(columns, [4, 2, 1, 1, 3, 2, 1, 1, 1, 1, 1], strict=True)),
        # MASH: D01 D02 complete, D03 special with no Art 9, D04 not shared, D05 no purpose,
        # D06 emergency complete, D07 no reason
        "MASH": dict(zip(columns, [7, 5, 1, 1, 6, 3, 0, 1, 1, 1, 1], strict=True)),
    }


def test_previous_period(con: duckdb.DuckDBPyConnection) -> None:
    frame = decisions_by_team(con, previous(MAIN)).set_index("team_id")
    # 2024-07-01..2025-06-30: D17 + D20 (MASH, both complete), D18 (CP-N partial, complete),
    # D19 (EDS shared, no purpose); D21 (OLD) was 2024-05-01, before it
    assert frame[["decisions", "shares", "complete_records"]].to_dict("index") == {
        "CP-N": {"decisions": 1, "shares": 1, "complete_records": 1},
        "EDS": {"decisions": 1, "shares": 1, "complete_records": 0},
        "MASH": {"decisions": 2, "shares": 2, "complete_records": 2},
    }


def test_inactive_teams_decisions_still_count(con: duckdb.DuckDBPyConnection) -> None:
    f = replace(MAIN, period_start=D(2024, 1, 1), period_end=D(2024, 12, 31))
    frame = decisions_by_team(con, f).set_index("team_id")
    # 2024: D21 (OLD, inactive), D19 (EDS), D20 (MASH)
    assert frame["decisions"].to_dict() == {"EDS": 1, "MASH": 1, "OLD": 1}


def test_recipients_and_lawful_basis(con: duckdb.DuckDBPyConnection) -> None:
    recipients = shares_by_recipient_type(con, MAIN)
    # police D01 D06 D08 D10; health D02 D07 + D15 partial; social care D13 D14 + D03 partial;
    # education D05; local authority D11 partial
    assert recipients[
        ["recipient_type", "shared", "partially_shared", "shares"]
    ].values.tolist() == [
        ["police", 4, 0, 4],
        ["health", 2, 1, 3],
        ["social_care", 2, 1, 3],
        ["education", 1, 0, 1],
        ["local_authority", 0, 1, 1],
    ]
    basis = shares_by_lawful_basis(con, MAIN)
    # public task D01 D03 D05; vital interests D06 D10 D15; legal obligation D02 D11;
    # not recorded D08 D14; consent D07; legitimate interests D13 -> 12 shares
    assert basis.values.tolist() == [
        ["public_task", 3],
        ["vital_interests", 3],
        ["legal_obligation", 2],
        ["not recorded", 2],
        ["consent", 1],
        ["legitimate_interests", 1],
    ]


def test_time_to_decision_median_and_90th_percentile(con: duckdb.DuckDBPyConnection) -> None:
    times = decision_times(con, MAIN)
    rows = {r.team_id if isinstance(r.team_id, str) else "all": r for r in times.itertuples()}
    # MASH hours: D01 2, D02 24, D03 0.5, D04 48, D05 1, D06 0.5, D07 24
    #   sorted 0.5 0.5 1 2 24 24 48: median 2; p90 at position 6 x 0.9 = 5.4: 24 + 0.4 x 24
    assert (rows["MASH"].median_hours_to_decision, rows["MASH"].p90_hours_to_decision) == (
        2.0,
        pytest.approx(33.6),
    )
    # CP-N: D08 24, D09 6, D10 1, D12 48 (D11 has no request time): 1 6 24 48
    #   median (6 + 24) / 2 = 15; p90 at 2.7: 24 + 0.7 x 24 = 40.8
    assert rows["CP-N"].timed_decisions == 4
    assert rows["CP-N"].median_hours_to_decision == 15.0
    assert rows["CP-N"].p90_hours_to_decision == pytest.approx(40.8)
    # all 15 timed: 0.5 0.5 1 1 1 2 4 6 12 24 24 24 48 48 72: median 6; p90 at 12.6: 48
    assert rows["all"].team_name == "All teams in scope"
    assert (rows["all"].decisions, rows["all"].timed_decisions) == (16, 15)
    assert rows["all"].median_hours_to_decision == 6.0
    assert rows["all"].p90_hours_to_decision == pytest.approx(48.0)
    # emergencies D06 (0.5 h, recorded 31 h later), D10 (1 h, record time blank: not recorded,
    # a gap, not a zero), D15 (1 h, 6 h)
    assert rows["all"].emergency_decisions == 3
    assert rows["all"].emergency_median_hours_to_decision == 1.0
    assert rows["all"].emergency_p90_hours_to_decision == 1.0  # 0.5 1 1: position 1.8 -> 1
    assert rows["all"].emergency_median_hours_to_record == 18.5  # 6 31 (was 6.0 with D10 as 0)
    assert rows["all"].emergency_not_recorded == 1
    assert rows["MASH"].emergency_median_hours_to_record == 31.0
    assert (rows["MASH"].emergency_not_recorded, rows["CP-N"].emergency_not_recorded) == (0, 1)
    assert pd.isna(rows["CP-N"].emergency_median_hours_to_record)


def test_decisions_per_month(con: duckdb.DuckDBPyConnection) -> None:
    by_month = decisions_by_month(con, MAIN)
    july = by_month[by_month["month"] == D(2025, 7, 1)]
    # July 2025: D01 (MASH shared), D08 (CP-N shared)
    assert july[["team_id", "decisions", "shared"]].values.tolist() == [
        ["CP-N", 1, 1],
        ["MASH", 1, 1],
    ]
    grid = decisions_per_month_by_team(con, MAIN)
    # 3 teams with decisions x 12 months, zeros included; 16 decisions in all
    assert len(grid) == 36
    assert int(grid["decisions"].sum()) == 16
    eds = grid[grid["team_id"] == "EDS"].set_index("month")
    # EDS: D13 Sep shared, D14 Dec shared, D15 Feb partial, D16 Jun not shared
    assert eds.loc[D(2026, 6, 1), ["shared", "partially_shared", "not_shared"]].tolist() == [
        0,
        0,
        1,
    ]
    assert int(eds.loc[D(2025, 10, 1), "decisions"]) == 0


def test_monthly_trend_fills_empty_months(con: duckdb.DuckDBPyConnection) -> None:
    trend = monthly_sharing_trend(con, MAIN)
    assert len(trend) == 12
    rows = {r.month: (r.decisions, r.shares, r.complete_records) for r in trend.itertuples()}
    # Oct 2025: D04 not shared; Jun 2026: D07 shared (no reason), D16 not shared
    assert rows[D(2025, 10, 1)] == (1, 0, 0)
    assert rows[D(2026, 6, 1)] == (2, 1, 0)
    assert sum(r[0] for r in rows.values()) == 16


def test_no_decisions_gives_empty_frames(con: duckdb.DuckDBPyConnection) -> None:
    f = replace(MAIN, teams=("FH",))
    assert decisions_by_team(con, f).empty
    assert decisions_per_month_by_team(con, f).empty
    assert monthly_sharing_trend(con, f)["decisions"].sum() == 0
