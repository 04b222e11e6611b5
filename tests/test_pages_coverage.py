"""The Policy coverage page on the fixture organisation (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixture_org import APP, MAIN_PARAMS, metrics_shown, run_page


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


def _run_on_spark(store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("COMPLIANCE_ENGINE", "spark")
    monkeypatch.setenv("COMPLIANCE_STORE", str(store))
    at = AppTest.from_file(str(APP), default_timeout=900)
    for key, value in MAIN_PARAMS.items():
        at.query_params[key] = value
    at.switch_page("views/coverage.py")
    return at.run()


@pytest.mark.slow
@pytest.mark.timeout(1200)  # the page's queries on local Spark, on a busy 2-core machine
def test_on_spark_the_page_shows_the_same_figures(
    fixture_app_env: Path, spark_store: Path, spark: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_duckdb = run_page("coverage", MAIN_PARAMS)
    on_spark = _run_on_spark(spark_store, monkeypatch)
    assert not on_spark.exception
    assert metrics_shown(on_spark) == metrics_shown(on_duckdb)
    assert metrics_shown(on_spark)["Policy coverage"] == (
        "66.6 %",
        "",
        "10 in place, of 15 that apply",
    )
    shown = [d.value.astype(str).values.tolist() for d in on_spark.dataframe]
    assert shown == [d.value.astype(str).values.tolist() for d in on_duckdb.dataframe]


@pytest.mark.slow
def test_on_spark_with_no_store_the_page_says_what_to_do(
    fixture_app_env: Path, spark: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _run_on_spark(tmp_path / "no-store", monkeypatch)
    assert not at.exception
    assert at.error[0].value.startswith(
        "The measures run on Spark (`COMPLIANCE_ENGINE=spark`, master `local[2]`) and could "
        f"not start: no published store at {tmp_path / 'no-store'} (no manifest.json)"
    )
