"""`make bench QUICK=1` as CI's smoke test: the table is complete and no viewer saw an error.
Never a timing assertion: speed is measured by the benchmark, not by a test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from devtools.bench import QUICK_VIEWERS
from devtools.bench_browser import PAGE_PATHS, _ticks, cpu_seconds
from devtools.bench_pages import PAGES

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_quick_bench_prints_a_complete_table_and_no_viewer_errs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "devtools.bench", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    viewer_errors = [line for line in done.stderr.splitlines() if "viewer error" in line]
    assert viewer_errors == []
    assert done.returncode == 0, done.stderr[-2000:]
    sizes, organisations = done.stdout.split("Multi-organisation case:")
    rows = _rows(sizes)
    expected = {
        "decisions",
        "DuckDB raw load of the same files (s)",
        "ingest wall time, whole process (s)",
        "ingest / raw load",
        "ingest peak RSS (MB)",
        "raw load peak RSS (MB)",
        "ingest rows per second",
        "cold start to first page rendered (s)",
        f"{QUICK_VIEWERS} viewers: p95 to a rendered page (s)",
        f"{QUICK_VIEWERS} viewers: p95 opening the link (s)",
        f"{QUICK_VIEWERS} viewers: p95 to a page chosen in the sidebar (s)",
        f"{QUICK_VIEWERS} viewers: processor seconds, app server",
        f"{QUICK_VIEWERS} viewers: processor seconds, browsers",
        f"{QUICK_VIEWERS} viewers: pages rendered",
        f"{QUICK_VIEWERS} viewers: errors",
    } | {f"{title}: queries, {stat}" for title, _ in PAGES for stat in ("median (ms)", "p95 (ms)")}
    assert set(rows) == expected
    # one size, every cell filled
    assert all(len(cells) == 1 and cells[0] for cells in rows.values())
    # every viewer rendered every page: 2 viewers x 9 pages
    rendered = str(QUICK_VIEWERS * len(PAGE_PATHS))
    assert rendered == "18"
    assert rows[f"{QUICK_VIEWERS} viewers: pages rendered"][0] == rendered
    assert rows[f"{QUICK_VIEWERS} viewers: errors"][0] == "0"
    _check_organisations_table(organisations)


def _rows(text: str) -> dict[str, list[str]]:
    """A Markdown table's cells by its first cell (the header left out)."""
    return {
        line.split(" | ")[0].strip("| "): [c.strip(" |") for c in line.split(" | ")[1:]]
        for line in text.splitlines()
        if line.startswith("| ") and not line.startswith("| figure")
    }


def _check_organisations_table(text: str) -> None:
    """The multi-organisation case (devtools/bench_orgs.py) at its quick size: every page on
    both DuckDB columns; the Spark column is left out of the quick run (not run)."""
    rows = _rows(text)
    pages = [
        f"{title}: queries, {stat}" for title, _ in PAGES for stat in ("median (ms)", "p95 (ms)")
    ]
    spark = ["Spark cold start: session (s)", "Spark cold start: session and first page (s)"]
    store = ["organisations", "decisions", "rows, every table", "Parquet files"]
    store = [f"store: {s}" for s in [*store, "size on disk (MB)"]]
    assert list(rows) == [*pages, *spark, *store, "publish every organisation (s)"]
    for page in pages:
        spark_ms, parquet_ms, own_ms, *_ = rows[page]
        assert spark_ms == "not run"
        assert re.fullmatch(r"[\d,]+", parquet_ms) and re.fullmatch(r"[\d,]+", own_ms)
    assert [rows[s][0] for s in spark] == ["not run", "not run"]
    # 2 organisations of 25,000 x 0.04 = 1,000 decisions each
    assert rows["store: organisations"][:2] == ["2", "2"]
    assert rows["store: decisions"][:2] == ["2,000", "2,000"]


def test_the_bench_measures_every_page_of_the_navigation() -> None:
    # dashboard/app.py's st.Page entries, in order: views file, title, url path
    app = (ROOT / "dashboard" / "app.py").read_text(encoding="utf-8")
    pages = re.findall(
        r'PAGES_DIR / "(\w+)\.py",\s*title="([^"]+)",\s*icon="[^"]+",\s*url_path="([^"]+)"', app
    )
    assert len(pages) == 9
    assert [(title, views) for views, title, _ in pages] == list(PAGES)
    assert [path for _, _, path in pages] == list(PAGE_PATHS)


def test_processor_time_is_read_from_the_fields_after_the_command_name() -> None:
    # A command name may hold spaces and ")": utime, stime, cutime, cstime are the 14th to
    # 17th fields of /proc/PID/stat, counted after its last ")".
    stat = "4242 (chromium ) x) S 1 4242 4242 0 -1 4194560 900 0 0 0 310 45 7 2 20 0 9 0 55 0"
    assert _ticks(stat, children=False) == 355
    assert _ticks(stat, children=True) == 364


def test_processor_seconds_of_this_process_agree_with_the_kernel() -> None:
    sum(i * i for i in range(2_000_000))  # some processor time to count
    before = os.times()
    measured = cpu_seconds({os.getpid()})
    after = os.times()
    # os.times() gives this process's user and system time and its ended children's
    assert sum(before[:4]) - 0.02 <= measured <= sum(after[:4]) + 0.02
