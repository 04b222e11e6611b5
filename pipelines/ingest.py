"""Load files into the database: validate every cell, keep good rows, explain every refused one.

Each file is one transaction inside a private copy of the database (see store.py); a file with a
fatal problem is rolled back whole and its refusal recorded. Raw child identifiers are replaced
by a keyed hash, and free-text reasons by a yes/no, before any row is stored, even in a temp
table. Plain CSV files are parsed and staged by DuckDB (scan.py); the rest by readers.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import duckdb
import pyarrow as pa
from tqdm import tqdm

from core.settings import load_settings
from pipelines import pseudonym, scan
from pipelines.readers import FileProblem, Table, read_table
from pipelines.retention import purge_expired, retention_cutoff
from pipelines.schema import (
    KINDS,
    SOURCE_BY_KIND,
    Column,
    Source,
    has_time_name,
    kind_from_file_name,
    stored_columns,
)
from pipelines.store import read_sql, writer

DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
VALUE_SHOWN_CHARS = 40
PROGRESS_MIN_BYTES = 20_000_000
# What Python's str.strip() removes (as for XLSX cells), as an RE2 class: Unicode separators,
# ASCII controls \t to \r and \x1c to \x1f, and NEL. DuckDB's trim() keeps tabs and breaks.
SPACE_CLASS = r"[\pZ\x{09}-\x{0D}\x{1C}-\x{1F}\x{85}]"
TRIM_PATTERN = f"^{SPACE_CLASS}+|{SPACE_CLASS}+$"

# Why a row was refused, as the status page groups them.


@dataclass
class Problem:
    """One refused cell or row, or a refused file (line None)."""

    file: str
    line: int | None
    column: str | None
    reason: str
    rule: str = "file"

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        return f"{where}: {self.reason}"


@dataclass
class FileResult:
    """What happened to one file."""

    path: Path
    kind: str | None
    status: str = "loaded"
    rows_read: int = 0
    rows_loaded: int = 0
    rows_updated: int = 0
    rows_refused: int = 0
    reason: str | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the person running the ingest."""
        if self.status == "unchanged":
            return f"{self.path}: {self.reason}"
        if self.status == "refused":
            return f"{self.path}: refused whole, nothing loaded ({self.reason})"
        return (
            f"{self.path}: {self.kind}: {self.rows_loaded:,} loaded, {self.rows_updated:,} "
            f"updated, {self.rows_refused:,} refused"
        )


def files_in_order(paths: Iterable[Path], kind: str | None) -> list[tuple[Path, str | None]]:
    """Expand folders (by file name) and order files reference kinds first, stably."""
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in DATA_SUFFIXES and not p.name.startswith(".")
            )
        else:
            expanded.append(path)
    tagged = [(p, kind or kind_from_file_name(p.name)) for p in expanded]
    rank = {k: i for i, k in enumerate(KINDS)}
    return sorted(tagged, key=lambda pk: rank.get(pk[1], -1) if pk[1] else -1)


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _shown(raw: str) -> str:
    """SQL for the offending value as shown in a message: quoted, cut short, on one line."""
    cut = (
        f"case when length({raw}) > {VALUE_SHOWN_CHARS} "
        f"then left({raw}, {VALUE_SHOWN_CHARS}) || '...' else {raw} end"
    )
    # A line break inside a quoted cell would split the message over two stderr lines.
    return f"'''' || replace(replace({cut}, chr(13), '\\r'), chr(10), '\\n') || ''''"


def _cell_checks(col: Column) -> list[tuple[str, str, str]]:
    """(rule, condition, message) triples in SQL over the staged row, for one column."""
    checks: list[tuple[str, str, str]] = []
    if col.required:
        checks.append(_required_check(col))
    if col.privacy:
        return checks
    for check in (_type_check(col), _range_check(col), _future_check(col)):
        if check is not None:
            checks.append(check)
    return checks


def _required_check(col: Column) -> tuple[str, str, str]:
    """The check that a required cell is not blank."""
    return (
        "required",
        f"raw_{col.name} is null",
        _sql_text(f"is blank: {col.name} is required on every row"),
    )


