"""The A4 board pack (exports/board_pack.py), printed by headless Chromium and read back."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import plotly.graph_objects as go
import pypdf
import pytest

from core.settings import DEFAULTS
from exports import board_pack
from exports.board_pack import BoardPackError, printed
from exports.build import build_export
from pipelines.store import connect_readonly
from tests.fixture_org import MAIN

GENERATED_AT = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
A4_POINTS = (595.92, 842.88)
PAGES = [
    "cover",
    "Executive summary",
    "Policy coverage",
    "Training",
    "Sharing",
    "Teams in red, and why",
    "Record quality",
    "Data freshness, and how to read this pack",
]

pytestmark = pytest.mark.slow


def pack(db: Path, external: bool) -> pypdf.PdfReader:
    con = connect_readonly(db)
    try:
        files = build_export(
            con,
            MAIN,
            external=external,
            formats={"pdf"},
            generated_at=GENERATED_AT,
            settings=DEFAULTS,
        )
    finally:
        con.close()
    name = f"board_pack_{'external' if external else 'internal'}.pdf"
    assert list(files) == ["manifest.csv", name]
    return pypdf.PdfReader(io.BytesIO(files[name]))


def pages_text(reader: pypdf.PdfReader) -> list[str]:
    # One line per visual line; spaces normalised so the assertions read as the page does.
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def internal(fixture_db: Path) -> pypdf.PdfReader:
    return pack(fixture_db, external=False)


@pytest.fixture(scope="module")
def external(fixture_db: Path) -> pypdf.PdfReader:
    return pack(fixture_db, external=True)


def test_pack_is_a4_one_section_per_page_dated_when_generated(internal: pypdf.PdfReader) -> None:
    assert len(internal.pages) == len(PAGES) == 8
    for page in internal.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4_POINTS, abs=0.5
        )
    text = pages_text(internal)
    for number, (page, heading) in enumerate(zip(text, PAGES, strict=True), start=1):
        if heading != "cover":
            assert page.startswith(heading), (number, page[:80])
        assert f"Page {number} of 8" in page
    # The same pack gives the same bytes: the PDF is dated generated_at, not when printed.
    assert internal.metadata["/CreationDate"] == "D:20260701090000+00'00'"
    assert internal.metadata["/ModDate"] == "D:20260701090000+00'00'"


def test_cover_says_who_what_when(internal: pypdf.PdfReader) -> None:
    cover = pages_text(internal)[0]
    for line in (
        "Northbridge City Council",
        "Sharing information to safeguard children",
        "Governance board pack",
        "Period 1 Jul 2025 to 30 Jun 2026 (decisions made)",
        "As of 30 Jun 2026 (policies and training)",
        "Compared with 1 Jul 2024 to 30 Jun 2025 (as of 30 Jun 2025)",
        "Teams All teams (5 in scope)",
        "Generated 1 Jul 2026 09:00 UTC, tool version 0.1.0",
        "Data as of newest decision 2 Jul 2026; last data load never",
        "INTERNAL: names staff and shows small numbers. Do not share outside Northbridge City",
    ):
        assert line in cover, line


def test_executive_summary_has_the_kpis_with_rag_and_change(internal: pypdf.PdfReader) -> None:
    summary = pages_text(internal)[1]
    # The same figures as the Overview page (tests/test_pages_overview.py).
    expected = [
        "Policy coverage\n66.6 %\n10 in place, of 15 that apply\n■ Red\n"
        "+40.0 pts on the previous period (26.6 %)",
        "Training completion\n62.5 %\n10 in date, of 16 required\n■ Red\n"
        "+6.9 pts on the previous period (55.5 %)",
        "Decisions logged\n16\ndecisions\n+12 on the previous period (4)",
        "Share rate\n75 %\n12 shared, of 16 decisions\n-25.0 pts on the previous period (100 %)",
        "Record completeness\n56.2 %\n9 complete, of 16 decisions\n■ Red\n"
        "-18.7 pts on the previous period (75 %)",
        "■ Red: 3\n▲ Amber: 0\n● Green: 1\n○ No data: 0",
        "Child protection north ■ Red ■ 50 % (2 of 4) ● 100 % (2 of 2) ■ 40 % (2 of 5) 5",
        "Family help ● Green ● 100 % (1 of 1) ● 100 % (1 of 1) ○ no data 0",
        "Multi-agency safeguarding hub ■ Red ■ 60 % (3 of 5) ■ 62.5 % (5 of 8) ■ 57.1 % (4 of 7) 7",
        "Education safeguarding ■ Red ▲ 80 % (4 of 5) ■ 40 % (2 of 5) ■ 75 % (3 of 4) 4",
    ]
    for block in expected:
        assert block in summary, block


def test_charts_and_tables_carry_the_numbers(internal: pypdf.PdfReader) -> None:
    text = pages_text(internal)
    coverage, training, sharing, red, quality, freshness = text[2:8]
    # Coverage by team (bar labels) and by ICO step (all teams).
    for label in ("■ 50 % (2 of 4)", "● 100 % (1 of 1)", "■ 60 % (3 of 5)", "▲ 80 % (4 of 5)"):
        assert label in coverage
    assert "9 Sharing in an emergency ■ 0 % (0 of 3) 2 0 1" in coverage
    # Training by team and by course.
    assert "■ 62.5 % (5 of 8)" in training
    assert "Data protection essentials 1 ■ 62.5 % (5 of 8)" in training
    assert "6 requirements are overdue or never trained" in training
    # Sharing: month totals over the bars, and the team table.
    assert "Multi-agency safeguarding hub 7 6 85.7 % (6 of 7)" in sharing
    assert "All teams in scope 16 12 75 % (12 of 16)" in sharing
    # Teams in red, and why.
    assert "Policy coverage 60 % (3 of 5): below the amber threshold of 80 %" in red
    assert "Training completion 40 % (2 of 5): below the amber threshold of 85 %" in red
    # CP-N: 2 of 5 decisions complete, refusals included (D09 has no reason)
    assert "Record completeness 40 % (2 of 5): below the amber threshold of 90 %" in red
    assert "Family help" not in red
    # Record quality: gaps per team and in all (tests/test_export_build.py's RECORD_GAPS):
    # no basis, Art 9, Art 10, no reason (of which refusals), no purpose, no decision maker.
    assert "Education safeguarding ■ 75 % (3 of 4) 1 1 0 1 (0) 1 0" in quality
    assert "All teams in scope ■ 56.2 % (9 of 16) 2 3 0 3 (1) 2 0" in quality
    # Data freshness.
    assert "Newest decision 2 Jul 2026" in freshness
    assert "Newest training record 5 Jul 2026" in freshness
    assert "Last data load never" in freshness


def test_external_pack_suppresses_small_numbers_and_names_no_one(
    external: pypdf.PdfReader,
) -> None:
    text = pages_text(external)
    everything = "\n".join(text)
    assert "For sharing outside the organisation." in text[0]
    assert "for sharing: small numbers suppressed" in text[1]
    # Previous period: 4 decisions (c), so the changes that use it are not shown.
    assert "Decisions logged\n16\ndecisions\nchange not shown (small numbers)" in text[1]
    # Teams: every training and decision count is 1 to 5 (tests/test_export_build.py).
    assert "Child protection north ■ Red ■ 50 % (2 of 4) c c c" in text[1]
    assert "Family help c ● 100 % (1 of 1) c ○ no data 0" in text[1]
    assert "2 of 4 teams are red on at least one" in text[1]
    assert "Training completion" not in text[5]
    for secret in ("Ada Abbott", "Ben Brown", "S02", "overdue or never trained"):
        assert secret not in everything


def test_pack_that_asks_for_anything_is_refused_and_not_printed() -> None:
    # The charts are drawn offline; a page that still asks for a file is a bug, not a PDF.
    html = (
        '<img src="http://example.invalid/logo.png"><script>window.chartsDrawn = "drawn";</script>'
    )
    with pytest.raises(BoardPackError) as refused:
        printed(html, "<span></span>")
    assert str(refused.value) == (
        "the board pack asked for http://example.invalid/logo.png: it must load nothing"
    )


def test_charts_not_drawn_are_an_error_not_a_blank_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without plotly.js no chart can be drawn: printing stops with the reason, and does not hang.
    monkeypatch.setattr(board_pack, "get_plotlyjs", lambda: "")
    figures = board_pack.Figures()
    html = figures.place("a-chart", go.Figure(go.Bar(x=[1], y=[2])), 100) + figures.script()
    with pytest.raises(BoardPackError) as failed:
        printed(html, "<span></span>")
    assert str(failed.value) == (
        "could not draw the board pack's charts: ReferenceError: Plotly is not defined"
    )
