"""Early warnings in words and links (presentation/warnings.py)."""

from __future__ import annotations

import pandas as pd

from metrics.warnings import KIND_ORDER
from presentation.warnings import KIND_LABELS, escape_markdown, warning_markdown, warnings_summary


def test_a_warning_reads_as_severity_sentence_and_link_keeping_the_filters() -> None:
    row = {"severity": "high", "sentence": "Team A logged 9.", "page": "ico-steps"}
    assert warning_markdown(row, "period=12m&teams=A") == (
        "- **■ High** · Team A logged 9. [See ICO ten steps](ico-steps?period=12m&teams=A)"
    )
    row = {"severity": "medium", "sentence": "x", "page": "register"}
    assert warning_markdown(row, "") == "- **▲ Medium** · x [See Agreements register](register)"


def test_team_names_are_shown_as_text_not_markup() -> None:
    assert escape_markdown("*Front* [door](x) <b>$1~") == r"\*Front\* \[door\](x) \<b\>\$1\~"


def test_a_long_list_is_summed_up_by_kind_in_the_order_of_kinds() -> None:
    # Four warnings: A and B (two teams) for an agreement not in force, high; A past review;
    # one of the organisation (no team) for lapsed training. Teams: A, B and the organisation.
    warnings = pd.DataFrame(
        {
            "severity": ["high", "high", "medium", "medium"],
            "kind": ["agreement_not_in_force"] * 2 + ["agreement_past_review", "lapsed_training"],
            "team_id": ["A", "B", "A", None],
        }
    )
    assert warnings_summary(warnings) == (
        "**4 warnings for 3 teams, 2 high.** Teams by kind: decisions by staff whose training had "
        "lapsed 1 · routine shares under an agreement not in force 2 · routine shares under an "
        "agreement past review 1."
    )


def test_every_kind_of_warning_has_words() -> None:
    assert list(KIND_LABELS) == list(KIND_ORDER)
