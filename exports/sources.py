"""The governance sources of an export, read the same way by the Export page and the CLI.

- early warnings: metrics.warnings (warnings 1-5, agreements included) for the filters;
- agreements past review: metrics.agreements at the as-of date, or not available when no
  agreements register has been loaded (an empty register is not "none past review");
- open actions: the app store's actions whose status is open, with `overdue` as of the day the
  export is made (actions are today's state; the pack says so). Not available when the store
  cannot be read: the export is still made, and names what is missing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from appstore.actions import actions_frame
from appstore.store import StoreError, opened
from exports.governance import Governance
from metrics.agreements import agreements_past_review
from metrics.filters import Filters
from metrics.warnings import early_warnings

OPEN = "open"


def register_loaded(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether an agreements register has been loaded (it has at least one agreement)."""
    rows = con.execute("select count(*) from agreements").fetchall()
    return bool(rows[0][0])


def open_actions(store: Path | None, today: dt.date) -> pd.DataFrame | None:
    """The open actions of every team (the export keeps those in scope), or None when the
    store cannot be read. A store not yet made has no action: an empty frame."""
    if store is None:
        return None
    try:
        with opened(store) as con:
            actions = actions_frame(con, None, today)
    except (StoreError, sqlite3.Error, OSError):
        return None
    return actions[actions["status"] == OPEN].reset_index(drop=True)


def governance_sources(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    settings: Mapping[str, Any],
    store: Path | None,
    today: dt.date,
) -> Governance:
    """Every governance source for the export of f; store: the app store file (None: none)."""
    grace_days = int(settings["training"]["grace_days"])
    return Governance(
        warnings=early_warnings(con, f, settings, grace_days),
        agreements_past_review=agreements_past_review(con, f) if register_loaded(con) else None,
        actions=open_actions(store, today),
    )
