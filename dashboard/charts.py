"""Plotly figures, built from the frames the pages show (and offer as CSV), never from more.

Colours are Okabe-Ito (safe for the common colour-vision deficiencies); every series also has
its own marker symbol or bar pattern, and every heatmap cell its own symbol, so nothing is told
by colour alone. Backgrounds and fonts are left to Streamlit's theme, light or dark.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from presentation.formatting import percent

BLUE, SKY, GREEN, ORANGE, VERMILLION, PURPLE, YELLOW, GREY = (
    "#0072B2",
    "#56B4E9",
    "#009E73",
    "#E69F00",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#BBBBBB",
)
SERIES = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, YELLOW)
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x", "star", "cross")

OUTCOMES = (
    # column, legend label, colour, bar pattern
    ("shared", "Shared", BLUE, ""),
    ("partially_shared", "Partially shared", SKY, "/"),
    ("not_shared", "Not shared", PURPLE, "x"),
)

# Heatmap statuses: code, label, symbol shown in the cell, colour.
POLICY_STATUSES = {
    "in_place": (0, "In place", "✔", GREEN),
    "out_of_date": (1, "Out of date", "↻", YELLOW),
    "partial": (2, "Partial", "◐", ORANGE),
    "not_started": (3, "Not started", "✖", VERMILLION),
    "not_applicable": (4, "Not applicable", "–", GREY),
}


def _pattern(shape: str) -> dict:
    """A bar pattern drawn over the bar's own colour, so the bar stays solid."""
    return {"shape": shape, "fillmode": "overlay", "fgcolor": "#000000", "fgopacity": 0.45}


def _layout(fig: go.Figure, height: int = 380) -> go.Figure:
    # The legend sits above the plot on the left, clear of the toolbar on the right.
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.06, "x": 0, "xanchor": "left"},
        hoverlabel={"namelength": -1},
    )
    return fig


