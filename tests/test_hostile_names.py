"""Names a spreadsheet would run as formulas (issue 9): loaded through the real ingest, then every
page's CSV downloads and every export (CSV and XLSX, internal and external) must show them as
text, never run them.

Ingest trims spaces and control characters round every cell, so a tab or carriage return in front
of a name in a file does not reach the database (`\\t=1` is stored as `=1`). The database file can
still be edited directly (analysts may open it, DATA_CONTRACT.md), and the organisation's name
comes from settings.toml untrimmed, so both prefixes are put there as well.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from appstore.actions import NewAction, add_action
from appstore.store import opened
from core.settings import load_settings
from exports.build import build_export
from exports.sources import governance_sources
from pipelines.ingest import ingest
from pipelines.store import connect_readonly, writer
from tests.fixture_org import APP, MAIN, MAIN_PARAMS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://x","y")'
ORGANISATION = "\t=1+1"
# A number written as a number (-3, 62.5) is data, not a formula.
NUMBER = re.compile(r"-?\d+(\.\d+)?")
GENERATED_AT = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
CONFIG = APP.parent / ".streamlit" / "config.toml"

FILES = {
    "teams.csv": (
        "team_id,team_name,directorate\n"
        f'HUB,"{HYPERLINK.replace(chr(34), chr(34) * 2)}",+cmd\n'
        "-T2,@SUM(A1),-2+3\n"
        'EH,"\t=1","\r=1"\n'
    ),
    # Named like a formula too: the Data status page lists file names.
    "=staff.csv": (
        "staff_id,team_id,role,name,is_decision_maker,start_date\n"
        "S1,HUB,@SUM(A1),-2+3,yes,2020-01-01\n"
        "S2,HUB,+Officer,=1+1,no,2020-01-01\n"
        # Refused (not a date), so the Data status page lists a refusal too.
        "S5,EH,Officer,Bad Date,no,=1\n"
        'S3,-T2,"\r=1","\t=1",yes,2020-01-01\n'
        # A carriage return inside a name: unquoted, it would start a row with `=1+2`.
        'S4,EH,-Lead,"@Sam\r=1+2",no,2020-01-01\n'
    ),
    "courses.csv": (
        "course_id,title,refresh_months,required_for,ico_step\n"
        'C1,"\t=1",12,all,1\n'
        "C2,-Course,24,decision_makers,3\n"
        "C3,+Code,0,all,10\n"
    ),
    "training.csv": (
        "staff_id,course_id,completed_on,result\n"
        "S1,C1,2025-09-01,pass\n"
        "S2,C1,2024-01-01,pass\n"
        "S3,C2,2026-01-01,pass\n"
        "S1,C3,2025-01-01,pass\n"
    ),
    "policies.csv": (
        "policy_id,title,ico_step,owner,version,approved_on,review_due\n"
        'P1,"\r=1",3,=Owner,1,2024-01-01,2027-01-01\n'
        'P2,@Policy,4,"DPO\r=1+2",1,2024-01-01,2026-05-31\n'
        "P3,+Plan,9,DPO,1,2024-01-01,2026-08-01\n"
        "P4,-Step ten,10,DPO,1,2024-01-01,2027-01-01\n"
    ),
    "coverage.csv": (
        "team_id,policy_id,status,attested_on\n"
        "HUB,P1,in_place,2025-01-01\n"
        "HUB,P2,partial,2025-01-01\n"
        "-T2,P1,not_started,2025-02-01\n"
        "EH,P3,in_place,2025-03-01\n"
        "EH,P4,in_place,2025-03-01\n"
    ),
    # An agreement whose reference, title and partners look like formulas, cited by D1.
    "agreements.csv": (
        "dsa_ref,title,partners,partner_types,status,signed_on,review_due\n"
        "=DSA-1,+Agreement,@Police|-Health,police,active,2024-01-01,2026-01-01\n"
    ),
    "decisions.csv": (
        "decision_id,team_id,decided_at,decision,recipient_type,recipient_org,purpose,"
        "lawful_basis,special_category,child_ref,reason,emergency,routine,dsa_ref\n"
        "D1,HUB,2025-08-01 10:00,shared,police,=Org,=purpose,public_task,no,K1,yes,no,yes,=DSA-1\n"
        "D2,-T2,2025-09-01 10:00,not_shared,health,,,,,K2,,no,,\n"
        "D3,EH,2026-01-10 10:00,shared,health,@Org,+purpose,,yes,K3,r,yes,,\n"
        "D4,HUB,2026-03-01 10:00,partially_shared,education,,-purpose,legal_obligation,no,K4,r,no"
        ",,\n"
    ),
}


@pytest.fixture(scope="module")
def hostile_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(database, settings file) of an organisation whose names all look like formulas."""
    root = tmp_path_factory.mktemp("hostile")
    files = root / "files"
    files.mkdir()
    for name, text in FILES.items():
        (files / name).write_bytes(text.encode("utf-8"))
    db = root / "db" / "compliance.duckdb"
    out, err = io.StringIO(), io.StringIO()
    # Teams first, the staff file by its kind (its name does not give it), then the rest; the
    # one refused staff row (its start date is `=1`) makes the second call exit 1.
    assert ingest([files / "teams.csv"], db, out=out, err=err) == 0
    assert ingest([files / "=staff.csv"], db, kind="staff", out=out, err=err) == 1
    others = [files / name for name in FILES if name not in ("teams.csv", "=staff.csv")]
    assert ingest(others, db, out=out, err=err) == 0
    assert err.getvalue().splitlines() == [
        f"{files / '=staff.csv'}:4:start_date: '=1' is not a date: write it as 2026-03-31 or "
        "31/03/2026"
    ]
    with writer(db) as con:
        trimmed = con.execute("select team_name, directorate from teams where team_id = 'EH'")
        assert trimmed.fetchall() == [("=1", "=1")]
        # As an analyst editing the file might leave them: prefixes ingest would have trimmed.
        con.execute("update teams set directorate = '\t=1' where team_id = 'EH'")
        con.execute("update staff set role = chr(13) || '=1' where staff_id = 'S3'")
    settings = root / "settings.toml"
    settings.write_text('[organisation]\nname = "\\t=1+1"\n', encoding="utf-8")
    assert load_settings(settings)["organisation"]["name"] == ORGANISATION
    return db, settings


