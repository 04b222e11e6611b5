"""Early warnings in words and links (presentation/warnings.py)."""

from __future__ import annotations

from presentation.warnings import escape_markdown, warning_markdown


def test_a_warning_reads_as_severity_sentence_and_link_keeping_the_filters() -> None:
    row = {"severity": "high", "sentence": "Team A logged 9.", "page": "ico-steps"}
    assert warning_markdown(row, "period=12m&teams=A") == (
        "- **■ High** · Team A logged 9. [See ICO ten steps](ico-steps?period=12m&teams=A)"
    )
    row = {"severity": "medium", "sentence": "x", "page": "register"}
    assert warning_markdown(row, "") == "- **▲ Medium** · x [See Agreements register](register)"


def test_team_names_are_shown_as_text_not_markup() -> None:
    assert escape_markdown("*Front* [door](x) <b>$1~") == r"\*Front\* \[door\](x) \<b\>\$1\~"
