"""The figures the pages draw, built from the fixture's metric frames (AppTest does not render
Plotly, so the figures are checked here)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from dashboard import charts
from metrics.overview import overview_trends
from metrics.policy import policy_status
from metrics.sharing import decisions_per_month_by_team, shares_by_recipient_type
from tests.fixture_org import MAIN


def test_heatmap_has_a_symbol_in_every_cell_ordered_by_ico_step(
    con: duckdb.DuckDBPyConnection,
) -> None:
    status = policy_status(con, MAIN)
    frame = pd.DataFrame(
        {
            "team": status["team_id"],
            "policy": status["title"],
            "ico_step": status["ico_step"],
            "status": status["status"],
            "detail": "",
        }
    )
    fig = charts.coverage_heatmap(frame)
    heatmap = fig.data[0]
    # policies by ICO step: 3 P-DP, 4 P-TRANS, 5 P-DPIA, 6 P-DSA, 9 P-EMERG; long titles cut
    assert list(fig.layout.xaxis.ticktext) == [
        "3 · Data protection policy",
        "4 · Privacy notice for families",
        "5 · DPIA procedure",
        "6 · Data sharing agreements regis…",
        "9 · Emergency sharing procedure",
    ]
    # a line between each pair of neighbouring ICO steps
    assert [shape.x0 for shape in fig.layout.shapes] == [0.5, 1.5, 2.5, 3.5]
    assert list(heatmap.y) == ["MASH", "FH", "EDS", "CP-N"]
    # MASH: in place, partial, in place, in place, out of date (past review)
    assert list(heatmap.text[0]) == ["✔", "◐", "✔", "✔", "↻"]
    # CP-N: out of date, n/a, in place, in place, not started
    assert list(heatmap.text[3]) == ["↻", "–", "✔", "✔", "✖"]
    assert sum(len(row) for row in heatmap.text) == 20


def test_trend_figure_has_twelve_points_per_measure(con: duckdb.DuckDBPyConnection) -> None:
    fig = charts.ratio_trend_figure(overview_trends(con, MAIN))
    assert [t.name for t in fig.data] == [
        "Policy coverage",
        "Training completion",
        "Share rate",
        "Record completeness",
    ]
    assert [len(t.x) for t in fig.data] == [12, 12, 12, 12]
    # each line has its own marker symbol, not only its own colour
    assert len({t.marker.symbol for t in fig.data}) == 4
    # December 2025 coverage: 6 of 12
    coverage = fig.data[0]
    assert coverage.y[5] == 50.0
    assert coverage.customdata[5] == "50 % (6 of 12)"
    # October 2025 had no share: a gap in the completeness line, not a zero
    assert fig.data[3].y[3] is None


def test_decisions_per_month_small_multiples(con: duckdb.DuckDBPyConnection) -> None:
    monthly = decisions_per_month_by_team(con, MAIN).rename(columns={"team_name": "team"})
    fig = charts.decisions_per_month_figure(monthly)
    # 3 teams x 3 outcomes, 12 months each; the legend shows each outcome once
    assert len(fig.data) == 9
    assert {len(t.x) for t in fig.data} == {12}
    assert [t.name for t in fig.data if t.showlegend] == [
        "Shared",
        "Partially shared",
        "Not shared",
    ]
    assert sum(sum(t.y) for t in fig.data) == 16
    # bars carry a pattern as well as a colour
    assert [t.marker.pattern.shape for t in fig.data[:3]] == ["", "/", "x"]


def test_recipient_and_lawful_basis_bars(con: duckdb.DuckDBPyConnection) -> None:
    recipients = shares_by_recipient_type(con, MAIN).assign(recipient=lambda d: d["recipient_type"])
    fig = charts.outcome_bars_figure(recipients, "recipient")
    assert [t.name for t in fig.data] == ["Shared", "Partially shared"]
    assert list(fig.data[0].x) == [4, 2, 2, 1, 0]
    mix = pd.DataFrame({"basis": ["Public task", "⚑ Consent"], "shares": [3, 1]})
    fig = charts.lawful_basis_figure(mix)
    assert list(fig.data[0].marker.color) == [charts.BLUE, charts.ORANGE]


def test_monthly_decisions_bars() -> None:
    months = [dt.date(2026, m, 1) for m in range(1, 4)]
    fig = charts.monthly_decisions_figure(pd.DataFrame({"month": months, "decisions": [2, 0, 5]}))
    assert list(fig.data[0].y) == [2, 0, 5]
    assert list(fig.data[0].text) == [2, 0, 5]
