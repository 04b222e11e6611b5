"""How numbers are written for people: a percentage always with its counts."""

from __future__ import annotations

import math

NO_CHANGE = "no change"


def percent_number(numerator: int, denominator: int) -> int | float | None:
    """numerator / denominator in %, rounded down to one decimal, so that a value just under a
    RAG threshold (99.96 %) never reads as the threshold (100 %); whole numbers as int, None
    when the denominator is 0."""
    if denominator == 0:
        return None
    tenths = (1000 * numerator) // denominator
    return tenths // 10 if tenths % 10 == 0 else tenths / 10


def percent_value(numerator: int, denominator: int) -> str:
    """`92 %`, `66.6 %`: whole when exact, else percent_number with its one decimal."""
    if (100 * numerator) % denominator == 0:
        return f"{100 * numerator // denominator} %"
    return f"{percent_number(numerator, denominator):.1f} %"


def percent(numerator: int, denominator: int) -> str:
    """`92 % (46 of 50)`; `no data (0 of 0)` when there is nothing to count."""
    if denominator == 0:
        return "no data (0 of 0)"
    return f"{percent_value(numerator, denominator)} ({numerator:,} of {denominator:,})"


def ratio(numerator: int, denominator: int) -> float | None:
    """numerator/denominator, or None when the denominator is 0."""
    return numerator / denominator if denominator else None


def points_number(current: float | None, previous: float | None) -> int | float | None:
    """The change in percentage points between two ratios, cut toward zero to one decimal
    (whole numbers as int), or None when either is missing."""
    if current is None or previous is None:
        return None
    change = 100 * (current - previous)
    # Cut toward zero, like the percentages beside it (66.6 % after 0 % is +66.6 pts).
    tenths = math.trunc(change * 10 + math.copysign(1e-6, change))
    return tenths // 10 if tenths % 10 == 0 else tenths / 10


def points_change(current: float | None, previous: float | None) -> str | None:
    """`+3 pts` between two ratios, or None when either is missing."""
    points = points_number(current, previous)
    if points is None:
        return None
    if points == 0:
        return NO_CHANGE
    return f"{points:+.1f} pts"


def hours(value: float | None) -> str:
    """A duration in hours as a person reads it: `30 min`, `6.5 h`, `3.2 days`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if value < 1:
        return f"{value * 60:.0f} min"
    if value < 72:
        return f"{value:.1f} h"
    return f"{value / 24:.1f} days"
