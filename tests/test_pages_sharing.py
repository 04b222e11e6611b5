"""The Sharing page on the fixture organisation (AppTest)."""

from __future__ import annotations

from pathlib import Path

from tests.fixture_org import MAIN_PARAMS, metrics_shown, run_page


def test_sharing_page_shows_volumes_gaps_and_times(fixture_app_env: Path) -> None:
    at = run_page("sharing", MAIN_PARAMS)
    assert not at.exception
    assert at.title[0].value == "Sharing"
    assert metrics_shown(at) == {
        "Decisions logged": ("16", "+12", ""),
        "Share rate": ("75 %", "-25.0 pts", "12 shared, of 16 decisions"),
        "Complete records": ("56.2 %", "-18.7 pts", "9 complete, of 16 decisions"),
        "Emergencies": ("3", "", "decisions made in an emergency"),
        # median of the 15 decisions with a request time
        "Time to decision": ("6.0 h", "", "median, request to decision"),
    }
    gateways, gaps, deciders, times, emergencies = (at.dataframe[i].value for i in range(5))
    # no fixture decision cites a gateway: the 12 shares by basis, all "none cited" (public
    # task D01 D03 D05, vital interests D06 D10 D15, legal obligation D02 D11, not recorded
    # D08 D14, consent D07, legitimate interests D13)
    assert gateways.values.tolist() == [
        ["none cited", "Public task", 3],
        ["none cited", "Vital interests", 3],
        ["none cited", "Legal obligation", 2],
        ["none cited", "Not recorded", 2],
        ["none cited", "Consent", 1],
        ["none cited", "Legitimate interests", 1],
    ]
    assert gaps.values.tolist() == [
        # complete of decisions, then: no lawful basis, special category not known or with no
        # Art 9 condition, no Art 10 condition, no reason, refusals with no reason, no
        # purpose, no decision maker (as in test_metrics_sharing)
        ["Child protection north", "■ Red · 40 % (2 of 5)", 1, 1, 0, 1, 1, 0, 0],
        ["Multi-agency safeguarding hub", "■ Red · 57.1 % (4 of 7)", 0, 1, 0, 1, 0, 1, 0],
        ["Education safeguarding", "■ Red · 75 % (3 of 4)", 1, 1, 0, 1, 0, 1, 0],
    ]
    assert gaps.columns.tolist()[2:] == [
        "No lawful basis",
        "No Art 9 condition",
        "No Art 10 condition",
        "No reason",
        "Refusals: no reason",
        "No purpose",
        "No decision maker",
    ]
    # tests/test_metrics_sharing.py works out who was trained on the day of each decision
    assert deciders.values.tolist() == [
        ["Child protection north", 5, 3, 2, 0],
        ["Multi-agency safeguarding hub", 7, 6, 1, 0],
        ["Education safeguarding", 4, 0, 4, 0],
        ["All teams in scope", 16, 9, 7, 0],
    ]
    assert times.values.tolist() == [
        # CP-N: 1 6 24 48 h; MASH: 0.5 0.5 1 2 24 24 48 h; EDS: 1 4 12 72 h
        ["Child protection north", 5, 4, "15.0 h", "40.8 h"],
        ["Multi-agency safeguarding hub", 7, 7, "2.0 h", "33.6 h"],
        ["Education safeguarding", 4, 4, "8.0 h", "54.0 h"],
        ["All teams in scope", 16, 15, "6.0 h", "48.0 h"],
    ]
    assert emergencies.values.tolist() == [
        # D10 decided in 1 h, record time blank (not recorded: a gap, no time to record);
        # D06 in 30 min, recorded 31 h later; D15 in 1 h, recorded 6 h later. All: median of
        # 6 and 31 = 18.5 h (it was 6.0 h when the blank counted as 0)
        ["Child protection north", 1, "1.0 h", "1.0 h", "–", 1],
        ["Multi-agency safeguarding hub", 1, "30 min", "30 min", "31.0 h", 0],
        ["Education safeguarding", 1, "1.0 h", "1.0 h", "6.0 h", 0],
        ["All teams in scope", 3, "1.0 h", "1.0 h", "18.5 h", 1],
    ]
    # decisions per month, recipients, lawful basis
    assert len(at.get("plotly_chart")) == 3
    assert len(at.get("download_button")) == 8


def test_sharing_page_says_so_when_a_filter_leaves_no_decisions(
    fixture_app_env: Path,
) -> None:
    at = run_page("sharing", {**MAIN_PARAMS, "teams": "FH"})
    assert not at.exception
    assert metrics_shown(at)["Complete records"] == ("no data", "", "0 complete, of 0 decisions")
    assert [i.value for i in at.info] == [
        "No decisions were logged 1 Jul 2025 to 30 Jun 2026 by the teams selected."
    ]
    assert len(at.get("plotly_chart")) == 0
    assert len(at.dataframe) == 0
