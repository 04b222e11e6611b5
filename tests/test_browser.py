"""What a person sees: every page in Debian's Chromium, driven by Playwright, against
`streamlit run` on 127.0.0.1 with the fixture organisation (tests/fixture_org.py).

AppTest does not render Plotly or run downloads; these tests do. Every expected number is worked
out by hand from the fixture, as in tests/test_pages_*.py and tests/test_metrics_*.py.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pypdf
import pytest
from playwright.sync_api import Browser, Page

from tests.browser import (
    ROOT,
    browser,  # noqa: F401
    open_page,
    screenshot,
    served,
    wait_for_app,
)
from tests.fixture_agreements import build_agreements_db
from tests.fixture_org import build_fixture_db

pytestmark = pytest.mark.browser

# The main period (X = 2026-06-30) as a link, so that no number depends on today's date.
MAIN_QUERY = "?period=custom&from=2025-07-01&to=2026-06-30&asof=2026-06-30"
# The URL the app writes back: the as-of date is left out when it is the period's last day.
MAIN_URL_PARAMS = {"period": "custom", "from": "2025-07-01", "to": "2026-06-30"}
README_SCREENSHOT = ROOT / "docs" / "screenshot.png"
NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"
# The pages whose numbers are checked by hand below ("" is the default page, Overview).
CHECKED_PAGES = {"", "coverage", "training", "sharing", "status", "export"}
A4_POINTS = (595.92, 842.88)

# Each KPI tile's lines as shown: label, value, change, counts line, RAG badge (or warning).
TILES_JS = """() => [...document.querySelectorAll("[data-testid='stMetric']")].map(
    (metric) => metric.closest("[data-testid='stVerticalBlock']").innerText
        .split("\\n").map((line) => line.trim()).filter((line) => line))"""
# Each Plotly chart as drawn: its traces' data (as Plotly holds it, arrays decoded) and the
# number of SVG marks drawn (bar and marker `.point`s, heatmap cell labels), and the tick labels
# drawn on its x and y axes (every subplot's, in order).
CHARTS_JS = """() => {
    const list = (v) => (v == null ? null : Array.from(v, (r) => (r && r.length !== undefined
        && typeof r !== "string" ? Array.from(r) : r)));
    const ticks = (el, axis) => [...el.querySelectorAll(`.${axis}axislayer-above text`)].map(
        (t) => t.textContent);
    return [...document.querySelectorAll("[data-testid='stPlotlyChart'] .js-plotly-plot")].map(
        (el) => ({
            traces: el._fullData.map((t) => ({
                type: t.type, name: t.name, x: list(t.x), y: list(t.y), z: list(t.z),
                text: list(t.text), customdata: list(t.customdata),
            })),
            points: el.querySelectorAll(".point").length,
            cells: el.querySelectorAll(".heatmaplayer text").length,
            xticks: ticks(el, "x"),
            yticks: ticks(el, "y"),
        }));
}"""
MONTHS = [f"2025-{m:02d}-01" for m in range(7, 13)] + [f"2026-{m:02d}-01" for m in range(1, 7)]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app against the fixture organisation, default settings; its base URL."""
    with served(tmp_path_factory.mktemp("browser"), build_fixture_db) as url:
        yield url


def unexpected(errors: list[str], base: str, path: str) -> list[str]:
    """The console errors a person's app should not produce on the page at /path."""
    # Streamlit's own behaviour (FACTS.md): a page opened directly by its sub-path asks for
    # /<page>/_stcore/health and /<page>/_stcore/host-config, and gets 404s.
    known = {f"{NOT_FOUND} [{base}/{path}/_stcore/{end}]" for end in ("health", "host-config")}
    return [e for e in errors if not (path and e in known)]


