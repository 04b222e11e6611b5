"""Plotly figures, built from the frames the pages show (and offer as CSV), never from more.

One builder per measure, used by the page that shows the measure and by the board pack. The
builders take values already through disclosure control: a value that is not a number (the
suppression mark `c`) is drawn as no bar or a gap, with its text, never as a number.

Colours come from presentation.palette; every series also has its own marker symbol or bar
pattern, and every heatmap cell its own symbol, so nothing is told by colour alone. On the pages
backgrounds and fonts are left to Streamlit's theme, light or dark; `for_print` fixes them for
the board pack.
"""

from __future__ import annotations

import datetime as dt
import numbers

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.dates import month_end
from metrics.rag import AMBER, GREEN, NO_DATA, RED, Band
from metrics.rag import LABELS as RAG_LABELS
from presentation.formatting import percent
from presentation.palette import (
    BLUE,
    COLOURS,
    DARK_GREY,
    INK,
    ORANGE,
    OUTCOMES,
    POLICY_STATUSES,
    RAG_SYMBOLS,
    SERIES,
    SYMBOLS,
    VERMILLION,
    WITHHELD,
)

# The board pack's charts: as wide as the A4 page's text (182 mm at 96 px per inch), in its font.
PRINT_WIDTH = 680
# Each team's bar in a by-team rate chart, in px: sixteen teams and a trend fit on one A4 page.
RATE_BAR_ROW = 19
PRINT_FONT = '"Liberation Sans", "DejaVu Sans", Arial, sans-serif'


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


def completion_trend_figure(trend: pd.DataFrame, title: str, band: Band | None = None) -> go.Figure:
    """One line as of each month end (columns as_of, value: a ratio or empty, shown: its text).

    With a band (the board pack), each point is marked by its RAG status (column status) as well,
    the amber and green thresholds are dashed lines, and a point without a value (suppressed,
    `c`) has its text written where the line breaks.
    """
    marker: dict = {"size": 8}
    if band is not None:
        marker = {
            "size": 9,
            "color": [COLOURS.get(s, DARK_GREY) for s in trend["status"]],
            "symbol": [RAG_SYMBOLS.get(s, "circle") for s in trend["status"]],
            "line": {"color": INK, "width": 0.5},
        }
    fig = go.Figure(
        go.Scatter(
            x=trend["as_of"],
            y=[None if pd.isna(v) else 100 * v for v in trend["value"]],
            name=title,
            mode="lines+markers",
            line={"color": BLUE, "width": 2},
            marker=marker,
            customdata=trend["shown"],
            hovertemplate="As of %{x|%-d %b %Y}: %{customdata}<extra></extra>",
        )
    )
    fig.update_yaxes(title="%", range=[0, 105], ticksuffix=" %")
    # Points are month ends, a tick under each named by its month, evenly spaced: on a date axis
    # the last point (as of 3 Dec, say) sat on top of 30 Nov's. A last point that is not a month
    # end is named by its day.
    fig.update_xaxes(
        title=None,
        type="category",
        tickmode="array",
        tickvals=list(trend["as_of"]),
        ticktext=trend_tick_labels(list(trend["as_of"])),
    )
    if band is not None:
        _thresholds(fig, band, vertical=False)
        for day, value, shown in zip(trend["as_of"], trend["value"], trend["shown"], strict=True):
            if pd.isna(value):
                fig.add_annotation(x=day, y=50, text=shown, showarrow=False)
    return _layout(fig, 320)


def trend_tick_labels(days: list[dt.date], year: str = "%Y") -> list[str]:
    """`Jan 2026` under each month end; `3 Dec 2026` under a point that is not one (year "%y":
    `Jan 26`, `3 Dec 26`)."""
    return [
        pd.Timestamp(d).strftime(("%b " if d == month_end(d) else "%-d %b ") + year) for d in days
    ]


