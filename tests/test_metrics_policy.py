"""Policy coverage on the fixture organisation (metrics/policy.py), checked by hand.

Policies in force at X = 2026-06-30: P-DP v2 (approved 2025-03-01, review 2027-03-01), P-TRANS,
P-DPIA (review 2026-08-15), P-DSA (approved 2026-01-15), P-EMERG (review 2026-05-31, past at X).
Active teams: MASH, CP-N, FH, EDS (OLD is inactive and left out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb

from metrics.policy import (
    policies_due_for_review,
    policy_coverage_by_team,
    policy_coverage_trend,
    policy_status,
    stale_attestations,
)
from tests.fixture_org import MAIN, X, Y, Z

D = dt.date


def coverage(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> dict[str, tuple[int, int]]:
    frame = policy_coverage_by_team(con, replace(MAIN, as_of=as_of))
    return {r.team_id: (r.in_place, r.applies) for r in frame.itertuples()}


def test_status_of_each_team_and_policy_at_x(con: duckdb.DuckDBPyConnection) -> None:
    status = policy_status(con, MAIN)
    got = {(r.team_id, r.policy_id): r.status for r in status.itertuples()}
    assert got == {
        ("MASH", "P-DP"): "in_place",  # re-attested 2025-09-10, after v2 (2025-03-01)
        ("MASH", "P-DPIA"): "in_place",
        ("MASH", "P-DSA"): "in_place",
        ("MASH", "P-EMERG"): "out_of_date",  # past its review date 2026-05-31
        ("MASH", "P-TRANS"): "partial",
        ("CP-N", "P-DP"): "out_of_date",  # attested 2024-03-01, before v2
        ("CP-N", "P-DPIA"): "in_place",  # not_started then in_place 2026-03-15
        ("CP-N", "P-DSA"): "in_place",  # attested on X itself
        ("CP-N", "P-EMERG"): "not_started",  # no attestation
        ("CP-N", "P-TRANS"): "not_applicable",
        ("EDS", "P-DP"): "in_place",
        ("EDS", "P-DPIA"): "in_place",
        ("EDS", "P-DSA"): "in_place",
        ("EDS", "P-EMERG"): "out_of_date",
        ("EDS", "P-TRANS"): "in_place",
        ("FH", "P-DP"): "in_place",
        ("FH", "P-DPIA"): "not_applicable",
        ("FH", "P-DSA"): "not_applicable",
        ("FH", "P-EMERG"): "not_applicable",
        ("FH", "P-TRANS"): "not_applicable",
    }
    reasons = status.set_index(["team_id", "policy_id"])["out_of_date_reason"]
    assert reasons[("CP-N", "P-DP")] == "attested before version 2 was approved"
    assert reasons[("MASH", "P-EMERG")] == "policy past its review date"


def test_coverage_per_team_at_x(con: duckdb.DuckDBPyConnection) -> None:
    # MASH 3 in place (P-DP, P-DPIA, P-DSA) of 5; CP-N 2 (P-DPIA, P-DSA) of 4 (P-TRANS n/a);
    # EDS 4 of 5 (P-EMERG out of date); FH 1 of 1 (the rest not applicable)
    assert coverage(con, X) == {"CP-N": (2, 4), "EDS": (4, 5), "FH": (1, 1), "MASH": (3, 5)}
    frame = policy_coverage_by_team(con, MAIN).set_index("team_id")
    assert frame.loc["MASH", ["out_of_date", "partial", "not_started"]].tolist() == [1, 1, 0]
    assert frame.loc["CP-N", ["out_of_date", "not_started", "not_applicable"]].tolist() == [1, 1, 1]


def test_moving_the_as_of_date_gives_a_different_exact_answer(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # At Y = 2025-12-31 P-DSA (approved 2026-01-15) is not in force: 4 policies.
    # MASH: P-DP in (2025-09-10), P-DPIA in, P-EMERG in (review 2026-05-31 not yet past),
    #   P-TRANS partial -> 3 of 4
    # CP-N: P-DP out of date, P-DPIA not_started (2025-01-10), P-EMERG none, P-TRANS n/a -> 0 of 3
    # EDS: P-DP in, P-DPIA none yet (2026-01-05), P-EMERG in, P-TRANS none yet -> 2 of 4
    # FH: P-DP in (2025-10-01), the other three n/a -> 1 of 1
    assert coverage(con, Y) == {"CP-N": (0, 3), "EDS": (2, 4), "FH": (1, 1), "MASH": (3, 4)}
    # At Z = 2025-06-30: MASH's P-DP attestation (2024-02-01) predates v2 -> 2 of 4;
    # FH has attested nothing yet -> 0 of 4
    assert coverage(con, Z) == {"CP-N": (0, 3), "EDS": (2, 4), "FH": (0, 4), "MASH": (2, 4)}


def test_coverage_trend_is_taken_as_of_each_month_end(con: duckdb.DuckDBPyConnection) -> None:
    trend = policy_coverage_trend(con, MAIN)
    rows = {r.as_of: (r.in_place, r.applies) for r in trend.itertuples()}
    assert len(rows) == 12
    # Y: 3 + 0 + 2 + 1 = 6 of 4 + 3 + 4 + 1 = 12; X: 3 + 2 + 4 + 1 = 10 of 5 + 4 + 5 + 1 = 15
    assert rows[Y] == (6, 12)
    assert rows[X] == (10, 15)
    # 2026-01-31: P-DSA is in force and nobody has attested it yet (FH's n/a is 2026-02-01):
    # MASH 3 of 5, CP-N 0 of 4, EDS 3 of 5 (P-DPIA 2026-01-05), FH 1 of 2 -> 7 of 16
    assert rows[D(2026, 1, 31)] == (7, 16)


def test_policies_due_for_review(con: duckdb.DuckDBPyConnection) -> None:
    due = policies_due_for_review(con, MAIN)
    # P-EMERG review 2026-05-31 is 30 days past; P-DPIA 2026-08-15 is 46 days ahead (< 60)
    assert due[["policy_id", "days_to_review", "review_status"]].values.tolist() == [
        ["P-EMERG", -30, "past review date"],
        ["P-DPIA", 46, "review due soon"],
    ]
    # a 45-day window leaves P-DPIA out; at Y nothing is due within 60 days (P-DPIA is 227 away)
    assert policies_due_for_review(con, MAIN, window_days=45)["policy_id"].tolist() == ["P-EMERG"]
    assert policies_due_for_review(con, replace(MAIN, as_of=Y)).empty


def test_attestations_older_than_a_year(con: duckdb.DuckDBPyConnection) -> None:
    stale = stale_attestations(con, MAIN)
    # latest attestations made before 2025-06-30, for policies in force at X, active teams;
    # in place first, then partial, then not applicable, oldest first within each
    assert [(r.team_id, r.policy_id, r.attested_on) for r in stale.itertuples()] == [
        ("MASH", "P-EMERG", D(2023, 7, 1)),
        ("CP-N", "P-DP", D(2024, 3, 1)),
        ("MASH", "P-DPIA", D(2024, 5, 1)),
        ("EDS", "P-EMERG", D(2024, 9, 1)),
        ("EDS", "P-DP", D(2025, 5, 1)),
        ("MASH", "P-TRANS", D(2025, 2, 1)),
        ("CP-N", "P-TRANS", D(2024, 6, 1)),
    ]
    assert (
        stale.set_index(["team_id", "policy_id"]).loc[("MASH", "P-EMERG"), "days_since_attested"]
        == 1095
    )


def test_directorate_filter(con: duckdb.DuckDBPyConnection) -> None:
    frame = policy_coverage_by_team(con, replace(MAIN, directorate="Education"))
    assert frame[["team_id", "in_place", "applies"]].values.tolist() == [["EDS", 4, 5]]
