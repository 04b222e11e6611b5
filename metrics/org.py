"""The organisation's teams, for choosing what to look at."""

from __future__ import annotations

import duckdb
import pandas as pd

from metrics.query import run


def team_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every team: id, name, directorate and whether it is active."""
    frame = run(con, "scope_teams", {"directorate": None, "teams": []})
    return frame.sort_values(["directorate", "team_name"], ignore_index=True)
