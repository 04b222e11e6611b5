"""The dashboard's side of the app store: who the viewer is, and the audit of what they see.

Recording never stops a page: when the store cannot be written, the page is drawn all the same
with a warning that the view was not recorded.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import duckdb
import streamlit as st

from appstore.audit import AuditEvent, record
from appstore.store import StoreError, opened, store_path
from core.settings import load_settings
from dashboard.access import LOCAL, access_mode_or_stop
from dashboard.data import team_list
from metrics.filters import Filters

LOCAL_USER = "local user"
# The page and filters of this session's latest page view, for the downloads it offers.
AUDIT_SCOPE = "_audit_scope"
# The organisation of a shared store the latest page showed (dashboard.page.open_page).
ORGANISATION = "_organisation"
STORE_PROBLEMS = (StoreError, sqlite3.Error, OSError)


def viewer_name() -> str:
    """The signed-in viewer's email, or `local user` in local single-user mode."""
    if access_mode_or_stop() == LOCAL:
        return LOCAL_USER
    return str(st.user.get("email") or "").strip().lower()


def use_organisation(organisation: str | None) -> None:
    """Keep the organisation this page shows (None: the data holds one), whose own app store
    the page's actions and audit events go to (appstore.store.store_path)."""
    st.session_state[ORGANISATION] = organisation


def app_store_path() -> Path:
    """The app store file the settings name, the shown organisation's own in a shared store."""
    return store_path(load_settings(), organisation=st.session_state.get(ORGANISATION))


@contextlib.contextmanager
def app_store() -> Iterator[sqlite3.Connection]:
    """A connection to the app store for one script run."""
    with opened(app_store_path()) as con:
        yield con


def scope_team_ids(con: duckdb.DuckDBPyConnection, f: Filters) -> tuple[str, ...]:
    """The team ids the filters select, within the viewer's scope."""
    teams = team_list(con, f.allowed)
    if f.directorate:
        teams = teams[teams["directorate"] == f.directorate]
    if f.teams:
        teams = teams[teams["team_id"].isin(f.teams)]
    return tuple(sorted(teams["team_id"]))


def _record(event: AuditEvent) -> None:
    try:
        with app_store() as con:
            record(con, event)
    except STORE_PROBLEMS as exc:
        st.warning(
            f"This {event.event.replace('_', ' ')} could not be recorded in the audit log "
            f"({exc}). The page is shown all the same: tell the dashboard's administrator, who "
            "can check the setting app_store.path.",
            icon=":material/warning:",
        )


def record_page_view(page: str, f: Filters | None, allowed: tuple[str, ...] | None = None) -> None:
    """Record a view of page with the filters' scope (f None: a page without filters, over
    the viewer's teams, allowed), and keep the scope for the downloads it offers."""
    scope: dict[str, object] = {"page": page, "teams": allowed}
    if f is not None:
        scope |= {
            "teams": f.teams or f.allowed,
            "period_start": f.period_start,
            "period_end": f.period_end,
            "as_of": f.as_of,
            "directorate": f.directorate,
        }
    st.session_state[AUDIT_SCOPE] = scope
    _record(AuditEvent(who=viewer_name(), event="page_view", **scope))


def record_download(file_name: str, event: str = "download") -> None:
    """Record a download of file_name (a download button's callback), with the scope of the
    page view that offered it."""
    scope = st.session_state.get(AUDIT_SCOPE) or {"teams": None}
    _record(AuditEvent(who=viewer_name(), event=event, file=file_name, **scope))