def _type_check(col: Column) -> tuple[str, str, str] | None:
    """The check that a cell parses as its column's type; None for text."""
    v, shown = f"raw_{col.name}", _shown(f"raw_{col.name}")
    bad = f"{v} is not null and {col.stored_name} is null"
    if col.type == "date" or col.type == "datetime":
        return ("bad_date", bad, _bad_date_message(col))
    if col.type == "bool":
        return (
            "not_yes_no",
            bad,
            f"{shown} || ' is not yes or no: write yes, no, y, n, true, false, 1 or 0'",
        )
    if col.type == "int":
        return ("not_whole_number", bad, f"{shown} || ' is not a whole number'")
    if col.type == "enum":
        allowed = ", ".join(col.values)
        in_list = ", ".join(_sql_text(x) for x in col.values)
        return (
            "not_allowed",
            f"{v} is not null and {col.stored_name} not in ({in_list})",
            f"{shown} || {_sql_text(' is not allowed: use one of ' + allowed)}",
        )
    if col.type == "required_for":
        return (
            "bad_required_for",
            bad,
            f"{shown} || ' is not valid: write all, decision_makers, none, or a "
            "|-separated list of role:NAME and team:TEAM_ID'",
        )
    return None


def _bad_date_message(col: Column) -> str:
    """SQL for why a date or datetime cell did not parse, guessing the writer's mistake."""
    v, shown = f"raw_{col.name}", _shown(f"raw_{col.name}")
    example = "31/03/2026" if col.type == "date" else "31/03/2026 14:05"
    return (
        "case when regexp_full_match("
        f"{v}, '\\d{{1,2}}/\\d{{1,2}}/\\d{{2}}( .*)?') then {shown} || "
        f"' has a two-digit year: write the year in full, e.g. {example}' "
        + (
            f"when regexp_full_match({v}, '[0-9/-]+[ T]\\d{{1,2}}:\\d{{2}}.*') "
            f"and try_cast(parse_datetime({v}) as date) is not null then {shown} || "
            "' has a time of day: this column takes a date only, e.g. 31/03/2026' "
            if col.type == "date"
            else ""
        )
        + f"when regexp_matches({v}, '^\\d{{1,2}}/\\d{{1,2}}/\\d{{4}}') "
        f"or regexp_matches({v}, '^\\d{{4}}-\\d{{1,2}}-\\d{{1,2}}') then {shown} || "
        "' is not a real date or time: check the day and month (dates are read day "
        "first, as in the UK)' "
        f"else {shown} || ' is not a date: write it as 2026-03-31 or {example}' end"
    )


def _range_check(col: Column) -> tuple[str, str, str] | None:
    """The check that a number lies within the column's bounds; None if it has none."""
    if col.minimum is None and col.maximum is None:
        return None
    typed = col.stored_name
    lo = "" if col.minimum is None else f"{typed} < {col.minimum}"
    hi = "" if col.maximum is None else f"{typed} > {col.maximum}"
    cond = " or ".join(x for x in (lo, hi) if x)
    if col.minimum is not None and col.maximum is not None:
        rule = f"between {col.minimum} and {col.maximum}"
    elif col.minimum is not None:
        rule = f"{col.minimum} or more"
    else:
        rule = f"{col.maximum} or less"
    message = f"{_shown(f'raw_{col.name}')} || {_sql_text(' is out of range: must be ' + rule)}"
    return ("out_of_range", f"({cond})", message)


def _future_check(col: Column) -> tuple[str, str, str] | None:
    """The check that an event date is not after today; None for other columns."""
    if not col.not_future:
        return None
    now = "current_date" if col.type == "date" else "current_localtimestamp()"
    return (
        "in_future",
        f"{col.stored_name} > {now}",
        f"{_shown(f'raw_{col.name}')} || ' is in the future: check the date (dates are read "
        "day first)'",
    )


