"""The figures the pages and the board pack draw, built from the fixture's metric frames (AppTest
does not render Plotly, so the figures are checked here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb
import pandas as pd
import plotly.graph_objects as go

from metrics.overview import overview_trends
from metrics.policy import policy_status
from metrics.rag import Band
from metrics.sharing import decisions_per_month_by_team, shares_by_recipient_type
from presentation import charts, palette
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
    # October 2025 had one refusal (D04), recorded with its reason: complete records count
    # refusals too, so 1 of 1
    assert fig.data[3].y[3] == 100.0
    # MASH logged no decision in November 2025: a gap in the completeness line, not a zero
    mash = charts.ratio_trend_figure(overview_trends(con, replace(MAIN, teams=("MASH",))))
    assert mash.data[3].y[4] is None


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
    assert list(fig.data[0].marker.color) == [palette.BLUE, palette.ORANGE]


def test_monthly_decisions_bars() -> None:
    months = [dt.date(2026, m, 1) for m in range(1, 4)]
    fig = charts.monthly_decisions_figure(pd.DataFrame({"month": months, "decisions": [2, 0, 5]}))
    assert list(fig.data[0].y) == [2, 0, 5]
    assert list(fig.data[0].text) == [2, 0, 5]


BAND = Band(green=1.0, amber=0.8)


def test_rate_by_team_draws_no_bar_for_a_suppressed_value_and_writes_its_text() -> None:
    bars = pd.DataFrame(
        {
            "team": ["Child protection north", "Family help", "Multi-agency safeguarding hub"],
            "value": [50.0, "c", None],
            "status": ["red", None, "no_data"],
            "text": ["■ 50 % (2 of 4)", "c (small numbers)", "○ No data"],
        }
    )
    fig = charts.rate_by_team_figure(bars, BAND)
    bar = fig.data[0]
    assert list(bar.x) == [50.0, None, None]
    assert list(bar.marker.color) == [palette.VERMILLION, palette.DARK_GREY, palette.DARK_GREY]
    assert list(fig.layout.yaxis.ticktext) == [
        "Child protection north",
        "Family help",
        "Multi-agency safeguarding hub",
    ]
    # each bar's text in a column right of the plot; then the thresholds' labels
    assert [a.text for a in fig.layout.annotations] == [
        "■ 50 % (2 of 4)",
        "c (small numbers)",
        "○ No data",
        "amber 80 %",
        "green 100 %",
    ]
    assert [(s.x0, s.line.dash) for s in fig.layout.shapes] == [(80.0, "dash"), (100.0, "dash")]
    assert list(fig.layout.xaxis.ticktext) == ["0 %", "25 %", "50 %", "75 %", "100 %"]
    # 60 px of axes and labels, and 24 per team
    assert fig.layout.height == 107


def test_decisions_per_month_with_totals_withholds_outcomes_and_writes_c() -> None:
    months = [dt.date(2026, m, 1) for m in range(1, 5)]
    monthly = pd.DataFrame(
        {
            "team": "All teams in scope",
            "month": months,
            "decisions": [7, 9, "c", 0],
            "shared": [6, "c", "c", 0],
            "partially_shared": [1, "c", "c", 0],
            "not_shared": [0, "c", "c", 0],
        }
    )
    fig = charts.decisions_per_month_figure(monthly, totals=True)
    assert [t.name for t in fig.data] == [
        "Shared",
        "Partially shared",
        "Not shared",
        "Outcomes withheld (disclosure control)",
        None,
    ]
    # February's outcomes are withheld: one grey bar of its 9; March's total too: no bar at all
    assert [list(t.y) for t in fig.data[:4]] == [
        [6, None, None, 0],
        [1, None, None, 0],
        [0, None, None, 0],
        [None, 9, None, None],
    ]
    totals = fig.data[4]
    assert list(totals.text) == ["7", "9", "c", "0"]
    assert list(totals.y) == [7, 9, 0, 0]
    assert totals.mode == "text"
    # every month named, and room over the tallest bar (9) for its total
    assert fig.layout.xaxis.dtick == "M1"
    assert fig.layout.yaxis.range == (0, 9 * 1.15)


def test_decisions_per_month_with_every_total_suppressed_has_no_grey_bar() -> None:
    monthly = pd.DataFrame(
        {
            "team": "All teams in scope",
            "month": [dt.date(2026, 1, 1)],
            "decisions": ["c"],
            "shared": ["c"],
            "partially_shared": ["c"],
            "not_shared": ["c"],
        }
    )
    fig = charts.decisions_per_month_figure(monthly, totals=True)
    assert [t.name for t in fig.data] == ["Shared", "Partially shared", "Not shared", None]
    assert [list(t.y) for t in fig.data] == [[None], [None], [None], [0]]
    assert fig.layout.yaxis.range == (0, 1)


def test_completion_trend_with_a_band_marks_status_thresholds_and_gaps() -> None:
    trend = pd.DataFrame(
        {
            "as_of": [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)],
            "value": [0.5, None, 0.8],
            "shown": ["50 % (2 of 4)", "c", "80 % (4 of 5)"],
            "status": ["red", None, "amber"],
        }
    )
    fig = charts.completion_trend_figure(trend, "Policy coverage", BAND)
    line = fig.data[0]
    assert list(line.y) == [50.0, None, 80.0]
    # the RAG symbol's shape, not only its colour: ■ red, ▲ amber
    assert list(line.marker.symbol) == ["square", "circle", "triangle-up"]
    assert list(line.marker.color) == [palette.VERMILLION, palette.DARK_GREY, palette.ORANGE]
    assert [(s.y0, s.line.dash) for s in fig.layout.shapes] == [(80.0, "dash"), (100.0, "dash")]
    assert [(a.text, a.y) for a in fig.layout.annotations] == [
        ("amber 80 %", 80.0),
        ("green 100 %", 100.0),
        ("c", 50),
    ]


def test_completion_trend_without_a_band_is_the_training_page_line() -> None:
    trend = pd.DataFrame(
        {
            "as_of": [dt.date(2026, 1, 31), dt.date(2026, 2, 28)],
            "value": [0.5, None],
            "shown": ["50 % (1 of 2)", "no data (0 of 0)"],
        }
    )
    fig = charts.completion_trend_figure(trend, "Training completion")
    assert fig.data[0].marker.to_plotly_json() == {"size": 8}
    assert list(fig.data[0].y) == [50.0, None]
    assert fig.layout.shapes == ()
    assert fig.layout.annotations == ()


def test_for_print_fixes_size_font_and_background() -> None:
    fig = charts.for_print(go.Figure(), 200)
    assert (fig.layout.width, fig.layout.height) == (680, 200)
    assert fig.layout.font.family == '"Liberation Sans", "DejaVu Sans", Arial, sans-serif'
    assert fig.layout.hovermode is False
    assert fig.layout.template.layout.paper_bgcolor == "white"


def test_trend_points_are_evenly_spaced_and_a_part_month_is_named_by_its_day() -> None:
    # As of 3 Dec, the last point sat on top of 30 Nov's on a date axis, labels overlapping.
    trend = pd.DataFrame(
        {
            "as_of": [dt.date(2026, 10, 31), dt.date(2026, 11, 30), dt.date(2026, 12, 3)],
            "value": [0.5, 0.6, 0.7],
            "shown": ["50 % (1 of 2)", "60 % (3 of 5)", "70 % (7 of 10)"],
        }
    )
    fig = charts.completion_trend_figure(trend, "Training completion")
    assert fig.layout.xaxis.type == "category"
    assert list(fig.layout.xaxis.ticktext) == ["Oct 2026", "Nov 2026", "3 Dec 2026"]
    assert charts.trend_tick_labels(list(trend["as_of"]), year="%y") == [
        "Oct 26",
        "Nov 26",
        "3 Dec 26",
    ]


def test_risk_matrix_has_one_point_per_team_and_quadrant_lines() -> None:
    points = pd.DataFrame(
        {
            "team": ["Alpha", "Beta", "Gamma"],
            "training": [0.5, 0.9, 1.0],
            "decisions_per_month": [10.0, 12.0, 1.5],
            "at_risk": [True, False, False],
        }
    )
    fig = charts.risk_matrix_figure(points, training_threshold=0.85, volume_threshold=4.0)
    risk, others = fig.data
    assert (list(risk.x), list(risk.y), list(risk.text)) == ([50.0], [10.0], ["Alpha"])
    assert risk.marker.symbol == "square" and others.marker.symbol == "circle"
    assert (list(others.x), list(others.y)) == ([90.0, 100.0], [12.0, 1.5])
    lines = [(s.type, s.x0, s.y0) for s in fig.layout.shapes]
    assert lines == [("line", 85.0, 0), ("line", 0, 4.0)]
    # The volume axis leaves room above the busiest team: 12 x 1.2.
    assert fig.layout.yaxis.range == (0, 12.0 * 1.2)


def test_step_trend_heatmap_marks_every_cell_by_status() -> None:
    # Two steps over two months: a rate per RAG status, one suppressed cell, one with nothing
    # to count; step 1 at the top, months in order whatever the rows' order.
    jul, aug = dt.date(2025, 7, 1), dt.date(2025, 8, 1)
    frame = pd.DataFrame(
        [
            ("1 Know the law", aug, "88.8 %", "amber"),
            ("1 Know the law", jul, "62.5 %", "red"),
            ("7 Principles", jul, "c", "c"),
            ("7 Principles", aug, "no data", "no_data"),
        ],
        columns=["step", "month", "shown", "status"],
    )
    fig = charts.step_trend_heatmap(frame)
    heatmap = fig.data[0]
    assert list(heatmap.x) == ["Jul 25", "Aug 25"]
    assert list(heatmap.y) == ["1 Know the law", "7 Principles"]
    assert fig.layout.yaxis.autorange == "reversed"
    # red 0, amber 1, green 2, no data 3, suppressed 4; the symbol above the % (no % sign).
    assert [list(row) for row in heatmap.z] == [[0, 1], [4, 3]]
    assert [list(row) for row in heatmap.text] == [["■<br>62.5", "▲<br>88.8"], ["c", "○<br>–"]]
    assert fig.layout.height == 60 + 30 * 2
