"""Ingest speed against a baseline measured in the same run: `python -m devtools.benchmark`.

The baseline is DuckDB's own CSV reader copying the same decision files into a table with no
checks at all: the floor for getting those bytes into a DuckDB file on this machine. The figure
that matters is the ratio, which is stable across machines where seconds are not.
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from demo.generate import generate
from pipelines.ingest import ingest

DEFAULT_SCALE = 4.0
REPEATS = 3  # each side is timed this many times and the fastest run kept


def _baseline_seconds(files: list[Path], db: Path) -> float:
    start = time.perf_counter()
    con = duckdb.connect(str(db))
    for i, path in enumerate(files):
        con.execute(
            f"create table raw_{i} as select * from read_csv(?, all_varchar = true)",
            [str(path)],
        )
    con.execute("checkpoint")
    con.close()
    return time.perf_counter() - start


def run(scale: float) -> dict[str, float]:
    """Generate the demo at scale, then time the baseline and our ingest of the same files."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        generate(folder, scale=scale)
        decision_files = sorted(folder.glob("decisions_*.csv"))
        rows = sum(
            duckdb.execute("select count(*) from read_csv(?)", [str(p)]).fetchone()[0]
            for p in decision_files
        )
        reference = [p for p in folder.iterdir() if p not in decision_files]
        loaded = Path(tmp) / "reference.duckdb"
        ingest(reference, loaded, out=io.StringIO(), err=io.StringIO())
        baselines, ours_runs = [], []
        for i in range(REPEATS):
            baselines.append(_baseline_seconds(decision_files, Path(tmp) / f"baseline{i}.duckdb"))
            db = Path(tmp) / f"ours{i}.duckdb"
            shutil.copyfile(loaded, db)
            start = time.perf_counter()
            ingest(decision_files, db, out=io.StringIO(), err=io.StringIO())
            ours_runs.append(time.perf_counter() - start)
        baseline, ours = min(baselines), min(ours_runs)
    return {"rows": rows, "baseline_s": baseline, "ingest_s": ours, "ratio": ours / baseline}


def main() -> None:
    """Print the benchmark's figures."""
    parser = argparse.ArgumentParser(prog="python -m devtools.benchmark", description=__doc__)
    parser.add_argument("--scale", type=float, default=DEFAULT_SCALE, help="demo scale (4 = ~100k)")
    result = run(parser.parse_args().scale)
    print(f"decision rows:                 {result['rows']:,.0f} (fastest of {REPEATS} runs each)")
    print(f"baseline (DuckDB read_csv):    {result['baseline_s']:.2f} s")
    print(f"ingest (checks, pseudonyms):   {result['ingest_s']:.2f} s")
    print(f"ratio ingest / baseline:       {result['ratio']:.1f}x")
    print(f"ingest rate:                   {result['rows'] / result['ingest_s']:,.0f} rows/s")


if __name__ == "__main__":
    main()