def _stage(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    present: dict[str, int],
    table: Table,
    result: FileResult,
    key: bytes,
) -> int:
    """Copy the file's rows into temp table _raw (text, privacy columns already transformed).

    Returns the number of rows refused while reading (wrong number of cells).
    """
    names = [c.name for c in source.columns]
    cols_sql = ", ".join(f"raw_{n} varchar" for n in names)
    scan.drop_staging(con)
    con.execute(f"create or replace temp table _text (line integer, {cols_sql})")
    trimmed = ", ".join(f"nullif(regexp_replace(raw_{n}, $trim, '', 'g'), '')" for n in names)
    path = table.path
    bar = tqdm(
        total=table.lines,
        unit=" lines",
        desc=path.name,
        disable=None if table.bytes >= PROGRESS_MIN_BYTES else True,
        file=sys.stderr,
    )
    unreadable = 0
    for chunk in table.chunks:
        for line, column, rule, reason in chunk.bad_lines:
            result.problems.append(Problem(str(path), line, column, reason, rule))
        unreadable += len(chunk.bad_lines)
        result.rows_read += len(chunk.rows) + len(chunk.bad_lines)
        if chunk.rows:
            columns = list(zip(*chunk.rows, strict=True))
            blank = [None] * len(chunk.rows)
            arrays = [pa.array(chunk.lines, type=pa.int64())]
            for col in source.columns:
                values = columns[present[col.name]] if col.name in present else blank
                if col.privacy == "pseudonymise":
                    values = pseudonym.pseudonymise_many(values, key)
                elif col.privacy == "presence":
                    values = ["yes" if v and v.strip() else None for v in values]
                arrays.append(pa.array(values, type=pa.string()))
            batch = pa.Table.from_arrays(arrays, names=["line", *(f"raw_{n}" for n in names)])
            con.register("_chunk", batch)
            insert = f"insert into _text select line, {trimmed} from _chunk"
            con.execute(insert, {"trim": TRIM_PATTERN})
            con.unregister("_chunk")
            del batch, arrays, columns
        if chunk.lines:
            bar.update(chunk.lines[-1] - bar.n)
    bar.close()
    con.execute(f"create temp table _raw as select *, {scan.typed_sql(source)} from _text")
    con.execute("drop table _text")
    return unreadable


def _validate_and_load(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    path: Path,
    result: FileResult,
    run_id: int,
    unreadable: int,
    present: dict[str, int],
) -> None:
    """Check the staged, already typed rows, then upsert the good ones; record every problem."""
    # A text column's typed value is its staged text: the view names it twice, stored once.
    aliases = "".join(
        f", raw_{c.name} as {c.stored_name}"
        for c in source.columns
        if scan.typed_expr(c) == f"raw_{c.name}"
    )
    con.execute(
        "drop view if exists _typed; drop view if exists _good; "
        f"create or replace temp view _typed as select *{aliases} from _raw"
    )
    _find_cell_errors(con, source)
    _find_duplicate_keys(con, source)
    _find_unknown_references(con, source)
    _collect_problems(con, path, result, unreadable)
    _upsert_good_rows(con, source, result, present)
    if result.problems:
        con.executemany(
            "insert into rejected_rows values (?, ?, ?, ?, ?, ?)",
            [(run_id, path.name, p.line, p.column, p.rule, p.reason) for p in result.problems],
        )


