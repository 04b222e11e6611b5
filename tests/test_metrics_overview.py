"""Headline measures, team RAG and trends on the fixture organisation (metrics/overview.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb
import pandas as pd

from core.settings import DEFAULTS
from metrics.overview import kpis, overview_trends, team_rag, team_scorecard
from metrics.rag import AMBER, GREEN, NO_DATA, RED, thresholds_from_settings
from tests.fixture_org import MAIN, Y

D = dt.date
THRESHOLDS = thresholds_from_settings(DEFAULTS["rag"])


def test_kpis_now_and_in_the_previous_period(con: duckdb.DuckDBPyConnection) -> None:
    frame = kpis(con, MAIN).set_index("measure")
    columns = ["numerator", "denominator", "previous_numerator", "previous_denominator"]
    got = {
        m: tuple(None if pd.isna(v) else int(v) for v in r[columns]) for m, r in frame.iterrows()
    }
    assert got == {
        # X: 3 + 2 + 4 + 1 of 5 + 4 + 5 + 1; Z (365 days earlier): 2 + 0 + 2 + 0 of 4 + 3 + 4 + 4
        "Policy coverage": (10, 15, 4, 15),
        # X: 5 + 2 + 2 + 1 of 8 + 2 + 5 + 1; Z: 6 + 1 + 2 + 1 of 8 + 4 + 5 + 1
        "Training completion": (10, 16, 10, 18),
        # D01-D16; previous period D17-D20
        "Decisions logged": (16, None, 4, None),
        # 6 + 3 + 3 shares of 16; previous 4 of 4
        "Share rate": (12, 16, 4, 4),
        # Over all decisions, refusals included: MASH 4 of 7 (D01 D02 D04 D06), CP-N 2 of 5
        # (D10 D12; D09 a refusal with no reason, D11 special category blank), EDS 3 of 4 (D13
        # D15 D16); previous 3 of 4 decisions (D19 has no purpose)
        "Record completeness": (9, 16, 3, 4),
    }


def test_team_rag_is_the_worst_measure_and_no_data_is_not_red(
    con: duckdb.DuckDBPyConnection,
) -> None:
    frame = team_rag(team_scorecard(con, MAIN), THRESHOLDS).set_index("team_id")
    statuses = frame[["coverage_rag", "training_rag", "completeness_rag", "overall_rag"]]
    assert statuses.to_dict("index") == {
        # 2/4 = 50 % < 80 % red; 2/2 green; 2/3 = 66.7 % < 90 % red
        "CP-N": dict(
            coverage_rag="red", training_rag="green", completeness_rag="red", overall_rag="red"
        ),
        # 1/1 green; 1/1 green; no shares -> no data, left out of the overall status
        "FH": dict(
            coverage_rag="green",
            training_rag="green",
            completeness_rag="no_data",
            overall_rag="green",
        ),
        # 3/5 red; 5/8 = 62.5 % red; 3/6 red
        "MASH": dict(
            coverage_rag="red", training_rag="red", completeness_rag="red", overall_rag="red"
        ),
        # 4/5 = 80 % amber (>= 0.80); 2/5 red; 2/3 red
        "EDS": dict(
            coverage_rag="amber", training_rag="red", completeness_rag="red", overall_rag="red"
        ),
    }
    # ordered by directorate, then team name
    assert frame.index.tolist() == ["CP-N", "FH", "MASH", "EDS"]


def test_scorecard_keeps_inactive_teams_only_with_decisions(
    con: duckdb.DuckDBPyConnection,
) -> None:
    in_2024 = replace(MAIN, period_start=D(2024, 1, 1), period_end=D(2024, 12, 31))
    frame = team_scorecard(con, in_2024).set_index("team_id")
    # OLD is inactive but logged D21 on 2024-05-01; stock measures leave it out
    assert frame.loc["OLD", ["decisions", "policies_applying", "training_required"]].tolist() == [
        1,
        0,
        0,
    ]
    assert "OLD" not in team_scorecard(con, MAIN)["team_id"].tolist()


def test_trends_are_twelve_months_of_each_measure(con: duckdb.DuckDBPyConnection) -> None:
    trends = overview_trends(con, MAIN)
    assert trends.groupby("measure").size().to_dict() == {
        "Policy coverage": 12,
        "Record completeness": 12,
        "Share rate": 12,
        "Training completion": 12,
    }
    rows = {(r.measure, r.month): (r.numerator, r.denominator) for r in trends.itertuples()}
    # stock measures as of 2025-12-31, labelled with December's first day
    assert rows[("Policy coverage", D(2025, 12, 1))] == (6, 12)
    assert rows[("Training completion", D(2025, 12, 1))] == (12, 18)
    # February 2026: D10 and D15 shared, both complete
    assert rows[("Share rate", D(2026, 2, 1))] == (2, 2)
    assert rows[("Record completeness", D(2026, 2, 1))] == (2, 2)
    # October 2025: one refusal (D04) with its reason and decision maker: complete, 1 of 1;
    # November 2025: one refusal (D09) with no reason: 0 of 1, a gap, not "no data"
    assert rows[("Record completeness", D(2025, 10, 1))] == (1, 1)
    november = trends[
        (trends["measure"] == "Record completeness") & (trends["month"] == D(2025, 11, 1))
    ]
    assert november["value"].tolist() == [0.0]


# December 2025: only D14 (EDS) was decided. MASH (S01, S02) and CP-N (S04, S07) have decision
# makers in post all month; FH's only member (S12) does not decide.
DECEMBER = replace(MAIN, period_start=D(2025, 12, 1), period_end=D(2025, 12, 31), as_of=Y)


def test_a_team_with_decision_makers_and_no_decisions_is_amber_not_no_data(
    con: duckdb.DuckDBPyConnection,
) -> None:
    scores = team_rag(team_scorecard(con, DECEMBER), THRESHOLDS).set_index("team_id")
    got = {
        team: (int(r.decisions), int(r.decision_makers), r.completeness_rag, r.no_decisions_logged)
        for team, r in scores.iterrows()
    }
    assert got == {
        "CP-N": (0, 2, AMBER, True),
        "FH": (0, 0, NO_DATA, False),
        "MASH": (0, 2, AMBER, True),
        # D14 has four gaps: 0 of 1 complete
        "EDS": (1, 1, RED, False),
    }


def test_no_decisions_logged_turns_an_otherwise_green_team_amber() -> None:
    # Two teams green on coverage (4/4) and training (10/10), neither logged a decision: the
    # one with decision makers in post is amber overall, the one without stays green.
    scorecard = pd.DataFrame(
        {
            "team_id": ["A", "B"],
            "policies_in_place": [4, 4],
            "policies_applying": [4, 4],
            "training_in_date": [10, 10],
            "training_required": [10, 10],
            "decisions": [0, 0],
            "shares": [0, 0],
            "complete_records": [0, 0],
            "decision_makers": [2, 0],
        }
    )
    scores = team_rag(scorecard, THRESHOLDS)
    assert scores["completeness_rag"].tolist() == [AMBER, NO_DATA]
    assert scores["overall_rag"].tolist() == [AMBER, GREEN]
