"""Stage a plain CSV file with DuckDB's own reader: parsed in parallel, never held in Python.

One streaming pass over the bytes (`survey`) takes the sha256 and the facts that decide whether
DuckDB can read the file exactly as the Python reader (readers.py) would: UTF-8, one header line
without quotes, no lone CR line ends. DuckDB then reads every cell as text, and one SQL pass
trims the cells, hashes child_ref, reduces reason to yes/blank and types every column before
anything is stored, so raw identifiers live only in DuckDB's read buffers and the file's rows
are copied once (the checks read the typed columns beside the text they report). Line numbers
are those a person sees: a row's line is the header's line, plus the rows before it, plus the
line breaks inside their quoted cells. Whatever DuckDB cannot read as the Python reader would
(a reject, a skipped empty line, an error) returns None, and the caller reads the file the
slower way, with the same messages.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines import pseudonym
from pipelines.readers import (
    BINARY_SIGNATURES,
    NUL_REASON,
    cell_count_reason,
    normalise_header,
    sniff_delimiter,
)
from pipelines.schema import Column, Source, has_time_name

SURVEY_BLOCK = 8 << 20
HEAD_BYTES = 64 << 10
# Cells past the header's width that DuckDB keeps, to tell empty trailing cells from values.
EXTRA_CELLS = 16
# Taken as SQL NULL by DuckDB instead of an empty cell, so that an empty cell ('') can be told
# from a cell the row does not have (NULL, padded): the cell count of a row is exact.
NO_NULL_TEXT = "\x01\x02not-a-null\x02\x01"
UTF8_BOM = b"\xef\xbb\xbf"
# What the Python reader's str.strip() removes, as an RE2 class (see ingest.TRIM_PATTERN);
# a cell is trimmed only when its first or last character could be one of these.
SPACE_CLASS = r"[\pZ\x{09}-\x{0D}\x{1C}-\x{1F}\x{85}]"
TRIM_PATTERN = f"^{SPACE_CLASS}+|{SPACE_CLASS}+$"
PARALLEL_REFUSED = "parallel scanner does not support null_padding"


@dataclass
class Survey:
    """What one pass over a file's bytes found."""

    sha256: str
    size: int
    utf8: bool
    newlines: int
    lone_cr: bool
    has_quote: bool
    has_nul: bool
    ends_with_newline: bool

    @property
    def lines(self) -> int:
        """Lines as an editor counts them (LF and CRLF line ends; no lone CR)."""
        return self.newlines + (0 if self.ends_with_newline or not self.size else 1)


def survey(path: Path) -> Survey:
    """sha256 and the byte facts of a file, read in blocks (memory does not grow with it)."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, newlines, crs, crlfs, quote, nul, size, last = True, 0, 0, 0, False, False, 0, b""
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(SURVEY_BLOCK), b""):
            digest.update(block)
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            newlines += block.count(b"\n")
            crs += block.count(b"\r")
            crlfs += block.count(b"\r\n") + (last == b"\r" and block[:1] == b"\n")
            quote = quote or b'"' in block
            nul = nul or b"\x00" in block
            size += len(block)
            last = block[-1:]
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return Survey(
        sha256=digest.hexdigest(),
        size=size,
        utf8=utf8,
        newlines=newlines,
        lone_cr=crs != crlfs,
        has_quote=quote,
        has_nul=nul,
        ends_with_newline=last == b"\n",
    )


@dataclass
class Plan:
    """How DuckDB is to read a file: its header's names and its delimiter."""

    header: list[str]
    delimiter: str


