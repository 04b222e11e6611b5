"""The ICO ten steps on the fixture organisation (metrics/ico_steps.py), checked by hand.

The shared fixture (tests/fixture_org.py) leaves blank the decision fields only steps 2, 4, 5
and 6 read, and has no step-10 policy or agreements register. Rather than change rows other
tests count on, this module builds its own copy of it with those fields filled in for the main
period's decisions, one step-10 policy and a small register added (ICO_DECISION_FIELDS,
ICO_POLICIES, ICO_COVERAGE, ICO_AGREEMENTS below).

Main period P = 2025-07-01..2026-06-30, as of X = 2026-06-30. Shares in P (shared or partially
shared): MASH D01 D02 D03 D05 D06 D07 (6), CP-N D08 D10 D11 (3), EDS D13 D14 D15 (3), FH none.
Decisions in P: MASH 7, CP-N 5, EDS 4. Emergencies: D06 (MASH), D10 (CP-N), D15 (EDS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from core.settings import DEFAULTS
from metrics.definitions import AS_OF, MEASURES, PERIOD
from metrics.filters import Filters
from metrics.ico_steps import (
    COUNT,
    FLAG,
    HOURS,
    INDICATORS,
    RATIO,
    STEPS,
    band_sentence,
    flag_text,
    headline,
    headline_counts,
    ico_step_results,
    ico_step_trend,
    ico_steps_by_team,
    measure_of,
    step_indicators,
    unbroken,
)
from metrics.query import composed_sql, uses
from metrics.rag import AMBER, GREEN, NO_DATA, RED, Band, Thresholds
from pipelines.store import connect_readonly, writer
from tests.fixture_org import MAIN, X, Z, build_fixture_db

D = dt.date
THRESHOLDS = Thresholds(
    training=Band(0.95, 0.85), coverage=Band(1.0, 0.80), completeness=Band(0.98, 0.90)
)
ALL = "ALL"  # the "All teams in scope" row, whose team_id is missing

ICO_DECISION_FIELDS = [
    # decision_id, data_categories, routine, dsa_ref, family_informed, dpo_consulted
    ("D01", "contact details|safeguarding concerns", True, "DSA-POL-01", "yes", True),
    ("D02", "health", True, None, "no_risk", True),
    ("D03", None, False, None, None, False),
    # a refusal: routine without an agreement, but not a share, so not counted in step 6
    ("D04", "contact details", True, None, "yes", None),
    ("D05", "education", True, "DSA-EDU-02", "not_applicable", None),
    # routine but an emergency: not counted in step 6
    ("D06", "contact details", True, None, "not_yet", None),
    ("D07", "health", False, None, "yes", None),
    ("D08", "contact details", True, "DSA-POL-01", "no_risk", None),
    ("D10", "health|contact details", False, None, None, True),
    # one-off with an agreement: not counted in step 6
    ("D11", "housing", False, "DSA-HOU-01", "no_other", None),
    ("D13", "education", True, None, "yes", None),
    ("D14", "health", False, None, None, None),
    ("D15", None, False, None, "yes", None),
    ("D16", None, False, None, "yes", None),
]
ICO_POLICIES = [
    # policy_id, title, ico_step, owner, version, approved_on, review_due
    ("P-CODE", "Data sharing code checklist", 10, "DPO", "1", "2025-04-01", "2027-04-01"),
]
ICO_AGREEMENTS = [
    # dsa_ref, status, signed_on, review_due, dpia_date. POL-01 is in force for D01
    # (2025-07-03) and D08 (2025-07-20), its DPIA (2025-07-10) dated after D01; EDU-02 was
    # signed after D05 (2026-01-15); HOU-01 is cited only by D11, a one-off share.
    ("DSA-POL-01", "active", "2025-01-01", "2027-01-01", "2025-07-10"),
    ("DSA-EDU-02", "active", "2026-02-01", "2027-02-01", "2026-01-20"),
    ("DSA-HOU-01", "active", "2025-01-01", "2027-01-01", None),
]
ICO_COVERAGE = [
    # team_id, policy_id, status, attested_on (CP-N never attests: not started)
    ("MASH", "P-CODE", "in_place", "2025-05-01"),
    ("EDS", "P-CODE", "partial", "2026-01-10"),
    ("FH", "P-CODE", "in_place", "2026-03-01"),
]


def build_ico_fixture_db(path: Path) -> None:
    """The fixture organisation with the fields the ICO steps read filled in."""
    build_fixture_db(path)
    with writer(path) as con:
        con.executemany(
            "update decisions set data_categories = ?, routine = ?, dsa_ref = ?,"
            " family_informed = ?, dpo_consulted = ? where decision_id = ?",
            [(*row[1:], row[0]) for row in ICO_DECISION_FIELDS],
        )
        con.executemany(
            "insert into policies (policy_id, title, ico_step, owner, version, approved_on,"
            " review_due) values (?, ?, ?, ?, ?, ?, ?)",
            ICO_POLICIES,
        )
        con.executemany(
            "insert into coverage (team_id, policy_id, status, attested_on) values (?, ?, ?, ?)",
            ICO_COVERAGE,
        )
        con.executemany(
            "insert into agreements (dsa_ref, title, status, signed_on, review_due, dpia_date)"
            " values (?, ?, ?, ?, ?, ?)",
            [(row[0], f"Agreement {row[0]}", *row[1:]) for row in ICO_AGREEMENTS],
        )


@pytest.fixture(scope="session")
def ico_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ICO fixture organisation's database file, built once per test session."""
    path = tmp_path_factory.mktemp("ico_org") / "compliance.duckdb"
    build_ico_fixture_db(path)
    return path


