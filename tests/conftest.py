"""Shared test fixtures: the fixture organisation's database and a connection to it."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pytest
from streamlit import config as streamlit_config

from core.settings import ACCESS_MODE_ENV
from pipelines.store import connect_readonly
from tests.fixture_org import APP, build_fixture_db

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# A skipped test fails the run (tests/no_skips.py).
pytest_plugins = ["tests.no_skips"]

# The tests run the dashboard in local single-user mode, chosen explicitly as `make run` does
# (the default is sign-in); tests/test_access.py tests sign-in and what fails closed.
os.environ[ACCESS_MODE_ENV] = "local"


@pytest.fixture(autouse=True, scope="session")
def app_streamlit_config() -> None:
    """Streamlit's options as `streamlit run dashboard/app.py` takes them from the app's own
    dashboard/.streamlit/config.toml (AppTest reads no config file of its own)."""
    path = APP.parent / ".streamlit" / "config.toml"
    for section, options in tomllib.loads(path.read_text(encoding="utf-8")).items():
        for option, value in options.items():
            streamlit_config.set_option(f"{section}.{option}", value, str(path))


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
    monkeypatch.setenv("COMPLIANCE_APP_STORE", str(tmp_path / "app_state.sqlite"))
    return fixture_db


# An emergency share reviewed after the event (D06, 7 days later), in `register` only.
REVIEWS = [("S02", "2026-03-10", "D06")]


@pytest.fixture(scope="session")
def org_databases(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two organisations' own databases: `northbridge` (the setting organisation.id's default)
    is the fixture; `register` is the fixture with an agreements register, routine shares
    citing it (tests/fixture_agreements.py) and D06 reviewed."""
    from pipelines.store import writer
    from tests.fixture_agreements import build_agreements_db

    register = tmp_path_factory.mktemp("register_org") / "compliance.duckdb"
    build_agreements_db(register)
    with writer(register) as w:
        w.executemany(
            "update decisions set reviewed_by = ?, reviewed_on = ? where decision_id = ?", REVIEWS
        )
    return {"northbridge": fixture_db, "register": register}


@pytest.fixture(scope="session")
def spark_store(org_databases: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both organisations published into one Parquet store (pipelines/publish.py), once per
    test run; by default the Spark engine reads `northbridge` (organisation.id)."""
    from pipelines.publish import publish

    store = tmp_path_factory.mktemp("shared_store")
    for organisation, db in org_databases.items():
        publish(db, store, organisation, f"{organisation.title()} Borough Council")
    return store


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """One local Spark session for the whole test run: local[2], UI off, one shuffle partition,
    and no code generation or adaptive re-planning (they cost more than they save on a few
    rows). Started only by the tests that ask for it."""
    from metrics.spark import spark_session

    session = spark_session(
        "local[2]",
        {
            "spark.sql.shuffle.partitions": "1",
            "spark.sql.codegen.wholeStage": "false",
            "spark.sql.adaptive.enabled": "false",
        },
    )
    yield session
    session.stop()


@pytest.fixture
def on_spark(spark: SparkSession, spark_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The settings choose the Spark engine over spark_store (with the test run's session);
    the store's path."""
    monkeypatch.setenv("COMPLIANCE_ENGINE", "spark")
    monkeypatch.setenv("COMPLIANCE_STORE", str(spark_store))
    return spark_store


@pytest.fixture(scope="module")
def con(fixture_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the fixture database, one per test module."""
    connection = connect_readonly(fixture_db)
    yield connection
    connection.close()
