"""Export: the governance summaries for the teams selected (and only those the viewer may see),
made by the same function as `python -m pipelines export`."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.settings import load_settings
from dashboard import ui
from dashboard.appstate import app_store_path, record_download
from dashboard.db import snapshot_key
from dashboard.page import start_page
from exports.board_pack import BoardPackError
from exports.build import FORMATS, build_export, bundle_name, export_zip
from exports.columns import SUMMARIES
from exports.sources import governance_sources
from metrics.filters import previous

PREPARED = "_export_prepared"
FORMAT_LABELS = {
    "csv": "CSV summaries",
    "xlsx": "Excel workbook",
    "pdf": "PDF board pack (A4)",
}
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}

ctx = start_page(
    "Export",
    "export",
    "Summaries to take to governance meetings, the board and partners, with their context: "
    "the same files as the administrators' `python -m pipelines export`.",
)
f = ctx.filters
before = previous(f)
st.markdown(
    f"Decisions **{ui.period_sentence(f.period_start, f.period_end)}**; policies and training "
    f"**as of {ui.day(f.as_of)}**; changes against "
    f"{ui.period_sentence(before.period_start, before.period_end)}. Change the period and teams "
    "in the sidebar."
)

with st.form("export_options"):
    external = st.toggle(
        "For use outside the organisation",
        key="export_external",
        help="Disclosure control: counts of people and of decisions from 1 to the "
        "`privacy.suppression_threshold` setting are shown as c, with further counts hidden "
        "where a total would give them away; staff-level lists are left out.",
    )
    formats = st.multiselect(
        "Formats",
        list(FORMATS),
        default=list(FORMATS),
        format_func=FORMAT_LABELS.get,
        key="export_formats",
    )
    prepare = st.form_submit_button(
        "Prepare export", icon=":material/inventory_2:", type="primary", key="export_prepare"
    )

if prepare:
    if not formats:
        st.warning("Choose at least one format.", icon=":material/warning:")
    else:
        generated_at = dt.datetime.now().astimezone().replace(microsecond=0)
        with st.spinner("Preparing the export…"):
            try:
                settings = load_settings()
                files = build_export(
                    ctx.con,
                    f,
                    external=external,
                    formats=set(formats),
                    generated_at=generated_at,
                    settings=settings,
                    governance=governance_sources(
                        ctx.con, f, settings, app_store_path(), generated_at.date()
                    ),
                )
            except BoardPackError as error:
                st.error(f"The board pack could not be made: {error}", icon=":material/error:")
                files = None
        if files is not None:
            st.session_state[PREPARED] = {
                "key": (f, external, tuple(sorted(formats)), snapshot_key()),
                "files": files,
                "external": external,
                "generated_at": generated_at,
            }

prepared = st.session_state.get(PREPARED)
current = prepared is not None and prepared["key"][0] == f and prepared["key"][3] == snapshot_key()
if prepared is not None and not current:
    st.info(
        "The filters or the data changed since the last export: prepare it again.",
        icon=":material/refresh:",
    )
elif prepared is not None:
    files = prepared["files"]
    audience = "outside the organisation" if prepared["external"] else "internal use only"
    st.success(
        f"Export prepared {prepared['generated_at']:%-d %b %Y %H:%M} for {audience}: "
        f"{len(files)} files.",
        icon=":material/check_circle:",
    )
    if not prepared["external"]:
        st.warning(
            "Internal export: it names staff (overdue training) and shows small numbers. Do not "
            "share it outside the organisation.",
            icon=":material/lock:",
        )
    st.download_button(
        "Download everything (zip)",
        export_zip(files, prepared["generated_at"]),
        file_name=bundle_name(f, prepared["external"]),
        mime="application/zip",
        icon=":material/folder_zip:",
        type="primary",
        on_click=record_download,
        args=(bundle_name(f, prepared["external"]), "export"),
        key="dl_export_zip",
    )
    st.markdown("**Or one file at a time**")
    titles = {s.file_name: s.title for s in SUMMARIES}
    titles |= {"manifest.csv": "About this export", "column_guide.csv": "Column guide"}
    for name, data in files.items():
        extension = name.rsplit(".", 1)[-1]
        label = titles.get(name) or FORMAT_LABELS[extension]
        st.download_button(
            f"{label} ({name})",
            data,
            file_name=name,
            mime=MIME[extension],
            icon=":material/download:",
            on_click=record_download,
            args=(name, "export"),
            key=f"dl_export_{name}",
        )
    st.caption(
        "Every file is described in `column_guide.csv` and on the workbook's first sheet; "
        "`manifest.csv` says what the export was taken over and how recent the data is."
    )
