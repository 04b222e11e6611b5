"""Shared page helpers (dashboard/ui.py): labels, dates. The bytes a CSV download serves are
tested with the writer, in tests/test_presentation_tables.py."""

from __future__ import annotations

import datetime as dt

from dashboard.ui import day, file_stem, part_months_note, period_sentence, rag_label


def test_names_and_dates() -> None:
    assert file_stem("Policies due for review") == "policies_due_for_review"
    assert file_stem("Team × policy, by ICO step") == "team_policy_by_ico_step"
    assert day(dt.date(2026, 6, 30)) == "30 Jun 2026"
    assert day(None) == "–"
    assert period_sentence(dt.date(2025, 7, 1), dt.date(2026, 6, 30)) == "1 Jul 2025 to 30 Jun 2026"
    assert rag_label("no_data") == "○ No data"


def test_part_months_are_named() -> None:
    D = dt.date
    assert part_months_note(D(2025, 11, 27), D(2026, 11, 26)) == (
        "Part months: Nov 2025 (from the 27th) and Nov 2026 (up to the 26th) count only those days."
    )
    assert part_months_note(D(2025, 7, 1), D(2026, 6, 30)) is None
    assert part_months_note(D(2026, 4, 1), D(2026, 11, 22)) == (
        "Part month: Nov 2026 (up to the 22nd) counts only those days."
    )
    assert part_months_note(D(2026, 11, 3), D(2026, 11, 11)) == (
        "Nov 2026 counts only the 3rd to the 11th."
    )
