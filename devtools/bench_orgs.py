"""`make bench`'s multi-organisation case: Spark local[2] against DuckDB over the same Parquet.

It generates N organisations with the demo generator (seeds 42, 43, ...; the same teams, other
rows), loads each into its own DuckDB file with `python -m pipelines ingest`, and publishes all of
them into one Parquet store (pipelines/publish.py). Then every page's recorded queries
(devtools/bench_pages.py: each filter setting, and the first few again for a viewer of some
teams) are replayed for one organisation of the store on three engines in the same run:

- Spark: metrics.spark.SparkEngine on a `local[2]` session over the store, as the dashboard
  runs it with `COMPLIANCE_ENGINE=spark` (each table a cached view of the organisation's rows;
  the queries others use kept per set of bound values, so a later page of the same setting
  reuses them);
- DuckDB over the same Parquet: an in-memory DuckDB whose tables are views over `read_parquet`
  of the whole store filtered to the organisation (hive partitions, so the other
  organisations' files are pruned), running the same metric SQL;
- DuckDB on the organisation's own database file, as the single-organisation dashboard does.

Spark's cold start is the session's start and then the first page (the Overview of the first
setting) on a new engine; the replay then runs on a fresh engine of the same session, so the
first setting's kept results are not reused. The DuckDB-over-Parquet reader lives here, not in
the product: the product reads a store only through Spark.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from core.settings import ACCESS_MODE_ENV
from devtools import bench_pages
from metrics import query
from pipelines.publish import MANIFEST, ORGANISATION, publish, read_manifest
from pipelines.store import connect_readonly

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "data" / "bench" / "orgs"
END = "2026-10-31"  # the generator's default last day, as devtools/bench.py's END
FIRST_SEED = 42
# Today's size on this shared 2-core machine: 20 organisations x 100,000 decisions (2M).
ORGS = 20
ORG_SCALE = 4.0  # 25,000 decisions at scale 1
# The smoke test's size: 2 organisations of 1,000 decisions.
QUICK_ORGS = 2
QUICK_ORG_SCALE = 0.04
QUICK_ORG_SETTINGS = 1
ENGINES = ("Spark local[2] over Parquet", "DuckDB over the same Parquet", "DuckDB, own file")
SPARK, PARQUET, OWN_FILE = ENGINES
Runner = Callable[[str, dict[str, Any]], Any]


@dataclass
class OrgsResult:
    """Every figure of the multi-organisation case."""

    organisations: int
    organisation: str
    settings: int = 0
    limited: int = 0
    decisions: int = 0
    store_rows: int = 0
    store_files: int = 0
    store_mb: float = 0.0
    publish_s: float = 0.0
    spark_session_s: float = 0.0
    spark_cold_s: float = 0.0
    pages_ms: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)


def organisation_id(index: int) -> str:
    """The store's id of the index-th generated organisation: org01, org02, ..."""
    return f"org{index + 1:02d}"


def _progress(step: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} organisations: {step}", file=sys.stderr, flush=True)


def _pipelines(*args: str) -> None:
    """`python -m pipelines ARGS` in this process (a process each would cost its start-up)."""
    from cli import main as pipelines_main

    with contextlib.redirect_stdout(io.StringIO()):
        status = pipelines_main(list(args))
    if status not in (0, 1):  # 1: some rows refused, which a load may do
        raise RuntimeError(f"python -m pipelines {args[0]} failed ({status})")


def loaded_organisation(index: int, scale: float) -> Path:
    """The index-th organisation generated and loaded into its own database, once (kept in
    data/bench/orgs/ and reused: same seed, same bytes)."""
    seed = FIRST_SEED + index
    folder = WORK / f"seed-{seed}-scale-{scale:g}"
    db = WORK / f"seed-{seed}-scale-{scale:g}.duckdb"
    done = WORK / f"seed-{seed}-scale-{scale:g}.loaded"
    if not done.exists():
        for stale in (db, Path(f"{db}.key")):
            stale.unlink(missing_ok=True)
        _pipelines(
            "generate",
            "--out",
            str(folder),
            "--seed",
            str(seed),
            "--scale",
            f"{scale:g}",
            "--end",
            END,
        )
        _pipelines("ingest", "--db", str(db), str(folder))
        done.touch()
    return db


def published_store(databases: list[Path], store: Path, result: OrgsResult) -> None:
    """Every database published into the store (unchanged partitions are kept), timed; the
    store's rows, files and size on disk."""
    start = time.perf_counter()
    for index, db in enumerate(databases):
        organisation = organisation_id(index)
        publish(db, store, organisation, f"Organisation {index + 1}")
    result.publish_s = time.perf_counter() - start
    manifest = read_manifest(store) or {}
    tables = manifest.get("tables", {})
    result.store_rows = sum(info["rows"] for info in tables.values())
    result.decisions = tables.get("decisions", {}).get("rows", 0)
    result.store_files = sum(len(info["files"]) for info in tables.values())
    size = sum(p.stat().st_size for p in store.rglob("*.parquet"))
    result.store_mb = size / 1024**2


