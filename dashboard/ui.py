"""Small pieces every page uses: RAG badges, percentages with counts, CSV downloads, empty
states. RAG is always a symbol and a word as well as a colour."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.dates import month_end
from dashboard.appstate import record_download
from metrics.rag import LABELS, NO_DATA
from presentation.formatting import NO_CHANGE, percent, percent_value, points_change, ratio
from presentation.palette import COLOURS
from presentation.tables import csv_bytes

# Tables show up to MAX_ROWS_SHOWN rows without scrolling (Streamlit's rows are 35 px).
ROW_HEIGHT, MAX_ROWS_SHOWN = 35, 25
# Black text reads on every Okabe-Ito RAG colour, in the light and the dark theme alike.
RAG_TEXT = "#000000"


def rag_label(status: str) -> str:
    """`● Green`, `▲ Amber`, `■ Red` or `○ No data`."""
    return LABELS[status]


def file_stem(title: str) -> str:
    """`Policies due for review` -> `policies_due_for_review`."""
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")


def download_csv(frame: pd.DataFrame, title: str, key: str) -> None:
    """A button that downloads frame, exactly the rows and columns shown, as CSV (formulas
    neutralised, by the one writer the exports use); pressing it is recorded in the audit
    log."""
    file_name = f"{file_stem(title)}.csv"
    st.download_button(
        f"Download {title.lower()} (CSV)",
        csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=f"dl_{key}",
        icon=":material/download:",
        on_click=record_download,
        args=(file_name,),
    )


def rag_cell(status: str, numerator: int, denominator: int, compact: bool = False) -> str:
    """`■ Red · 35.7 % (5 of 14)` (compact: `■ 35.7 % (5 of 14)`), or `○ No data` when there
    is nothing to count."""
    if status == NO_DATA:
        return rag_label(status)
    label = rag_label(status).split(" ")[0] if compact else f"{rag_label(status)} ·"
    return f"{label} {percent(numerator, denominator)}"


def rag_cells(frame: pd.DataFrame, status: str, numerator: str, denominator: str) -> list[str]:
    """rag_cell(compact) for every row of frame, from the three named columns."""
    return [
        rag_cell(s, n, d, compact=True)
        for s, n, d in zip(frame[status], frame[numerator], frame[denominator], strict=True)
    ]


# A RAG cell starts with its status symbol and a space; no other cell does.
SYMBOL_TO_STATUS = {label.split(" ")[0]: status for status, label in LABELS.items()}


def _status_of_cell(value: object) -> str | None:
    text = str(value)
    return SYMBOL_TO_STATUS.get(text[:1]) if text[1:2] == " " else None


def _rag_cell_style(value: object) -> str:
    status = _status_of_cell(value)
    if status is None:
        return ""
    return f"background-color: {COLOURS[status]}; color: {RAG_TEXT}"


def styled(frame: pd.DataFrame) -> pd.io.formats.style.Styler | pd.DataFrame:
    """frame with its RAG cells coloured (the symbol and word in them carry the meaning)."""
    rag_columns = [
        c
        for c in frame.columns
        if frame[c].dtype != "int64" and any(_status_of_cell(v) for v in frame[c])
    ]
    if not rag_columns:
        return frame
    return frame.style.map(_rag_cell_style, subset=rag_columns)


def table(
    frame: pd.DataFrame,
    title: str,
    key: str,
    empty: str,
    column_config: dict | None = None,
) -> None:
    """A table with its CSV download, or a sentence saying why there is nothing to show."""
    if frame.empty:
        st.info(empty, icon=":material/info:")
        return
    # Whole numbers with thousands separators (1,875, not 1875) unless configured otherwise.
    config = {
        column: st.column_config.NumberColumn(format="localized")
        for column in frame.columns
        if pd.api.types.is_integer_dtype(frame[column])
    } | (column_config or {})
    st.dataframe(
        styled(frame),
        hide_index=True,
        column_config=config,
        height=ROW_HEIGHT * (min(len(frame), MAX_ROWS_SHOWN) + 1) + 3,
    )
    download_csv(frame, title, key)


def chart(
    build: Callable[[pd.DataFrame], go.Figure],
    data: pd.DataFrame,
    title: str,
    key: str,
    empty: str,
) -> None:
    """build(data) as a Plotly chart with the CSV of exactly the rows it draws, or a sentence
    saying why there is nothing to show."""
    if data.empty:
        st.info(empty, icon=":material/info:")
        return
    st.plotly_chart(build(data), key=f"chart_{key}", config={"displaylogo": False})
    download_csv(data, title, key)


def is_no_data(status: str) -> bool:
    """True for the no-data status (nothing to count), which is never shown as red."""
    return status == NO_DATA


def period_sentence(start: object, end: object) -> str:
    """`1 Jul 2025 to 30 Jun 2026`."""
    return f"{day(start)} to {day(end)}"


def day(value: object) -> str:
    """`30 Jun 2026`, or a dash for a missing date."""
    if value is None or pd.isna(value):
        return "–"
    return pd.Timestamp(value).strftime("%-d %b %Y")


BADGE_COLOURS = {"green": "green", "amber": "orange", "red": "red", "no_data": "gray"}


def rag_badge(status: str) -> None:
    """A RAG badge: symbol and word, coloured."""
    st.badge(rag_label(status), color=BADGE_COLOURS[status])


def counts_line(numerator: int, denominator: int, counted: str, out_of: str) -> str:
    """`46 in place, of 50 that apply`: the counts under a tile's percentage."""
    return f"{numerator:,} {counted}, of {denominator:,} {out_of}"


