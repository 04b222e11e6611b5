"""What a command reads: the database file, or one organisation of a shared store on Spark,
and the app store that goes with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from appstore.store import store_path
from core.settings import engine_choice, load_settings


class SourceError(ValueError):
    """The data a command names cannot be read; the message says what to write instead."""


def measures_connection(db: Path, organisation: str | None = None) -> Any:
    """What runs the measures: the database file, or Spark when the settings choose it, over
    organisation (default: the setting organisation.id)."""
    settings = load_settings()
    engine, master, store = engine_choice(settings)
    if engine == "spark":
        from metrics.spark import read_manifest, spark_engine, spark_session

        held = sorted(read_manifest(spark_session(master), store).get("organisations", {}))
        if organisation is not None and organisation not in held:
            raise SourceError(
                f"--organisation '{organisation}' is not in the store at {store}: use one of "
                + (", ".join(held) or "(none)")
            )
        return spark_engine(master, store, organisation or settings["organisation"]["id"])
    if organisation not in (None, settings["organisation"]["id"]):
        raise SourceError(
            f"--organisation '{organisation}': the database file holds one organisation, "
            f"{settings['organisation']['id']} (organisation.id); to choose among several, "
            "use a shared store (COMPLIANCE_ENGINE=spark)"
        )
    from pipelines.store import connect_readonly

    if not db.exists():
        raise SourceError(f"{db}: no such database (load data with `ingest` first)")
    return connect_readonly(db)


def unreadable(db: Path, error: Exception) -> str:
    """The message for a database DuckDB cannot read: its path and DuckDB's first line."""
    first = str(error).strip().splitlines()[0]
    return f"cannot read the database {db}: {first}"


def app_store_of(con: Any, db: Path) -> Path:
    """The app store of the organisation con serves (its own file in a shared store of
    several, appstore.store.store_path)."""
    from metrics.org import shared_organisation

    return store_path(load_settings(), db, shared_organisation(con))
