"""The Policy coverage page on the fixture organisation (AppTest)."""

from __future__ import annotations

from pathlib import Path

from tests.fixture_org import MAIN_PARAMS, metrics_shown, run_page


def test_coverage_page_shows_tiles_and_tables(fixture_app_env: Path) -> None:
    at = run_page("coverage", MAIN_PARAMS)
    assert not at.exception
    assert at.title[0].value == "Policy coverage"
    assert metrics_shown(at) == {
        "Policy coverage": ("66.6 %", "", "10 in place, of 15 that apply"),
        # MASH P-EMERG, CP-N P-DP, EDS P-EMERG
        "Out of date": ("3", "", ""),
        # P-EMERG past, P-DPIA within 60 days
        "Policies due for review": ("2", "", ""),
        "Attestations over a year old": ("7", "", ""),
    }
    per_team, due, stale = (at.dataframe[i].value for i in range(3))
    # columns: team, coverage, out of date, partial, not started, not applicable before the
    # current version (none in the fixture), not applicable
    assert per_team.values.tolist() == [
        ["Child protection north", "■ Red · 50 % (2 of 4)", 1, 0, 1, 0, 1],
        ["Family help", "● Green · 100 % (1 of 1)", 0, 0, 0, 0, 4],
        ["Multi-agency safeguarding hub", "■ Red · 60 % (3 of 5)", 1, 1, 0, 0, 0],
        ["Education safeguarding", "▲ Amber · 80 % (4 of 5)", 1, 0, 0, 0, 0],
    ]
    assert due[["Policy", "Review"]].values.tolist() == [
        ["Emergency sharing procedure", "30 days overdue"],
        ["DPIA procedure", "due in 46 days"],
    ]
    assert len(stale) == 7
    # the heatmap is drawn (AppTest does not render Plotly: its cells are tested in
    # test_presentation_charts.py)
    assert len(at.get("plotly_chart")) == 1


def test_coverage_page_says_so_when_nothing_matches(fixture_app_env: Path) -> None:
    # Before any policy was approved (P-DP v1: 2023-01-01) nothing is in force
    params = {"period": "custom", "from": "2022-01-01", "to": "2022-12-31"}
    at = run_page("coverage", params)
    assert not at.exception
    assert metrics_shown(at)["Policy coverage"] == ("no data", "", "0 in place, of 0 that apply")
    nothing = (
        "No team that existed on 31 Dec 2022 matches the filters, or no policy was approved "
        "by then."
    )
    assert [i.value for i in at.info][:2] == [nothing, nothing]
    assert len(at.get("plotly_chart")) == 0
