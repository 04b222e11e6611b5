"""The rule that a skipped test fails the run (a missing browser is a failure, not a skip)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_pytest(tmp_path: Path, body: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    test = tmp_path / "test_example.py"
    test.write_text(f"import pytest\n\n\ndef test_example():\n    {body}\n")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    return subprocess.run(
        [*command, "-p", "tests.no_skips", str(test)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_a_skipped_test_fails_the_run(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ALLOW_SKIPS"}
    done = run_pytest(tmp_path, 'pytest.skip("chromium missing")', env)
    assert done.returncode == 1
    assert "FAILED: 1 test(s) skipped" in done.stdout


def test_a_passing_run_still_passes(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ALLOW_SKIPS"}
    assert run_pytest(tmp_path, "assert True", env).returncode == 0
