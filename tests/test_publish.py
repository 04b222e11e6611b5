"""Publishing the validated tables as a Parquet store (pipelines/publish.py, cli publish)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.publish import MANIFEST, PublishError, publish
from tests.fixture_agreements import build_agreements_db

ROOT = Path(__file__).resolve().parent.parent
NAME = "Fixture Borough Council"


def files_state(store: Path) -> dict[str, tuple[str, int]]:
    """Every Parquet file in the store: sha256 and modification time (ns)."""
    return {
        p.relative_to(store).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(store.rglob("*.parquet"))
    }


@pytest.fixture
def db(fixture_db: Path, tmp_path: Path) -> Path:
    """A private copy of the fixture database, to change."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(fixture_db, copy)
    return copy


def test_tables_rows_partitions_and_manifest(db: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    manifest = publish(db, store, "fixture", NAME)
    rows = {t: info["rows"] for t, info in manifest["tables"].items()}
    # the fixture's rows as written in tests/fixture_org.py; no agreements register, no
    # assignments and no load log
    assert rows == {
        "agreements": 0,
        "assignments": 0,
        "courses": 3,
        "coverage": 22,
        "decisions": 22,
        "ingest_runs": 0,
        "policies": 6,
        "rejected_rows": 0,
        # the rollups: D01-D22 fall on 22 distinct team-days (decisions, training per day); the
        # 18 shares each make their own breakdown row; 16 decisions have a time to measure;
        # every fixture decision says routine no, so no routine share; D06, D10 and D15 are the
        # emergencies
        "rollup_decision_times": 16,
        "rollup_decision_training": 22,
        "rollup_decisions_daily": 22,
        "rollup_emergency_decisions": 3,
        "rollup_routine_shares_daily": 0,
        "rollup_shares_daily": 18,
        "staff": 12,
        "teams": 5,
        "training": 21,
    }
    assert manifest["schema_version"] == 1
    assert manifest["organisations"] == {"fixture": NAME}
    decisions = manifest["tables"]["decisions"]
    assert decisions["partition_by"] == ["organisation", "decided_month"]
    # D01-D22 fall in 18 months; July 2025 has D01 and D08
    assert len(decisions["files"]) == 18
    july = "decisions/organisation=fixture/decided_month=2025-07/data_0.parquet"
    assert decisions["files"][july]["rows"] == 2
    assert list(manifest["tables"]["teams"]["files"]) == [
        "teams/organisation=fixture/data_0.parquet"
    ]
    on_disk = files_state(store)
    listed = {f: v["sha256"] for t in manifest["tables"].values() for f, v in t["files"].items()}
    assert listed == {f: sha for f, (sha, _) in on_disk.items()}
    assert json.loads((store / MANIFEST).read_text()) == manifest


def test_the_child_pseudonym_and_file_paths_are_not_published(db: Path, tmp_path: Path) -> None:
    manifest = publish(db, tmp_path / "store", "fixture", NAME)
    columns = [c for c, _ in manifest["tables"]["decisions"]["columns"]]
    assert "child_pseudonym" not in columns
    assert "path" not in [c for c, _ in manifest["tables"]["ingest_runs"]["columns"]]
    glob = str(tmp_path / "store" / "decisions" / "**" / "*.parquet")
    read = duckdb.sql(f"select * from read_parquet('{glob}', hive_partitioning = true)")
    assert "child_pseudonym" not in read.columns
    assert {r[0] for r in read.aggregate("organisation").fetchall()} == {"fixture"}


def test_the_agreements_register_and_the_review_columns_are_published(tmp_path: Path) -> None:
    # The register's four agreements (tests/fixture_agreements.py), and the decisions' after-the-
    # event review columns, as DuckDB has them.
    db = tmp_path / "register.duckdb"
    build_agreements_db(db)
    manifest = publish(db, tmp_path / "store", "fixture", NAME)
    assert manifest["tables"]["agreements"]["rows"] == 4
    assert list(manifest["tables"]["agreements"]["files"]) == [
        "agreements/organisation=fixture/data_0.parquet"
    ]
    columns = dict(manifest["tables"]["decisions"]["columns"])
    assert (columns["reviewed_by"], columns["reviewed_on"]) == ("VARCHAR", "DATE")
    glob = str(tmp_path / "store" / "agreements" / "**" / "*.parquet")
    refs = duckdb.sql(f"select dsa_ref from read_parquet('{glob}') order by 1").fetchall()
    assert refs == [("DSA-EDU-02",), ("DSA-LA-04",), ("DSA-MASH-01",), ("DSA-VOL-03",)]


def test_publishing_the_same_database_again_changes_nothing(db: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    publish(db, store, "fixture", NAME)
    before, manifest_text = files_state(store), (store / MANIFEST).read_bytes()
    publish(db, store, "fixture", NAME)
    assert files_state(store) == before  # same bytes, not even rewritten
    assert (store / MANIFEST).read_bytes() == manifest_text


def test_a_newer_database_replaces_exactly_the_partitions_that_changed(
    db: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    publish(db, store, "fixture", NAME)
    before = files_state(store)
    with duckdb.connect(str(db)) as con:
        # D06 (March 2026) gets a purpose; D21 (May 2024, the month's only decision) goes
        con.execute("update decisions set purpose = 'Safety plan' where decision_id = 'D06'")
        con.execute("delete from decisions where decision_id = 'D21'")
    manifest = publish(db, store, "fixture", NAME)
    after = files_state(store)
    month = "decisions/organisation=fixture/decided_month={}/data_0.parquet"
    changed = {f for f in before.keys() & after.keys() if before[f] != after[f]}
    assert changed == {month.format("2026-03")}
    assert before.keys() - after.keys() == {month.format("2024-05")}
    assert after.keys() - before.keys() == set()
    assert not (store / "decisions" / "organisation=fixture" / "decided_month=2024-05").exists()
    assert manifest["tables"]["decisions"]["rows"] == 21


def test_organisations_share_a_store_without_touching_each_other(db: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    publish(db, store, "fixture", NAME)
    first = files_state(store)
    manifest = publish(db, store, "second-org", "Second Trust")
    assert manifest["organisations"] == {"fixture": NAME, "second-org": "Second Trust"}
    assert {f: s for f, s in files_state(store).items() if "=fixture/" in f} == first
    assert manifest["tables"]["decisions"]["rows"] == 44  # 22 each
    with pytest.raises(PublishError, match="already holds organisation id 'fixture'"):
        publish(db, store, "fixture", "Another Council")


@pytest.mark.parametrize("organisation", ["", "North Bridge", "../x", "A1"])
def test_an_unusable_organisation_id_is_refused(
    organisation: str, db: Path, tmp_path: Path
) -> None:
    with pytest.raises(PublishError, match="lower-case letters, digits and hyphens"):
        publish(db, tmp_path / "store", organisation, NAME)


def test_the_command_publishes_and_reports_each_table(db: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "publish", "--db", str(db), "--out", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # agreements, assignments, courses, coverage, then decisions (the manifest's order)
    assert lines[4] == "decisions: 22 rows in 18 files"
    assert lines[-1].startswith(f"{store / MANIFEST}: published ")
    # the organisation id comes from the settings: organisation.id is northbridge
    assert (store / "teams" / "organisation=northbridge").is_dir()
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines",
            "publish",
            "--db",
            str(tmp_path / "no.duckdb"),
            "--out",
            str(store),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert missing.stderr == (
        f"publish: {tmp_path / 'no.duckdb'}: no database there: load files with `ingest` "
        "first, or give --db\n"
    )