@pytest.fixture
def hostile_app(
    hostile_env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Path:
    """The dashboard pointed at the hostile organisation, with one action named like formulas
    (due in 2099: not overdue, so the Overview's downloads are as they were)."""
    db, settings = hostile_env
    monkeypatch.setenv("COMPLIANCE_DB", str(db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(settings))
    monkeypatch.setenv("COMPLIANCE_APP_STORE", str(tmp_path / "app_state.sqlite"))
    with opened(tmp_path / "app_state.sqlite") as store:
        action = NewAction("=1+2", "-T2", "@Sam", dt.date(2099, 1, 1))
        add_action(store, action, "+who", None)
    return db


def file_cells(name: str, data: bytes) -> list[Any]:
    """Every cell of a CSV, an XLSX workbook (which must hold no formula) or a zip of them."""
    if name.endswith(".csv"):
        assert data.startswith("\ufeff".encode()), name  # UTF-8 with a byte-order mark
        return [
            c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for c in row
        ]
    if name.endswith(".xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(data))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == [], name
        return [c.value for c in cells]
    assert name.endswith(".zip"), name
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [c for entry in archive.namelist() for c in file_cells(entry, archive.read(entry))]


def unsafe_cells(cells: list[Any]) -> list[Any]:
    """The cells a spreadsheet would run as a formula: text starting =, +, -, @, tab or CR."""
    return [
        c
        for c in cells
        if isinstance(c, str) and c.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(c)
    ]


def neutralised(cells: list[Any]) -> set[str]:
    """The cells written with the apostrophe that keeps them text."""
    return {c for c in cells if isinstance(c, str) and c.startswith("'")}


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every download button a page offers (AppTest does not run them)."""
    offered: list[tuple[str, bytes]] = []
    original = streamlit.download_button

    def recording(label: str, data: bytes, *args: Any, **kwargs: Any) -> Any:
        offered.append((kwargs["file_name"], data))
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", recording)
    return offered


def run_any_page(page: str, offered: list[tuple[str, bytes]]) -> AppTest:
    """The app on page; offered keeps only that page's downloads. The app runs once on the
    default page first, so that st.navigation knows every page (ico_steps is not its url)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in MAIN_PARAMS.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        offered.clear()
        at.switch_page(f"views/{page}.py").run()
    if page == "export":
        offered.clear()
        at.multiselect(key="export_formats").set_value(["csv", "xlsx"])
        at.button(key="export_prepare").click()
        at.run()
    return at


STEP_FILES = [f"step_{n}_by_team.csv" for n in range(1, 11)]
EXPORT_FILES = [
    "manifest.csv",
    "column_guide.csv",
    "team_summary.csv",
    "sharing_by_month_and_team.csv",
    "training_by_team_and_course.csv",
    "policy_coverage_by_team_and_step.csv",
    "record_gaps_by_team.csv",
    "ico_steps_by_team.csv",
    "ico_steps_by_month.csv",
    "warnings.csv",
    "agreements_past_review.csv",
    "open_actions.csv",
    "overdue_training.csv",
    "governance_summaries_internal.xlsx",
]
# Every download on every page of the hostile organisation: (page title, file names).
PAGE_DOWNLOADS = {
    "overview": (
        "Overview",
        [
            "early_warnings.csv",
            "risk_matrix.csv",
            "team_status.csv",
            "trends.csv",
            "decisions_per_month.csv",
        ],
    ),
    "ico_steps": ("ICO ten steps", ["ten_steps_by_team.csv", *STEP_FILES]),
    "coverage": (
        "Policy coverage",
        [
            "coverage_per_team.csv",
            "team_by_policy_status.csv",
            "policies_due_for_review.csv",
            "attestations_over_a_year_old.csv",
        ],
    ),
    "training": (
        "Training",
        [
            "completion_per_team.csv",
            "completion_per_team_and_course.csv",
            "training_completion_trend.csv",
            "overdue_or_never_trained.csv",
            "training_expiring.csv",
        ],
    ),
    "sharing": (
        "Sharing",
        [
            "decisions_per_month_by_team.csv",
            "shares_by_recipient_type.csv",
            "shares_by_lawful_basis.csv",
            "statutory_gateways.csv",
            "record_gaps_per_team.csv",
            "decisions_by_untrained_decision_makers.csv",
            "time_to_decision.csv",
            "emergency_decisions.csv",
        ],
    ),
    # No warning at the default agreements.min_shares (3): no warnings table, no download.
    "register": (
        "Agreements register",
        [
            "agreements_past_review.csv",
            "agreements_register.csv",
            "sharing_by_agreement_and_team.csv",
        ],
    ),
    "status": (
        "Data status",
        ["rows_loaded.csv", "refusals_by_reason.csv", "latest_loads.csv", "audit_log.csv"],
    ),
    "actions": ("Actions", ["actions.csv", "actions.xlsx", "action_1_history.csv"]),
    "export": (
        "Export",
        ["governance_export_internal_2025-07-01_to_2026-06-30.zip", *EXPORT_FILES],
    ),
}
# Whole files, worked out by hand. Training at X = 2026-06-30 (C1 every 12 months, for all; C2
# for decision makers; C3 for all, never expires): EH's S4 never trained (S5 was refused);
# HUB: S1 passed C1 2025-09-01 (in date), S2 in 2024-01-01 (expired), S1 passed C3, no C2;
# -T2: S3 (a decision maker) passed C2 only. Teams by name: `=1` < `=HYPERLINK` < `@SUM`.
EXACT = {
    "completion_per_team_and_course.csv": (
        "\ufeffTeam,'=1,'-Course,'+Code\n"
        "'=1,■ 0 % (0 of 1),not required,■ 0 % (0 of 1)\n"
        '"\'=HYPERLINK(""http://x"",""y"")",■ 50 % (1 of 2),■ 0 % (0 of 1),■ 50 % (1 of 2)\n'
        "'@SUM(A1),■ 0 % (0 of 1),● 100 % (1 of 1),■ 0 % (0 of 1)\n"
    ),
}
# A few cells each page must write exactly, apostrophe and all.
PAGE_CELLS = {
    "overview": {'\'=HYPERLINK("http://x","y")', "'@SUM(A1)", "'=1"},
    "ico_steps": {'\'=HYPERLINK("http://x","y")', "'@SUM(A1)", "'=1"},
    "coverage": {"'@Policy", "'+Plan", "'-Step ten"},
    # Course titles as column names; the tab and CR put in the database directly.
    "training": {"'-Course", "'+Code", "'+cmd", "'-2+3", "'\t=1", "'\r=1", "'@Sam\r=1+2", "'-Lead"},
    "sharing": {'\'=HYPERLINK("http://x","y")', "'-T2"},
    "register": {"'=DSA-1", "'+Agreement", "'@Police, -Health"},
    "status": {"'=staff.csv", "'=staff.csv, line 4"},
    "actions": {"'=1+2", "'@Sam", "'-T2", "'+who"},
    "export": {"'\t=1+1", "'-T2, EH, HUB", "'=1+1", "'\r=1"},
}


def test_every_page_is_checked() -> None:
    assert set(PAGE_DOWNLOADS) == {path.stem for path in (APP.parent / "views").glob("*.py")}


@pytest.mark.parametrize("page", list(PAGE_DOWNLOADS))
def test_every_page_download_shows_formulas_as_text(
    hostile_app: Path, downloads: list[tuple[str, bytes]], page: str
) -> None:
    at = run_any_page(page, downloads)
    assert not at.exception
    title, names = PAGE_DOWNLOADS[page]
    assert at.title[0].value == title
    assert [name for name, _ in downloads] == names
    seen: set[str] = set()
    for name, data in downloads:
        cells = file_cells(name, data)
        assert unsafe_cells(cells) == [], name
        seen |= neutralised(cells)
        if name in EXACT:
            assert data.decode("utf-8") == EXACT[name]
    assert PAGE_CELLS[page] <= seen


TITLE = "Sharing information to safeguard children: governance summaries"


@pytest.mark.parametrize("external", [False, True])
def test_every_export_file_shows_formulas_as_text(
    hostile_env: tuple[Path, Path], external: bool
) -> None:
    db, settings = hostile_env
    # An open action whose words and owner look like formulas, in a store of its own.
    store = db.parent / f"actions_{external}.sqlite"
    with opened(store) as app:
        add_action(app, NewAction("=1+1", "EH", "@SUM(A1)", dt.date(2026, 1, 1)), "-2", None)
    con = connect_readonly(db)
    files = build_export(
        con,
        MAIN,
        external=external,
        formats={"csv", "xlsx"},
        generated_at=GENERATED_AT,
        settings=load_settings(settings),
        governance=governance_sources(
            con, MAIN, load_settings(settings), store, dt.date(2026, 7, 1)
        ),
    )
    con.close()
    audience = "external" if external else "internal"
    internal_only = ("overdue_training.csv", "open_actions.csv")
    expected = [n for n in EXPORT_FILES if not (external and n in internal_only)]
    assert list(files) == [n.replace("internal", audience) for n in expected]
    for name, data in files.items():
        assert unsafe_cells(file_cells(name, data)) == [], name
    manifest = dict(csv.reader(io.StringIO(files["manifest.csv"].decode("utf-8-sig"))))
    assert manifest["organisation"] == "'\t=1+1"
    assert manifest["teams_in_scope"] == "'-T2, EH, HUB"
    # team_id, team_name and directorate of the three teams, as the CSV and the sheet hold them.
    teams = [
        ["EH", "'=1", "'\t=1"],
        ["HUB", '\'=HYPERLINK("http://x","y")', "'+cmd"],
        ["'-T2", "'@SUM(A1)", "'-2+3"],
    ]
    summary = list(csv.reader(io.StringIO(files["team_summary.csv"].decode("utf-8-sig"))))
    assert [row[:3] for row in summary[1:4]] == teams
    book = openpyxl.load_workbook(io.BytesIO(files[f"governance_summaries_{audience}.xlsx"]))
    assert book["About"]["A1"].value == f"'\t=1+1: {TITLE}"
    sheet = book["Team summary"]
    assert [[c.value for c in row[:3]] for row in sheet.iter_rows(min_row=2, max_row=4)] == teams
    if not external:
        # The action's words and owner, typed by a leader in the app, are text too.
        actions = list(csv.reader(io.StringIO(files["open_actions.csv"].decode("utf-8-sig"))))
        assert [(r[1], r[5]) for r in actions[1:]] == [("'=1+1", "'@SUM(A1)")]


def test_tables_offer_no_csv_of_their_own() -> None:
    # st.dataframe's toolbar writes its own CSV in the browser (Streamlit 1.67, useDataExporter),
    # cells as they are: with it on, every table would have a second, unsafe download.
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
