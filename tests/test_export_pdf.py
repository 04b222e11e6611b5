"""The A4 board pack (exports/board_pack.py), printed by headless Chromium and read back."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import plotly.graph_objects as go
import pypdf
import pytest

from core.settings import DEFAULTS
from exports import board_pack
from exports.board_pack import BoardPackError, printed
from exports.build import Governance, build_export
from pipelines.store import connect_readonly
from tests.fixture_org import MAIN
from tests.test_export_governance import EVERYTHING

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
    "The ICO's ten steps",
    "The ten steps by team",
    "Early warnings",
    "Agreements and actions",
    "Data freshness, and how to read this pack",
]

pytestmark = pytest.mark.slow


def pack(db: Path, external: bool, governance: Governance | None = None) -> bytes:
    con = connect_readonly(db)
    try:
        files = build_export(
            con,
            MAIN,
            external=external,
            formats={"pdf"},
            generated_at=GENERATED_AT,
            settings=DEFAULTS,
            governance=governance,
        )
    finally:
        con.close()
    name = f"board_pack_{'external' if external else 'internal'}.pdf"
    assert list(files) == ["manifest.csv", name]
    return files[name]


def pages_text(reader: pypdf.PdfReader) -> list[str]:
    # One line per visual line; spaces normalised so the assertions read as the page does.
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in reader.pages]


def pdftotext(pdf: bytes, tmp: Path, page: int) -> str:
    """One page as Poppler's pdftotext reads it, without white space (it reads `■ 0 %` in a
    narrow cell as `■0%`): compare with squashed()."""
    path = tmp / "pack.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return squashed(out)


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def internal_pdf(fixture_db: Path) -> bytes:
    return pack(fixture_db, external=False)


@pytest.fixture(scope="module")
def external_pdf(fixture_db: Path) -> bytes:
    return pack(fixture_db, external=True)


@pytest.fixture(scope="module")
def internal(internal_pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(internal_pdf))


@pytest.fixture(scope="module")
def external(external_pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(external_pdf))


def test_pack_is_a4_one_section_per_page_dated_when_generated(internal: pypdf.PdfReader) -> None:
    assert len(internal.pages) == len(PAGES) == 12
    for page in internal.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4_POINTS, abs=0.5
        )
    text = pages_text(internal)
    for number, (page, heading) in enumerate(zip(text, PAGES, strict=True), start=1):
        if heading != "cover":
            assert page.startswith(heading), (number, page[:80])
        assert f"Page {number} of 12" in page
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
    coverage, training, sharing, red, quality, *_, freshness = text[2:12]
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


def test_ten_steps_with_change_and_trend(internal_pdf: bytes, tmp_path: Path) -> None:
    # tests/test_export_build.py's ICO_STEPS all-teams rows: now, previous period, change.
    steps = pdftotext(internal_pdf, tmp_path, 8)
    for row in (
        "1 Be clear how data protection helps you share: step-1 courses in date "
        "■ 62.5 % (5 of 8) 55.5 % (5 of 9) +6.9 pts",
        # Steps 5 and 6 read the agreements register; ICO_STEPS has no routine share in either
        # period, so there is nothing to count or compare (never green).
        "5 Assess the risks and share as needed: routine shares under an agreement with a DPIA "
        "○ no data no data nothing to compare",
        "6 Data sharing agreement: routine shares under an agreement in force ○ no data no data "
        "nothing to compare",
        "7 Data protection principles: reason recorded (all decisions) "
        "■ 81.2 % (13 of 16) 100 % (4 of 4) -18.7 pts",
        "10 Read the data sharing code: step-10 courses in date "
        "■ 75 % (3 of 4) 75 % (3 of 4) no change",
    ):
        assert squashed(row) in steps, row
    # The trend: a row per step, a column per month, each cell its symbol and %, e.g. step 1
    # (ICO_TREND's C-DP as of each month end) and step 7 (reasons per month).
    for row in (
        "Jul 25 Aug 25 Sep 25 Oct 25 Nov 25 Dec 25 Jan 26 Feb 26 Mar 26 Apr 26 May 26 Jun 26",
        "1 Know the law ■ 66.6 ■ 77.7 ▲ 88.8 ▲ 88.8 ▲ 88.8 ■ 77.7 ▲ 88.8",
    ):
        assert squashed(row) in steps, row
    row = "7 Principles ● 100 ● 100 ● 100 ● 100 ■ 0 ■ 0 ● 100 ● 100 ● 100 ● 100 ● 100 ■ 50"
    assert squashed(row) in steps
    # The matrix: each team's headline per step.
    matrix = pdftotext(internal_pdf, tmp_path, 9)
    # (pdftotext reads a row of narrow `○ –` cells out of order: CP-N's row has few.)
    # Steps 5 and 6 (agreements): no routine share in ICO_STEPS, so "○ –" for both.
    row = "Child protection north ● 100 % ■ 0 % ■ 0 % ○ – ○ – ○ – ■ 80 % ■ 33.3 % ■ 0 % ○ –"
    assert squashed(row) in matrix


def test_external_ten_steps_suppress_small_counts(external_pdf: bytes, tmp_path: Path) -> None:
    # EXTERNAL_ICO_STEPS: step 1's 5 in date is c, so the rate, status and change are c; the
    # previous period's 4 shares are c; policy counts are shown.
    steps = pdftotext(external_pdf, tmp_path, 8)
    for row in (
        "step-1 courses in date c c c",
        "purpose and data categories recorded ■ 0 % (0 of 12) c c",
        "step-3 policies in place ■ 75 % (3 of 4) 25 % (1 of 4) +50.0 pts",
        "c: small numbers",
    ):
        assert squashed(row) in steps, row
    matrix = pdftotext(external_pdf, tmp_path, 9)
    # Steps 5 and 6 (agreements) have no routine share to count: "–", not a colour.
    row = "Multi-agency safeguarding hub c c ● 100 % ■ 0 % ○ – ○ – c c ■ 0 % c"
    assert squashed(row) in matrix


def test_sources_not_given_are_said_to_be_missing(internal_pdf: bytes, tmp_path: Path) -> None:
    # The fixture's pack is made without warnings, register or actions: each section says so.
    warnings = pdftotext(internal_pdf, tmp_path, 10)
    assert (
        squashed(
            "The early warnings could not be included in this export (its source was not "
            "available), so this page cannot say whether there are any"
        )
        in warnings
    )
    rest = pdftotext(internal_pdf, tmp_path, 11)
    for what in ("agreements register", "actions"):
        assert squashed(f"The {what} could not be included in this export") in rest


@pytest.mark.parametrize("external", [False, True])
def test_warnings_agreements_and_actions(fixture_db: Path, tmp_path: Path, external: bool) -> None:
    # tests/test_export_governance.py's frames: three warnings in scope, three agreements past
    # review, three open actions (two overdue).
    pdf = pack(fixture_db, external=external, governance=EVERYTHING)
    warnings = pdftotext(pdf, tmp_path, 10)
    rest = pdftotext(pdf, tmp_path, 11)
    if external:
        rows = [
            "■ High Multi-agency safeguarding hub Multi-agency safeguarding hub: c decisions in "
            "the latest 3 months, fewer than its own past (about 12 expected). Sharing",
            "▲ Medium Education safeguarding Education safeguarding: c decisions by staff whose "
            "required training had lapsed on the day. Training",
        ]
        agreement = "DSA-EDU-02: Schools safeguarding Northbridge schools 31 May 2026 30 c"
        actions = [
            "3 open actions, of which 2 overdue: Step 5 1 (1 overdue); Step 9 1 (0 overdue); "
            "No step 1 (1 overdue).",
            "The actions themselves, with their owners, are in the internal pack.",
        ]
    else:
        rows = [
            "■ High Child protection north Child protection north made 7 routine shares to "
            "Northbridge Police with no agreement. Agreements register",
            "▲ Medium Education safeguarding Education safeguarding: 2 decisions were made by "
            "staff whose training had lapsed. Training",
        ]
        agreement = "DSA-EDU-02: Schools safeguarding Northbridge schools 31 May 2026 30 3"
        actions = [
            "Refresh the police DPIA Multi-agency safeguarding hub 5 Ada Abbott 1 May 2026 "
            "(overdue)",
            "Re-attest the emergency policy Education safeguarding 9 Hal Hill 31 Jul 2026",
        ]
    for row in rows:
        assert squashed(row) in warnings, row
    assert squashed(agreement) in rest
    police = "DSA-POL-01: Police information sharing Northbridge Police 31 Mar 2026 91 12"
    assert squashed(police) in rest
    # Actions are the app's state when the pack is made (the fixture pack's stamp: 1 Jul 2026).
    assert (
        squashed("Open actions (as recorded in the app when this pack was made, 1 Jul 2026)")
        in rest
    )
    # pdftotext reads the actions table column by column: pypdf keeps its rows.
    by_rows = pages_text(pypdf.PdfReader(io.BytesIO(pdf)))[10]
    for row in actions:
        assert row in by_rows, row
