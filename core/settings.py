"""Settings and version: defaults here, overridden by the small TOML file `settings.toml`."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

__version__ = "0.1.0"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = REPO_ROOT / "data" / "compliance.duckdb"
SETTINGS_FILE = REPO_ROOT / "settings.toml"
# Streamlit's files for the dashboard sit beside its script, where Streamlit finds them whatever
# the current directory (its "script-level" config); secrets are accepted from there only.
STREAMLIT_DIR = REPO_ROOT / "dashboard" / ".streamlit"
SECRETS_FILE = STREAMLIT_DIR / "secrets.toml"
LOOPBACK = ("127.0.0.1", "::1", "localhost")
# An organisation's id (organisation.id): its folder in a shared store, and part of the name of
# its own app store file there.
ORGANISATION_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

# Every setting, its default and what it means; README's settings table is checked against this.
DEFAULTS: dict[str, dict[str, Any]] = {
    "organisation": {"name": "Northbridge City Council", "id": "northbridge"},
    "training": {"grace_days": 30},
    "rag": {
        "training_green": 0.95,
        "training_amber": 0.85,
        "coverage_green": 1.0,
        "coverage_amber": 0.80,
        "completeness_green": 0.98,
        "completeness_amber": 0.90,
    },
    "privacy": {"retention_years": 6, "suppression_threshold": 5},
    "access": {"mode": "sign_in", "roles_file": "roles.toml"},
    "agreements": {"min_shares": 3, "review_grace_days": 0},
    "app_store": {"path": "app_state.sqlite"},
    "warnings": {
        "alpha": 0.01,
        "alpha_high": 0.001,
        "min_expected": 10,
        "min_decisions": 20,
        "high_volume_per_month": 4.0,
        "decision_maker_training": 0.85,
        "emergency_record_days": 2,
        "emergency_review_days": 30,
    },
    "engine": {"name": "duckdb", "spark_master": "local[2]", "spark_store": "data/store"},
}
# Who the dashboard shows data to: `sign_in` (OpenID Connect, then the roles file) or `local`
# (one person on this machine sees every team). Never chosen by default from a missing file.
ACCESS_MODES = ("sign_in", "local")
ACCESS_MODE_ENV = "COMPLIANCE_ACCESS_MODE"
# What runs the measures: embedded DuckDB over the database file (the default), or Spark over a
# published Parquet store (`publish`), for many organisations and viewers.
ENGINES = ("duckdb", "spark")
ENGINE_ENV = "COMPLIANCE_ENGINE"
SPARK_MASTER_ENV = "COMPLIANCE_SPARK_MASTER"
STORE_ENV = "COMPLIANCE_STORE"


def db_path() -> Path:
    """The database file: `COMPLIANCE_DB` if set, else data/compliance.duckdb."""
    return Path(os.environ.get("COMPLIANCE_DB") or DEFAULT_DB)


def access_mode(settings: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """(mode, what chose it): `COMPLIANCE_ACCESS_MODE` if set, else the setting access.mode."""
    from_env = os.environ.get(ACCESS_MODE_ENV)
    mode, source = (
        (from_env, f"the environment variable {ACCESS_MODE_ENV}")
        if from_env
        else (settings["access"]["mode"], "the setting access.mode")
    )
    if mode not in ACCESS_MODES:
        raise ValueError(
            f'{source} is "{mode}": use "sign_in" (OpenID Connect sign-in and the roles file) '
            'or "local" (one person on this machine sees every team)'
        )
    return mode, source


def engine_choice(settings: dict[str, dict[str, Any]]) -> tuple[str, str, str]:
    """(engine, Spark master, store): each from its environment variable if set, else from
    the [engine] settings. A store given as a relative path is taken from the repository."""
    section = settings["engine"]
    engine = os.environ.get(ENGINE_ENV) or section["name"]
    if engine not in ENGINES:
        raise ValueError(
            f'the engine is "{engine}" ({ENGINE_ENV} or engine.name): use "duckdb" (the '
            'database file, embedded) or "spark" (a published Parquet store)'
        )
    master = os.environ.get(SPARK_MASTER_ENV) or section["spark_master"]
    store = os.environ.get(STORE_ENV) or section["spark_store"]
    if "://" not in store and not Path(store).is_absolute():
        store = str(REPO_ROOT / store)
    return engine, master, store


def load_settings(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """DEFAULTS overlaid with the TOML file (`COMPLIANCE_SETTINGS` or settings.toml)."""
    path = path or Path(os.environ.get("COMPLIANCE_SETTINGS") or SETTINGS_FILE)
    merged = {section: dict(values) for section, values in DEFAULTS.items()}
    if path.exists():
        with path.open("rb") as fh:
            user = tomllib.load(fh)
        for section, values in user.items():
            if section not in merged or not isinstance(values, dict):
                raise ValueError(f"{path}: unknown settings section [{section}]")
            for key, value in values.items():
                if key not in merged[section]:
                    raise ValueError(f"{path}: unknown setting {section}.{key}")
                merged[section][key] = value
    return merged
