"""The multi-organisation benchmark's own pieces (devtools/bench_orgs.py): DuckDB reading the
shared Parquet store gives each organisation what its own database gives, the replay runs every
page for every setting, and the table's ratios are the ones measured. No timing is asserted:
the whole case runs in tests/test_bench.py's smoke run. Cost: about 2 s (DuckDB on the fixture;
the store is conftest's spark_store, published once per run, no Spark session)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from devtools import bench_orgs
from devtools.bench_orgs import OWN_FILE, PARQUET, SPARK, OrgsResult, Replay
from devtools.bench_pages import PAGES
from metrics.query import SQL_DIR
from pipelines.publish import read_manifest
from pipelines.store import connect_readonly
from tests.test_metrics_spark import difference, result

QUERIES = sorted(p.stem for p in SQL_DIR.glob("*.sql"))


@pytest.mark.parametrize("organisation", ["northbridge", "register"])
def test_parquet_views_hold_the_organisations_own_tables(
    organisation: str, spark_store: Path, org_databases: dict[str, Path]
) -> None:
    parquet = bench_orgs.parquet_connection(spark_store, organisation)
    own = connect_readonly(org_databases[organisation])
    tables = read_manifest(spark_store)["tables"]
    try:
        counts = {
            t: (
                parquet.execute(f"select count(*) from {t}").fetchone()[0],
                own.execute(f"select count(*) from {t}").fetchone()[0],
            )
            for t in tables
        }
        columns = [r[0] for r in parquet.execute("describe decisions").fetchall()]
    finally:
        parquet.close()
        own.close()
    assert {t: a for t, (a, _) in counts.items()} == {t: b for t, (_, b) in counts.items()}
    # D01-D22 of tests/fixture_org.py in both (the register adds agreements, not decisions)
    assert counts["decisions"] == (22, 22)
    # the partition columns are not columns of the table, as in the database file
    assert "organisation" not in columns and "decided_month" not in columns


def test_every_metric_query_gives_the_same_rows_over_parquet_as_on_the_own_file(
    spark_store: Path, org_databases: dict[str, Path]
) -> None:
    # `register` only: the fixture with an agreements register as well, so every query has
    # rows to compare but the load log's (as tests/test_metrics_spark.py finds); one
    # organisation keeps the test cheap (42 queries on two connections).
    parquet = bench_orgs.parquet_connection(spark_store, "register")
    own = connect_readonly(org_databases["register"])
    try:
        found = {
            name: difference(name, result(own, name), result(parquet, name)) for name in QUERIES
        }
    finally:
        parquet.close()
        own.close()
    assert len(QUERIES) == 42
    assert {name: d for name, d in found.items() if d} == {}


def test_replay_runs_each_page_for_each_setting_then_again_for_a_limited_viewer() -> None:
    seen: list[tuple[str, Any]] = []
    recorded = {
        "Overview": [[("team_scorecard", {"allowed": None})], [("scope_teams", {})]],
        "Sharing": [[("decisions_by_team", {"allowed": None, "teams": []})], []],
    }
    replay = Replay(recorded, ["T01", "T02", "T03"], limited=1)
    times = replay.seconds(lambda name, params: seen.append((name, params.get("allowed"))))
    # per page: 2 settings + the first again for a viewer of every other team (T01, T03)
    assert {page: len(t) for page, t in times.items()} == {"Overview": 3, "Sharing": 3}
    # the untimed warm-up (Overview's first setting) first, then Overview's 3, then Sharing's 2
    # (its second setting runs no query)
    assert seen == [
        ("team_scorecard", None),
        ("team_scorecard", None),
        ("scope_teams", None),
        ("team_scorecard", ["T01", "T03"]),
        ("decisions_by_team", None),
        ("decisions_by_team", ["T01", "T03"]),
    ]


def _result(spark: bool) -> OrgsResult:
    pages = {title: (100.0, 200.0) for title, _ in PAGES}
    result = OrgsResult(3, "org01", settings=2, limited=1, decisions=3000, store_mb=2.5)
    result.pages_ms = {PARQUET: pages, OWN_FILE: {t: (50.0, 50.0) for t in pages}}
    if spark:
        result.pages_ms[SPARK] = {t: (300.0, 1000.0) for t in pages}
        result.spark_session_s, result.spark_cold_s = 5.0, 12.5
    return result


def test_the_table_gives_each_engine_and_the_ratios_measured() -> None:
    lines = bench_orgs.table(_result(spark=True)).splitlines()
    assert lines[0] == (
        "| figure | Spark local[2] over Parquet | DuckDB over the same Parquet | DuckDB, own file "
        "| Spark / DuckDB Parquet | Spark / own file | Parquet / own file |"
    )
    # 300/100, 300/50, 100/50; then 1000/200, 1000/50, 200/50
    assert lines[2] == "| Overview: queries, median (ms) | 300 | 100 | 50 | 3.0x | 6.0x | 2.0x |"
    assert lines[3] == "| Overview: queries, p95 (ms) | 1,000 | 200 | 50 | 5.0x | 20.0x | 4.0x |"
    assert len(lines) == 2 + 2 * len(PAGES) + 2 + 6
    assert "| Spark cold start: session and first page (s) | 12.5 | - | - |" in "\n".join(lines)
    assert "| store: size on disk (MB) | 2.5 | 2.5 | - |" in "\n".join(lines)


def test_the_table_says_when_spark_was_not_run() -> None:
    lines = bench_orgs.table(_result(spark=False)).splitlines()
    assert lines[2] == "| Overview: queries, median (ms) | not run | 100 | 50 | - | - | 2.0x |"
    cold = [line for line in lines if line.startswith("| Spark cold start")]
    assert [line.split(" | ")[1] for line in cold] == ["not run", "not run"]
