"""`make bench` (`python -m devtools.bench`): ingest, page queries, cold start and twenty viewers.

For each size it generates the demo organisation (same seed, same bytes; reused from
data/bench/ when already there), then measures in the same run: DuckDB's own raw load of the
same files (`create table as select * from read_csv(...)`, the floor) and `python -m pipelines
ingest` of them, each a process of its own with its wall time and peak RSS; the queries of every
page for one filter change over at least twenty filter settings (devtools/bench_pages.py); the
app's cold start to a first rendered page and twenty concurrent browser sessions moving through
every page (devtools/bench_browser.py). It prints one Markdown table, with how each figure grows
from the first size to the last. `--quick` runs the same at one small size with fewer settings and
viewers, as CI's smoke test (tests/test_bench.py): no test ever asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.settings import ACCESS_MODE_ENV
from devtools import bench_browser, bench_orgs, bench_pages
from pipelines.store import connect_readonly

Recorded = dict[str, list[bench_pages.Recorded]]

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "data" / "bench"
# (label, generator scale): 25,000 decisions at scale 1.
FULL_SIZES = (("demo", 1.0), ("1M", 40.0), ("10M", 400.0))
VIEWERS = 20
# The smoke test: one small organisation (1,000 decisions), two filter settings and two viewers,
# so that every stage runs in under a minute; its figures mean nothing.
QUICK_SIZES = (("small", 0.04),)
QUICK_SETTINGS = 2
QUICK_VIEWERS = 2
END = dt.date(2026, 10, 31)  # the generator's default last day: the settings are built round it


@dataclass
class SizeResult:
    """Every figure measured at one size."""

    label: str
    decisions: int = 0
    raw_load_s: float = 0.0
    raw_rss_mb: float = 0.0
    ingest_s: float = 0.0
    ingest_rss_mb: float = 0.0
    pages_ms: dict[str, tuple[float, float]] = field(default_factory=dict)
    cold_start_s: float = 0.0
    viewers_p95_s: float = 0.0
    opened_p95_s: float = 0.0
    moved_p95_s: float = 0.0
    server_cpu_s: float = 0.0
    browsers_cpu_s: float = 0.0
    viewer_pages: int = 0
    viewer_errors: list[str] = field(default_factory=list)
    viewers: int = VIEWERS


def generated(scale: float) -> Path:
    """The demo organisation at scale, generated once into data/bench/."""
    folder = WORK / f"scale-{scale:g}"
    done = folder / ".complete"
    if not done.exists():
        command = ["generate", "--out", str(folder), "--scale", f"{scale:g}", "--end", str(END)]
        subprocess.run(
            [sys.executable, "-m", "pipelines", *command],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        done.touch()
    return folder


def timed_process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a child process; fails when it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: some rows refused, which a load may do
        raise RuntimeError(f"{command[:4]} failed with exit status {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024


RAW_LOAD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
for i, path in enumerate(sys.argv[2:]):
    con.execute(f"create table raw_{i} as select * from read_csv(?)", [path])
con.execute("checkpoint")
"""


