"""The command line as a user runs it: exit status, stdout summary, stderr problems."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_ingest_reports_each_problem_and_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "teams.csv").write_text("team_id,team_name,directorate\nA,Alpha,D\n")
    (tmp_path / "staff.csv").write_text("staff_id,team_id,start_date\nS1,A,2024-01-01\nS2,B,x\n")
    db = tmp_path / "out" / "c.duckdb"
    done = cli("ingest", "--db", str(db), str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{tmp_path}/staff.csv:3:start_date: 'x' is not a date: write it as 2026-03-31 or "
        "31/03/2026",
        f"{tmp_path}/staff.csv:3:team_id: 'B' is not a known team_id in teams: add it to the "
        "teams file and load that first, or correct the value",
    ]
    assert done.stdout.splitlines()[:2] == [
        f"{tmp_path}/teams.csv: teams: 1 loaded, 0 updated, 0 refused",
        f"{tmp_path}/staff.csv: staff: 1 loaded, 0 updated, 1 refused",
    ]
    again = cli("ingest", "--db", str(db), str(tmp_path / "teams.csv"))
    assert again.returncode == 0
    assert again.stdout.splitlines()[0].startswith(f"{tmp_path}/teams.csv: already loaded (run 1, ")


def test_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    (tmp_path / "teams.csv").write_text("team_id,team_name,directorate\nA,Alpha,D\n")
    db = tmp_path / "env.duckdb"
    env = {"COMPLIANCE_DB": str(db), "PATH": "/usr/bin:/bin"}
    assert cli("ingest", str(tmp_path / "teams.csv"), env=env).returncode == 0
    assert db.exists()


def test_missing_path_and_bad_arguments_are_explained(tmp_path: Path) -> None:
    done = cli("ingest", "--db", str(tmp_path / "c.duckdb"), str(tmp_path / "nope.csv"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"{tmp_path}/nope.csv: no such file or folder"]
    bad_kind = cli("ingest", "--kind", "pets", "x.csv")
    assert bad_kind.returncode == 2
    assert "argument --kind: invalid choice: 'pets'" in bad_kind.stderr
    assert "Traceback" not in bad_kind.stderr
