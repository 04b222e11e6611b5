"""`python -m pipelines export` as an administrator or a scheduled job runs it."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import io
import subprocess
import sys
from pathlib import Path

import pytest

import metrics.ico_steps
import metrics.trends
from appstore.actions import NewAction, add_action
from appstore.store import opened, store_path
from cli import main
from cli.export import ExportArgumentError, filters_of, formats_of, period_of
from cli.source import measures_connection
from core.settings import DEFAULTS
from exports.build import build_export
from exports.sources import governance_sources
from metrics.filters import Filters, trend_month_ends, trend_window
from metrics.warnings import early_warnings
from pipelines.store import connect_readonly
from tests.fixture_org import MAIN

ROOT = Path(__file__).resolve().parent.parent
STAMP = "2026-07-01T09:00:00+00:00"
GENERATED_AT = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
PERIOD = "2025-07-01..2026-06-30"


def cli(*args: str, settings: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    if settings is not None:
        env["COMPLIANCE_SETTINGS"] = str(settings)
    return subprocess.run(
        [sys.executable, "-m", "pipelines", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def expected_files(db: Path, external: bool, formats: set[str]) -> dict[str, bytes]:
    con = connect_readonly(db)
    try:
        return build_export(
            con,
            MAIN,
            external=external,
            formats=formats,
            generated_at=GENERATED_AT,
            settings=DEFAULTS,
            # the command reads the same sources: warnings, register, the app store by the db
            governance=governance_sources(
                con, MAIN, DEFAULTS, store_path(DEFAULTS, db), GENERATED_AT.date()
            ),
        )
    finally:
        con.close()


def test_the_command_writes_what_the_function_makes(
    fixture_db: Path,
    tmp_path: Path,
) -> None:
    out = tmp_path / "board" / "2026-06"
    done = cli(
        "export",
        "--db",
        str(fixture_db),
        "--out",
        str(out),
        "--period",
        PERIOD,
        "--external",
        "--format",
        "csv,xlsx",
        "--generated-at",
        STAMP,
        settings=tmp_path / "none.toml",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    expected = expected_files(fixture_db, True, {"csv", "xlsx"})
    assert done.stdout.splitlines() == [str(out / name) for name in expected]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == expected


@pytest.mark.slow
def test_the_board_pack_from_the_command_is_byte_for_byte_the_apps(
    fixture_db: Path,
    tmp_path: Path,
) -> None:
    done = cli(
        "export",
        "--db",
        str(fixture_db),
        "--out",
        str(tmp_path),
        "--period",
        PERIOD,
        "--format",
        "pdf",
        "--generated-at",
        STAMP,
        settings=tmp_path / "none.toml",
    )
    assert done.returncode == 0, done.stderr
    expected = expected_files(fixture_db, False, {"pdf"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix != ".toml"} == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--period", "13m"],
            "--period '13m' is not one of 12m, fy, lq or a range FROM..TO like "
            "2025-04-01..2026-03-31",
        ),
        (
            ["--period", "2026-06-31..2026-07-31"],
            "--period start '2026-06-31' is not a date: write it as 2026-03-31",
        ),
        (
            ["--period", "2026-06-30..2025-07-01"],
            "--period 2026-06-30..2025-07-01 starts after it ends",
        ),
        (
            ["--period", PERIOD, "--as-of", "30/06/2026"],
            "--as-of '30/06/2026' is not a date: write it as 2026-03-31",
        ),
        (
            ["--period", PERIOD, "--teams", "MASH,NOPE"],
            "--teams: no team with id NOPE; known ids: CP-N, EDS, FH, MASH, OLD",
        ),
        (
            ["--period", PERIOD, "--directorate", "Education", "--teams", "MASH"],
            "--teams: no team in Education with id MASH; known ids: EDS, OLD",
        ),
        (
            ["--period", PERIOD, "--directorate", "Health"],
            "--directorate 'Health' is not a "
            "directorate in the database: use one of Children's Social Care, Education",
        ),
        (
            ["--period", PERIOD, "--format", "csv,docx"],
            "--format 'csv,docx': use one or more of csv, xlsx, pdf, comma-separated",
        ),
        (
            ["--period", PERIOD, "--generated-at", "noon"],
            "--generated-at 'noon' is not a time: write it as 2026-11-26T09:30:00+00:00",
        ),
    ],
)
def test_mistakes_are_one_line_and_exit_2(
    fixture_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / "out"
    # In-process for speed; the subprocess tests around it show the real command the same.
    assert main(["export", "--db", str(fixture_db), "--out", str(out), *args]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"export: {message}"]
    assert captured.out == ""
    assert not out.exists()


def test_a_missing_database_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nope.duckdb"
    done = cli("export", "--db", str(db), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"export: {db}: no such database (load data with `ingest` first)"
    ]
    assert not db.exists()


def test_a_missing_out_option_is_a_usage_error(tmp_path: Path) -> None:
    done = cli("export", "--db", str(tmp_path / "x.duckdb"))
    assert done.returncode == 2
    assert "the following arguments are required: --out" in done.stderr
    assert "Traceback" not in done.stderr


TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # The dashboard's presets on 2026-11-26.
        ("12m", (dt.date(2025, 11, 27), TODAY)),
        ("fy", (dt.date(2026, 4, 1), TODAY)),
        ("lq", (dt.date(2026, 7, 1), dt.date(2026, 9, 30))),
        ("2025-04-01..2026-03-31", (dt.date(2025, 4, 1), dt.date(2026, 3, 31))),
    ],
)
def test_periods_are_the_dashboards_presets_or_a_range(
    text: str, period: tuple[dt.date, dt.date]
) -> None:
    assert period_of(text, TODAY) == period


def test_a_period_may_not_end_after_today() -> None:
    with pytest.raises(ExportArgumentError, match="ends after today"):
        period_of("2026-01-01..2026-12-31", TODAY)


def test_formats_are_a_comma_list() -> None:
    assert formats_of(" PDF, csv ") == {"pdf", "csv"}
    with pytest.raises(ExportArgumentError):
        formats_of(",")


def options(**given: str) -> argparse.Namespace:
    """The export options, with those given set and the rest as if left out."""
    return argparse.Namespace(
        **{"period": "12m", "as_of": None, "directorate": None, "teams": None, **given}
    )


KNOWN_TEAMS = {"MASH": "Children's Social Care", "EDS": "Education", "OLD": "Education"}


def test_options_become_the_dashboards_filters() -> None:
    f = filters_of(
        options(period="fy", as_of="2026-09-30", directorate=" Education ", teams="EDS, OLD"),
        KNOWN_TEAMS,
        TODAY,
    )
    assert f == Filters(
        dt.date(2026, 4, 1), TODAY, dt.date(2026, 9, 30), "Education", ("EDS", "OLD")
    )


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"period": "custom"},
            "--period 'custom' is not one of 12m, fy, lq or a range FROM..TO like "
            "2025-04-01..2026-03-31",
        ),
        (
            {"period": "2026-06-01..2026-12-31"},
            "--period 2026-06-01..2026-12-31 ends after today (2026-11-26)",
        ),
        ({"as_of": "2026-11-27"}, "--as-of 2026-11-27 is after today (2026-11-26)"),
        (
            {"directorate": " "},
            "--directorate '' is not a directorate in the database: use one of "
            "Children's Social Care, Education",
        ),
        # the directorate is reported first; the teams are not checked against it
        (
            {"directorate": "Health", "teams": "NOPE"},
            "--directorate 'Health' is not a directorate in the database: use one of "
            "Children's Social Care, Education",
        ),
    ],
)
def test_options_that_cannot_be_used_are_refused(given: dict[str, str], message: str) -> None:
    with pytest.raises(ExportArgumentError) as refused:
        filters_of(options(**given), KNOWN_TEAMS, TODAY)
    assert str(refused.value) == message


def test_the_command_exports_the_app_stores_open_actions_and_names_what_is_missing(
    fixture_db: Path, tmp_path: Path
) -> None:
    # An open action past its due date, one not yet due, and a done one in the store the
    # settings name: the internal export lists the two open ones, overdue first, overdue as of
    # the day the export is stamped with (--generated-at), as the pack says.
    store = tmp_path / "store.sqlite"
    today = GENERATED_AT.date()
    late, soon = today - dt.timedelta(days=10), today + dt.timedelta(days=10)
    with opened(store) as app:
        add_action(app, NewAction("Renew the DSA", "MASH", "DPO", soon, ico_step=6), "a", None)
        add_action(app, NewAction("Chase training", "CP-N", "Head", late, ico_step=1), "a", None)
        add_action(app, NewAction("Done already", "EDS", "Head", late, status="done"), "a", None)
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[app_store]\npath = "{store}"\n', encoding="utf-8")
    out = tmp_path / "out"
    done = cli(
        "export", "--db", str(fixture_db), "--out", str(out), "--period", PERIOD,
        "--format", "csv", "--generated-at", STAMP, settings=settings,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    actions = list(csv.DictReader(io.StringIO((out / "open_actions.csv").read_text("utf-8-sig"))))
    assert [(a["title"], a["team_id"], a["ico_step"], a["overdue"]) for a in actions] == [
        ("Chase training", "CP-N", "1", "yes"),
        ("Renew the DSA", "MASH", "6", "no"),
    ]
    # The fixture has no agreements register: the file is left out and the manifest says so.
    assert not (out / "agreements_past_review.csv").exists()
    manifest = dict(csv.reader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    assert manifest["not_available"] == "agreements register"
    # The warnings are metrics.warnings' own, one row each.
    con = connect_readonly(fixture_db)
    try:
        warned = early_warnings(con, MAIN, DEFAULTS, int(DEFAULTS["training"]["grace_days"]))
    finally:
        con.close()
    rows = list(csv.DictReader(io.StringIO((out / "warnings.csv").read_text("utf-8-sig"))))
    assert sorted((r["kind"], r["team_id"]) for r in rows) == sorted(
        zip(warned["kind"], warned["team_id"].fillna(""), strict=True)
    )


@pytest.mark.slow
@pytest.mark.timeout(1200)  # a whole export's queries on local Spark, on a busy 2-core machine
def test_with_the_spark_engine_the_export_has_the_same_bytes(
    fixture_db: Path,
    on_spark: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # COMPLIANCE_ENGINE=spark: the same measures from the published fixture store, read by the
    # test run's local Spark session, give byte for byte the CSV files DuckDB gives.
    # Each month of a trend is the same query again at other dates (on Spark a dozen jobs a
    # month: 12 months cost about 70 s of this test); both engines draw 2-month trends here, so
    # the trends' composition is still compared, and test_metrics_spark compares every query.
    for module in (metrics.ico_steps, metrics.trends):
        monkeypatch.setattr(
            module, "trend_month_ends", functools.partial(trend_month_ends, months=2)
        )
    monkeypatch.setattr(
        metrics.ico_steps, "trend_window", functools.partial(trend_window, months=2)
    )
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "none.toml"))
    out = tmp_path / "spark-export"
    args = ["export", "--out", str(out), "--period", PERIOD, "--external", "--format", "csv"]
    assert main([*args, "--generated-at", STAMP]) == 0, capsys.readouterr().err
    expected = expected_files(fixture_db, True, {"csv"})
    # The one difference: the export names the store's organisation as its manifest does
    # (tests/conftest.py publishes `northbridge` as Northbridge Borough Council), not the
    # setting organisation.name.
    manifest = expected["manifest.csv"]
    expected["manifest.csv"] = manifest.replace(b"City Council", b"Borough Council", 1)
    assert manifest.count(b"Northbridge City Council") == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == expected


def test_with_the_spark_engine_and_no_store_the_export_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMPLIANCE_ENGINE", "sparks")
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "none.toml"))
    assert main(["export", "--out", str(tmp_path / "x"), "--period", PERIOD]) == 1
    assert capsys.readouterr().err == (
        'export: the engine is "sparks" (COMPLIANCE_ENGINE or engine.name): use "duckdb" '
        '(the database file, embedded) or "spark" (a published Parquet store)\n'
    )


@pytest.mark.slow
def test_with_the_spark_engine_an_unknown_organisation_is_named_with_those_held(
    on_spark: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "none.toml"))
    args = ["export", "--out", str(tmp_path / "x"), "--period", PERIOD]
    assert main([*args, "--organisation", "southmoor"]) == 2
    assert capsys.readouterr().err == (
        f"export: --organisation 'southmoor' is not in the store at {on_spark}: use one of "
        "northbridge, register\n"
    )
    assert not (tmp_path / "x").exists()
    # a held one is served (the export's measures are the byte-for-byte test above's)
    assert measures_connection(tmp_path / "unused.duckdb", "register").organisation == "register"
    assert measures_connection(tmp_path / "unused.duckdb", None).organisation == "northbridge"


def test_a_database_file_has_only_the_settings_organisation(
    fixture_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", "--db", str(fixture_db), "--out", str(tmp_path / "x"), "--period", PERIOD]
    assert main([*args, "--organisation", "register"]) == 2
    assert capsys.readouterr().err == (
        "export: --organisation 'register': the database file holds one organisation, "
        "northbridge (organisation.id); to choose among several, use a shared store "
        "(COMPLIANCE_ENGINE=spark)\n"
    )
