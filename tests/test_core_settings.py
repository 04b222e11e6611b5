"""Settings (core/settings.py): which engine runs the measures."""

from __future__ import annotations

import pytest

from core.settings import DEFAULTS, REPO_ROOT, engine_choice


def _settings(**engine: str) -> dict[str, dict[str, object]]:
    return {**DEFAULTS, "engine": {**DEFAULTS["engine"], **engine}}


@pytest.fixture(autouse=True)
def no_engine_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COMPLIANCE_ENGINE", "COMPLIANCE_SPARK_MASTER", "COMPLIANCE_STORE"):
        monkeypatch.delenv(name, raising=False)


def test_the_default_is_embedded_duckdb() -> None:
    assert engine_choice(DEFAULTS) == ("duckdb", "local[2]", str(REPO_ROOT / "data" / "store"))


def test_the_environment_overrides_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLIANCE_ENGINE", "spark")
    monkeypatch.setenv("COMPLIANCE_SPARK_MASTER", "sc://spark.example:15002")
    monkeypatch.setenv("COMPLIANCE_STORE", "s3a://partnership/store")
    assert engine_choice(_settings(spark_store="elsewhere")) == (
        "spark",
        "sc://spark.example:15002",
        "s3a://partnership/store",
    )


def test_settings_choose_spark_and_an_absolute_store() -> None:
    chosen = engine_choice(_settings(name="spark", spark_store="/srv/store"))
    assert chosen == ("spark", "local[2]", "/srv/store")


def test_an_unknown_engine_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r'use "duckdb" .* or "spark"'):
        engine_choice(_settings(name="postgres"))
