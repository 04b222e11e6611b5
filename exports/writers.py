"""Files out: the XLSX workbook and zips, byte for byte the same for the same input (CSV files
come from the one writer, presentation/tables.py).

Text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
return) is written with a leading apostrophe, as in the CSV files, and every text cell is typed
as a string: openpyxl would otherwise store text starting with = as a formula, so a team called
`=HYPERLINK(...)` is shown, not run; numbers are written as numbers.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from exports.columns import Summary
from presentation.tables import cell_text, safe_text

DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
MIN_WIDTH, MAX_WIDTH = 8, 60
COVER_WIDTHS = {"A": 26, "B": 34, "C": 90}
NOT_WRITABLE = "\N{REPLACEMENT CHARACTER}"


class Heading(tuple):
    """A cover-sheet row written in bold (a title, a section name or a header row)."""

    __slots__ = ()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        # A worksheet cannot hold most control characters (openpyxl raises): a name that carries
        # one is shown with a replacement mark rather than stopping the export.
        return ILLEGAL_CHARACTERS_RE.sub(NOT_WRITABLE, safe_text(value))
    return value


def _write_row(ws: Any, row_number: int, values: Sequence[Any]) -> None:
    for column, value in enumerate(values, start=1):
        cell = ws.cell(row=row_number, column=column, value=_xlsx_value(value))
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula or an error code, whatever the text
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT


def table_rows(table: pd.DataFrame) -> list[tuple[Any, ...]]:
    """A summary's rows as tuples of the values its object columns hold (ints stay ints)."""
    return list(table.itertuples(index=False, name=None))


def _width(value: Any) -> int:
    if value is None:
        return 0
    return len(cell_text(value))


def xlsx_bytes(
    cover: Sequence[Sequence[Any]],
    sheets: Mapping[Summary, pd.DataFrame],
    generated_at: dt.datetime,
    title: str,
) -> bytes:
    """The workbook: the cover sheet, then one sheet per summary with its header frozen,
    filters on and columns sized to their contents."""
    wb = Workbook()
    about = wb.active
    about.title = "About"
    bold = Font(bold=True)
    for i, row in enumerate(cover, start=1):
        _write_row(about, i, row)
        if isinstance(row, Heading):
            for j in range(1, len(row) + 1):
                about.cell(row=i, column=j).font = Font(bold=True, size=13 if i == 1 else 11)
    for letter, width in COVER_WIDTHS.items():
        about.column_dimensions[letter].width = width
    for row in about.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for summary, table in sheets.items():
        rows = table_rows(table)
        ws = wb.create_sheet(summary.sheet)
        _write_row(ws, 1, summary.column_names)
        for cell in ws[1]:
            cell.font = bold
            cell.fill = HEADER_FILL
        for i, row in enumerate(rows, start=2):
            _write_row(ws, i, row)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(summary.columns))}{len(rows) + 1}"
        for j, name in enumerate(summary.column_names, start=1):
            widest = max([len(name) + 3, *(_width(r[j - 1]) for r in rows)])
            ws.column_dimensions[get_column_letter(j)].width = min(
                MAX_WIDTH, max(MIN_WIDTH, widest + 2)
            )
    stamp = _utc_naive(generated_at)
    wb.properties.creator = "compliance dashboard"
    wb.properties.title = title
    wb.properties.created = stamp
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
    wb.properties.modified = stamp
    ExcelWriter(wb, archive).save()
    return restamped_zip(buffer.getvalue(), generated_at)


def _utc_naive(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def restamped_zip(data: bytes, moment: dt.datetime) -> bytes:
    """The same zip with every entry dated moment, so equal content gives equal bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    return zip_bytes(dict(entries), moment)


def zip_bytes(files: Mapping[str, bytes], moment: dt.datetime) -> bytes:
    """files zipped in the order given, every entry dated moment."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_zip_time(moment))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
