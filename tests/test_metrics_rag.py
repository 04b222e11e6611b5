"""RAG statuses and number formatting (metrics/rag.py, metrics/formatting.py)."""

from __future__ import annotations

import pytest

from core.settings import DEFAULTS
from metrics.rag import LABELS, Band, rag_status, thresholds_from_settings, worst
from presentation.formatting import hours, percent, points_change
from presentation.palette import COLOURS

TRAINING = Band(green=0.95, amber=0.85)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (19, 20, "green"),  # exactly 95 %
        (57, 60, "green"),  # 0.95 computed in floating point
        (18, 20, "amber"),  # 90 %
        (17, 20, "amber"),  # exactly 85 %
        (16, 20, "red"),
        (0, 5, "red"),
        (0, 0, "no_data"),
    ],
)
def test_rag_status(numerator: int, denominator: int, expected: str) -> None:
    assert rag_status(numerator, denominator, TRAINING) == expected


def test_coverage_green_needs_every_policy() -> None:
    coverage = thresholds_from_settings(DEFAULTS["rag"]).coverage
    assert rag_status(50, 50, coverage) == "green"
    assert rag_status(49, 50, coverage) == "amber"
    assert rag_status(39, 50, coverage) == "red"


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["green", "amber", "red"], "red"),
        (["green", "amber"], "amber"),
        (["green", "no_data"], "green"),
        (["no_data", "no_data"], "no_data"),
        ([], "no_data"),
    ],
)
def test_overall_is_the_worst(statuses: list[str], expected: str) -> None:
    assert worst(statuses) == expected


def test_rag_is_never_colour_alone() -> None:
    assert LABELS == {
        "green": "● Green",
        "amber": "▲ Amber",
        "red": "■ Red",
        "no_data": "○ No data",
    }
    # Okabe-Ito bluish green, orange, vermillion; grey for no data
    assert COLOURS == {
        "green": "#009E73",
        "amber": "#E69F00",
        "red": "#D55E00",
        "no_data": "#999999",
    }


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (46, 50, "92 % (46 of 50)"),
        (2, 3, "66.6 % (2 of 3)"),  # rounded down
        (5, 8, "62.5 % (5 of 8)"),
        (2499, 2500, "99.9 % (2,499 of 2,500)"),  # never shown as 100 %
        (0, 7, "0 % (0 of 7)"),
        (0, 0, "no data (0 of 0)"),
    ],
)
def test_percent_with_counts(numerator: int, denominator: int, expected: str) -> None:
    assert percent(numerator, denominator) == expected


def test_points_change_and_hours() -> None:
    assert points_change(10 / 15, 4 / 15) == "+40.0 pts"
    assert points_change(0.75, 1.0) == "-25.0 pts"
    assert points_change(0.5, 0.5) == "no change"
    assert points_change(None, 0.5) is None
    assert [hours(v) for v in (0.5, 6.0, 33.6, 72.0, None, float("nan"))] == [
        "30 min",
        "6.0 h",
        "33.6 h",
        "3.0 days",
        "–",
        "–",
    ]
