"""The one CSV writer, for every page's downloads and every export.

Text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
return) is written with a leading apostrophe, so a team called `=HYPERLINK(...)` is shown, not
run; numbers are data and stay numbers (-3 is written -3). A field holding a line break of
either kind is quoted, a lone carriage return included: unquoted, a spreadsheet ends the row
there and reads what follows as the start of a new row, formula and all. Files are UTF-8 with a
byte-order mark, so that Excel shows ■, ● and £ rather than guessing a code page.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any, overload

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """text, with an apostrophe in front when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def cell_text(value: Any) -> str:
    """A value as a CSV field: blank for None, yes/no, ISO dates, numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return safe_text(str(value))


@overload
def csv_bytes(table: pd.DataFrame) -> bytes: ...


@overload
def csv_bytes(table: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes: ...


def csv_bytes(table: pd.DataFrame | Sequence[str], rows: Iterable[Sequence[Any]] = ()) -> bytes:
    """A DataFrame (exactly the rows and columns shown, values as pandas writes them), or a
    header and rows (values as cell_text writes them), as CSV with every text cell neutralised."""
    if isinstance(table, pd.DataFrame):
        return _encoded(_frame_records(table))
    return _encoded([cell_text(v) for v in record] for record in chain([table], rows))


def _frame_records(frame: pd.DataFrame) -> list[list[str]]:
    """frame's header and rows as text: numbers, dates and blanks as pandas writes them (as the
    downloads always have), text cells and text column names neutralised."""
    # With \r\n line ends pandas quotes every field holding \r or \n, so reading its CSV back
    # gives each cell's text exactly.
    written = frame.to_csv(index=False, lineterminator="\r\n")
    header, *rows = csv.reader(io.StringIO(written, newline=""))
    records = [_safe_record(frame.columns, header)]
    for values, texts in zip(frame.itertuples(index=False, name=None), rows, strict=True):
        records.append(_safe_record(values, texts))
    return records


def _safe_record(values: Iterable[Any], texts: Sequence[str]) -> list[str]:
    """texts, neutralised where the value they were written from is text (not a number)."""
    return [
        safe_text(text) if isinstance(value, str) else text
        for value, text in zip(values, texts, strict=True)
    ]


def _encoded(records: Iterable[Sequence[str]]) -> bytes:
    """records as UTF-8 CSV with a byte-order mark, each line ended by \\n."""
    buffer = io.StringIO()
    # csv quotes a field holding any character of the line end it is given; told \r\n, it
    # quotes a lone \r too, which it would not for \n. Each line then ends \n, as it always has.
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for record in records:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(record)
        lines.append(buffer.getvalue().removesuffix("\r\n") + "\n")
    return "".join(lines).encode("utf-8-sig")
