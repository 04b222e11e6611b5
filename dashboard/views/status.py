"""Data status: what is loaded, how fresh it is, and what was refused."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.settings import db_path
from dashboard.appstate import record_page_view
from dashboard.audit_panel import audit_log_panel
from dashboard.filters import remember_organisation
from dashboard.page import open_page
from dashboard.ui import day, download_csv
from metrics import status

AGE_WARNING_DAYS = 45

organisation, allowed = open_page(
    "Data status",
    "status",
    "What the dashboard is built from. Check this page before relying on the others: "
    "old data or refused rows change every measure.",
)
con = organisation.con
remember_organisation("status", organisation.id)
record_page_view("status", None, allowed)
if allowed is not None:
    st.info(
        "This page describes every load into the database, for all teams, so it is shown only "
        "to viewers whose role covers everything.",
        icon=":material/lock:",
    )
    st.stop()

today = dt.date.today()
fresh = status.freshness(con, today)


def _days(days: int) -> str:
    return "today" if days == 0 else f"{days:,} day{'s' if days != 1 else ''} ago"


def _age(label: str, newest: dt.date | None, days: int | None) -> None:
    if newest is None or days is None:
        st.metric(label, "none loaded")
        return
    st.metric(label, _days(days))
    st.caption(day(newest))
    if days > AGE_WARNING_DAYS:
        st.warning(f"The {label.lower()} is {days:,} days old: load a newer export.")


cols = st.columns(4)
with cols[0]:
    _age("Newest decision", fresh["newest_decision"], fresh["decision_age_days"])
with cols[1]:
    _age("Newest training record", fresh["newest_training"], fresh["training_age_days"])
with cols[2]:
    _age("Newest attestation", fresh["newest_attestation"], fresh["attestation_age_days"])
with cols[3]:
    last = fresh["last_ingest"]
    if last is None:
        st.metric("Last load", "never")
    else:
        st.metric("Last load", _days((today - last.date()).days))
        st.caption(f"{day(last)} {last:%H:%M}")

st.subheader("Rows loaded")
rows = status.table_rows(con)
st.dataframe(
    rows,
    hide_index=True,
    column_config={
        "table_name": "Table",
        "row_count": st.column_config.NumberColumn("Rows", format="localized"),
        "last_loaded_at": st.column_config.DatetimeColumn("Last loaded", format="D MMM YYYY HH:mm"),
    },
)
download_csv(rows, "Rows loaded", "rows")

st.subheader("Refused rows, by reason")
refusals = status.refusals_by_reason(con)
if refusals.empty:
    st.success("No refused rows in the latest load of any file.")
else:
    total = int(refusals["problems"].sum())
    st.error(
        f"{total:,} problems in the latest load of {refusals['files'].max()} or more files. "
        "Rows with a problem were not loaded: correct them at source and load the file again. "
        "Each file, line and column is listed by the ingest command and in the table "
        "`rejected_rows`."
    )
    st.dataframe(
        refusals.drop(columns=["rule"]),
        hide_index=True,
        column_config={
            "kind": "File kind",
            "column_name": "Column",
            "reason": "Reason",
            "problems": st.column_config.NumberColumn("Problems", format="localized"),
            "files": "Files",
            "example": "First example",
        },
    )
    download_csv(refusals, "Refusals by reason", "refusals")

st.subheader("Latest loads")
runs = status.recent_runs(con)
if runs.empty:
    st.info("Nothing has been loaded yet.")
else:
    st.dataframe(
        runs,
        hide_index=True,
        column_config={
            "run_id": "Run",
            "finished_at": st.column_config.DatetimeColumn("Finished", format="D MMM YYYY HH:mm"),
            "file_name": "File",
            "kind": "Kind",
            "status": "Status",
            "rows_read": "Rows read",
            "rows_loaded": "New",
            "rows_updated": "Updated",
            "rows_refused": "Refused",
            "reason": "Why refused whole",
        },
    )
    download_csv(runs, "Latest loads", "runs")

audit_log_panel()

st.caption(f"Database: `{db_path()}`")
