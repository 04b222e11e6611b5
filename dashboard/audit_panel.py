"""The audit log on the Data status page, for viewers whose role covers everything."""

from __future__ import annotations

import streamlit as st

from appstore.audit import audit_frame
from dashboard.appstate import STORE_PROBLEMS, app_store, app_store_path
from dashboard.ui import download_csv

SHOWN_EVENTS = 200


def audit_log_panel() -> None:
    """The latest events of the audit log, and the whole log as CSV."""
    st.subheader("Audit log")
    st.caption(
        "Who viewed which page with which filters, and who downloaded or exported which file, "
        "newest first. Only filter values and file names are kept, never a child's details."
    )
    try:
        with app_store() as con:
            log = audit_frame(con)
    except STORE_PROBLEMS as exc:
        st.warning(
            f"The audit log cannot be read ({exc}): check the setting app_store.path.",
            icon=":material/warning:",
        )
        return
    st.dataframe(
        log.head(SHOWN_EVENTS),
        hide_index=True,
        column_config={
            "at": "When",
            "who": "Who",
            "event": "What",
            "page": "Page",
            "file": "File",
            "period_start": "Period from",
            "period_end": "Period to",
            "as_of": "As of",
            "directorate": "Directorate",
            "teams": "Teams",
        },
    )
    if len(log) > SHOWN_EVENTS:
        st.caption(f"The latest {SHOWN_EVENTS} of {len(log):,} events; the CSV has them all.")
    download_csv(log, "Audit log", "audit_log")
    st.caption(f"App store: `{app_store_path()}`")
