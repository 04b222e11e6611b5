"""The organisation's teams, for choosing what to look at."""

from __future__ import annotations

import duckdb
import pandas as pd

from metrics.query import run


def team_list(
    con: duckdb.DuckDBPyConnection, allowed: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Every team the viewer may see (allowed None: all): id, name, directorate, lifetime."""
    params = {
        "directorate": None,
        "teams": [],
        "allowed": None if allowed is None else list(allowed),
    }
    frame = run(con, "scope_teams", params)
    return frame.sort_values(["directorate", "team_name"], ignore_index=True)


def organisation_name(con: duckdb.DuckDBPyConnection, default: str) -> str:
    """The name of the organisation con serves: a shared store's manifest gives it (the Spark
    engine serves one of its organisations); a database file's is default (organisation.name)."""
    held = getattr(con, "organisations", None) or {}
    return str(held.get(getattr(con, "organisation", None), default))


def shared_organisation(con: duckdb.DuckDBPyConnection) -> str | None:
    """The organisation con serves when its store holds several (the app keeps each one's
    actions and audit log apart by it); None for a database file or a store of one."""
    held = getattr(con, "organisations", None) or {}
    return getattr(con, "organisation", None) if len(held) > 1 else None