def plan(path: Path, facts: Survey) -> Plan | None:
    """A plan when DuckDB reads this file as the Python reader would; None otherwise."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls") or not facts.utf8 or facts.lone_cr:
        return None
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if head.startswith(BINARY_SIGNATURES) or b"\x00" in head[:4096]:
        return None
    first, newline, _ = head.removeprefix(UTF8_BOM).partition(b"\n")
    # An odd number of quotes leaves a quoted header cell open past the line's end.
    if (not newline and len(head) == HEAD_BYTES) or first.count(b'"') % 2 or not first.strip():
        return None
    text = first.decode("utf-8").rstrip("\r")
    delimiter = sniff_delimiter(text)
    try:
        header = next(csv.reader([text], delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    return Plan([normalise_header(h) for h in header], delimiter)


def _trimmed(cell: str) -> str:
    """SQL for a cell trimmed as str.strip() would, blank as NULL; the regex only where needed."""
    # The regex runs when the first or last character is not printable ASCII. The last is
    # compared as text (a space, a control or any non-ASCII character falls outside '!'..'~'):
    # ord(right(c, 1)) gave the same answer at twice the cost of the whole test.
    first = f"ord({cell})"
    maybe_space = f"{first} <= 32 or {first} > 126 or {cell}[-1] not between '!' and '~'"
    return (
        f"nullif(case when {maybe_space} then regexp_replace({cell}, $trim, '', 'g') "
        f"else {cell} end, '')"
    )


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def typed_expr(col: Column) -> str:
    """SQL for a column's typed value from its staged text raw_<name> (NULL when not valid)."""
    v = f"raw_{col.name}"
    if col.privacy == "presence":
        return f"{v} is not null"
    parse = {
        "text": v,
        "date": f"parse_date({v})",
        "datetime": f"parse_datetime({v})",
        "bool": f"parse_bool({v})",
        "int": f"parse_int({v})",
        # A value written exactly as declared is its own parse: the regex only for the rest.
        "enum": f"case when {v} in ({', '.join(map(_sql_text, col.values))}) then {v} "
        f"else parse_enum({v}) end",
        "required_for": f"parse_required_for({v})",
    }[col.type]
    if col.default is not None:
        default = {"bool": f"parse_bool({_sql_text(col.default)})"}.get(
            col.type, _sql_text(col.default)
        )
        parse = f"case when {v} is null then {default} else {parse} end"
    return parse


def has_time_expr(col: Column) -> str:
    """SQL for whether a date-time cell was written with a time of day (null when blank)."""
    v = f"raw_{col.name}"
    return f"case when {v} is not null then {v} like '%:%' end"


def typed_sql(source: Source) -> str:
    """The typed columns computed from the staged text, in one select list (text columns
    are left out: their typed value is their text, aliased by the ingester's view)."""
    return ", ".join(
        f"{typed_expr(c)} as {c.stored_name}"
        + (f", {has_time_expr(c)} as {has_time_name(c)}" if c.type == "datetime" else "")
        for c in source.columns
        if typed_expr(c) != f"raw_{c.name}"
    )


def _hmac(value: str) -> str:
    """SQL for pseudonym.pseudonymise(value): HMAC-SHA256 from DuckDB's sha256, cut short."""
    inner = f"sha256($ipad || encode(upper({value})))"
    return f"left(sha256($opad || unhex({inner})), {pseudonym.PSEUDONYM_HEX_CHARS})"


def _cells_sql(source: Source, present: dict[str, int], plan_: Plan, facts: Survey) -> str:
    """The one pass over DuckDB's reading: the staged cells and what each row needs checking."""
    width = len(plan_.header)
    cells = [f"c{i}" for i in range(width + EXTRA_CELLS)]
    out = []
    for col in source.columns:
        value = _trimmed(cells[present[col.name]]) if col.name in present else "null::varchar"
        if col.privacy == "pseudonymise":
            value = f"case when {value} is not null then {_hmac(value)} end"
        elif col.privacy == "presence":
            value = f"case when {value} is not null then 'yes' end"
        out.append(f"{value} as raw_{col.name}")
    # DuckDB's CASE runs a branch only on the rows that take it: the full checks run only on
    # rows that could need them (a first cell that may be blank, cells past the header's).
    first = f"ord({cells[0]})"
    all_blank = " and ".join(f"{_trimmed(c)} is null" for c in cells)
    out.append(f"case when {first} > 32 and {first} < 128 then false else {all_blank} end as blank")
    extras = cells[width:]
    count = " + ".join(f"({c} is not null)::int" for c in extras)
    nonblank = " or ".join(f"{_trimmed(c)} is not null" for c in extras)
    out.append(
        f"case when {extras[0]} is null then null when {nonblank} then {width} + {count} end "
        "as cell_count"
    )
    if facts.has_nul:
        names = [h or f"column {i + 1}" for i, h in enumerate(plan_.header)]
        whens = " ".join(
            f"when contains({c}, chr(0)) then '{n.replace(chr(39), chr(39) * 2)}'"
            for c, n in zip(cells, names, strict=False)
        )
        out.append(f"case {whens} end as nul_column")
    else:
        out.append("null::varchar as nul_column")
    if facts.has_quote:
        joined = f"concat({', '.join(cells)})"
        any_break = " or ".join(f"contains({c}, chr(10))" for c in cells)
        out.append(
            f"case when {any_break} then strlen({joined}) - strlen(replace({joined}, chr(10), '')) "
            "else 0 end as breaks"
        )
    else:
        out.append("0 as breaks")
    return ", ".join(out)


