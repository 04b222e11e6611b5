"""Calendar helpers (core/dates.py)."""

from __future__ import annotations

import datetime as dt

from core.dates import add_months, month_end

D = dt.date


def test_add_months_clips_to_month_end() -> None:
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 2, 29), -12) == D(2023, 2, 28)
    assert add_months(D(2026, 11, 26), -12) == D(2025, 11, 26)


def test_month_end_knows_leap_years_and_december() -> None:
    assert month_end(D(2024, 2, 10)) == D(2024, 2, 29)
    assert month_end(D(2025, 2, 1)) == D(2025, 2, 28)
    assert month_end(D(2026, 12, 31)) == D(2026, 12, 31)
    assert month_end(D(2026, 4, 1)) == D(2026, 4, 30)
