"""What an export says about loads: when data was last loaded and how many rows were refused.

Loads are recorded per file, not per team, and a refused row's team may be unknown, so an export
for a team-scoped viewer leaves both out (manifest, board pack cover and last page); an export of
every team states them, and one for use outside the organisation suppresses a small refused
count. The board pack's HTML is read directly: printing it is tests/test_export_pdf.py's job.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from core.settings import DEFAULTS
from exports import build
from exports.build import build_export
from pipelines.store import connect_readonly, writer
from tests.fixture_org import MAIN

GENERATED_AT = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
TAG = re.compile(r"<[^>]+>")
LEFT_OUT = (
    "left out: loads are recorded by file, not by team, so only an export of every team says "
    "when data was loaded"
)
SCOPED_NOTE = (
    "Rows refused at loading are left out of this pack: a refused row's team cannot always be "
    "known, so only a pack of every team counts them."
)


def loaded(fixture_db: Path, folder: Path, refused_lines: tuple[int, ...]) -> Path:
    """The fixture organisation with two loads recorded: teams.csv at 07:58, all loaded, and
    decisions.csv at 08:00 on 1 Jul 2026, with one unknown-team problem per refused line."""
    path = folder / "compliance.duckdb"
    shutil.copyfile(fixture_db, path)
    with writer(path) as con:
        con.execute(
            "insert into ingest_runs (path, file_name, kind, sha256, rows_read, rows_loaded, "
            "rows_refused, status, started_at, finished_at) values "
            "('/in/teams.csv', 'teams.csv', 'teams', 'aa', 5, 5, 0, 'loaded', "
            "'2026-07-01 07:58', '2026-07-01 07:58'), "
            "('/in/decisions.csv', 'decisions.csv', 'decisions', 'bb', 20, 20 - $n, $n, "
            "'loaded_with_refusals', '2026-07-01 07:59', '2026-07-01 08:00')",
            {"n": len(refused_lines)},
        )
        for line in refused_lines:
            con.execute(
                "insert into rejected_rows select run_id, 'decisions.csv', $line, 'team_id', "
                "'unknown_reference', 'unknown team NOPE' from ingest_runs "
                "where file_name = 'decisions.csv'",
                {"line": line},
            )
    return path


@pytest.fixture(scope="module")
def three_refused(
    fixture_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect_readonly(loaded(fixture_db, tmp_path_factory.mktemp("three"), (2, 5, 9)))
    yield con
    con.close()


@pytest.fixture(scope="module")
def seven_refused(
    fixture_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    lines = (2, 3, 4, 5, 6, 7, 8)
    con = connect_readonly(loaded(fixture_db, tmp_path_factory.mktemp("seven"), lines))
    yield con
    con.close()


def export(
    con: duckdb.DuckDBPyConnection,
    monkeypatch: pytest.MonkeyPatch,
    external: bool,
    allowed: tuple[str, ...] | None = None,
) -> tuple[dict[str, str], str]:
    """(manifest field -> value, the board pack's text), the pack's HTML kept unprinted."""
    monkeypatch.setattr(build, "pdf_bytes", lambda page, ctx: page.encode("utf-8"))
    files = build_export(
        con,
        replace(MAIN, allowed=allowed),
        external=external,
        formats={"csv", "pdf"},
        generated_at=GENERATED_AT,
        settings=DEFAULTS,
    )
    manifest = dict(csv.reader(io.StringIO(files["manifest.csv"].decode("utf-8-sig"))))
    page = files[f"board_pack_{'external' if external else 'internal'}.pdf"].decode("utf-8")
    page = page.split("<body", 1)[1]  # the inlined plotly.js is not the pack's text
    return manifest, " ".join(html.unescape(TAG.sub(" ", page)).split())


def test_an_export_of_every_team_states_the_last_load_and_the_refused_rows(
    three_refused: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest, pack = export(three_refused, monkeypatch, external=False)
    # decisions.csv finished last, at 08:00; its 3 refused lines are 3 problems.
    assert manifest["last_ingest"] == "2026-07-01 08:00"
    assert "newest decision 2 Jul 2026; last data load 1 Jul 2026 08:00" in pack
    assert "Last data load 1 Jul 2026 08:00" in pack
    assert "3 rows were refused at the latest load of their files and are not counted" in pack


@pytest.mark.parametrize("external", [False, True], ids=["internal", "external"])
def test_a_team_scoped_export_leaves_the_loads_out(
    three_refused: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, external: bool
) -> None:
    # Today: the whole database's last load and refused count, in a pack for MASH alone.
    manifest, pack = export(three_refused, monkeypatch, external=external, allowed=("MASH",))
    assert manifest["last_ingest"] == LEFT_OUT
    assert "last data load" not in pack.lower()
    assert "rows were refused" not in pack
    assert SCOPED_NOTE in pack


@pytest.mark.parametrize(
    ("db", "shown"),
    [("three_refused", "c"), ("seven_refused", "7")],
    ids=["3-suppressed", "7-shown"],
)
def test_an_external_pack_suppresses_a_small_refused_count(
    db: str, shown: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    # Today the external pack prints 3 as 3. Threshold 5 (DEFAULTS): 1 to 5 become c.
    _, pack = export(request.getfixturevalue(db), monkeypatch, external=True)
    assert f"{shown} rows were refused at the latest load of their files" in pack


def test_no_refused_rows_is_said_as_such(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest, pack = export(con, monkeypatch, external=True)
    assert manifest["last_ingest"] == "never"
    assert "No rows were refused at the latest load of any file." in pack
    assert "newest decision 2 Jul 2026; last data load never" in pack