def _read(
    con: duckdb.DuckDBPyConnection,
    select: str,
    typed: str,
    path: Path,
    width: int,
    delim: str,
    params: dict,
) -> bool:
    """Create temp table _cells (cells and typed values) from DuckDB's reading of path; False
    if DuckDB could not. One pass: reading, trimming, hashing and typing run together."""
    columns = {f"c{i}": "varchar" for i in range(width + EXTRA_CELLS)}
    used = {k: v for k, v in params.items() if f"${k}" in select or k == "no_null"}
    for parallel in (True, False):
        con.execute("drop table if exists _reject_errors; drop table if exists _reject_scans")
        try:
            con.execute(
                f"""
                create or replace temp table _cells as
                select *, {typed} from (select {select}
                from read_csv($path, columns = $columns, auto_detect = false, header = false,
                    skip = 1, delim = $delim, quote = '"', escape = '"', null_padding = true,
                    nullstr = $no_null, store_rejects = true, rejects_table = '_reject_errors',
                    rejects_scan = '_reject_scans', parallel = {str(parallel).lower()}))
                """,
                {**used, "path": str(path), "columns": columns, "delim": delim},
            )
        except duckdb.Error as exc:
            if parallel and PARALLEL_REFUSED in str(exc):
                continue
            return False
        rejects = con.execute("select count(*) from _reject_errors").fetchone()[0]
        con.execute("drop table if exists _reject_errors; drop table if exists _reject_scans")
        return rejects == 0
    return False


def drop_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the staging of the file before, whichever reader made it (a view or a table)."""
    for name, kind in con.execute(
        "select view_name, 'view' from duckdb_views() where temporary and view_name in "
        "('_raw', '_lined') union all select table_name, 'table' from duckdb_tables() "
        "where temporary and table_name in ('_raw', '_cells')"
    ).fetchall():
        con.execute(f"drop {kind} {name}")


@dataclass
class Staged:
    """What staging a file found: non-blank rows read, and rows refused while reading."""

    rows_read: int
    refused: list[tuple[int, str | None, str, str]]


def stage(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    present: dict[str, int],
    plan_: Plan,
    facts: Survey,
    path: Path,
    key: bytes,
) -> Staged | None:
    """Fill _raw (line, raw_<column>..., typed columns) as ingest._stage does; None to fall
    back."""
    block = key if len(key) <= 64 else hashlib.sha256(key).digest()
    block = block.ljust(64, b"\x00")
    params = {
        "trim": TRIM_PATTERN,
        "no_null": NO_NULL_TEXT,
        "ipad": bytes(b ^ 0x36 for b in block),
        "opad": bytes(b ^ 0x5C for b in block),
    }
    select = _cells_sql(source, present, plan_, facts)
    drop_staging(con)
    typed = typed_sql(source)
    if not _read(con, select, typed, path, len(plan_.header), plan_.delimiter, params):
        return None
    rows, breaks = con.execute("select count(*), coalesce(sum(breaks), 0) from _cells").fetchone()
    if 1 + rows + breaks != facts.lines:
        con.execute("drop table _cells")  # DuckDB skipped an empty line: lines would drift
        return None
    before = (
        "sum(1 + breaks) over (order by rowid rows between unbounded preceding and 1 preceding)"
    )
    line = "rowid + 2" if breaks == 0 else f"2 + coalesce({before}, 0)"
    # Rows after a quoted line break number their lines by a window over the whole file:
    # _raw is then kept as a table, so that the checks do not each run the window again.
    raw_kind = "view" if breaks == 0 else "table"
    con.execute(
        f"create or replace temp view _lined as select {line} as line, * from _cells;"
        f"create temp {raw_kind} _raw as select line, "
        "* exclude (line, blank, cell_count, nul_column, breaks) from _lined "
        "where not blank and cell_count is null and nul_column is null"
    )
    refused = []
    for line_, cells, nul_column in con.execute(
        "select line, cell_count, nul_column from _lined where not blank "
        "and (cell_count is not null or nul_column is not null) order by line"
    ).fetchall():
        if cells is not None:
            reason = cell_count_reason(cells, len(plan_.header))
            refused.append((line_, None, "cell_count", reason))
        else:
            refused.append((line_, nul_column, "nul_character", NUL_REASON))
    read = con.execute("select count(*) from _lined where not blank").fetchone()[0]
    return Staged(read, refused)