def parquet_connection(store: Path, organisation: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are views of one organisation's rows in the store,
    without the partition columns: the tables its own database file has."""
    manifest = read_manifest(store)
    if manifest is None:
        raise FileNotFoundError(f"{store}: no {MANIFEST}: publish a database into it first")
    con = duckdb.connect()
    for table, info in manifest["tables"].items():
        kept = [(n, t) for n, t in info["columns"] if n not in info["partition_by"]]
        columns = ", ".join(f'"{n}"' for n, _ in kept)
        mine = [f for f in info["files"] if f.startswith(f"{table}/{ORGANISATION}={organisation}/")]
        if mine:
            # the whole store, pruned by its hive partitions to this organisation's files
            files = (store / table / "**" / "*.parquet").as_posix().replace("'", "''")
            source = (
                f"read_parquet('{files}', hive_partitioning = true, "
                f"hive_types_autocast = false) where {ORGANISATION} = '{organisation}'"
            )
        else:
            typed = ", ".join(f'null::{t} as "{n}"' for n, t in kept)
            source = f"(select {typed}) where false"
        con.execute(f"create view {table} as select {columns} from {source}")
    return con


def duckdb_runner(con: duckdb.DuckDBPyConnection) -> Runner:
    """A query run on DuckDB as bench_pages replays it: the composed SQL, fetched to pandas."""

    def run(name: str, params: dict[str, Any]) -> Any:
        return con.sql(query.composed_sql(name), params=params).to_arrow_table().to_pandas()

    return run


@dataclass
class Case:
    """What to measure: the store's size, the settings replayed and the engines."""

    organisations: int
    scale: float
    settings: int | None = None  # the first this many filter settings; None: all
    limited: int = bench_pages.LIMITED_VIEWERS  # of them, replayed again for a limited viewer
    spark: bool = True


@dataclass
class Replay:
    """Every page's recorded queries per setting, and the teams a limited viewer sees half of."""

    recorded: dict[str, list[bench_pages.Recorded]]
    teams: list[str]
    limited: int

    def first_page(self) -> bench_pages.Recorded:
        """The first page's queries for the first setting."""
        return next(iter(self.recorded.values()))[0]

    def seconds(self, run: Runner, warm_up: bool = True) -> dict[str, list[float]]:
        """Per page, the seconds its queries take for each setting, then for the first
        `limited` settings again as a viewer of every other team (as bench_pages does), after
        the first page once untimed (unless warm_up is False): every engine starts warm."""
        if warm_up:
            _page_seconds(run, self.first_page())
        times: dict[str, list[float]] = {}
        for title, runs in self.recorded.items():
            again = [bench_pages.for_viewer(r, self.teams[::2]) for r in runs[: self.limited]]
            times[title] = [_page_seconds(run, r) for r in runs + again]
        return times


def _page_seconds(run: Runner, recorded: bench_pages.Recorded) -> float:
    start = time.perf_counter()
    for name, params in recorded:
        run(name, params)
    return time.perf_counter() - start


def measure_spark(
    store: Path, organisation: str, replay: Replay, result: OrgsResult
) -> dict[str, list[float]]:
    """Spark's cold start (session, then the first page), then every page's replay on a
    fresh engine of the same session."""
    from metrics.spark import SparkEngine, spark_session

    start = time.perf_counter()
    session = spark_session("local[2]")
    result.spark_session_s = time.perf_counter() - start
    _page_seconds(SparkEngine(session, store, organisation).run, replay.first_page())
    result.spark_cold_s = time.perf_counter() - start
    try:
        # Warmed by the cold start; a fresh engine, so that its kept results are not reused
        # (the tables' cache is: it belongs to the session).
        return replay.seconds(SparkEngine(session, store, organisation).run, warm_up=False)
    finally:
        session.stop()


def record_settings(db: Path, settings: int | None) -> dict[str, list[bench_pages.Recorded]]:
    """Every page's queries for each filter setting, recorded on db (an organisation's own
    database: the generated organisations share their teams, so one recording serves all)."""
    con = connect_readonly(db)
    chosen = bench_pages.filter_settings(con, dt.date.fromisoformat(END))[:settings]
    con.close()
    os.environ["COMPLIANCE_DB"] = str(db)
    os.environ[ACCESS_MODE_ENV] = "local"
    return bench_pages.record_all(chosen)


def measure(case: Case, recorded: dict[str, list[bench_pages.Recorded]] | None) -> OrgsResult:
    """The whole case: generate and load, publish, record (unless given), then replay the
    first organisation's pages on each engine."""
    WORK.mkdir(parents=True, exist_ok=True)
    result = OrgsResult(case.organisations, organisation_id(0))
    _progress(f"generating and loading {case.organisations} at scale {case.scale:g}")
    databases = [loaded_organisation(i, case.scale) for i in range(case.organisations)]
    store = WORK / f"store-{case.organisations}x{case.scale:g}"
    _progress(f"publishing into {store}")
    published_store(databases, store, result)
    if recorded is None:
        _progress("recording every page's queries")
        recorded = record_settings(databases[0], case.settings)
    recorded = {title: runs[: case.settings] for title, runs in recorded.items()}
    result.settings = len(next(iter(recorded.values())))
    result.limited = min(case.limited, result.settings)
    with contextlib.closing(connect_readonly(databases[0])) as own:
        teams = [t for (t,) in own.execute("select team_id from teams order by 1").fetchall()]
        replay = Replay(recorded, teams, case.limited)
        _progress("page queries on DuckDB, own file")
        times = {OWN_FILE: replay.seconds(duckdb_runner(own))}
    with contextlib.closing(parquet_connection(store, result.organisation)) as parquet:
        _progress("page queries on DuckDB over the Parquet store")
        times[PARQUET] = replay.seconds(duckdb_runner(parquet))
    if case.spark:
        _progress("Spark's cold start and page queries")
        times[SPARK] = measure_spark(store, result.organisation, replay, result)
    result.pages_ms = {
        engine: {title: bench_pages.summary(s) for title, s in pages.items()}
        for engine, pages in times.items()
    }
    return result


def _cell(value: float | None, fmt: str) -> str:
    return "not run" if value is None else fmt.format(value)


def _ratio(numerator: float | None, denominator: float | None) -> str:
    if numerator is None or not denominator:
        return "-"
    return f"{numerator / denominator:.1f}x"


def _page_rows(result: OrgsResult) -> list[str]:
    rows = []
    for title, _ in bench_pages.PAGES:
        for stat, at in (("median", 0), ("p95", 1)):
            ms = [result.pages_ms[e][title][at] if e in result.pages_ms else None for e in ENGINES]
            cells = [_cell(v, "{:,.0f}") for v in ms]
            cells += [_ratio(ms[0], ms[1]), _ratio(ms[0], ms[2]), _ratio(ms[1], ms[2])]
            rows.append(f"| {title}: queries, {stat} (ms) | " + " | ".join(cells) + " |")
    return rows


def table(result: OrgsResult) -> str:
    """One Markdown table: each page's median and p95 on the three engines and their ratios,
    then Spark's cold start and the store."""
    head = ["figure", *ENGINES, "Spark / DuckDB Parquet", "Spark / own file", "Parquet / own file"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head), *_page_rows(result)]
    spark = SPARK in result.pages_ms
    blank = " | ".join(["-"] * 3)

    def one(figure: str, value: str) -> str:
        return f"| {figure} | {value} | - | - | {blank} |"

    lines += [
        one(
            "Spark cold start: session (s)",
            _cell(result.spark_session_s if spark else None, "{:.1f}"),
        ),
        one(
            "Spark cold start: session and first page (s)",
            _cell(result.spark_cold_s if spark else None, "{:.1f}"),
        ),
    ]
    store = [
        ("store: organisations", f"{result.organisations:,}"),
        ("store: decisions", f"{result.decisions:,}"),
        ("store: rows, every table", f"{result.store_rows:,}"),
        ("store: Parquet files", f"{result.store_files:,}"),
        ("store: size on disk (MB)", f"{result.store_mb:,.1f}"),
        ("publish every organisation (s)", f"{result.publish_s:.1f}"),
    ]
    lines += [f"| {figure} | {value} | {value} | - | {blank} |" for figure, value in store]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The case's size and switches, shared by `python -m devtools.bench` and this module."""
    parser.add_argument(
        "--orgs",
        type=int,
        help=f"organisations in the store (default {ORGS}; quick {QUICK_ORGS}; 0: leave out)",
    )
    parser.add_argument(
        "--org-scale",
        type=float,
        help=f"generator scale of each (25,000 decisions at 1; default {ORG_SCALE:g})",
    )
    parser.add_argument("--org-settings", type=int, help="filter settings replayed (default all)")
    parser.add_argument(
        "--no-spark", action="store_true", help="leave out the Spark column (no Java needed)"
    )