def error_boxes(page: Page) -> list[str]:
    """The text of every Streamlit exception or st.error box on the page."""
    boxes = page.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    return boxes.all_inner_texts()


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def download(page: Page, button: str) -> tuple[str, bytes]:
    """Click a download button; the file's suggested name and bytes."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def shown(base: str, browser: Browser, path: str) -> tuple[Page, list[str]]:  # noqa: F811
    """The page at /path on the main period, after checking it shows no error of any kind and
    asked nothing of any server but the app (the data is about children: no page view may
    reach a font, map or analytics server)."""
    errors: list[str] = []
    requests: list[str] = []
    page = open_page(browser, f"{base}/{path}{MAIN_QUERY}", errors, requests)
    assert error_boxes(page) == []
    assert unexpected(errors, base, path) == []
    assert [url for url in requests if not url.startswith((f"{base}/", "data:", "blob:"))] == []
    return page, errors


def test_overview(server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = shown(server, browser, "")
    assert page.locator("h1").first.inner_text() == "Overview"
    # Hand computations in tests/test_pages_overview.py: coverage 10 of 15 at X against 4 of 15
    # at Z; training 10/16 against 10/18; 16 decisions against 4; 12 of 16 shared against 4 of
    # 4; 9 of 16 decisions complete (refusals included) against 3 of 4. All three RAG measures
    # are below amber: red.
    assert page.evaluate(TILES_JS) == [
        ["Policy coverage", "66.6 %", "+40.0 pts", "10 in place, of 15 that apply", "■ Red"],
        ["Training completion", "62.5 %", "+6.9 pts", "10 in date, of 16 required", "■ Red"],
        ["Decisions logged", "16", "+12"],
        ["Share rate", "75 %", "-25.0 pts", "12 shared, of 16 decisions"],
        ["Complete records", "56.2 %", "-18.7 pts", "9 complete, of 16 decisions", "■ Red"],
    ]
    # The risk matrix comes first (test_overview_warnings), then the trends.
    _, trends, per_month = page.evaluate(CHARTS_JS)
    assert [(t["type"], t["name"], t["x"]) for t in trends["traces"]] == [
        ("scatter", name, MONTHS)
        for name in ("Policy coverage", "Training completion", "Share rate", "Record completeness")
    ]
    coverage, training, share_rate, completeness = trends["traces"]
    # December 2025 (as of Y): coverage 6 of 12, training 12 of 18; June 2026 (as of X) as
    # in the tiles.
    assert [coverage["customdata"][i] for i in (5, 11)] == ["50 % (6 of 12)", "66.6 % (10 of 15)"]
    assert [training["customdata"][i] for i in (5, 11)] == [
        "66.6 % (12 of 18)",
        "62.5 % (10 of 16)",
    ]
    # Share rate per month, from the decision log: Jul D01 D08 shared; Aug D02; Sep D03 D13;
    # Oct D04 not shared; Nov D09 not shared; Dec D14; Jan D05; Feb D10 D15; Mar D06; Apr D11;
    # May D12 not shared; Jun D07 shared, D16 not.
    assert share_rate["y"] == [100, 100, 100, 0, 0, 100, 100, 100, 100, 100, 0, 50]
    # Every month has a decision, and refusals count: no gap in the completeness line.
    assert [i for i, v in enumerate(completeness["y"]) if v is None] == []
    # 4 lines x 12 months, less the 3 gaps: 45 markers drawn.
    assert trends["points"] == 48
    # Decisions per month, the same months: 16 in all, 12 bars drawn.
    (bars,) = per_month["traces"]
    assert bars["x"] == MONTHS
    assert bars["y"] == [2, 1, 2, 1, 1, 1, 1, 2, 1, 1, 1, 2]
    assert per_month["points"] == 12
    # A count axis ticks at whole decisions.
    assert per_month["yticks"] == ["0", "1", "2"]
    screenshot(page, "overview")
    # README's screenshot is taken by this run: the top of the page, as a laptop shows it.
    README_SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(screenshot(page, "overview_window", whole=False), README_SCREENSHOT)
    page.close()


def test_overview_warnings(server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = shown(server, browser, "")
    heading = page.get_by_role("heading", name="Early warnings")
    assert heading.is_visible()
    items = page.locator("[data-testid='stMarkdownContainer'] li")
    # The 8 warnings of tests/test_pages_overview.py, high severity first: D10 (CP-N's one
    # emergency) never recorded, never reviewed, no step-9 policy in place on its day; D15 and
    # D06 never reviewed; decisions by staff untrained on the day, CP-N 2, EDS 4, MASH 1.
    texts = [" ".join(t.split()) for t in items.all_inner_texts()]
    assert len(texts) == 8
    assert texts[0] == (
        "■ High · Emergency decisions by Child protection north from 1 Jul 2025 to 30 Jun 2026: "
        "1 of 1 not recorded within 2 days of the decision (1 never recorded). See Sharing"
    )
    assert [t.split(" · ")[0] for t in texts] == ["■ High"] + ["▲ Medium"] * 7
    assert texts[-1].endswith("policies in place on the day. See Policy coverage")
    # Each link keeps the filters: the period the viewer chose.
    hrefs = [a.get_attribute("href") for a in items.locator("a").all()]
    kept = "period=custom&from=2025-07-01&to=2026-06-30"
    assert hrefs[0] == f"sharing?{kept}"
    assert hrefs[-1] == f"coverage?{kept}"
    # Risk matrix: one point per team with decision makers counted, none in the risk quadrant:
    # CP-N 1 of 1 trained, 5 decisions / 11.99 months = 0.42 a month; EDS 0 of 1, 4 = 0.33;
    # MASH 1 of 2, 7 = 0.58.
    risk = page.evaluate(CHARTS_JS)[0]
    assert [(t["name"], t["x"], t["y"]) for t in risk["traces"]] == [
        ("Many decisions, training below threshold", [], []),
        ("Other teams", [100, 0, 50], [0.42, 0.33, 0.58]),
    ]
    assert risk["points"] == 3
    screenshot(page, "overview_warnings")
    # Following a warning's link opens the page that explains it, on the same filters.
    link = items.nth(len(texts) - 1).locator("a")
    if link.get_attribute("target") == "_blank":
        with page.context.expect_page() as opened:
            link.click()
        target = opened.value
    else:
        link.click()
        target = page
    target.wait_for_url(lambda url: urlsplit(url).path.endswith("/coverage"), timeout=30_000)
    wait_for_app(target)
    assert target.locator("h1").first.inner_text() == "Policy coverage"
    assert query(target.url) == MAIN_URL_PARAMS
    assert error_boxes(target) == []
    target.close()
    if target is not page:
        page.close()


def test_policy_coverage(server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = shown(server, browser, "coverage")
    assert page.locator("h1").first.inner_text() == "Policy coverage"
    # tests/test_pages_coverage.py: out of date MASH P-EMERG, CP-N P-DP, EDS P-EMERG; due for
    # review P-EMERG (past) and P-DPIA (within 60 days).
    assert page.evaluate(TILES_JS) == [
        ["Policy coverage", "66.6 %", "10 in place, of 15 that apply", "■ Red"],
        ["Out of date", "3"],
        ["Policies due for review", "2"],
        ["Attestations over a year old", "7"],
    ]
    (heatmap,) = page.evaluate(CHARTS_JS)
    (cells,) = heatmap["traces"]
    assert cells["type"] == "heatmap"
    assert cells["y"] == [
        "Multi-agency safeguarding hub",
        "Family help",
        "Education safeguarding",
        "Child protection north",
    ]
    # Columns by ICO step: 3 P-DP, 4 P-TRANS, 5 P-DPIA, 6 P-DSA, 9 P-EMERG.
    assert cells["text"] == [
        ["✔", "◐", "✔", "✔", "↻"],  # MASH: P-TRANS partial; P-EMERG past review 2026-05-31
        ["✔", "–", "–", "–", "–"],  # FH: only P-DP applies
        ["✔", "✔", "✔", "✔", "↻"],  # EDS: P-EMERG past review
        ["↻", "–", "✔", "✔", "✖"],  # CP-N: P-DP attested before v2; P-EMERG never attested
    ]
    # 4 teams x 5 policies: 20 cells, each drawn with its symbol.
    assert heatmap["cells"] == 20
    screenshot(page, "coverage")
    page.close()


def test_training(server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = shown(server, browser, "training")
    assert page.locator("h1").first.inner_text() == "Training"
    # tests/test_pages_training.py: overdue S02 x2 and S09; never trained S03 C-CODE, S08
    # C-SHARE, S10 C-DP; expiring within 30 days S04 C-DP (2026-07-10).
    assert page.evaluate(TILES_JS) == [
        ["Training completion", "62.5 %", "10 in date, of 16 required", "■ Red"],
        ["Overdue", "3"],
        ["Never trained", "3"],
        ["Expiring within 30 days", "1"],
    ]
    (trend,) = page.evaluate(CHARTS_JS)
    (line,) = trend["traces"]
    # One point as of each month end, Jul 2025 to Jun 2026 (the last as of X).
    assert line["x"][0] == "2025-07-31"
    assert line["x"][-1] == "2026-06-30"
    assert len(line["x"]) == 12
    assert [line["customdata"][i] for i in (5, 11)] == ["66.6 % (12 of 18)", "62.5 % (10 of 16)"]
    assert trend["points"] == 12
    # Each point is labelled with its own month (the point as of 30 Jun is "Jun 2026").
    assert trend["xticks"] == [m.strftime("%b %Y") for m in map(dt.date.fromisoformat, MONTHS)]
    screenshot(page, "training")
    page.close()


def test_sharing(server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = shown(server, browser, "sharing")
    assert page.locator("h1").first.inner_text() == "Sharing"
    # tests/test_pages_sharing.py: 16 decisions against 4; emergencies D06, D10, D15; median
    # of the 15 decisions with a request time 6 h.
    assert page.evaluate(TILES_JS) == [
        ["Decisions logged", "16", "+12"],
        ["Share rate", "75 %", "-25.0 pts", "12 shared, of 16 decisions"],
        ["Complete records", "56.2 %", "-18.7 pts", "9 complete, of 16 decisions", "■ Red"],
        ["Emergencies", "3", "decisions made in an emergency"],
        ["Time to decision", "6.0 h", "median, request to decision"],
    ]
    monthly, recipients, bases = page.evaluate(CHARTS_JS)
    # Small multiples: 3 teams x 3 outcomes x 12 months = 108 bars.
    assert [t["name"] for t in monthly["traces"]] == [
        "Shared",
        "Partially shared",
        "Not shared",
    ] * 3
    assert {len(t["x"]) for t in monthly["traces"]} == {12}
    assert monthly["points"] == 108
    # At most one decision a month per team: the shared count axis (labelled on the first
    # panel) ticks 0 and 1, nothing between.
    assert monthly["yticks"] == ["0", "1"]
    # Teams by name: CP-N (D08-D12), EDS (D13-D16), MASH (D01-D07).
    per_team = [sum(sum(t["y"]) for t in monthly["traces"][i : i + 3]) for i in (0, 3, 6)]
    assert per_team == [5, 4, 7]
    # CP-N: shared D08 (Jul) and D10 (Feb); partly D11 (Apr); not shared D09 (Nov), D12 (May).
    assert [t["y"] for t in monthly["traces"][:3]] == [
        [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
        [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0],
    ]
    # Shares by recipient: police D01 D06 D08 D10; health D02 D07, partly D15; social care D13
    # D14, partly D03; education D05; local authority partly D11.
    assert [(t["name"], t["x"], t["y"]) for t in recipients["traces"]] == [
        (
            "Shared",
            [4, 2, 2, 1, 0],
            ["Police", "Health", "Social care", "Education", "Local authority"],
        ),
        (
            "Partially shared",
            [0, 1, 1, 0, 1],
            ["Police", "Health", "Social care", "Education", "Local authority"],
        ),
    ]
    assert recipients["points"] == 10
    # Lawful basis of the 12 shares: public task D01 D03 D05; vital interests D06 D10 D15;
    # legal obligation D02 D11; none D08 D14; consent D07; legitimate interests D13.
    (mix,) = bases["traces"]
    assert mix["y"] == [
        "Public task",
        "Vital interests",
        "Legal obligation",
        "Not recorded",
        "⚑ Consent",
        "⚑ Legitimate interests",
    ]
    assert mix["x"] == [3, 3, 2, 2, 1, 1]
    assert bases["points"] == 6
    screenshot(page, "sharing")
    page.close()


def test_data_status(server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = shown(server, browser, "status")
    assert page.locator("h1").first.inner_text() == "Data status"
    # Newest decision D22 (2026-07-02), training S08 C-SHARE (2026-07-05), attestation CP-N
    # P-DSA (2026-06-30), each more than 45 days ago (a warning); the fixture is written
    # directly, so nothing was ever ingested.
    today = dt.date.today()
    decision, training, attestation = (
        (today - dt.date(2026, 7, 2)).days,
        (today - dt.date(2026, 7, 5)).days,
        (today - dt.date(2026, 6, 30)).days,
    )
    assert page.evaluate(TILES_JS) == [
        [
            "Newest decision",
            f"{decision:,} days ago",
            "2 Jul 2026",
            f"The newest decision is {decision:,} days old: load a newer export.",
        ],
        [
            "Newest training record",
            f"{training:,} days ago",
            "5 Jul 2026",
            f"The newest training record is {training:,} days old: load a newer export.",
        ],
        [
            "Newest attestation",
            f"{attestation:,} days ago",
            "30 Jun 2026",
            f"The newest attestation is {attestation:,} days old: load a newer export.",
        ],
        ["Last load", "never"],
    ]
    # The status page draws no Plotly chart: its numbers are tiles and tables.
    assert page.evaluate(CHARTS_JS) == []
    # Rows per table, counted in tests/fixture_org.py (coverage: MASH 6, CP-N 5, EDS 5, FH 5,
    # OLD 1; training: 21 completions; no assignments history, no agreements register).
    assert download(page, "Download rows loaded (CSV)") == (
        "rows_loaded.csv",
        (
            "\ufefftable_name,row_count,last_loaded_at\n"
            "teams,5,\nstaff,12,\nassignments,0,\ncourses,3,\npolicies,6,\ncoverage,22,\n"
            "agreements,0,\ntraining,21,\ndecisions,22,\n"
        ).encode(),
    )
    screenshot(page, "status")
    page.close()


def test_every_page_in_the_navigation_loads_clean(server: str, browser: Browser) -> None:  # noqa: F811
    """A page added to the navigation is opened too: no error box, no console error, every
    chart drawn, a screenshot. (Its numbers need their own test, as above.)"""
    page, _ = shown(server, browser, "")
    links = page.locator("[data-testid='stSidebarNav'] a").evaluate_all(
        "(links) => links.map((a) => a.href)"
    )
    page.close()
    paths = [urlsplit(link).path.strip("/") for link in links]
    assert set(paths) >= CHECKED_PAGES
    for path in paths:
        if path in CHECKED_PAGES:
            continue
        other, _ = shown(server, browser, path)
        assert other.locator("h1").count() == 1
        screenshot(other, path)
        other.close()


def test_pdf_board_pack_downloads_and_opens(server: str, browser: Browser) -> None:  # noqa: F811
    page, errors = shown(server, browser, "export")
    assert page.locator("h1").first.inner_text() == "Export"
    page.get_by_role("button", name="Prepare export").click()
    page.get_by_role("button", name="Download everything (zip)").wait_for(timeout=60_000)
    wait_for_app(page)
    assert error_boxes(page) == []
    assert unexpected(errors, server, "export") == []
    screenshot(page, "export")
    name, data = download(page, "PDF board pack (A4) (board_pack_internal.pdf)")
    page.close()
    assert name == "board_pack_internal.pdf"
    assert data.startswith(b"%PDF-")
    pack = pypdf.PdfReader(io.BytesIO(data))
    # A cover and eleven sections (tests/test_export_pdf.py), each an A4 page.
    assert len(pack.pages) == 12
    assert {
        (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in pack.pages
    } == {A4_POINTS}
    summary = pack.pages[1].extract_text()
    assert summary.splitlines()[0] == "Executive summary"
    # The headline numbers of the Overview, worked out by hand in tests/test_pages_overview.py.
    assert "10 in place, of 15 that apply" in summary
    assert "10 in date, of 16 required" in summary


# The team table's CSV on the main period: tests/test_pages_overview.py works out each row.
TEAM_STATUS_HEADER = (
    "Team,Overall,Policy coverage,Training,Record completeness,Decisions,Share rate"
)
TEAM_STATUS_EDS = (
    "Education safeguarding,■ Red,▲ 80 % (4 of 5),■ 40 % (2 of 5),■ 75 % (3 of 4),4,75 % (3 of 4)"
)


def test_team_status_csv_is_the_table_shown(server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = shown(server, browser, "")
    name, data = download(page, "Download team status (CSV)")
    assert name == "team_status.csv"
    # UTF-8 with a byte-order mark, so that Excel shows ■ ● ▲ ○ as they are.
    assert data.decode("utf-8") == "\ufeff" + "\n".join(
        [
            TEAM_STATUS_HEADER,
            "Child protection north,■ Red,■ 50 % (2 of 4),● 100 % (2 of 2),■ 40 % (2 of 5),5,"
            "60 % (3 of 5)",
            "Family help,● Green,● 100 % (1 of 1),● 100 % (1 of 1),○ No data,0,no data (0 of 0)",
            "Multi-agency safeguarding hub,■ Red,■ 60 % (3 of 5),■ 62.5 % (5 of 8),"
            "■ 57.1 % (4 of 7),7,85.7 % (6 of 7)",
            TEAM_STATUS_EDS,
            "",
        ]
    )
    page.close()


def test_record_gaps_csv(server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = shown(server, browser, "sharing")
    # tests/test_pages_sharing.py: complete of decisions, then each gap.
    assert download(page, "Download record gaps per team (CSV)") == (
        "record_gaps_per_team.csv",
        (
            "\ufeffTeam,Complete records,No lawful basis,No Art 9 condition,No Art 10 condition,"
            "No reason,Refusals: no reason,No purpose,No decision maker\n"
            "Child protection north,■ Red · 40 % (2 of 5),1,1,0,1,1,0,0\n"
            "Multi-agency safeguarding hub,■ Red · 57.1 % (4 of 7),0,1,0,1,0,1,0\n"
            "Education safeguarding,■ Red · 75 % (3 of 4),1,1,0,1,0,1,0\n"
        ).encode(),
    )
    page.close()


# Education safeguarding (EDS) alone. At X: 4 of 5 policies (P-EMERG past review); training 2 of
# 5 (S08 C-DP and C-CODE; S08 C-SHARE after X, S09 expired at X, S10 failed); 4 decisions, 3
# shared, 3 of 4 decisions complete (D14 has no lawful basis, purpose, reason or Art 9
# condition; D16, a refusal with its reason, is complete).
# At Z: policies 2 of 4 (P-DSA not yet approved; P-DPIA and P-TRANS attested after Z), training
# 2 of 5 (S08 C-CODE, S09 C-DP); D19 the only decision, shared, no purpose: 0 of 1 complete.
EDS_TILES = [
    ["Policy coverage", "80 %", "+30.0 pts", "4 in place, of 5 that apply", "▲ Amber"],
    ["Training completion", "40 %", "no change", "2 in date, of 5 required", "■ Red"],
    ["Decisions logged", "4", "+3"],
    ["Share rate", "75 %", "-25.0 pts", "3 shared, of 4 decisions"],
    ["Complete records", "75 %", "+75.0 pts", "3 complete, of 4 decisions", "■ Red"],
]


def test_team_filter_changes_numbers_and_url_and_the_link_reopens_it(
    server: str,
    browser: Browser,  # noqa: F811
) -> None:
    page, _ = shown(server, browser, "")
    before = [tile[:2] for tile in page.evaluate(TILES_JS)]
    assert before == [
        ["Policy coverage", "66.6 %"],
        ["Training completion", "62.5 %"],
        ["Decisions logged", "16"],
        ["Share rate", "75 %"],
        ["Complete records", "56.2 %"],
    ]
    page.get_by_role("combobox", name="Teams").click()
    page.get_by_role("option", name="Education safeguarding (EDS)").click()
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: query(url).get("teams") == "EDS", timeout=30_000)
    wait_for_app(page)
    assert query(page.url) == {**MAIN_URL_PARAMS, "teams": "EDS"}
    assert page.evaluate(TILES_JS) == EDS_TILES
    assert error_boxes(page) == []
    screenshot(page, "overview_eds")

    # The link opened in a new page (a new browser context: no session shared) shows the same.
    errors: list[str] = []
    again = open_page(browser, page.url, errors)
    page.close()
    assert unexpected(errors, server, "") == []
    assert error_boxes(again) == []
    assert query(again.url) == {**MAIN_URL_PARAMS, "teams": "EDS"}
    assert again.evaluate(TILES_JS) == EDS_TILES
    chosen = again.get_by_role("group", name="Selected values").locator("[data-tag]")
    assert chosen.all_inner_texts() == ["Education safeguarding (EDS)"]
    _, data = download(again, "Download team status (CSV)")
    assert data.decode("utf-8") == f"\ufeff{TEAM_STATUS_HEADER}\n{TEAM_STATUS_EDS}\n"
    again.close()


# The Agreements register page (issue 11 req 6) on the fixture organisation with a register
# (tests/fixture_agreements.py), served apart: the main fixture has no register.
@pytest.fixture(scope="module")
def register_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app against the fixture organisation with its agreements register."""
    with served(tmp_path_factory.mktemp("browser_register"), build_agreements_db) as url:
        yield url