def ratio_tile(
    label: str,
    numerator: int,
    denominator: int,
    wording: tuple[str, str],
    help_text: str,
    previous: tuple[int, int] | None = None,
    higher_is_better: bool = True,
    status: str | None = None,
) -> None:
    """A KPI tile: the percentage, its counts under it (`46 in place, of 50 that apply`), the
    change in points against the previous period, and the RAG status as a labelled badge."""
    change = None
    if previous is not None:
        change = points_change(ratio(numerator, denominator), ratio(*previous))
    with st.container(border=True, height="stretch"):
        st.metric(
            label,
            percent_value(numerator, denominator) if denominator else "no data",
            delta=change,
            delta_color="normal" if higher_is_better and change != NO_CHANGE else "off",
            delta_arrow="off" if change == NO_CHANGE else "auto",
            help=help_text,
        )
        st.caption(counts_line(numerator, denominator, *wording))
        if status is not None:
            rag_badge(status)


def count_tile(label: str, count: int, previous_count: int | None, help_text: str) -> None:
    """A KPI tile for a count, with the change against the previous period (neither good nor
    bad, so not coloured)."""
    delta = None if previous_count is None else f"{count - previous_count:+,}"
    with st.container(border=True, height="stretch"):
        st.metric(
            label,
            f"{count:,}",
            delta=delta,
            delta_color="off",
            delta_arrow="off" if count == previous_count else "auto",
            help=help_text,
        )


def text_tile(label: str, value: str, help_text: str, note: str | None = None) -> None:
    """A KPI tile with no comparison, and an optional line under the value."""
    with st.container(border=True, height="stretch"):
        st.metric(label, value, help=help_text)
        if note:
            st.caption(note)


def part_months_note(start: dt.date, end: dt.date) -> str | None:
    """A sentence naming the months a period only partly covers, or None when it has none."""
    first_partial, last_partial = start.day != 1, end != month_end(end)
    if (start.year, start.month) == (end.year, end.month):
        if not (first_partial or last_partial):
            return None
        return f"{start:%b %Y} counts only the {_nth(start.day)} to the {_nth(end.day)}."
    parts = []
    if first_partial:
        parts.append(f"{start:%b %Y} (from the {_nth(start.day)})")
    if last_partial:
        parts.append(f"{end:%b %Y} (up to the {_nth(end.day)})")
    if not parts:
        return None
    if len(parts) == 1:
        return f"Part month: {parts[0]} counts only those days."
    return "Part months: " + " and ".join(parts) + " count only those days."


def _nth(day_of_month: int) -> str:
    return f"{day_of_month}{_suffix(day_of_month)}"


def _suffix(day_of_month: int) -> str:
    if day_of_month in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day_of_month % 10, "th")