def _thresholds(fig: go.Figure, band: Band, vertical: bool) -> None:
    """Dashed lines at the amber and green thresholds of a % axis, each labelled outside the plot:
    above it when the lines are vertical (amber's label ending at its line, green's starting at
    its line, so the two never overlap), to the right of it when they are horizontal."""
    for value, name, anchor in ((band.amber, "amber", "right"), (band.green, "green", "left")):
        at = 100 * value
        label = f"{name} {at:g} %"
        line = {"color": INK, "width": 1, "dash": "dash"}
        if vertical:
            fig.add_vline(x=at, line=line, layer="above")
            fig.add_annotation(
                x=at,
                xanchor=anchor,
                y=1,
                yref="paper",
                yanchor="bottom",
                text=label,
                showarrow=False,
                font={"size": 9},
            )
        else:
            fig.add_hline(y=at, line=line, layer="above")
            fig.add_annotation(
                x=1,
                xref="paper",
                xanchor="left",
                y=at,
                text=label,
                showarrow=False,
                font={"size": 9},
            )


def rate_by_team_figure(bars: pd.DataFrame, band: Band) -> go.Figure:
    """A rated measure by team, bars from 0 to 100 % coloured by RAG status, with the amber and
    green thresholds marked. bars has columns team, value (% or the suppression mark: no bar),
    status (a RAG status, or empty when suppressed) and text (written in a column to the right,
    `■ 50 % (2 of 4)` or `c (small numbers)`)."""
    rows = list(range(len(bars)))
    fig = go.Figure(
        go.Bar(
            x=[v if _is_number(v) else None for v in bars["value"]],
            y=rows,
            orientation="h",
            width=0.7,
            marker={"color": [COLOURS.get(s, DARK_GREY) for s in bars["status"]]},
            customdata=bars["text"],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    for row, text in zip(rows, bars["text"], strict=True):
        fig.add_annotation(
            x=1, xref="paper", xanchor="left", xshift=10, y=row, text=text, showarrow=False
        )
    ticks = [0, 25, 50, 75, 100]
    fig.update_xaxes(range=[0, 100], tickvals=ticks, ticktext=[f"{t} %" for t in ticks], title=None)
    fig.update_yaxes(
        tickmode="array",
        tickvals=rows,
        ticktext=[short(team, 40) for team in bars["team"]],
        autorange="reversed",
        automargin=True,
        title=None,
    )
    _thresholds(fig, band, vertical=True)
    fig.update_layout(
        showlegend=False,
        height=50 + RATE_BAR_ROW * len(bars),
        margin={"l": 10, "r": 160, "t": 22, "b": 10},
        hoverlabel={"namelength": -1},
    )
    return fig


def risk_matrix_figure(
    points: pd.DataFrame, training_threshold: float, volume_threshold: float
) -> go.Figure:
    """One point per team: decision makers' training in date (%, across) against decisions a
    month (up), with dashed quadrant lines at the two thresholds. points has columns team,
    training (0-1), decisions_per_month and at_risk; teams at risk (top left) are drawn as
    vermilion squares, the others as blue circles, so the quadrant is not told by colour alone."""
    fig = go.Figure()
    for at_risk, name, colour, symbol in (
        (True, "Many decisions, training below threshold", VERMILLION, "square"),
        (False, "Other teams", BLUE, "circle"),
    ):
        part = points[points["at_risk"] == at_risk]
        fig.add_trace(
            go.Scatter(
                x=[100 * float(v) for v in part["training"]],
                y=part["decisions_per_month"],
                mode="markers+text",
                name=name,
                text=[short(t, 24) for t in part["team"]],
                textposition="top center",
                marker={"color": colour, "symbol": symbol, "size": 11},
                customdata=part["team"],
                hovertemplate="%{customdata}: %{x:.0f} % trained, %{y:.1f} decisions a month"
                "<extra></extra>",
            )
        )
    line = {"color": INK, "width": 1, "dash": "dash"}
    fig.add_vline(x=100 * training_threshold, line=line, layer="below")
    fig.add_hline(y=volume_threshold, line=line, layer="below")
    top = max([volume_threshold, *points["decisions_per_month"]]) * 1.2
    fig.update_xaxes(range=[-5, 105], title="Decision makers with required training in date (%)")
    fig.update_yaxes(range=[0, top], title="Decisions a month")
    return _layout(fig, height=420)


def _heatmap_cells(
    status: pd.DataFrame, teams: list[str], policies: list[str]
) -> tuple[list[list[int | None]], list[list[str]], list[list[str]]]:
    """Each cell's status code, symbol and hover text, row by row (empty where no status)."""
    cell = status.set_index(["team", "policy"])
    z, text, hover = [], [], []
    for team in teams:
        z_row, text_row, hover_row = [], [], []
        for policy in policies:
            if (team, policy) in cell.index:
                row = cell.loc[(team, policy)]
                style = POLICY_STATUSES[row["status"]]
                z_row.append(style.code)
                text_row.append(style.symbol)
                hover_row.append(f"{team}<br>{policy}<br><b>{style.label}</b><br>{row['detail']}")
            else:
                z_row.append(None)
                text_row.append("")
                hover_row.append("")
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    return z, text, hover


def coverage_heatmap(status: pd.DataFrame) -> go.Figure:
    """Teams (rows) × policies (columns, ordered and labelled by ICO step), one symbol per cell.

    status has columns team, policy (label), ico_step, status and detail (hover text).
    """
    columns = status[["policy", "ico_step"]].drop_duplicates().sort_values(["ico_step", "policy"])
    policies = columns["policy"].tolist()
    steps = columns["ico_step"].tolist()
    teams = sorted(status["team"].unique(), reverse=True)
    z, text, hover = _heatmap_cells(status, teams, policies)
    n = len(POLICY_STATUSES)
    colourscale = []
    for style in POLICY_STATUSES.values():
        colourscale += [[style.code / n, style.colour], [(style.code + 1) / n, style.colour]]
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
    for outcome in OUTCOMES:
        if outcome.column not in frame:
            continue
        values = frame[outcome.column]
        label = outcome.label
        fig.add_trace(
            go.Bar(
                x=values if horizontal else frame[category],
                y=frame[category] if horizontal else values,
                name=label,
                orientation="h" if horizontal else "v",
                marker={"color": outcome.colour, "pattern": _pattern(outcome.pattern)},
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


def decisions_per_month_figure(monthly: pd.DataFrame, totals: bool = False) -> go.Figure:
    """Small multiples, one per team: decisions per month stacked by outcome.

    monthly has columns team, month, shared, partially_shared, not_shared (one row per team and
    month of the period, zeros included). With totals (the board pack), its decisions column is
    written over each month's bar, and a tick names every month. A month with a suppressed
    outcome is one grey bar of its total; a suppressed total is its text (`c`) with no bar.
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
        cell = {"row": i // columns + 1, "col": i % columns + 1}
        withheld = [
            not all(_is_number(data[o.column].iloc[k]) for o in OUTCOMES) for k in range(len(data))
        ]
        for trace in _outcome_traces(data, team, first=i == 0, withheld=withheld):
            fig.add_trace(trace, **cell)
        if totals:
            fig.add_trace(_total_labels(data), **cell)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="%b %y", dtick="M1" if totals else "M2")
    top = _peak(monthly, totals)
    _whole_number_ticks(fig, top)
    if totals:
        fig.update_yaxes(range=[0, top * 1.15 if top > 0 else 1])
    return _layout(fig, 120 + 220 * rows)


def _outcome_traces(
    data: pd.DataFrame, team: str, first: bool, withheld: list[bool]
) -> list[go.Bar]:
    """A team's stacked bars, one per outcome, and one grey bar for months whose outcomes are
    withheld (only when there is one)."""
    traces = []
    # A withheld month with a suppressed total too is only its text: no grey bar, no legend.
    grey = "decisions" in data and any(
        w and _is_number(t) for w, t in zip(withheld, data["decisions"], strict=True)
    )
    for outcome in (*OUTCOMES, WITHHELD) if grey else OUTCOMES:
        values = data[outcome.column]
        if any(withheld):
            # Only the total of a withheld month is drawn; only the outcomes of the others.
            keep = [w == (outcome is WITHHELD) for w in withheld]
            values = [v if k and _is_number(v) else None for v, k in zip(values, keep, strict=True)]
        traces.append(
            go.Bar(
                x=data["month"],
                y=values,
                name=outcome.label,
                legendgroup=outcome.label,
                showlegend=first,
                marker={"color": outcome.colour, "pattern": _pattern(outcome.pattern)},
                hovertemplate=team
                + ", %{x|%b %Y}: %{y:,} "
                + outcome.label.lower()
                + "<extra></extra>",
            )
        )
    return traces


def _total_labels(data: pd.DataFrame) -> go.Scatter:
    """Each month's total over its bar: `12`, or the suppression mark at the foot."""
    totals = list(data["decisions"])
    return go.Scatter(
        x=data["month"],
        y=[t if _is_number(t) else 0 for t in totals],
        text=[f"{t:,}" if _is_number(t) else str(t) for t in totals],
        mode="text",
        textposition="top center",
        cliponaxis=False,
        showlegend=False,
        hoverinfo="skip",
    )


def _peak(monthly: pd.DataFrame, totals: bool) -> float:
    """The tallest month's decisions, suppressed values left out."""
    if not len(monthly):
        return 0.0
    if totals:
        return float(pd.to_numeric(monthly["decisions"], errors="coerce").fillna(0).max())
    outcomes = [o.column for o in OUTCOMES]
    return float(monthly[outcomes].apply(pd.to_numeric, errors="coerce").sum(axis=1).max())


def _is_number(value: object) -> bool:
    """True for a count or a %, False for the suppression mark (or any other text) and None."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not pd.isna(value)


def for_print(fig: go.Figure, height: int, width: int = PRINT_WIDTH) -> go.Figure:
    """fig at a fixed size on white, in the board pack's font, with nothing to hover or click."""
    fig.update_layout(
        template="plotly_white",
        width=width,
        height=height,
        font={"family": PRINT_FONT, "size": 11, "color": INK},
        hovermode=False,
    )
    return fig


# A step trend cell's colour code, and the suppression mark's.
STEP_CELL_CODES = {RED: 0, AMBER: 1, GREEN: 2, NO_DATA: 3, "c": 4}


def step_trend_heatmap(trend: pd.DataFrame) -> go.Figure:
    """The ten ICO steps (rows, step 1 at the top) by month (columns): each step's headline rate
    for all teams in scope, a cell per month coloured and marked by its RAG status, with its
    percentage. trend has columns step (its label), month (a date), shown (`62.5 %`, `c` or
    `no data`) and status (a RAG status, or `c` when suppressed: grey, marked c)."""
    steps = list(dict.fromkeys(trend["step"]))
    months = sorted(set(trend["month"]))
    cell = trend.set_index(["step", "month"])
    z, text = [], []
    for step in steps:
        codes, labels = [], []
        for month in months:
            if (step, month) not in cell.index:
                codes.append(None)
                labels.append("")
                continue
            row = cell.loc[(step, month)]
            codes.append(STEP_CELL_CODES[row["status"]])
            labels.append(_step_cell_text(row["status"], row["shown"]))
        z.append(codes)
        text.append(labels)
    colours = [COLOURS[RED], COLOURS[AMBER], COLOURS[GREEN], COLOURS[NO_DATA], "#E4E4E4"]
    n = len(colours)
    scale = [[stop, c] for i, c in enumerate(colours) for stop in (i / n, (i + 1) / n)]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[m.strftime("%b %y") for m in months],
            y=steps,
            text=text,
            texttemplate="%{text}",
            textfont={"color": "#000000", "size": 9},
            colorscale=scale,
            zmin=0,
            zmax=n,
            showscale=False,
            xgap=2,
            ygap=2,
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(side="top", type="category", title=None, showgrid=False)
    fig.update_yaxes(autorange="reversed", type="category", title=None, showgrid=False)
    return _layout(fig, 60 + 30 * len(steps))


def _step_cell_text(status: str, shown: str) -> str:
    """`■<br>62.5` (the % is in the title), `○<br>–`, or `c`."""
    if status == "c":
        return "c"
    if status == NO_DATA:
        return "○<br>–"
    return f"{RAG_LABELS[status].split(' ')[0]}<br>{shown.replace(' %', '')}"
