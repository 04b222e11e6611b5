"""What every page does first: title, database connection, shared filters, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import streamlit as st

from core.settings import load_settings
from dashboard.access import Role, viewer_organisations, viewer_role, viewer_teams
from dashboard.appstate import record_page_view, use_organisation
from dashboard.db import connection
from dashboard.filters import sidebar_filters, sidebar_organisation
from metrics.filters import Filters
from metrics.rag import Thresholds, thresholds_from_settings


@dataclass(frozen=True)
class PageContext:
    """What a page's metrics are computed from."""

    con: duckdb.DuckDBPyConnection
    filters: Filters
    thresholds: Thresholds
    grace_days: int


@dataclass(frozen=True)
class Organisation:
    """The connection to the organisation a page shows, its id (None when the data holds only
    one: no choice is drawn) and its name."""

    con: duckdb.DuckDBPyConnection
    id: str | None
    name: str


def chosen_organisation(
    con: duckdb.DuckDBPyConnection, page: str, role: Role | None
) -> Organisation:
    """The organisation a shared store of several shows, chosen in the sidebar among those the
    viewer's role grants; else the one the data holds (a store's manifest names it; a database
    file's is the settings'). Stops the page when the role grants none of them."""
    settings = load_settings()["organisation"]
    held: dict[str, str] = getattr(con, "organisations", None) or {settings["id"]: settings["name"]}
    visible = viewer_organisations(role, held)
    if len(held) < 2:
        return Organisation(con, None, next(iter(visible.values())))
    chosen = sidebar_organisation(visible, settings["id"], page)
    if chosen != con.organisation:
        con = connection(chosen)
        if con is None:
            st.stop()
    return Organisation(con, chosen, held[chosen])


def open_page(title: str, page: str, purpose: str) -> tuple[Organisation, tuple[str, ...] | None]:
    """Draw the title, the organisation's name and (in a shared store) its choice; the
    organisation shown and the teams the viewer may see in it (None: all). Stops the page, with
    a message, when there is no data or the viewer may see none of it."""
    heading = st.empty()
    heading.title(title)
    st.caption(purpose)
    # The sidebar's first line names the organisation (the settings' until the data names it).
    caption = st.sidebar.empty()
    caption.caption(load_settings()["organisation"]["name"])
    con = connection()
    if con is None:
        st.stop()
    role = viewer_role()
    organisation = chosen_organisation(con, page, role)
    use_organisation(organisation.id)
    caption.caption(organisation.name)
    if organisation.id is not None:
        heading.title(f"{title} · {organisation.name}")
    return organisation, viewer_teams(role, organisation.con)


def start_page(title: str, page: str, purpose: str) -> PageContext:
    """Draw the title and filters; stop the page (with a message) when there is no database."""
    organisation, allowed = open_page(title, page, purpose)
    f = sidebar_filters(organisation.con, page, dt.date.today(), allowed, organisation.id)
    record_page_view(page, f)
    settings = load_settings()
    return PageContext(
        con=organisation.con,
        filters=f,
        thresholds=thresholds_from_settings(settings["rag"]),
        grace_days=int(settings["training"]["grace_days"]),
    )
