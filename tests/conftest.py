"""Shared test fixtures: the fixture organisation's database and a connection to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipelines.store import connect_readonly
from tests.fixture_org import build_fixture_db

# A skipped test fails the run (tests/no_skips.py).
pytest_plugins = ["tests.no_skips"]


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture organisation's database file, built once per test session."""
    path = tmp_path_factory.mktemp("fixture_org") / "compliance.duckdb"
    build_fixture_db(path)
    return path


@pytest.fixture
def fixture_app_env(fixture_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the dashboard at the fixture database, with default settings."""
    monkeypatch.setenv("COMPLIANCE_DB", str(fixture_db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "no-settings.toml"))
    return fixture_db


@pytest.fixture(scope="module")
def con(fixture_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the fixture database, one per test module."""
    connection = connect_readonly(fixture_db)
    yield connection
    connection.close()
