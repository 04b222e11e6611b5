"""Sharing measures on the fixture organisation (metrics/sharing.py), checked by hand.

Main period 2025-07-01..2026-06-30: D01-D16. D17 (2025-06-30 18:00) is the day before; D22
(2026-07-02) after. Shares are shared or partially shared decisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import duckdb
import pandas as pd
import pytest

from metrics.filters import Filters, previous
from metrics.ico_steps import ico_steps_by_team
from metrics.sharing import (
    GAP_COLUMNS,
    decision_maker_training_by_team,
    decision_times,
    decisions_by_month,
    decisions_by_team,
    decisions_in_period,
    decisions_per_month_by_team,
    monthly_sharing_trend,
    shares_by_lawful_basis,
    shares_by_recipient_type,
    shares_by_statutory_gateway,
)
from pipelines.store import connect_readonly, writer
from tests.fixture_org import MAIN, build_fixture_db

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
        "criminal_without_art10",
        "no_reason",
        "refusals_no_reason",
        "no_purpose",
        "no_decided_by",
        "emergency",
    ]
    # Complete records are counted over every decision, refusals included (issue 10 req 11).
    assert frame[columns].to_dict("index") == {
        # CP-N: D08 shared (no basis), D09 not shared with no reason (a gap now: a refusal is a
        # decision), D10 shared (complete), D11 partial (special_category blank: not known, a
        # gap), D12 not shared with a reason (complete) -> 5 decisions, 3 shares, 2 complete
        # (D10 D12); D10 emergency
        "CP-N": dict(zip(columns, [5, 2, 1, 2, 3, 2, 1, 1, 0, 1, 1, 0, 0, 1], strict=True)),
        # EDS: D13 shared complete (legitimate interests), D14 shared with all four share gaps,
        # D15 partial complete (emergency), D16 not shared with a reason (complete) -> 3 of 4
        "EDS": dict(zip(columns, [4, 2, 1, 1, 3, 3, 1, 1, 0, 1, 0, 1, 0, 1], strict=True)),
        # MASH: D01 D02 complete, D03 special with no Art 9, D04 not shared with a reason
        # (complete), D05 no purpose, D06 emergency complete, D07 no reason -> 4 of 7
        "MASH": dict(zip(columns, [7, 5, 1, 1, 6, 4, 0, 1, 0, 1, 0, 1, 0, 1], strict=True)),
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
    # Oct 2025: D04 not shared, with its reason (a complete record); Jun 2026: D07 shared (no
    # reason), D16 not shared with its reason (complete)
    assert rows[D(2025, 10, 1)] == (1, 0, 1)
    assert rows[D(2026, 6, 1)] == (2, 1, 1)
    assert sum(r[0] for r in rows.values()) == 16


def test_no_decisions_gives_empty_frames(con: duckdb.DuckDBPyConnection) -> None:
    f = replace(MAIN, teams=("FH",))
    assert decisions_by_team(con, f).empty
    assert decisions_per_month_by_team(con, f).empty
    assert monthly_sharing_trend(con, f)["decisions"].sum() == 0


LAW_PERIOD = Filters(
    period_start=D(2027, 1, 1), period_end=D(2027, 1, 31), as_of=D(2027, 1, 31), teams=("FH",)
)
LAW_ROWS = [
    # decision_id, decision, lawful_basis, special_category, art9_condition,
    # criminal_offence_data, art10_condition, routine, reason_recorded, decided_by
    # a UK GDPR share resting on a Part 3 condition: the wrong condition, a gap
    ("E1", "shared", "public_task", True, "DPA 2018 Sch 8 para 4", False, None, False, True, "S"),
    # Part 3 (competent authority): s35 + Sch 8, and no Art 10 condition needed: complete
    (
        "E2",
        "shared",
        "law_enforcement",
        True,
        "DPA 2018 Sch 8 para 4",
        True,
        None,
        False,
        True,
        "S",
    ),
    # criminal offence data without an Art 10 condition: a gap
    ("E3", "shared", "public_task", False, None, True, None, False, True, "S"),
    # criminal offence data not known (blank): a gap, not "no"
    ("E4", "shared", "public_task", False, None, None, None, False, True, "S"),
    # a refusal with no reason: a gap, counted apart too
    ("E5", "not_shared", None, None, None, None, None, None, False, "S"),
    # a refusal with its reason but no decision maker: a gap
    ("E6", "not_shared", None, None, None, None, None, None, True, None),
    # recognised legitimate interests, routine blank: complete record, flagged, and a step-6 gap
    ("E7", "shared", "recognised_legitimate_interests", False, None, False, None, None, True, "S"),
]


@pytest.fixture(scope="module")
def law_con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """The fixture organisation plus LAW_ROWS, Family help's decisions in January 2027."""
    path = tmp_path_factory.mktemp("law_org") / "compliance.duckdb"
    build_fixture_db(path)
    with writer(path) as con:
        con.executemany(
            "insert into decisions (decision_id, team_id, decided_at, decision, recipient_type,"
            " purpose, lawful_basis, special_category, art9_condition, criminal_offence_data,"
            " art10_condition, routine, reason_recorded, decided_by)"
            " values (?, 'FH', '2027-01-10 10:00', ?, 'police', 'Protect', ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r[0], *r[1:]) for r in LAW_ROWS],
        )
        con.execute(
            "update decisions set statutory_gateway = 'Children Act 1989 s47'"
            " where decision_id in ('E1', 'E2')"
        )
    connection = connect_readonly(path)
    yield connection
    connection.close()


