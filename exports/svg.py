"""Small inline SVG charts for the board pack, drawn from the frames the export's tables hold.

Plotly can only write images through kaleido, which downloads a browser; these charts need
nothing but the text. Every bar carries its value as text and its RAG status as a symbol, so
nothing is told by colour alone, and a suppressed value is written `c` with no bar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from metrics.rag import COLOURS, LABELS, NO_DATA, Band

FONT = 11
GRID = "#BBBBBB"
INK = "#222222"
BLUE, SKY, PURPLE, GREY = "#0072B2", "#56B4E9", "#CC79A7", "#999999"
OUTCOME_STYLES = (
    # label, colour, pattern id (None: solid)
    ("Shared", BLUE, None),
    ("Partially shared", SKY, "hatch"),
    ("Not shared", PURPLE, "cross"),
)
PATTERNS = (
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
    f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{SKY}"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-opacity="0.45" stroke-width="2"/>'
    '</pattern><pattern id="cross" width="6" height="6" patternUnits="userSpaceOnUse">'
    f'<rect width="6" height="6" fill="{PURPLE}"/><path d="M0 0L6 6M6 0L0 6" stroke="#000" '
    'stroke-opacity="0.45" stroke-width="1"/></pattern></defs>'
)


@dataclass(frozen=True)
class RateBar:
    """One bar: a label, a % (None: nothing to draw) and the text written beside it."""

    label: str
    value: float | None
    text: str
    status: str | None


def _text(x: float, y: float, body: str, anchor: str = "start", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT}"'
        f' fill="{INK}"{extra}>{escape(body)}</text>'
    )


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def short(text: str, length: int) -> str:
    """text cut to length characters, with an ellipsis when cut."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _thresholds(x0: float, scale: float, top: float, bottom: float, band: Band) -> list[str]:
    """Dashed lines at the amber and green thresholds, labelled above the plot: amber's label
    ends at its line and green's starts at its line, so the two never overlap."""
    body = []
    for value, name, anchor, shift in (
        (band.amber, "amber", "end", -3),
        (band.green, "green", "start", 3),
    ):
        x = x0 + 100 * value * scale
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 12:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{INK}" stroke-dasharray="3,3" stroke-width="1"/>'
        )
        body.append(_text(x + shift, top - 4, f"{name} {100 * value:g} %", anchor, font_size="9"))
    return body


def rate_bars(bars: list[RateBar], band: Band, title: str, width: int = 680) -> str:
    """Horizontal bars from 0 to 100 %, coloured by RAG status, each with its value and
    status symbol in a column to the right, and the amber and green thresholds marked."""
    label_width, text_width, row = 236, 164, 20
    x0 = label_width
    scale = (width - label_width - text_width) / 100
    top = 26
    bottom = top + row * len(bars)
    height = bottom + 20
    body = [f'<line x1="{x0}" y1="{top}" x2="{x0}" y2="{bottom}" stroke="{INK}"/>']
    for tick in (0, 25, 50, 75, 100):
        x = x0 + tick * scale
        body.append(_text(x, height - 6, f"{tick} %", "middle", font_size="9"))
        if tick:
            body.append(
                f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" '
                f'stroke="{GRID}" stroke-width="0.5"/>'
            )
    text_x = x0 + 100 * scale + 10
    for i, bar in enumerate(bars):
        y = top + i * row
        body.append(_text(x0 - 6, y + 14, short(bar.label, 40), "end"))
        if bar.value is not None:
            colour = COLOURS.get(bar.status or NO_DATA, GREY)
            length = max(bar.value * scale, 1.0)
            body.append(
                f'<rect x="{x0}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" '
                f'fill="{colour}"/>'
            )
        body.append(_text(text_x, y + 14, bar.text))
    body.extend(_thresholds(x0, scale, top, bottom, band))
    return _svg(width, height, body, title)


