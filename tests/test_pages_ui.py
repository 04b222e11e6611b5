"""Shared page helpers (dashboard/ui.py): the bytes a CSV download serves, labels, dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.ui import csv_bytes, day, file_stem, part_months_note, period_sentence, rag_label


def test_csv_is_exactly_the_rows_and_columns_shown() -> None:
    shown = pd.DataFrame(
        {
            "Team": ["Family help", "Child protection north"],
            "Coverage": ["100 % (1 of 1)", "50 % (2 of 4)"],
            "Status": [rag_label("green"), rag_label("red")],
            "Attested on": [dt.date(2025, 10, 1), None],
        }
    )
    assert (
        csv_bytes(shown)
        == (
            "\ufeffTeam,Coverage,Status,Attested on\n"
            "Family help,100 % (1 of 1),● Green,2025-10-01\n"
            "Child protection north,50 % (2 of 4),■ Red,\n"
        ).encode()
    )


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