def measure_loads(folder: Path, db: Path, result: SizeResult) -> None:
    """DuckDB's raw load of the decision files, then our ingest of them, timed, into a database
    already holding the reference files (teams, staff, courses...), as issue 12 measured it."""
    for stale in (db, Path(f"{db}.raw"), Path(f"{db}.key")):
        stale.unlink(missing_ok=True)
    decisions = sorted(folder.glob("decisions_*.csv"))
    reference = [str(p) for p in sorted(folder.iterdir()) if p.suffix in (".csv", ".xlsx")]
    reference = [p for p in reference if Path(p) not in decisions]
    ingest = [sys.executable, "-m", "pipelines", "ingest", "--db", str(db)]
    subprocess.run([*ingest, *reference], cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    raw = timed_process([sys.executable, "-c", RAW_LOAD, f"{db}.raw", *map(str, decisions)])
    Path(f"{db}.raw").unlink(missing_ok=True)
    result.raw_load_s, result.raw_rss_mb = raw
    result.ingest_s, result.ingest_rss_mb = timed_process([*ingest, *map(str, decisions)])
    con = connect_readonly(db)
    result.decisions = con.execute("select count(*) from decisions").fetchone()[0]
    con.close()


def progress(step: str) -> None:
    """What the benchmark is doing, on stderr (a full run takes long)."""
    print(f"{dt.datetime.now():%H:%M:%S} {step}", file=sys.stderr, flush=True)


def measure_size(
    label: str, scale: float, recorded: Recorded | None, settings_count: int | None, viewers: int
) -> tuple[SizeResult, Recorded]:
    """Every figure at one size; the pages' queries are recorded on the first size's database
    when not given."""
    result = SizeResult(label, viewers=viewers)
    db = WORK / f"scale-{scale:g}.duckdb"
    progress(f"{label}: loads")
    measure_loads(generated(scale), db, result)
    if recorded is None:
        progress(f"{label}: recording every page's queries")
        recorded = record_settings(db, settings_count)
    progress(f"{label}: page queries")
    times = bench_pages.replay_seconds(db, recorded)
    result.pages_ms = {page: bench_pages.summary(seconds) for page, seconds in times.items()}
    log = WORK / f"scale-{scale:g}.app.log"
    progress(f"{label}: cold start and {viewers} viewers")
    cold, crowd = bench_browser.cold_start_and_viewers(db, viewers, "?period=12m", log)
    result.cold_start_s = cold
    result.viewers_p95_s = _p95_s(crowd.seconds)
    result.opened_p95_s, result.moved_p95_s = _p95_s(crowd.opened), _p95_s(crowd.moved)
    result.server_cpu_s, result.browsers_cpu_s = crowd.server_cpu_s, crowd.browsers_cpu_s
    result.viewer_pages = len(crowd.seconds)
    result.viewer_errors = crowd.errors
    return result, recorded


def _p95_s(seconds: list[float]) -> float:
    return bench_pages.summary(seconds)[1] / 1000 if seconds else 0.0


def record_settings(db: Path, settings_count: int | None) -> Recorded:
    """The queries every page runs for each filter setting (the queries depend on the filters,
    not on the size of the data, so the first size's database serves every size)."""
    con = connect_readonly(db)
    settings = bench_pages.filter_settings(con, END)[:settings_count]
    con.close()
    os.environ["COMPLIANCE_DB"] = str(db)
    os.environ[ACCESS_MODE_ENV] = "local"
    return bench_pages.record_all(settings)


def _growth(first: float, last: float) -> str:
    return f"{last / first:.1f}x" if first else "-"


def _rows(results: list[SizeResult]) -> list[tuple[str, list[float], str]]:
    """(figure, value per size, format) for every row of the table."""
    rows = [
        ("decisions", [r.decisions for r in results], "{:,.0f}"),
        ("DuckDB raw load of the same files (s)", [r.raw_load_s for r in results], "{:.1f}"),
        ("ingest wall time, whole process (s)", [r.ingest_s for r in results], "{:.1f}"),
        ("ingest / raw load", [r.ingest_s / r.raw_load_s for r in results], "{:.1f}x"),
        ("ingest peak RSS (MB)", [r.ingest_rss_mb for r in results], "{:,.0f}"),
        ("raw load peak RSS (MB)", [r.raw_rss_mb for r in results], "{:,.0f}"),
        ("ingest rows per second", [r.decisions / r.ingest_s for r in results], "{:,.0f}"),
    ]
    for title, _ in bench_pages.PAGES:
        rows.append(
            (f"{title}: queries, median (ms)", [r.pages_ms[title][0] for r in results], "{:,.0f}")
        )
        rows.append(
            (f"{title}: queries, p95 (ms)", [r.pages_ms[title][1] for r in results], "{:,.0f}")
        )
    crowd = f"{results[0].viewers} viewers"
    rows += [
        ("cold start to first page rendered (s)", [r.cold_start_s for r in results], "{:.1f}"),
        (f"{crowd}: p95 to a rendered page (s)", [r.viewers_p95_s for r in results], "{:.1f}"),
        (f"{crowd}: p95 opening the link (s)", [r.opened_p95_s for r in results], "{:.1f}"),
        (
            f"{crowd}: p95 to a page chosen in the sidebar (s)",
            [r.moved_p95_s for r in results],
            "{:.1f}",
        ),
        (f"{crowd}: processor seconds, app server", [r.server_cpu_s for r in results], "{:,.0f}"),
        (f"{crowd}: processor seconds, browsers", [r.browsers_cpu_s for r in results], "{:,.0f}"),
        (f"{crowd}: pages rendered", [r.viewer_pages for r in results], "{:,.0f}"),
        (f"{crowd}: errors", [len(r.viewer_errors) for r in results], "{:,.0f}"),
    ]
    return rows


def table(results: list[SizeResult]) -> str:
    """The Markdown table: one column per size and, with several sizes, the growth from the
    first to the last."""
    growth = len(results) > 1
    head = ["figure", *(r.label for r in results)]
    head += [f"{results[0].label} -> {results[-1].label}"] if growth else []
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for figure, values, fmt in _rows(results):
        cells = [fmt.format(v) for v in values]
        cells += [_growth(values[0], values[-1])] if growth else []
        lines.append(f"| {figure} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    """The date and the machine the figures came from."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    load = os.getloadavg()[0]
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores ({cpu}), "
        f"{memory_gb:.0f} GB RAM, Python {platform.python_version()}, DuckDB "
        f"{duckdb.__version__}; load average {load:.1f} at the end"
    )


def measure_organisations(args: argparse.Namespace, recorded: Recorded) -> None:
    """The multi-organisation case (devtools/bench_orgs.py) on the queries recorded above,
    printed as a table of its own (--quick: without its Spark column, bench_orgs.case_of)."""
    case = bench_orgs.case_of(args)
    if case.organisations == 0:
        return
    result = bench_orgs.measure(case, recorded)
    print("\n" + bench_orgs.heading(result))
    print(bench_orgs.table(result))


def main(argv: list[str] | None = None) -> int:
    """Measure every size and print the table; exit 1 when a viewer saw an error."""
    parser = argparse.ArgumentParser(prog="python -m devtools.bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, 2 settings, 2 viewers (CI smoke test)"
    )
    parser.add_argument("--sizes", help="comma-separated scales, e.g. 1,40 (default 1,40,400)")
    bench_orgs.add_arguments(parser)
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    if args.sizes:
        sizes = tuple((f"scale {s}", float(s)) for s in args.sizes.split(","))
    WORK.mkdir(parents=True, exist_ok=True)
    settings_count = QUICK_SETTINGS if args.quick else None
    viewers = QUICK_VIEWERS if args.quick else VIEWERS
    results, recorded = [], None
    for label, scale in sizes:
        result, recorded = measure_size(label, scale, recorded, settings_count, viewers)
        results.append(result)
    settings = len(next(iter(recorded.values())))
    print(f"Measured {machine()}.")
    print(
        f"Page queries: {settings} filter settings, and the first "
        f"{min(settings, bench_pages.LIMITED_VIEWERS)} again for a viewer limited to some "
        f"teams.\n"
    )
    print(table(results))
    measure_organisations(args, recorded)
    errors = [f"{r.label}: {e}" for r in results for e in r.viewer_errors]
    for error in errors:
        print(f"viewer error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