def stacked_months(
    months: list[str],
    parts: list[list[int | str]],
    totals: list[int | str],
    title: str,
    width: int = 680,
    height: int = 250,
) -> str:
    """Decisions per month stacked by outcome (parts: shared, partially, not shared per
    month). A month with a suppressed part is drawn as one grey bar of its total; a month
    whose total is suppressed is written `c`."""
    left, bottom, top = 44, 40, 34
    plot_h = height - top - bottom
    known = [t for t in totals if isinstance(t, int)]
    peak = max([*known, 1])
    step = _nice_step(peak)
    ceiling = step * -(-peak // step)
    slot = (width - left - 10) / max(len(months), 1)
    bar_w = slot * 0.62
    body = [PATTERNS]
    for k in range(0, ceiling + 1, step):
        y = top + plot_h - plot_h * k / ceiling
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="{GRID}" '
            'stroke-width="0.5"/>'
        )
        body.append(_text(left - 4, y + 4, f"{k:,}", "end", font_size="9"))
    for i, month in enumerate(months):
        x = left + i * slot + (slot - bar_w) / 2
        base = top + plot_h
        total = totals[i]
        if isinstance(total, int) and all(isinstance(p, int) for p in parts[i]):
            for value, (_, colour, pattern) in zip(parts[i], OUTCOME_STYLES, strict=True):
                h = plot_h * int(value) / ceiling
                fill = f"url(#{pattern})" if pattern else colour
                body.append(
                    f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                    f'fill="{fill}"/>'
                )
                base -= h
        elif isinstance(total, int):
            h = plot_h * total / ceiling
            body.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{GREY}"/>'
            )
            base -= h
        label = f"{total:,}" if isinstance(total, int) else str(total)
        body.append(_text(x + bar_w / 2, base - 4, label, "middle", font_size="9"))
        body.append(_text(x + bar_w / 2, height - bottom + 14, _month_label(month), "middle"))
    x = left
    for label, colour, pattern in OUTCOME_STYLES:
        fill = f"url(#{pattern})" if pattern else colour
        body.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{fill}"/>')
        body.append(_text(x + 16, 16, label))
        x += 24 + 7 * len(label)
    if any(
        isinstance(t, int) and not all(isinstance(p, int) for p in ps)
        for t, ps in zip(totals, parts, strict=True)
    ):
        body.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{GREY}"/>')
        body.append(_text(x + 16, 16, "Outcomes withheld (disclosure control)"))
    return _svg(width, height, body, title)


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if peak / step <= 6:
            return step
    return 10 ** len(str(peak))


def _month_label(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%b %y")


def trend_line(
    points: list[tuple[dt.date, float | None, str | None]],
    band: Band,
    title: str,
    width: int = 680,
    height: int = 190,
) -> str:
    """A measure as of each month end (value in %, None: not shown), with its thresholds."""
    left, right, top, bottom = 44, 72, 16, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(len(points) - 1, 1)

    def y_of(value: float) -> float:
        return top + plot_h - plot_h * value / 100

    body = []
    for k in (0, 25, 50, 75, 100):
        y = y_of(k)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
        )
        body.append(_text(left - 4, y + 4, f"{k} %", "end", font_size="9"))
    for value, name in ((band.amber, "amber"), (band.green, "green")):
        y = y_of(100 * value)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{INK}" '
            'stroke-dasharray="3,3" stroke-width="1"/>'
        )
        body.append(_text(width - right + 4, y + 3, f"{name} {100 * value:g} %", font_size="9"))
    runs: list[list[str]] = [[]]
    for i, (day, value, status) in enumerate(points):
        x = left + i * slot
        body.append(_text(x, height - 10, day.strftime("%b %y"), "middle", font_size="9"))
        if value is None:
            body.append(_text(x, y_of(50), "c", "middle"))
            runs.append([])
            continue
        runs[-1].append(f"{x:.1f},{y_of(value):.1f}")
        colour = COLOURS.get(status or NO_DATA, GREY)
        body.append(
            f'<circle cx="{x:.1f}" cy="{y_of(value):.1f}" r="3.5" fill="{colour}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
        )
    lines = [
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{BLUE}" stroke-width="2"/>'
        for run in runs
        if len(run) > 1
    ]
    body[:0] = lines
    return _svg(width, height, body, title)


def rag_symbol(status: str) -> str:
    """`●`, `▲`, `■` or `○`."""
    return LABELS[status].split(" ")[0]