def test_refusals_and_the_law_decide_a_complete_record(law_con: duckdb.DuckDBPyConnection) -> None:
    row = decisions_by_team(law_con, LAW_PERIOD).iloc[0]
    assert {k: int(row[k]) for k in GAP_COLUMNS} | {
        "decisions": int(row["decisions"]),
        "shares": int(row["shares"]),
        "complete_records": int(row["complete_records"]),
    } == {
        "decisions": 7,
        "shares": 5,
        # E2 (Part 3 with a Sch 8 condition) and E7
        "complete_records": 2,
        "no_lawful_basis": 0,
        "special_without_art9": 1,  # E1
        "criminal_without_art10": 2,  # E3, E4
        "no_reason": 1,  # E5
        "refusals_no_reason": 1,  # E5
        "no_purpose": 0,
        "no_decided_by": 1,  # E6
    }


def test_step_6_keeps_a_blank_routine_and_step_8_flags_recognised_legitimate_interests(
    law_con: duckdb.DuckDBPyConnection,
) -> None:
    row = ico_steps_by_team(law_con, LAW_PERIOD).iloc[0]
    # E7's routine is blank: in the denominator, not the numerator; E1-E4 are one-off
    assert (int(row["routine_shares_under_agreement"]), int(row["routine_shares"])) == (0, 1)
    assert int(row["shares_on_recognised_legitimate_interests"]) == 1
    # E2 and E7 have a basis and the right conditions, of 5 shares
    assert (int(row["shares_with_lawful_basis"]), int(row["shares"])) == (2, 5)
    # refusals: E5 (no reason) and E6 (reason)
    assert (int(row["refusals_with_reason"]), int(row["refusals"])) == (1, 2)


def test_statutory_gateways_beside_the_lawful_basis(law_con: duckdb.DuckDBPyConnection) -> None:
    # shares E1 (public task) and E2 (law enforcement) cite s47; E3 E4 (public task) and E7
    # (recognised legitimate interests) cite none; refusals E5 E6 are not shares
    assert shares_by_statutory_gateway(law_con, LAW_PERIOD).values.tolist() == [
        ["Children Act 1989 s47", "law_enforcement", 1],
        ["Children Act 1989 s47", "public_task", 1],
        ["none cited", "public_task", 2],
        ["none cited", "recognised_legitimate_interests", 1],
    ]


def test_decisions_by_staff_trained_on_the_day(con: duckdb.DuckDBPyConnection) -> None:
    # Courses: C-DP (all, 12 months), C-SHARE (decision makers, 24 months), C-CODE (DSL or
    # MASH, never expires). MASH: S01 decided D01 on 2025-07-03 before his first C-DP pass
    # (2025-09-01): lapsed; D03 D05 D07 (S01) and D02 D04 D06 (S02, C-DP to 2026-06-15,
    # C-SHARE to 2026-06-01) in date. CP-N: S04 decided D08 (2025-07-20) before her C-SHARE
    # (2026-02-01): lapsed; D10 D11 D12 after it; S07 decided D09 with no C-SHARE ever. EDS: S08
    # decided D13-D16 before his C-SHARE (2026-07-05): all four lapsed.
    frame = decision_maker_training_by_team(con, MAIN, 30).fillna({"team_id": ""})
    assert frame.drop(columns=["directorate"]).values.tolist() == [
        ["CP-N", "Child protection north", 5, 3, 2, 0],
        ["MASH", "Multi-agency safeguarding hub", 7, 6, 1, 0],
        ["EDS", "Education safeguarding", 4, 0, 4, 0],
        ["", "All teams in scope", 16, 9, 7, 0],
    ]


def test_a_decision_maker_not_on_record_is_a_gap_not_trained(
    law_con: duckdb.DuckDBPyConnection,
) -> None:
    # LAW_ROWS: E6 names nobody, the others name "S", who is not on the roster: seven gaps,
    # none trained, none counted as untrained staff
    row = decision_maker_training_by_team(law_con, LAW_PERIOD, 30).iloc[0]
    assert [int(row[c]) for c in row.index[3:]] == [7, 0, 0, 7]
