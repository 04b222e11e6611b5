"""What every page does first: title, database connection, shared filters, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import streamlit as st

from core.settings import load_settings
from dashboard.access import viewer_scope
from dashboard.appstate import record_page_view
from dashboard.db import connection
from dashboard.filters import sidebar_filters
from metrics.filters import Filters
from metrics.rag import Thresholds, thresholds_from_settings


@dataclass(frozen=True)
class PageContext:
    """What a page's metrics are computed from."""

    con: duckdb.DuckDBPyConnection
    filters: Filters
    thresholds: Thresholds
    grace_days: int


def start_page(title: str, page: str, purpose: str) -> PageContext:
    """Draw the title and filters; stop the page (with a message) when there is no database."""
    st.title(title)
    st.caption(purpose)
    con = connection()
    if con is None:
        st.stop()
    allowed = viewer_scope(con)
    f = sidebar_filters(con, page, dt.date.today(), allowed)
    record_page_view(page, f)
    settings = load_settings()
    return PageContext(
        con=con,
        filters=f,
        thresholds=thresholds_from_settings(settings["rag"]),
        grace_days=int(settings["training"]["grace_days"]),
    )
