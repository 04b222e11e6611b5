"""`make bench QUICK=1` as CI's smoke test: the table is complete and no viewer saw an error.
Never a timing assertion: speed is measured by the benchmark, not by a test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from devtools.bench import VIEWERS
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
    rows = {
        line.split(" | ")[0].strip("| "): line.split(" | ")[1:]
        for line in done.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| figure")
    }
    expected = {
        "decisions",
        "DuckDB raw load of the same files (s)",
        "ingest wall time, whole process (s)",
        "ingest / raw load",
        "ingest peak RSS (MB)",
        "raw load peak RSS (MB)",
        "ingest rows per second",
        "cold start to first page rendered (s)",
        f"{VIEWERS} viewers: p95 to a rendered page (s)",
        f"{VIEWERS} viewers: pages rendered",
        f"{VIEWERS} viewers: errors",
    } | {f"{title}: queries, {stat}" for title, _ in PAGES for stat in ("median (ms)", "p95 (ms)")}
    assert set(rows) == expected
    # two sizes and the growth column, every cell filled
    assert all(len(cells) == 3 and all(c.strip(" |") for c in cells) for cells in rows.values())
    # every viewer rendered every page: 20 viewers x 7 pages at each size
    assert [c.strip(" |") for c in rows[f"{VIEWERS} viewers: pages rendered"][:2]] == ["140", "140"]
    assert [c.strip(" |") for c in rows[f"{VIEWERS} viewers: errors"][:2]] == ["0", "0"]
