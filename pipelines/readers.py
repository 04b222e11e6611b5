"""Turn a CSV or XLSX file into header + rows of text, each row with its line number in the file.

Line numbers are as a person counts them in a text editor or in Excel: the header is line 1,
blank lines count, and a quoted field that spans lines starts its row on its first line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK_ROWS = 200_000
DELIMITERS = (",", ";", "\t")
BINARY_SIGNATURES = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\x1f\x8b")
csv.field_size_limit(1 << 30)
# A NUL in one cell refuses that row only: the rest of such a file is ordinary text.
NUL_REASON = (
    "has a NUL character, which a text file never has: correct this cell (the file may be "
    "damaged; export it again from your system)"
)


class FileProblem(Exception):
    """A problem that refuses the whole file; carries line and column where they are known."""

    def __init__(self, reason: str, line: int | None = None, column: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


@dataclass
class Chunk:
    """Up to CHUNK_ROWS rows: lines[i] is the line of rows[i]; each row has len(header) cells.

    Cells are as written (spaces kept, blank = "" or None); staging trims them. bad_lines holds
    the rows refused while reading, as (line, column or None, rule, reason).
    """

    lines: list[int]
    rows: list[list[str | None]]
    bad_lines: list[tuple[int, str | None, str, str]]


@dataclass
class Table:
    """A file opened for reading: its header, where the header is, and its rows in chunks."""

    path: Path
    header: list[str]
    header_line: int
    chunks: Iterator[Chunk]
    encoding: str
    bytes: int
    lines: int


def normalise_header(name: object) -> str:
    """Header cell as a column name: case, surrounding spaces and space-vs-underscore ignored."""
    text = "" if name is None else str(name)
    text = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s_]+", "_", text)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Text of a CSV file and the encoding used: UTF-8 (BOM or not), UTF-16 with BOM, or cp1252."""
    head = data[:4096]
    if data.startswith(BINARY_SIGNATURES) or (
        b"\x00" in head and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    ):
        raise FileProblem(
            "is not a text CSV file (it looks binary): export it from your system as CSV, "
            "or save it as .xlsx if it is a spreadsheet"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise FileProblem(
                f"starts with a UTF-8 marker but has bytes that are not UTF-8 (byte "
                f"{exc.start + 3}): save it again as 'CSV UTF-8' from Excel",
                line=data[: exc.start + 3].count(b"\n") + 1,
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise FileProblem(
                "starts with a UTF-16 marker but is not valid UTF-16 (it may be cut short): "
                "export it again, or save it as 'CSV UTF-8' from Excel"
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(
            f"has bytes that are neither UTF-8 nor Windows-1252 (byte {exc.start}): save it "
            "again as 'CSV UTF-8' from Excel",
            line=line,
        ) from None


def sniff_delimiter(first_line: str) -> str:
    """The delimiter used in the header line: comma, semicolon or tab, whichever occurs most."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def cell_count_reason(cells: int, width: int) -> str:
    """Why a row with more non-empty cells than the header has names is refused."""
    return (
        f"has {cells} cells but the header has {width}: quote any value that contains the separator"
    )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def read_csv(path: Path) -> Table:
    """Open a CSV file: encoding and delimiter detected, header normalised."""
    data = path.read_bytes()
    if not data.strip():
        raise FileProblem("is empty: export it again with its header row", line=1)
    text, encoding = decode(data, path)
    # Find the header (first non-blank line) to choose the delimiter.
    first = next((ln for ln in io.StringIO(text, newline="") if ln.strip()), "")
    delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = _records(reader, path)
    try:
        line, header = next(records)
    except StopIteration:
        raise FileProblem("is empty: export it again with its header row", line=1) from None
    names = [normalise_header(h) for h in header]
    return Table(
        path=path,
        header=names,
        header_line=line,
        chunks=_chunks(records, names, has_nul="\x00" in text),
        encoding=encoding,
        bytes=len(data),
        lines=text.count("\n") + 1,
    )


def _records(reader: csv.reader, path: Path) -> Iterator[tuple[int, list[str]]]:
    last = 0
    while True:
        start = last + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FileProblem(
                f"cannot be read as CSV from line {start} ({exc}): look for a quote that is "
                "opened but never closed",
                line=start,
            ) from None
        last = reader.line_num
        if not "".join(row).strip():
            continue
        yield start, row


def nul_problem(line: int, column: str) -> tuple[int, str | None, str, str]:
    """The refusal of a row with a NUL character in one cell (the rest of the file is read)."""
    return (line, column, "nul_character", NUL_REASON)


def _chunks(
    records: Iterator[tuple[int, list[str]]], header: list[str], has_nul: bool
) -> Iterator[Chunk]:
    width = len(header)
    chunk = Chunk([], [], [])
    for line, row in records:
        if len(row) > width:
            if any(c.strip() for c in row[width:]):
                chunk.bad_lines.append(
                    (line, None, "cell_count", cell_count_reason(len(row), width))
                )
                continue
            row = row[:width]
        elif len(row) < width:
            # Some systems drop trailing empty cells; they are blanks, checked like any other.
            row = row + [""] * (width - len(row))
        if has_nul and any("\x00" in c for c in row):
            at = next(i for i, c in enumerate(row) if "\x00" in c)
            chunk.bad_lines.append(nul_problem(line, header[at] or f"column {at + 1}"))
            continue
        chunk.lines.append(line)
        chunk.rows.append(row)
        if len(chunk.rows) >= CHUNK_ROWS:
            yield chunk
            chunk = Chunk([], [], [])
    yield chunk


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


def read_xlsx(path: Path) -> Table:
    """Open the first sheet of a workbook; the header is its first non-empty row."""
    import openpyxl

    try:
        # From bytes, not the path: openpyxl refuses a workbook whose name does not end .xlsx.
        book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileProblem(
            f"cannot be opened as an Excel workbook ({type(exc).__name__}): save it again as "
            ".xlsx from Excel"
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header: list[str] | None = None
    header_line = 0
    for values in rows:
        header_line += 1
        if any(_cell_text(v) for v in values):
            header = [normalise_header(v) for v in values]
            break
    if header is None:
        book.close()
        raise FileProblem(f"has no rows in its first sheet '{sheet.title}'", line=1)
    while header and not header[-1]:
        header.pop()
    width = len(header)

    def chunks() -> Iterator[Chunk]:
        chunk = Chunk([], [], [])
        for line, values in enumerate(rows, start=header_line + 1):
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            extra = [c for c in cells[width:] if c]
            if extra:
                chunk.bad_lines.append(
                    (
                        line,
                        None,
                        "cell_count",
                        f"has values beyond the header's {width} columns: remove them",
                    )
                )
                continue
            cells = (cells + [None] * width)[:width]
            chunk.lines.append(line)
            chunk.rows.append(cells)
            if len(chunk.rows) >= CHUNK_ROWS:
                yield chunk
                chunk = Chunk([], [], [])
        yield chunk
        book.close()

    return Table(
        path=path,
        header=header,
        header_line=header_line,
        chunks=chunks(),
        encoding="xlsx",
        bytes=path.stat().st_size,
        lines=sheet.max_row or 0,
    )


def read_table(path: Path) -> Table:
    """Read a CSV or XLSX file (chosen by content, not only by name)."""
    with path.open("rb") as fh:
        magic = fh.read(4)
    if path.suffix.lower() in (".xlsx", ".xlsm") or magic == b"PK\x03\x04":
        return read_xlsx(path)
    if path.suffix.lower() == ".xls":
        raise FileProblem("is an old .xls workbook: save it as .xlsx or CSV from Excel")
    return read_csv(path)
