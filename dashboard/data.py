"""Cached metric results: valid for one snapshot of the database and one set of filters."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.db import snapshot_key


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(
    _con: duckdb.DuckDBPyConnection,
    function_path: str,
    snapshot: tuple[str, tuple[int, int]],
    args: tuple[Any, ...],
) -> pd.DataFrame:
    module, name = function_path.rsplit(".", 1)
    function = getattr(importlib.import_module(module), name)
    return function(_con, *args)


def load(
    con: duckdb.DuckDBPyConnection, function: Callable[..., pd.DataFrame], *args: Any
) -> pd.DataFrame:
    """function(con, *args), cached on the function, its arguments and the database snapshot."""
    return _cached(con, f"{function.__module__}.{function.__qualname__}", snapshot_key(), args)