def _find_cell_errors(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """Create temp table _errors and fill it with every failed cell and cross-column check."""
    selects = []
    for col in source.columns:
        for rule, cond, message in _cell_checks(col):
            selects.append(
                f"select line, {_sql_text(col.name)} as column_name, {_sql_text(rule)} as rule, "
                f"{message} as reason from _typed where {cond}"
            )
    for column, cond, reason in source.checks:
        selects.append(
            f"select line, {_sql_text(column)}, 'inconsistent', "
            f"{_shown('raw_' + column)} || ' ' || "
            f"{_sql_text(reason)} from _typed where {cond}"
        )
    con.execute(
        "create or replace temp table _errors "
        "(line integer, column_name varchar, rule varchar, reason varchar)"
    )
    if selects:
        con.execute("insert into _errors " + " union all ".join(selects))


def _find_duplicate_keys(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """Add to _errors each otherwise good row that repeats the key of an earlier one."""
    key_cols = ", ".join(source.key)
    key_text = " || ' / ' || ".join(f"coalesce({k}::varchar, '')" for k in source.key)
    # Rows already refused are left out, so a bad row never makes a later good one a repeat.
    con.execute(
        f"""
        insert into _errors
        select line, {_sql_text(source.key[0])}, 'duplicate_key',
               'repeats the key ' || {_shown("k")} || ' first given on line ' || first_line
               || ': keep one row per ' || {_sql_text(" + ".join(source.key))}
        from (
            select line, {key_text} as k,
                   first_value(line) over (partition by {key_cols} order by line) as first_line,
                   row_number() over (partition by {key_cols} order by line) as n
            from _typed
            where line not in (select line from _errors)
        )
        where n > 1
        """
    )


def _find_unknown_references(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """Add to _errors each value that names a row missing from the table it refers to."""
    for col in source.columns:
        if not col.references:
            continue
        table, ref = col.references.split(".")
        unknown = (
            f" is not a known {ref} in {table}: add it to the {table} file and load that "
            "first, or correct the value"
        )
        con.execute(
            f"""
            insert into _errors
            select line, {_sql_text(col.name)}, 'unknown_reference',
                   {_shown(col.name)} || {_sql_text(unknown)}
            from _typed
            where {col.name} is not null
              and {col.name} not in (select {ref} from {table})
            """
        )


def _collect_problems(
    con: duckdb.DuckDBPyConnection, path: Path, result: FileResult, unreadable: int
) -> None:
    """Move _errors into result.problems, in file order, and count the refused rows."""
    for line, column, rule, reason in con.execute(
        "select line, column_name, rule, reason from _errors order by line, column_name, rule"
    ).fetchall():
        result.problems.append(Problem(str(path), line, column, reason, rule))
    result.problems.sort(key=lambda p: (p.line or 0, p.column or ""))
    result.rows_refused = (
        con.execute("select count(distinct line) from _errors").fetchone()[0] + unreadable
    )


def _upsert_good_rows(
    con: duckdb.DuckDBPyConnection, source: Source, result: FileResult, present: dict[str, int]
) -> None:
    """Insert or update the rows without errors, counting new and updated ones.

    An update sets only the columns the file has: a column left out of a later export keeps
    its stored value, while a blank cell in a column that is there clears it.
    """
    stored = ", ".join(name for name, _ in stored_columns(source))
    con.execute(
        f"create or replace temp view _good as select {stored} from _typed "
        "where line not in (select line from _errors)"
    )
    key_cols = ", ".join(source.key)
    key_match = " and ".join(f"t.{k} = g.{k}" for k in source.key)
    existing = f"exists (select 1 from {source.kind} t where {key_match})"
    result.rows_updated = con.execute(f"select count(*) from _good g where {existing}").fetchone()[
        0
    ]
    total_good = con.execute("select count(*) from _good").fetchone()[0]
    result.rows_loaded = total_good - result.rows_updated
    # New keys go in by a plain insert: DuckDB's ON CONFLICT path is many times slower.
    new_rows = f"_good g where not {existing}" if result.rows_updated else "_good"
    con.execute(f"insert into {source.kind} ({stored}) select * from {new_rows}")
    if not result.rows_updated:
        return
    updates = [
        name
        for c in source.columns
        if c.name in present and c.name not in source.key
        for name in ([c.stored_name, has_time_name(c)] if c.type == "datetime" else [c.stored_name])
    ]
    conflict = (
        f"on conflict ({key_cols}) do update set "
        + ", ".join(f"{c} = excluded.{c}" for c in updates)
        if updates
        else f"on conflict ({key_cols}) do nothing"
    )
    con.execute(
        f"insert into {source.kind} ({stored}) select * from _good g where {existing} {conflict}"
    )


def _check_header(
    header: list[str], header_line: int, source: Source, path: Path, result: FileResult
) -> dict[str, int]:
    """Map declared column names to positions; a missing required or doubled column is fatal."""
    declared = {c.name for c in source.columns}
    seen: dict[str, int] = {}
    twice: tuple[str, int, int] | None = None
    for i, name in enumerate(header):
        if not name:
            continue
        if name in seen:
            twice = twice or (name, seen[name], i)
            continue
        seen[name] = i
    # Missing columns are checked first and unknown ones reported only once the header is
    # accepted: a file without a header has data in its first row, and echoing those cells as
    # column names would show a child_ref or a reason.
    missing = [n for n in source.required if n not in seen]
    if missing:
        raise FileProblem(
            f"is missing the required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}: add {'them' if len(missing) > 1 else 'it'} to the header "
            f"(a {source.kind} file needs {', '.join(source.required)})",
            line=header_line,
            column=missing[0],
        )
    if twice:
        name, first, second = twice
        raise FileProblem(
            f"has the column '{name}' twice (columns {first + 1} and {second + 1}): "
            "remove or rename one",
            line=header_line,
            column=name,
        )
    for name in seen:
        if name not in declared:
            result.warnings.append(
                Problem(str(path), header_line, name, f"is not a {source.kind} column: ignored")
            )
    return {n: i for n, i in seen.items() if n in declared}


def _record_run(
    con: duckdb.DuckDBPyConnection,
    result: FileResult,
    sha: str,
    started: dt.datetime,
    run_id: int | None = None,
) -> int:
    """Insert result's row into ingest_runs, under run_id or a new one; return its run_id."""
    # A loaded file's run_id is drawn before its rejected rows are stored under it.
    id_column, id_value = ("run_id, ", "?, ") if run_id is not None else ("", "")
    return con.execute(
        f"""
        insert into ingest_runs ({id_column}path, file_name, kind, sha256, rows_read, rows_loaded,
            rows_updated, rows_refused, status, reason, started_at, finished_at)
        values ({id_value}?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning run_id
        """,
        [
            *([run_id] if run_id is not None else []),
            str(result.path.resolve()),
            result.path.name,
            result.kind,
            sha,
            result.rows_read,
            result.rows_loaded,
            result.rows_updated,
            result.rows_refused,
            result.status,
            result.reason,
            started,
            dt.datetime.now(),
        ],
    ).fetchone()[0]


@contextlib.contextmanager
def _surveys_ahead(paths: list[Path]) -> Iterator[list[Future[scan.Survey]]]:
    """Each file's byte survey (sha256, encoding, line ends), run on a thread ahead of its load.

    The survey is Python reading every byte on one core; DuckDB loads the file before it on
    both meanwhile (hashlib and DuckDB release the GIL). Surveys not yet begun are dropped
    when the ingest stops early.
    """
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        yield [pool.submit(scan.survey, path) for path in paths]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def load_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    kind: str | None,
    key: bytes,
    survey: Future[scan.Survey] | None = None,
) -> FileResult:
    """Load one file in one transaction; never raises for bad input."""
    result = FileResult(path=path, kind=kind)
    started = dt.datetime.now()
    try:
        facts = survey.result() if survey else scan.survey(path)
    except OSError as exc:
        unreadable = Problem(str(path), None, None, f"cannot be read: {exc.strerror}")
        _refuse(con, result, "", started, unreadable)
        return result
    sha = facts.sha256
    previous = _previous_load(con, sha)
    if previous:
        result.status, result.reason = "unchanged", previous
        return result
    try:
        _load_rows(con, _source_of(kind), result, facts, started, key)
    except FileProblem as exc:
        _refuse(con, result, sha, started, Problem(str(path), exc.line, exc.column, exc.reason))
    except Exception as exc:  # a bug must not take other files down or show a traceback
        reason = (
            f"could not be loaded ({type(exc).__name__}); nothing from it was kept. "
            "Please report this with the file's layout (not its contents)"
        )
        _refuse(con, result, sha, started, Problem(str(path), None, None, reason))
    return result


def _previous_load(con: duckdb.DuckDBPyConnection, sha: str) -> str | None:
    """Why a file with this sha256 need not be loaded again, or None if it was never loaded."""
    previous = con.execute(
        "select run_id, finished_at from ingest_runs where sha256 = ? and status = 'loaded' "
        "order by run_id desc limit 1",
        [sha],
    ).fetchone()
    if not previous:
        return None
    return f"already loaded (run {previous[0]}, {previous[1]:%d/%m/%Y %H:%M}); nothing to do"


def _source_of(kind: str | None) -> Source:
    """The declared source for kind; a file of no known kind is refused."""
    if kind is None:
        raise FileProblem(
            "cannot tell what kind of file this is from its name: start the name with one of "
            f"{', '.join(KINDS)} (e.g. decisions_2026-10.csv), or pass --kind"
        )
    return SOURCE_BY_KIND[kind]


def _load_rows(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    result: FileResult,
    facts: scan.Survey,
    started: dt.datetime,
    key: bytes,
) -> None:
    """Read, stage, check and upsert one file inside the open transaction, and record the run."""
    path = result.path
    # Staging writes temp tables only, outside the transaction: a file DuckDB cannot read as
    # the Python reader would is then read again by it, without aborting the transaction.
    present, unreadable = _stage_with_duckdb(con, source, result, facts, key)
    if present is None:
        table = read_table(path)
        present = _check_header(table.header, table.header_line, source, path, result)
        unreadable = _stage(con, source, present, table, result, key)
    con.execute("begin")
    try:
        run_id = con.execute("select nextval('ingest_run_ids')").fetchone()[0]
        _validate_and_load(con, source, path, result, run_id, unreadable, present)
        result.status = "loaded_with_refusals" if result.problems else "loaded"
        _record_run(con, result, facts.sha256, started, run_id)
        # End of one file's load, inside its transaction: work derived from the loaded rows
        # (such as refreshing summaries) goes here.
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _stage_with_duckdb(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    result: FileResult,
    facts: scan.Survey,
    key: bytes,
) -> tuple[dict[str, int] | None, int]:
    """Stage a plain CSV file with DuckDB's reader; (None, 0) when the Python reader must."""
    plan = scan.plan(result.path, facts)
    if plan is None:
        return None, 0
    present = _check_header(plan.header, 1, source, result.path, result)
    staged = scan.stage(con, source, present, plan, facts, result.path, key)
    if staged is None:
        result.warnings.clear()  # the Python reader gives them again
        return None, 0
    result.rows_read = staged.rows_read
    for line, column, rule, reason in staged.refused:
        result.problems.append(Problem(str(result.path), line, column, reason, rule))
    return present, len(staged.refused)


def _refuse(
    con: duckdb.DuckDBPyConnection,
    result: FileResult,
    sha: str,
    started: dt.datetime,
    problem: Problem,
) -> None:
    """Record result as refused whole, with problem as its only reason, in its own transaction."""
    result.status, result.reason = "refused", problem.reason
    result.rows_loaded = result.rows_updated = result.rows_refused = 0
    result.problems = [problem]
    con.execute("begin")
    _record_run(con, result, sha, started)
    con.execute("commit")


def ingest(
    paths: list[Path],
    db: Path,
    kind: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Load paths into db; print a summary per file and one line per problem. Exit status."""
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"{p}: no such file or folder", file=err)
    files = files_in_order([p for p in paths if p.exists()], kind)
    if not files:
        if not missing:
            print("nothing to load: no .csv or .xlsx files found", file=err)
        return 2
    key = pseudonym.load_key(db)
    results: list[FileResult] = []
    t0 = time.monotonic()
    with writer(db) as con, _surveys_ahead([p for p, _ in files]) as surveys:
        con.execute(read_sql("parse_macros"))
        for (path, file_kind), survey in zip(files, surveys, strict=True):
            result = load_file(con, path, file_kind, key, survey)
            results.append(result)
            for w in result.warnings:
                print(f"warning: {w}", file=err)
            for p in result.problems:
                print(p, file=err)
            print(result.summary(), file=out)
        years = load_settings()["privacy"]["retention_years"]
        purged = purge_expired(con, dt.date.today(), years)
        if purged:
            cutoff = retention_cutoff(dt.date.today(), years)
            print(
                f"retention: deleted {purged:,} decision(s) decided before {cutoff:%d/%m/%Y} "
                f"(retention period {years} years)",
                file=out,
            )
    total = sum(r.rows_loaded + r.rows_updated for r in results)
    print(
        f"done in {time.monotonic() - t0:.1f}s: {total:,} rows loaded or updated into {db}",
        file=out,
    )
    failed = missing or any(r.status in ("refused", "loaded_with_refusals") for r in results)
    return 1 if failed else 0