def case_of(args: argparse.Namespace) -> Case:
    """The case the options ask for; --quick: 2 small organisations, one setting, no viewer
    replay again and no Spark (its start and first page take minutes here: more than the smoke
    test may add)."""
    quick = getattr(args, "quick", False)
    return Case(
        organisations=args.orgs if args.orgs is not None else (QUICK_ORGS if quick else ORGS),
        scale=args.org_scale or (QUICK_ORG_SCALE if quick else ORG_SCALE),
        settings=args.org_settings or (QUICK_ORG_SETTINGS if quick else None),
        limited=0 if quick else bench_pages.LIMITED_VIEWERS,
        spark=not (args.no_spark or quick),
    )


def heading(result: OrgsResult) -> str:
    """What the table measured, above it."""
    per = result.decisions // max(result.organisations, 1)
    return (
        f"Multi-organisation case: {result.organisations} organisations of about {per:,} "
        f"decisions in one Parquet store; the page queries of {result.organisation} for "
        f"{result.settings} filter setting(s) (and the first {result.limited} again for a "
        "viewer of some teams), on each engine in the same run, after one untimed first page.\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Measure the case alone and print its table."""
    parser = argparse.ArgumentParser(prog="python -m devtools.bench_orgs", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="2 small organisations, 1 setting, no Spark"
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    result = measure(case_of(args), None)
    print(heading(result))
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
