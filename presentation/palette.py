"""The one palette of the dashboard and the board pack.

Colours are Okabe-Ito, distinguishable with the common colour-vision deficiencies on light and
dark backgrounds. No style is told by colour alone: RAG statuses carry a symbol (metrics.rag
LABELS), outcomes a bar pattern, policy statuses a symbol in the cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from metrics.rag import AMBER, GREEN, NO_DATA, RED

BLUE, SKY, BLUISH_GREEN, ORANGE, VERMILLION, PURPLE, YELLOW = (
    "#0072B2",
    "#56B4E9",
    "#009E73",
    "#E69F00",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
)
# Not Okabe-Ito: a light grey for "not applicable" cells, a darker one for "no data".
GREY, DARK_GREY = "#BBBBBB", "#999999"
INK = "#222222"
# Lines of a chart in order, each with its own marker symbol too.
SERIES = (BLUE, ORANGE, BLUISH_GREEN, PURPLE, SKY, VERMILLION, YELLOW)
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x", "star", "cross")

COLOURS = {GREEN: BLUISH_GREEN, AMBER: ORANGE, RED: VERMILLION, NO_DATA: DARK_GREY}
# The marker of a RAG-rated point: the shape of its symbol in metrics.rag.LABELS.
RAG_SYMBOLS = {GREEN: "circle", AMBER: "triangle-up", RED: "square", NO_DATA: "circle-open"}


@dataclass(frozen=True)
class Outcome:
    """How a decision outcome is drawn: its column, legend label, colour and bar pattern."""

    column: str
    label: str
    colour: str
    pattern: str  # a Plotly pattern shape; "" is solid


OUTCOMES = (
    Outcome("shared", "Shared", BLUE, ""),
    Outcome("partially_shared", "Partially shared", SKY, "/"),
    Outcome("not_shared", "Not shared", PURPLE, "x"),
)
# A month whose outcomes are withheld by disclosure control is one bar of its total.
WITHHELD = Outcome("decisions", "Outcomes withheld (disclosure control)", DARK_GREY, "")


@dataclass(frozen=True)
class PolicyStyle:
    """How a policy status is drawn in the heatmap: its order, label, symbol and colour."""

    code: int
    label: str
    symbol: str
    colour: str


POLICY_STATUSES = {
    "in_place": PolicyStyle(0, "In place", "✔", BLUISH_GREEN),
    "out_of_date": PolicyStyle(1, "Out of date", "↻", YELLOW),
    "partial": PolicyStyle(2, "Partial", "◐", ORANGE),
    "not_started": PolicyStyle(3, "Not started", "✖", VERMILLION),
    # said not to apply before the version in force was approved: must be said again
    "not_applicable_lapsed": PolicyStyle(
        4, "Not applicable (before the current version)", "?", PURPLE
    ),
    "not_applicable": PolicyStyle(5, "Not applicable", "–", GREY),
}