def test_register_page(register_server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = shown(register_server, browser, "register")
    assert page.locator("h1").first.inner_text() == "Agreements register"
    # tests/test_pages_register.py: 2 in force at X, MASH-01 91 days past review, 4 of the 9
    # routine shares in P made under an agreement in force on the day
    assert page.evaluate(TILES_JS) == [
        ["Agreements in force", "2"],
        ["Past their review date", "1", "■ Past review"],
        ["Routine shares covered", "4 of 9"],
    ]
    legend = page.get_by_text("in force on 30 Jun 2026 but past its review date")
    assert legend.inner_text().startswith("■ Past review: in force on 30 Jun 2026 but past")
    assert download(page, "Download agreements past review (CSV)") == (
        "agreements_past_review.csv",
        (
            "\ufeffReference,Title,Review due,Review,Routine shares in the period\n"
            "DSA-MASH-01,MASH information sharing,2026-03-31,■ Past review · 91 days overdue,4\n"
        ).encode(),
    )
    name, body = download(page, "Download agreements register (CSV)")
    assert name == "agreements_register.csv"
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Reference,Title,Status,Review due,Review,Signed on,Ended on,DPIA,DPIA date,"
        "Routine shares,Made when not in force,Made past review,Partners,Partner types,Scope"
    )
    assert lines[2] == (
        "DSA-MASH-01,MASH information sharing,active,2026-03-31,■ Past review · 91 days "
        'overdue,2024-04-01,,DPIA-01,2025-08-01,4,0,1,"Northbridge Police, Northbridge NHS '
        'Trust","police, health",Referrals and strategy discussions at the front door'
    )
    assert len(lines) == 5  # header and the four agreements
    screenshot(page, "register")
    page.close()