def short(text: str, length: int = 34) -> str:
    """text cut to length characters, with an ellipsis when cut."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _room_for_labels(fig: go.Figure, values: pd.Series, horizontal: bool) -> None:
    """Widen the value axis so the number printed past the longest bar is not cut off."""
    top = float(values.max()) if len(values) else 0.0
    if top > 0:
        axis = fig.update_xaxes if horizontal else fig.update_yaxes
        axis(range=[0, top * 1.15])


def _whole_number_ticks(fig: go.Figure, top: float) -> None:
    """Count axes tick at whole numbers: left alone, Plotly ticks 0 to 2 at 0.5 decisions."""
    if top <= 5:
        fig.update_yaxes(tick0=0, dtick=1)


def ratio_trend_figure(trends: pd.DataFrame) -> go.Figure:
    """One line per measure (columns measure, month, numerator, denominator, value), in %."""
    fig = go.Figure()
    for i, (measure, rows) in enumerate(trends.groupby("measure", sort=False)):
        fig.add_trace(
            go.Scatter(
                x=rows["month"],
                y=[None if pd.isna(v) else 100 * v for v in rows["value"]],
                name=measure,
                mode="lines+markers",
                line={"color": SERIES[i % len(SERIES)], "width": 2},
                marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 8},
                customdata=[
                    percent(int(n), int(d))
                    for n, d in zip(rows["numerator"], rows["denominator"], strict=True)
                ],
                hovertemplate="%{x|%b %Y}: %{customdata}<extra>" + measure + "</extra>",
                connectgaps=False,
            )
        )
    fig.update_yaxes(title="%", range=[0, 105], ticksuffix=" %")
    fig.update_xaxes(title=None, dtick="M1", tickformat="%b %Y")
    return _layout(fig)


def count_bar_figure(frame: pd.DataFrame, x: str, y: str, label: str) -> go.Figure:
    """A single-series bar chart of counts, each bar labelled with its number."""
    fig = go.Figure(
        go.Bar(
            x=frame[x],
            y=frame[y],
            name=label,
            marker={"color": BLUE},
            text=frame[y],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:,}<extra></extra>",
        )
    )
    fig.update_yaxes(title=label, rangemode="tozero")
    fig.update_xaxes(title=None)
    _room_for_labels(fig, frame[y], horizontal=False)
    _whole_number_ticks(fig, float(frame[y].max()) if len(frame) else 0.0)
    return _layout(fig, 320)


def monthly_decisions_figure(trend: pd.DataFrame) -> go.Figure:
    """Decisions logged per month (columns month, decisions)."""
    fig = count_bar_figure(trend, "month", "decisions", "Decisions")
    fig.update_xaxes(dtick="M1", tickformat="%b %Y")
    fig.update_traces(hovertemplate="%{x|%b %Y}: %{y:,} decisions<extra></extra>")
    return fig


def completion_trend_figure(trend: pd.DataFrame, title: str) -> go.Figure:
    """One line (columns as_of, numerator-ish, denominator-ish, value) as of each month end."""
    fig = go.Figure(
        go.Scatter(
            x=trend["as_of"],
            y=[None if pd.isna(v) else 100 * v for v in trend["value"]],
            name=title,
            mode="lines+markers",
            line={"color": BLUE, "width": 2},
            marker={"size": 8},
            customdata=trend["shown"],
            hovertemplate="As of %{x|%-d %b %Y}: %{customdata}<extra></extra>",
        )
    )
    fig.update_yaxes(title="%", range=[0, 105], ticksuffix=" %")
    # Points are month ends: a tick under each, named by its month (Plotly's own ticks fall on
    # the 1st, so the point as of 30 Jun sat next to "Jul").
    fig.update_xaxes(
        title=None,
        tickmode="array",
        tickvals=list(trend["as_of"]),
        ticktext=[f"{pd.Timestamp(d):%b %Y}" for d in trend["as_of"]],
    )
    return _layout(fig, 320)


def coverage_heatmap(status: pd.DataFrame) -> go.Figure:
    """Teams (rows) × policies (columns, ordered and labelled by ICO step), one symbol per cell.

    status has columns team, policy (label), ico_step, status and detail (hover text).
    """
    columns = status[["policy", "ico_step"]].drop_duplicates().sort_values(["ico_step", "policy"])
    policies = columns["policy"].tolist()
    steps = columns["ico_step"].tolist()
    teams = sorted(status["team"].unique(), reverse=True)
    cell = status.set_index(["team", "policy"])
    z, text, hover = [], [], []
    for team in teams:
        z_row, text_row, hover_row = [], [], []
        for policy in policies:
            if (team, policy) in cell.index:
                row = cell.loc[(team, policy)]
                code, label, symbol, _ = POLICY_STATUSES[row["status"]]
                z_row.append(code)
                text_row.append(symbol)
                hover_row.append(f"{team}<br>{policy}<br><b>{label}</b><br>{row['detail']}")
            else:
                z_row.append(None)
                text_row.append("")
                hover_row.append("")
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    n = len(POLICY_STATUSES)
    colourscale = []
    for code, _, _, colour in POLICY_STATUSES.values():
        colourscale += [[code / n, colour], [(code + 1) / n, colour]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(len(policies))),
            y=teams,
            text=text,
            customdata=hover,
            texttemplate="%{text}",
            textfont={"color": "#000000", "size": 14},
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=colourscale,
            zmin=0,
            zmax=n,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    # Policies are labelled "step · title" vertically, and a line separates the ICO steps.
    fig.update_xaxes(
        side="top",
        tickangle=-90,
        tickmode="array",
        tickvals=list(range(len(policies))),
        ticktext=[short(f"{s} · {p}") for s, p in zip(steps, policies, strict=True)],
        title=None,
        showgrid=False,
    )
    for i in range(1, len(steps)):
        if steps[i] != steps[i - 1]:
            fig.add_vline(x=i - 0.5, line_width=5, line_color="#888888", layer="above")
    fig.update_yaxes(title=None, showgrid=False)
    _layout(fig, max(300, 230 + 30 * len(teams)))
    fig.update_layout(margin={"t": 220})
    return fig


def outcome_bars_figure(frame: pd.DataFrame, category: str, horizontal: bool = True) -> go.Figure:
    """Stacked bars of shared / partially shared (and not shared when present) per category."""
    fig = go.Figure()
    for column, label, colour, pattern in OUTCOMES:
        if column not in frame:
            continue
        values = frame[column]
        fig.add_trace(
            go.Bar(
                x=values if horizontal else frame[category],
                y=frame[category] if horizontal else values,
                name=label,
                orientation="h" if horizontal else "v",
                marker={"color": colour, "pattern": _pattern(pattern)},
                hovertemplate="%{y}: %{x:,} " + label.lower() + "<extra></extra>"
                if horizontal
                else "%{x}: %{y:,} " + label.lower() + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    if horizontal:
        fig.update_yaxes(autorange="reversed", title=None)
        fig.update_xaxes(title="Shares")
    return _layout(fig, max(260, 80 + 32 * len(frame)))


def lawful_basis_figure(mix: pd.DataFrame) -> go.Figure:
    """Shares by lawful basis (columns basis, shares), flagged bases marked ⚑ in their label."""
    fig = go.Figure(
        go.Bar(
            x=mix["shares"],
            y=mix["basis"],
            orientation="h",
            marker={"color": [ORANGE if b.startswith("⚑") else BLUE for b in mix["basis"]]},
            text=mix["shares"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,} shares<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Shares", rangemode="tozero")
    _room_for_labels(fig, mix["shares"], horizontal=True)
    return _layout(fig, max(240, 80 + 32 * len(mix)))


def decisions_per_month_figure(monthly: pd.DataFrame) -> go.Figure:
    """Small multiples, one per team: decisions per month stacked by outcome.

    monthly has columns team, month, shared, partially_shared, not_shared (one row per team and
    month of the period, zeros included).
    """
    teams = list(dict.fromkeys(monthly["team"]))
    columns = min(3, len(teams))
    rows = -(-len(teams) // columns)
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=teams,
        shared_yaxes=True,
        vertical_spacing=min(0.12, 0.5 / rows),
        horizontal_spacing=0.04,
    )
    for i, team in enumerate(teams):
        data = monthly[monthly["team"] == team]
        for column, label, colour, pattern in OUTCOMES:
            fig.add_trace(
                go.Bar(
                    x=data["month"],
                    y=data[column],
                    name=label,
                    legendgroup=label,
                    showlegend=i == 0,
                    marker={"color": colour, "pattern": _pattern(pattern)},
                    hovertemplate=team
                    + ", %{x|%b %Y}: %{y:,} "
                    + label.lower()
                    + "<extra></extra>",
                ),
                row=i // columns + 1,
                col=i % columns + 1,
            )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="%b %y", dtick="M2")
    outcomes = [column for column, _, _, _ in OUTCOMES]
    _whole_number_ticks(fig, float(monthly[outcomes].sum(axis=1).max()) if len(monthly) else 0.0)
    return _layout(fig, 120 + 220 * rows)
