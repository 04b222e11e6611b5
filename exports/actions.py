"""Actions to and from files, for the Actions page and `python -m pipelines actions`.

Here, above both `pipelines` (which reads CSV and XLSX as every source is read) and `appstore`
(which checks and writes the rows), so that the page and the command line share one path.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from collections.abc import Collection
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from appstore.transfer import ImportRefused, check_rows, import_rows
from pipelines.readers import FileProblem, read_table
from presentation.tables import csv_bytes, safe_text

SHEET = "Actions"


def actions_csv(actions: pd.DataFrame) -> bytes:
    """actions as CSV, by the one safe writer (formulas neutralised)."""
    return csv_bytes(actions)


def actions_xlsx(actions: pd.DataFrame) -> bytes:
    """actions as a workbook whose first sheet is the table (so it can be imported back); text
    cells are typed as text, with formulas neutralised as in the CSV."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(actions.columns))
    for record in actions.itertuples(index=False, name=None):
        sheet.append([_xlsx_value(v) for v in record])
        for cell, value in zip(sheet[sheet.max_row], record, strict=True):
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", safe_text(value))
    return value


def import_actions_file(
    store: sqlite3.Connection,
    path: Path,
    shown_name: str,
    known_teams: Collection[str],
    who: str,
    allowed: Collection[str] | None,
) -> tuple[int, int]:
    """Import a CSV or XLSX file of actions whole: (added, changed). ImportRefused names each
    problem as `shown_name:line:column: reason`, and then nothing is written."""
    try:
        table = read_table(path)
        header_line, header = table.header_line, table.header
        rows, problems = [], []
        for chunk in table.chunks:
            rows += list(zip(chunk.lines, chunk.rows, strict=True))
            problems += [f"{shown_name}:{line}:-: {reason}" for line, reason in chunk.bad_lines]
    except FileProblem as exc:
        raise ImportRefused(
            [f"{shown_name}:{exc.line or 1}:{exc.column or '-'}: {exc.reason}"]
        ) from None
    try:
        checked = check_rows(shown_name, header, rows, known_teams, header_line)
    except ImportRefused as refused:
        raise ImportRefused(problems + refused.problems) from None
    if problems:
        raise ImportRefused(problems)
    return import_rows(store, shown_name, checked, who, allowed)
