"""The dashboard's read-only view of the database, reopened when an ingest swaps in a new file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from core.settings import db_path, engine_choice, load_settings
from metrics.filters import default_organisation
from pipelines.publish import MANIFEST
from pipelines.store import connect_readonly, missing_columns, snapshot_id


@st.cache_resource(max_entries=2)
def _open(path: str, snapshot: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    return connect_readonly(Path(path))


@st.cache_resource(max_entries=8)
def _spark(master: str, store: str, organisation: str, version: tuple[int, int]) -> object:
    from metrics.spark import spark_engine

    return spark_engine(master, store, organisation)


@st.cache_resource(max_entries=2)
def _held(master: str, store: str, version: tuple[int, int]) -> dict[str, str]:
    from metrics.spark import read_manifest, spark_session

    return dict(read_manifest(spark_session(master), store).get("organisations", {}))


def _store_version(store: str) -> tuple[int, int]:
    """When a local store's manifest last changed (a republish registers the new files)."""
    manifest = Path(store) / MANIFEST
    return snapshot_id(manifest) if "://" not in store and manifest.exists() else (0, 0)


def _spark_connection(master: str, store: str, organisation: str | None) -> object | None:
    """The Spark engine over the published store for organisation if it holds it, else for
    the setting organisation.id if it holds that, else for the first by name; or None (with
    what to do shown)."""
    try:
        version = _store_version(store)
        held = _held(master, store, version)
        if organisation not in held:
            preferred = load_settings()["organisation"]["id"]
            organisation = default_organisation(held, preferred) if held else preferred
        return _spark(master, store, organisation, version)
    except Exception as error:  # no store, no Java, an unreachable master: said, never raised
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        st.error(
            f"The measures run on Spark (`COMPLIANCE_ENGINE=spark`, master `{master}`) and "
            f"could not start: {first}. Publish a store with `python -m pipelines publish "
            "--out STORE`, check the [engine] settings, or unset COMPLIANCE_ENGINE to use the "
            "database file."
        )
        return None


def connection(organisation: str | None = None) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection to the newest snapshot, or None (with a message shown) if none;
    with the engine set to spark, the Spark engine (metrics.spark) over organisation (default:
    organisation.id if held, else the first by name), which pages use alike."""
    try:
        engine, master, store = engine_choice(load_settings())
    except ValueError as error:
        st.error(f"The settings cannot be used: {error}.")
        return None
    if engine == "spark":
        return _spark_connection(master, store, organisation)
    path = db_path()
    if not path.exists():
        st.error(
            f"No database at `{path}`. Load data with `python -m pipelines ingest --db {path} "
            "FOLDER`, or run `make run` to load the demo organisation."
        )
        return None
    cursor = _open(str(path), snapshot_id(path)).cursor()  # one per script run: thread-safe
    cursor.execute("use snapshot")
    missing = missing_columns(cursor)
    if missing:
        st.error(
            f"The database at `{path}` was written by an earlier version of this tool: it has "
            f"no {', '.join(f'`{m}`' for m in missing[:5])}"
            + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            + f". Load your files again (`python -m pipelines ingest --db {path} FOLDER`): "
            "the load adds the new columns, blank where the files do not give them. For the "
            "demo, `make demo` rebuilds it."
        )
        return None
    return cursor


def snapshot_key() -> tuple[str, tuple[int, int]]:
    """Cache key for query results: they are valid for one snapshot of one file (with Spark,
    one version of the store's manifest)."""
    engine, _, store = engine_choice(load_settings())
    if engine == "spark":
        return (store, _store_version(store))
    path = db_path()
    return (str(path), snapshot_id(path) if path.exists() else (0, 0))
