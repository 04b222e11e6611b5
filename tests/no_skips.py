"""Pytest plugin: a skipped test fails the run, so CI proves everything, not most things.

A missing browser or package must be a failure, not a skip. ALLOW_SKIPS=1 relaxes it for a
local look only.
"""

from __future__ import annotations

import os

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print why the run fails when any test was skipped."""
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped and not os.environ.get("ALLOW_SKIPS"):
        terminalreporter.write_line(
            f"FAILED: {len(skipped)} test(s) skipped; a missing browser or package is a "
            "failure here (set ALLOW_SKIPS=1 only for a local look)",
            red=True,
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped test fails the run: CI must prove everything, not most things."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and not os.environ.get("ALLOW_SKIPS") and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