@pytest.fixture(scope="module")
def con(ico_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect_readonly(ico_db)
    yield connection
    connection.close()


def results(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    return ico_step_results(ico_steps_by_team(con, f), THRESHOLDS)


def by_team(frame: pd.DataFrame, label: str, column: str = "pair") -> dict[str, object]:
    """One indicator per team (ALL for all teams): (numerator, denominator), hours or status."""
    rows = frame[frame["label"] == label]
    got = {}
    for row in rows.itertuples():
        key = ALL if pd.isna(row.team_id) else row.team_id
        if column == "pair":
            got[key] = (
                int(row.numerator),
                None if pd.isna(row.denominator) else int(row.denominator),
            )
        elif column == "hours":
            got[key] = None if pd.isna(row.hours) else float(row.hours)
        else:
            got[key] = getattr(row, column)
    return got


@pytest.fixture(scope="module")
def at_x(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return results(con, MAIN)


def test_teams_listed_and_all_teams_last(con: duckdb.DuckDBPyConnection) -> None:
    frame = ico_steps_by_team(con, MAIN)
    # by directorate then name; OLD is inactive and logged nothing in P
    assert frame["team_name"].tolist() == [
        "Child protection north",
        "Family help",
        "Multi-agency safeguarding hub",
        "Education safeguarding",
        "All teams in scope",
    ]
    assert frame["team_id"].isna().tolist() == [False, False, False, False, True]


def test_step_1_decisions_by_staff_trained_on_the_day(at_x: pd.DataFrame) -> None:
    # tests/test_metrics_sharing.py works each decision out: D01 (MASH), D08 D09 (CP-N) and
    # D13-D16 (EDS) were made by staff missing a required course on the day
    assert by_team(at_x, "Decisions by staff trained on the day") == {
        "CP-N": (3, 5),
        "FH": (0, 0),
        "MASH": (6, 7),
        "EDS": (0, 4),
        ALL: (9, 16),
    }
    lapsed = at_x[at_x["label"] == "Decisions by staff whose training had lapsed"]
    # CP-N, FH, MASH, EDS, all teams
    assert lapsed["numerator"].tolist() == [2, 0, 1, 4, 7]


def test_step_1_courses_in_date(at_x: pd.DataFrame) -> None:
    # C-DP (step 1, all staff, 12 months) at X:
    # CP-N: S04 passed 2025-07-10, expires 2026-07-10 > X (S05 in grace, S06 exempt, S07 left)
    # FH: S12 passed 2026-01-05
    # MASH: S01 in (2025-09-01), S02 expired 2026-06-15 (the 2026-06-20 fail does not renew),
    #   S03 in (2026-01-20) -> 2 of 3
    # EDS: S08 in (2025-08-20), S09 expires on X itself, S10 only failed -> 1 of 3
    assert by_team(at_x, "Step-1 courses in date") == {
        "CP-N": (1, 1),
        "FH": (1, 1),
        "MASH": (2, 3),
        "EDS": (1, 3),
        ALL: (5, 8),
    }


def test_step_2_shares_with_purpose_and_data_categories(at_x: pd.DataFrame) -> None:
    # MASH: D03 has no categories, D05 no purpose -> 4 of 6; CP-N: all three -> 3 of 3;
    # EDS: D14 no purpose, D15 no categories -> 1 of 3 (D16, a refusal, is not counted)
    assert by_team(at_x, "Purpose and data categories recorded") == {
        "CP-N": (3, 3),
        "FH": (0, 0),
        "MASH": (4, 6),
        "EDS": (1, 3),
        ALL: (8, 12),
    }


def test_step_3_policies_and_training(at_x: pd.DataFrame) -> None:
    # P-DP (step 3) at X: CP-N attested 2024-03-01, before v2 (2025-03-01): out of date;
    # FH, MASH (re-attested 2025-09-10) and EDS in place
    assert by_team(at_x, "Step-3 policies in place") == {
        "CP-N": (0, 1),
        "FH": (1, 1),
        "MASH": (1, 1),
        "EDS": (1, 1),
        ALL: (3, 4),
    }
    # the Training completion measure, all courses (as on the Overview)
    assert by_team(at_x, "Training completion (all courses)") == {
        "CP-N": (2, 2),
        "FH": (1, 1),
        "MASH": (5, 8),
        "EDS": (2, 5),
        ALL: (10, 16),
    }


def test_step_4_policies_and_family_informed(at_x: pd.DataFrame) -> None:
    # P-TRANS (step 4): MASH partial; CP-N and FH not applicable; EDS in place
    assert by_team(at_x, "Step-4 policies in place") == {
        "CP-N": (0, 0),
        "FH": (0, 0),
        "MASH": (0, 1),
        "EDS": (1, 1),
        ALL: (1, 2),
    }
    # blank family_informed: MASH D03; CP-N D10; EDS D14. `not_yet` (D06), `no_risk` (D02,
    # D08) and `not_applicable` (D05) are recorded positions
    assert by_team(at_x, "Family-informed position recorded") == {
        "CP-N": (2, 3),
        "FH": (0, 0),
        "MASH": (5, 6),
        "EDS": (2, 3),
        ALL: (9, 12),
    }


def test_step_5_dpia_of_the_agreement_and_refusals_with_a_reason(at_x: pd.DataFrame) -> None:
    # routine, non-emergency shares (as for step 6): MASH D01 D02 D05, CP-N D08, EDS D13.
    # Under an agreement in force with a DPIA dated by the day: only D08 (POL-01's DPIA
    # 2025-07-10 is after D01; D02 and D13 cite none; EDU-02 was not yet signed for D05).
    assert by_team(at_x, "Routine shares under an agreement with a DPIA") == {
        "CP-N": (1, 1),
        "FH": (0, 0),
        "MASH": (0, 3),
        "EDS": (0, 1),
        ALL: (1, 5),
    }
    assert headline(5).label == "Routine shares under an agreement with a DPIA"
    # P-DPIA (step 5): in place for CP-N (2026-03-15), MASH and EDS; not applicable for FH.
    # No longer the DPIA indicator: a step-5 policy like any other.
    assert by_team(at_x, "Step-5 policies in place") == {
        "CP-N": (1, 1),
        "FH": (0, 0),
        "MASH": (1, 1),
        "EDS": (1, 1),
        ALL: (3, 3),
    }
    # the risk of not sharing: refusals in P are MASH D04 (reason), CP-N D09 (no reason) and
    # D12 (reason), EDS D16 (reason). DPO consultation per case is no longer measured.
    assert by_team(at_x, "Refusals with the reason recorded (risk of not sharing)") == {
        "CP-N": (1, 2),
        "FH": (0, 0),
        "MASH": (1, 1),
        "EDS": (1, 1),
        ALL: (3, 4),
    }
    assert "DPO consulted (special category shares)" not in set(at_x["label"])


def test_every_step_counts_the_policies_and_courses_tagged_with_it(at_x: pd.DataFrame) -> None:
    # P-DSA (step 6), approved 2026-01-15: MASH (2026-02-01), CP-N (2026-06-30) and EDS
    # (2026-03-01) attest in place after approval; FH not applicable. Before issue 10 no step-6
    # policy reached step 6.
    assert by_team(at_x, "Step-6 policies in place") == {
        "CP-N": (1, 1),
        "FH": (0, 0),
        "MASH": (1, 1),
        "EDS": (1, 1),
        ALL: (3, 3),
    }
    # C-SHARE (step 3), decision makers, 24 months: S01 in date (to 2027-01-15), S02 expired
    # 2026-06-01, S04 in date, S08's pass is after X; S05 in grace, S07 left: not counted
    assert by_team(at_x, "Step-3 courses in date") == {
        "CP-N": (1, 1),
        "FH": (0, 0),
        "MASH": (1, 2),
        "EDS": (0, 1),
        ALL: (2, 4),
    }
    # no course is tagged step 2: nothing to count, no data rather than red
    assert by_team(at_x, "Step-2 courses in date")[ALL] == (0, 0)


def test_step_6_routine_shares_under_an_agreement_in_force(at_x: pd.DataFrame) -> None:
    # routine, non-emergency shares: MASH D01 (POL-01, in force), D02 (none), D05 (EDU-02,
    # signed 2026-02-01: not yet in force on 2026-01-15); D06 is routine but an emergency and
    # D04 a refusal. CP-N D08 (POL-01, in force); D11 cites HOU-01 but is one-off. EDS D13
    # (none). Before the register (a reference was enough) MASH was 2 of 3 and all 3 of 5.
    assert by_team(at_x, "Routine shares under an agreement in force") == {
        "CP-N": (1, 1),
        "FH": (0, 0),
        "MASH": (1, 3),
        "EDS": (0, 1),
        ALL: (2, 5),
    }


def test_step_7_reasons_and_complete_records(at_x: pd.DataFrame) -> None:
    # every decision, refusals included: no reason on D07 (MASH), D09 (CP-N, a refusal),
    # D14 (EDS)
    assert by_team(at_x, "Reason recorded (all decisions)") == {
        "CP-N": (4, 5),
        "FH": (0, 0),
        "MASH": (6, 7),
        "EDS": (3, 4),
        ALL: (13, 16),
    }
    # the Record completeness measure (as on the Sharing page), over every decision: CP-N D10
    # D12 (D08 no basis, D09 a refusal with no reason, D11 special category blank); MASH D01
    # D02 D04 D06; EDS D13 D15 D16
    assert by_team(at_x, "Complete records (shares and refusals)") == {
        "CP-N": (2, 5),
        "FH": (0, 0),
        "MASH": (4, 7),
        "EDS": (3, 4),
        ALL: (9, 16),
    }


def test_step_8_lawful_basis_and_flags(at_x: pd.DataFrame) -> None:
    # MASH D03 special category with no Art 9 condition; CP-N D08 no basis and D11 special
    # category blank (not known: a gap, no longer "no"); EDS D14 neither
    assert by_team(at_x, "Lawful basis (and Art 9 / Art 10 conditions) recorded") == {
        "CP-N": (1, 3),
        "FH": (0, 0),
        "MASH": (5, 6),
        "EDS": (2, 3),
        ALL: (8, 12),
    }
    # D07 (MASH) on consent; D13 (EDS) on legitimate interests
    assert by_team(at_x, "⚑ Consent as the basis") == {
        "CP-N": (0, 3),
        "FH": (0, 0),
        "MASH": (1, 6),
        "EDS": (0, 3),
        ALL: (1, 12),
    }
    assert by_team(at_x, "⚑ Legitimate interests as the basis") == {
        "CP-N": (0, 3),
        "FH": (0, 0),
        "MASH": (0, 6),
        "EDS": (1, 3),
        ALL: (1, 12),
    }


def test_step_9_policies_and_emergencies(at_x: pd.DataFrame) -> None:
    # P-EMERG (step 9) review date 2026-05-31 is past at X: out of date for MASH and EDS;
    # CP-N never attested; FH not applicable
    assert by_team(at_x, "Step-9 policies in place") == {
        "CP-N": (0, 1),
        "FH": (0, 0),
        "MASH": (0, 1),
        "EDS": (0, 1),
        ALL: (0, 3),
    }
    assert by_team(at_x, "Emergency decisions") == {
        "CP-N": (1, None),
        "FH": (0, None),
        "MASH": (1, None),
        "EDS": (1, None),
        ALL: (3, None),
    }
    # D10 decided 1 h after the request, recorded at once; D06 30 min, recorded 31 h later
    # (2026-03-03 02:00 -> 2026-03-04 09:00); D15 1 h, recorded 6 h later. All: medians of
    # (0.5, 1, 1) and (6, 31): D10's record time is blank, not recorded, so not a 0 (was 6.0)
    assert by_team(at_x, "Emergency: median time to decision", "hours") == {
        "CP-N": 1.0,
        "FH": None,
        "MASH": 0.5,
        "EDS": 1.0,
        ALL: 1.0,
    }
    assert by_team(at_x, "Emergency: median time to record", "hours") == {
        "CP-N": None,
        "FH": None,
        "MASH": 31.0,
        "EDS": 6.0,
        ALL: 18.5,
    }


def test_step_10_courses_and_policies(at_x: pd.DataFrame) -> None:
    # C-CODE (step 10; designated safeguarding leads and team MASH; never expires): MASH S01
    # and S02 passed, S03 never -> 2 of 3; EDS S08 passed -> 1 of 1; S06 (CP-N's lead) exempt
    assert by_team(at_x, "Step-10 courses in date") == {
        "CP-N": (0, 0),
        "FH": (0, 0),
        "MASH": (2, 3),
        "EDS": (1, 1),
        ALL: (3, 4),
    }
    # P-CODE: MASH and FH in place, EDS partial, CP-N not started
    assert by_team(at_x, "Step-10 policies in place") == {
        "CP-N": (0, 1),
        "FH": (1, 1),
        "MASH": (1, 1),
        "EDS": (0, 1),
        ALL: (2, 4),
    }


def test_headline_statuses_with_the_default_thresholds(at_x: pd.DataFrame) -> None:
    heads = at_x[at_x["headline"]]
    got = {
        (ALL if pd.isna(row.team_id) else row.team_id, row.step): row.status
        for row in heads.itertuples()
        if pd.isna(row.team_id) or row.team_id in ("MASH", "FH")
    }
    G, R, N = GREEN, RED, NO_DATA
    # MASH: 2/3, 4/6, 1/1, 0/1, 0/3, 1/3, 6/7, 5/6, 0/1, 2/3 -> only the 100 % are green
    # FH: 1/1 and 1/1, then nothing to count (never red)
    # All: 5/8, 8/12, 3/4, 1/2, 1/5, 2/5, 13/16, 9/12, 0/3, 3/4
    # Step 5's headline is now the register's DPIA (was step-5 policies, 1/1 and 3/3: green).
    expected = {
        "MASH": [R, R, G, R, R, R, R, R, R, R],
        "FH": [G, N, G, N, N, N, N, N, N, N],
        ALL: [R, R, R, R, R, R, R, R, R, R],
    }
    assert got == {(team, n + 1): s for team, row in expected.items() for n, s in enumerate(row)}


def test_each_indicator_is_rated_against_its_own_band(con: duckdb.DuckDBPyConnection) -> None:
    bands = Thresholds(
        training=Band(0.6, 0.3), coverage=Band(1.0, 0.5), completeness=Band(0.7, 0.4)
    )
    frame = ico_step_results(ico_steps_by_team(con, MAIN), bands)
    status = {
        (ALL if pd.isna(r.team_id) else r.team_id, r.label): r.status for r in frame.itertuples()
    }
    # a course indicator, 2/3: green on training (would be amber on the other two)
    assert status[("MASH", "Step-1 courses in date")] == GREEN
    # a policy indicator, 3/4: amber on coverage (would be green on the other two)
    assert status[(ALL, "Step-3 policies in place")] == AMBER
    # record indicators: 5/6 green on completeness (amber on coverage); 1/3 red on
    # completeness (amber on training)
    assert status[("MASH", "Lawful basis (and Art 9 / Art 10 conditions) recorded")] == GREEN
    assert status[("EDS", "Purpose and data categories recorded")] == RED
    # flags, counts and times are never rated
    for label in (
        "⚑ Consent as the basis",
        "Emergency decisions",
        "Emergency: median time to record",
    ):
        assert status[("MASH", label)] == NO_DATA


def test_moving_the_as_of_date_changes_stock_indicators_only(
    con: duckdb.DuckDBPyConnection, at_x: pd.DataFrame
) -> None:
    at_z = results(con, replace(MAIN, as_of=Z))
    # At Z = 2025-06-30, P-DP v2 (2025-03-01) is in force: MASH's and CP-N's attestations
    # predate it, FH has attested nothing yet, EDS attested 2025-05-01 -> 1 of 4
    assert by_team(at_z, "Step-3 policies in place") == {
        "CP-N": (0, 1),
        "FH": (0, 1),
        "MASH": (0, 1),
        "EDS": (1, 1),
        ALL: (1, 4),
    }
    # C-DP at Z: CP-N counts S07 (left 2026-03-31; passed 2025-05-01) and S04 (first pass
    # 2025-07-10, after Z) -> 1 of 2 (1 of 1 at X); MASH S01 not yet passed, S02 and S03 in;
    # EDS S09 passed on Z itself, S08 not yet, S10 failed
    assert by_team(at_z, "Step-1 courses in date") == {
        "CP-N": (1, 2),
        "FH": (1, 1),
        "MASH": (2, 3),
        "EDS": (1, 3),
        ALL: (5, 9),
    }
    # P-CODE at Z: only MASH (2025-05-01) has attested
    assert by_team(at_z, "Step-10 policies in place")[ALL] == (1, 4)
    # the period is unchanged, so every flow indicator is too
    flows = [i.label for i in INDICATORS if measure_of(i).timing == PERIOD]
    for label in flows:
        column = "hours" if label.startswith("Emergency: ") else "pair"
        assert by_team(at_z, label, column) == by_team(at_x, label, column), label


def test_an_inactive_team_is_listed_only_for_a_period_it_logged_decisions_in(
    con: duckdb.DuckDBPyConnection,
) -> None:
    f = Filters(period_start=D(2024, 1, 1), period_end=D(2024, 6, 30), as_of=D(2024, 6, 30))
    frame = results(con, f)
    # OLD (inactive) shared D21 on 2024-05-01: its decisions count, its stock measures do not
    assert by_team(frame, "Reason recorded (all decisions)") == {
        "CP-N": (0, 0),
        "FH": (0, 0),
        "MASH": (0, 0),
        "EDS": (0, 0),
        "OLD": (1, 1),
        ALL: (1, 1),
    }
    # At 2024-06-30 P-DP v1 (review 2025-01-01) is in force; OLD's attestation is not counted.
    # MASH 2024-02-01 and CP-N 2024-03-01 in place; EDS and FH not started
    assert by_team(frame, "Step-3 policies in place") == {
        "CP-N": (1, 1),
        "FH": (0, 1),
        "MASH": (1, 1),
        "EDS": (0, 1),
        "OLD": (0, 0),
        ALL: (2, 4),
    }


def test_filters_that_leave_no_team_give_no_rows(con: duckdb.DuckDBPyConnection) -> None:
    assert ico_steps_by_team(con, replace(MAIN, teams=("OLD",))).empty
    assert ico_steps_by_team(con, replace(MAIN, directorate="Education", allowed=("MASH",))).empty
    # a viewer limited to FH sees FH and an all-teams row that is FH alone
    frame = results(con, replace(MAIN, allowed=("FH",)))
    assert by_team(frame, "Step-1 courses in date") == {"FH": (1, 1), ALL: (1, 1)}


def test_every_step_has_a_rated_headline_and_every_indicator_is_documented() -> None:
    assert [s.number for s in STEPS] == list(range(1, 11))
    names = {m.name for m in MEASURES}
    for step in STEPS:
        first = headline(step.number)
        assert first.kind == RATIO and first.band is not None, step.number
        assert step_indicators(step.number)[0] is first
    for indicator in INDICATORS:
        assert indicator.measure in names, indicator.measure
        assert indicator.band in (None, *vars(THRESHOLDS)), indicator.label
        assert (indicator.denominator is None) == (indicator.kind in (COUNT, HOURS))
        assert (indicator.band is None) == (indicator.kind in (COUNT, HOURS, FLAG))
    timing = {i.label: measure_of(i).timing for i in INDICATORS}
    stock = {label for label, t in timing.items() if t == AS_OF}
    # every step has its policies and its courses, and step 3 all training too
    assert stock == {
        *(f"Step-{n} policies in place" for n in range(1, 11)),
        *(f"Step-{n} courses in date" for n in range(1, 11)),
        "Training completion (all courses)",
    }
    # the default thresholds are the settings' (the bands the page uses)
    assert THRESHOLDS.coverage.green == DEFAULTS["rag"]["coverage_green"]


def test_stock_indicators_reuse_the_policy_and_training_status_queries(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert uses("ico_steps_by_team") == (
        "scope_teams",
        "policy_status",
        "training_status",
        "ico_step_decisions_by_team",
        "emergency_decision_times",
        "decision_maker_training_by_team",
        "decision_makers_in_period",
    )
    # decision counts are summed from the per-team, per-day rollup, built by the rules of
    # decisions_in_period (tests/test_rollups.py proves the two agree)
    assert uses("ico_step_decisions_by_team") == ("scope_teams",)
    assert "rollup_decisions_daily" in composed_sql("ico_step_decisions_by_team")
    assert "policy_versions_in_force as (" in composed_sql("ico_steps_by_team")
    # every column an indicator reads is in the query's result
    columns = set(ico_steps_by_team(con, MAIN).columns)
    for indicator in INDICATORS:
        assert {indicator.numerator, indicator.denominator or indicator.numerator} <= columns


def test_how_indicators_are_written() -> None:
    assert band_sentence(headline(3), THRESHOLDS) == "Green at 100 %, amber from 80 %, red below."
    assert band_sentence(headline(2), THRESHOLDS) == "Green from 98 %, amber from 90 %, red below."
    assert band_sentence(step_indicators(9)[1], THRESHOLDS) == "Not rated red, amber or green."
    assert flag_text(1, 6) == "⚑ 1 of 6 shares"
    assert flag_text(0, 1_234) == "none of 1,234 shares"
    assert flag_text(0, 0) == "no shares"
    # a RAG cell breaks only between its three parts; other text is left alone
    nbsp = "\u00a0"
    assert unbroken("▲ Amber · 93.4 % (1,618 of 1,716)") == (
        f"▲{nbsp}Amber{nbsp}· 93.4{nbsp}% (1,618{nbsp}of{nbsp}1,716)"
    )
    assert unbroken("○ No data") == f"○{nbsp}No{nbsp}data"
    assert unbroken("Multi-agency safeguarding hub") == "Multi-agency safeguarding hub"
    assert unbroken(3) == 3


# The step trend over the 12 months of MAIN: (month, numerator, denominator) per step.
MONTHS = [D(2025, m, 1) for m in range(7, 13)] + [D(2026, m, 1) for m in range(1, 7)]


def trend_of(trend: pd.DataFrame, step: int) -> list[tuple[int, int]]:
    rows = trend[trend["step"] == step]
    assert rows["month"].tolist() == MONTHS
    return list(zip(rows["numerator"], rows["denominator"], strict=True))


@pytest.fixture(scope="module")
def trend(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return ico_step_trend(con, MAIN)


def test_step_trend_counts_decision_headlines_per_calendar_month(trend: pd.DataFrame) -> None:
    # Decisions by month: Jul D01 D08, Aug D02, Sep D03 D13, Oct D04 (refusal), Nov D09
    # (refusal), Dec D14, Jan D05, Feb D10 D15, Mar D06, Apr D11, May D12 (refusal), Jun D07 D16
    # (refusal). Step 2, purpose and categories of shares: D03 and D15 have no categories, D14
    # and D05 no purpose.
    assert trend_of(trend, 2) == [
        (2, 2), (1, 1), (1, 2), (0, 0), (0, 0), (0, 1), (0, 1), (1, 2), (1, 1), (1, 1), (0, 0),
        (1, 1),
    ]  # fmt: skip
    # Step 6, routine non-emergency shares under an agreement in force on the day (ICO_AGREEMENTS):
    # Jul D01 D08 (DSA-POL-01, signed 2025-01-01), Aug D02 (none), Sep D13 (none; D03 one-off),
    # Jan D05 (DSA-EDU-02, not signed until 2026-02-01: not in force); D10 D15 D06 are
    # emergencies, D11 D14 D07 one-off.
    assert trend_of(trend, 6) == [
        (2, 2), (0, 1), (0, 1), (0, 0), (0, 0), (0, 0), (0, 1), (0, 0), (0, 0), (0, 0), (0, 0),
        (0, 0),
    ]  # fmt: skip
    # Step 5, the same shares whose agreement also had a DPIA dated on or before the day: of
    # Jul's two, D08 (2025-07-20) only, POL-01's DPIA being dated 2025-07-10, after D01.
    assert trend_of(trend, 5) == [
        (1, 2), (0, 1), (0, 1), (0, 0), (0, 0), (0, 0), (0, 1), (0, 0), (0, 0), (0, 0), (0, 0),
        (0, 0),
    ]  # fmt: skip
    # Step 7, reasons over every decision: D09 (Nov), D14 (Dec) and D07 (Jun) have none.
    assert trend_of(trend, 7) == [
        (2, 2), (1, 1), (2, 2), (1, 1), (0, 1), (0, 1), (1, 1), (2, 2), (1, 1), (1, 1), (1, 1),
        (1, 2),
    ]  # fmt: skip
    # Step 8, lawful basis and conditions of shares: D08 no basis, D03 no Art 9, D14 no basis,
    # D11 special category not known.
    assert trend_of(trend, 8) == [
        (1, 2), (1, 1), (1, 2), (0, 0), (0, 0), (0, 1), (1, 1), (2, 2), (1, 1), (0, 1), (0, 0),
        (1, 1),
    ]  # fmt: skip
    june = trend[trend["month"] == D(2026, 6, 1)]
    assert set(june["from_date"]) == {D(2026, 6, 1), X}
    assert not trend["no_decisions_logged"].any()


def test_step_trend_takes_policy_and_course_headlines_as_of_each_month_end(
    trend: pd.DataFrame,
) -> None:
    # Step 4 (P-TRANS): MASH partial, EDS in place from 2026-04-01, FH applies until its
    # not_applicable of 2025-10-01; CP-N not applicable throughout.
    assert trend_of(trend, 4) == [(0, 3)] * 3 + [(0, 2)] * 6 + [(1, 2)] * 3
    # Step 9 (P-EMERG, review due 2026-05-31): MASH and EDS in place until then, CP-N never
    # attested, FH applies until 2025-10-01; on 30 Jun it is past review: none in place.
    assert trend_of(trend, 9) == [(2, 4)] * 3 + [(2, 3)] * 8 + [(0, 3)]
    # The last month end is X: the matrix's all-teams headlines at X (tests above): step 1
    # C-DP 5 of 8, step 3 P-DP 3 of 4, step 10 C-CODE 3 of 4.
    last = trend[trend["month"] == D(2026, 6, 1)].set_index("step")
    assert [tuple(last.loc[s, ["numerator", "denominator"]]) for s in (1, 3, 10)] == [
        (5, 8),
        (3, 4),
        (3, 4),
    ]
    assert set(last.loc[[1, 3, 4, 9, 10], "to_date"]) == {X}
    # Steps 5 and 6 read the decision log since the register: June's from-date is its first day.
    assert set(last.loc[[5, 6], "from_date"]) == {D(2026, 6, 1)}


def test_step_trend_and_matrix_read_the_same_headlines(
    con: duckdb.DuckDBPyConnection, trend: pd.DataFrame
) -> None:
    # June 2026 with the as-of date X: the matrix's all-teams row gives each June figure.
    june = replace(MAIN, period_start=D(2026, 6, 1))
    every = headline_counts(ico_steps_by_team(con, june).tail(1))
    last = trend[trend["month"] == D(2026, 6, 1)]
    assert every["numerator"].tolist() == last["numerator"].tolist()
    assert every["denominator"].tolist() == last["denominator"].tolist()


def test_step_trend_of_teams_that_did_not_exist_is_nothing_to_count(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # OLD closed before all the data and logged nothing in the period: 0 of 0 every month.
    trend = ico_step_trend(con, replace(MAIN, teams=("OLD",)))
    assert len(trend) == 120
    assert trend[["numerator", "denominator"]].to_numpy().sum() == 0
