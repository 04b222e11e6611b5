"""Known raw child identifiers and reason texts go in; none of them comes out anywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"
CHILD_REFS = ("ZQ9988776", "XK1122334", "child-ref-with-spaces 77")
REASONS = (
    "PRIVATE reason: mother disclosed domestic abuse",
    "PRIVATE reason: school nurse saw bruising",
)
PAGES = (
    "overview",
    "ico_steps",
    "coverage",
    "training",
    "sharing",
    "register",
    "status",
    "actions",
)
PERIOD = {"period": "custom", "from": "2026-01-01", "to": "2026-03-31", "asof": "2026-03-31"}


def secrets() -> list[bytes]:
    values = [*CHILD_REFS, *REASONS, "mother disclosed", "bruising"]
    found = []
    for value in values:
        found += [value.encode(), value.lower().encode(), value.upper().encode()]
        found.append(value.encode("utf-16-le"))
    return found


def assert_clean(where: str, data: bytes) -> None:
    for secret in secrets():
        assert secret not in data, f"{secret!r} found in {where}"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("privacy")
    (folder / "teams.csv").write_text("team_id,team_name,directorate\nMASH,Front door,CSC\n")
    header = "decision_id,team_id,decided_at,decision,recipient_type,child_ref,reason,purpose"
    rows = [
        f"D1,MASH,2026-02-01 10:00,shared,police,{CHILD_REFS[0]},{REASONS[0]},Assess risk",
        f"D2,MASH,2026-02-02 10:00,shared,health,{CHILD_REFS[0].lower()},{REASONS[1]},Assess",
        f"D3,MASH,2026-02-03 10:00,not_shared,health,{CHILD_REFS[1]},{REASONS[1]},",
        # Refused rows: the problem messages must not quote the child or the reason.
        f"D4,MASH,2026-02-04 10:00,maybe,police,{CHILD_REFS[1]},{REASONS[0]},",
        f"D5,NOPE,31/02/2026,shared,nobody,{CHILD_REFS[2]},{REASONS[0]},",
        f"D1,MASH,2026-02-05 10:00,shared,police,{CHILD_REFS[2]},{REASONS[1]},",
    ]
    (folder / "decisions_2026.csv").write_text("\n".join([header, *rows]) + "\n")
    # A file with no header at all: its first row must not be echoed as column names.
    (folder / "decisions_noheader.csv").write_text("\n".join(rows[:2]) + "\n")
    db = folder / "db" / "compliance.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", "--db", str(db), str(folder)],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.count(b"\n") >= 5  # the refusals were reported...
    return db, done.stdout + done.stderr  # ...and are scanned below


def test_database_folder_holds_no_raw_identifier_or_reason(loaded: tuple[Path, bytes]) -> None:
    db, _ = loaded
    files = list(db.parent.iterdir())
    assert db in files
    for path in files:
        assert_clean(str(path), path.read_bytes())


def test_ingest_output_holds_no_raw_identifier_or_reason(loaded: tuple[Path, bytes]) -> None:
    _, output = loaded
    assert b"decisions_2026.csv:5:decision: 'maybe' is not allowed" in output
    assert_clean("ingest stdout/stderr", output)


@pytest.mark.parametrize("page", PAGES)
def test_rendered_pages_hold_no_raw_identifier_or_reason(
    loaded: tuple[Path, bytes], page: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db, _ = loaded
    monkeypatch.setenv("COMPLIANCE_DB", str(db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "none.toml"))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in PERIOD.items():
        at.query_params[key] = value
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception
    shown = [repr(element) for element in at.main] + [repr(e) for e in at.sidebar]
    shown += [frame.value.to_csv() for frame in at.dataframe]
    text = "\n".join(shown)
    # The scan sees what the page shows: a figure only the loaded data can give.
    assert {"status": "decisions_2026.csv"}.get(page, "Front door") in text or page == "coverage"
    assert_clean(f"page {page}", text.encode())


@pytest.mark.slow
@pytest.mark.parametrize("external", [False, True])
def test_exports_hold_no_raw_identifier_or_reason(
    loaded: tuple[Path, bytes], external: bool
) -> None:
    import datetime as dt
    import io
    import zipfile

    from pypdf import PdfReader

    from core.settings import DEFAULTS
    from exports.build import build_export
    from metrics.filters import Filters
    from pipelines.store import connect_readonly

    db, _ = loaded
    f = Filters(dt.date(2026, 1, 1), dt.date(2026, 3, 31), dt.date(2026, 3, 31))
    files = build_export(
        connect_readonly(db),
        f,
        external=external,
        formats={"csv", "xlsx", "pdf"},
        generated_at=dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC),
        settings=DEFAULTS,
    )
    assert any(name.endswith(".pdf") for name in files)
    for name, data in files.items():
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as book:  # XLSX is zipped XML
                data = b"".join(book.read(member) for member in book.namelist())
        elif name.endswith(".pdf"):
            data = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).encode()
            assert b"Front door" in data or b"MASH" in data  # the scan reads the real text
        assert_clean(f"export {name}", data)


def test_the_audit_log_holds_no_raw_identifier_or_reason(
    loaded: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db, _ = loaded
    store = tmp_path / "app_state.sqlite"
    monkeypatch.setenv("COMPLIANCE_DB", str(db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "none.toml"))
    monkeypatch.setenv("COMPLIANCE_APP_STORE", str(store))
    for page in ("sharing", "status"):
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in PERIOD.items():
            at.query_params[key] = value
        at.switch_page(f"views/{page}.py")
        at.run()
        assert not at.exception
    files = sorted(tmp_path.glob("app_state.sqlite*"))
    assert store in files
    # the page views were recorded (the period is there), and nothing of any child
    assert b"2026-01-01" in b"".join(path.read_bytes() for path in files)
    for path in files:
        assert_clean(str(path), path.read_bytes())
