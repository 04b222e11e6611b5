"""Properties of the readers, validators and pseudonyms, over inputs hypothesis makes up.

Each example that ingests gets its own temporary folder and database (hypothesis runs many
examples inside one test, so the function-scoped tmp_path would be shared between them).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.ingest import ingest
from pipelines.pseudonym import PSEUDONYM_HEX_CHARS, pseudonymise, pseudonymise_many
from pipelines.readers import normalise_header

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
LINE_BREAK = re.compile(r"\r\n|\r|\n")
TEAMS_HEADER = "team_id,team_name,directorate,active"

# Any text a cell may hold: no NUL (refused as damage) and no lone surrogates (not encodable).
CELL_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
    max_size=30,
)
# Text heavy in what breaks CSV: separators, quotes, line breaks and padding.
AWKWARD_TEXT = st.lists(
    st.one_of(
        st.sampled_from([",", ";", "\t", '"', "'", "\n", "\r\n", "\r", " ", "\u00a0", "|"]),
        CELL_TEXT,
    ),
    max_size=8,
).map("".join)


class Run:
    """The outcome of one ingest call."""

    def __init__(self, paths: list[Path], db: Path, kind: str | None = None):
        out, err = io.StringIO(), io.StringIO()
        self.status = ingest(paths, db, kind=kind, out=out, err=err)
        self.out = out.getvalue()
        self.err = err.getvalue()
        self.errors = self.err.split("\n")[:-1] if self.err else []


@contextmanager
def workspace() -> Iterator[Path]:
    """A fresh folder for one example's files and database."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        yield folder


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def csv_text(rows: list[list[str]]) -> str:
    """Rows as Python's csv writer quotes them (CRLF, quotes only where needed)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


# Dates and date-times.


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[dt.date, str]:
    """A date and one way of writing it that the contract accepts (ISO or UK, day first)."""
    day = draw(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
    pad_day, pad_month = draw(st.booleans()), draw(st.booleans())
    d = f"{day.day:02d}" if pad_day else str(day.day)
    m = f"{day.month:02d}" if pad_month else str(day.month)
    if draw(st.booleans()):
        return day, f"{day.year:04d}-{m}-{d}"
    return day, f"{d}/{m}/{day.year:04d}"


@SETTINGS
@given(dates=st.lists(written_dates(), min_size=1, max_size=20))
def test_iso_and_uk_dates_round_trip_to_the_same_date(dates: list[tuple[dt.date, str]]) -> None:
    rows = [["policy_id", "title", "ico_step", "version", "approved_on", "review_due"]]
    rows += [[f"P{i}", "Policy", "3", "1", text, text] for i, (_, text) in enumerate(dates)]
    with workspace() as tmp:
        path = tmp / "in" / "policies.csv"
        path.write_text(csv_text(rows), encoding="utf-8")
        db = tmp / "compliance.duckdb"
        run = Run([path], db)
        assert (run.status, run.errors) == (0, [])
        stored = dict(query(db, "select policy_id, approved_on from policies"))
    assert stored == {f"P{i}": day for i, (day, _) in enumerate(dates)}


@st.composite
def written_datetimes(draw: st.DrawFn) -> tuple[dt.datetime, str]:
    """A past date-time (whole seconds, inside the retention period) and one way of writing it."""
    today = dt.datetime.combine(dt.date.today(), dt.time())
    moment = draw(
        st.datetimes(min_value=today - dt.timedelta(days=5 * 365), max_value=today)
    ).replace(microsecond=0)
    with_seconds = draw(st.booleans())
    if not with_seconds:
        moment = moment.replace(second=0)
    time = moment.strftime("%H:%M:%S" if with_seconds else "%H:%M")
    form = draw(st.sampled_from(["iso", "iso_t", "uk"]))
    if form == "uk":
        return moment, f"{moment:%d/%m/%Y} {time}"
    return moment, f"{moment:%Y-%m-%d}{' ' if form == 'iso' else 'T'}{time}"


@SETTINGS
@given(moments=st.lists(written_datetimes(), min_size=1, max_size=20))
def test_iso_and_uk_datetimes_round_trip(moments: list[tuple[dt.datetime, str]]) -> None:
    rows = [["decision_id", "team_id", "decided_at", "decision", "recipient_type"]]
    rows += [[f"D{i}", "MASH", text, "shared", "police"] for i, (_, text) in enumerate(moments)]
    with workspace() as tmp:
        (tmp / "in" / "teams.csv").write_text(TEAMS_HEADER + "\nMASH,Front door,Social care,\n")
        (tmp / "in" / "decisions.csv").write_text(csv_text(rows), encoding="utf-8")
        db = tmp / "compliance.duckdb"
        run = Run([tmp / "in"], db)
        assert (run.status, run.errors) == (0, [])
        stored = dict(query(db, "select decision_id, decided_at from decisions"))
    assert stored == {f"D{i}": moment for i, (moment, _) in enumerate(moments)}


# Header names.


@SETTINGS
@given(name=st.one_of(st.text(), st.none(), st.integers(), st.floats(), st.datetimes()))
def test_header_normaliser_never_fails_and_is_idempotent(name: object) -> None:
    once = normalise_header(name)
    assert isinstance(once, str)
    assert normalise_header(once) == once
    assert once == once.strip()
    assert not re.search(r"\s", once)


@SETTINGS
@given(
    words=st.lists(st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True), min_size=1, max_size=4),
    data=st.data(),
)
def test_header_names_match_ignoring_case_spaces_and_underscores(
    words: list[str], data: st.DataObject
) -> None:
    separators = st.sampled_from([" ", "_", "  ", " _ ", "\t", "__"])
    padding = st.sampled_from(["", " ", "  ", "\t", "\ufeff", "\ufeff "])
    written = data.draw(padding)
    for i, word in enumerate(words):
        if i:
            written += data.draw(separators)
        written += "".join(c.upper() if data.draw(st.booleans()) else c for c in word)
    written += data.draw(padding)
    assert normalise_header(written) == "_".join(words)


# Text cells.


@SETTINGS
@given(names=st.lists(AWKWARD_TEXT, min_size=1, max_size=10))
def test_any_text_cell_comes_back_exactly_after_trimming(names: list[str]) -> None:
    text, blank_lines = csv_text([TEAMS_HEADER.split(",")]), []
    for i, name in enumerate(names):
        if not name.strip():
            blank_lines.append(len(LINE_BREAK.findall(text)) + 1)
        text += csv_text([[f"T{i}", name, "Social care", ""]])
    with workspace() as tmp:
        path = tmp / "in" / "teams.csv"
        path.write_bytes(text.encode("utf-8"))
        db = tmp / "compliance.duckdb"
        run = Run([path], db)
        stored = dict(query(db, "select team_id, team_name from teams"))
    assert stored == {f"T{i}": name.strip() for i, name in enumerate(names) if name.strip()}
    assert run.errors == [
        f"{path}:{line}:team_name: is blank: team_name is required on every row"
        for line in blank_lines
    ]
    assert run.status == (1 if blank_lines else 0)


# Line numbers.


@st.composite
def files_with_bad_rows(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A teams file whose rows span several lines, and the first line of each bad row."""
    terminators = st.sampled_from(["\r\n", "\n", "\r"])
    text = TEAMS_HEADER + draw(terminators)
    bad_lines = []
    for i in range(draw(st.integers(min_value=1, max_value=12))):
        if draw(st.booleans()):
            text += draw(terminators)  # a blank line: skipped, but counted
        name = draw(AWKWARD_TEXT.filter(lambda s: s.strip()))
        bad = draw(st.booleans())
        line = len(LINE_BREAK.findall(text)) + 1
        if bad:
            bad_lines.append(line)
        quoted = '"' + name.replace('"', '""') + '"'
        text += f"T{i},{quoted},Social care,{'maybe' if bad else 'yes'}" + draw(terminators)
    return text, bad_lines


@SETTINGS
@given(file=files_with_bad_rows())
def test_bad_rows_are_reported_on_their_first_physical_line(file: tuple[str, list[int]]) -> None:
    text, bad_lines = file
    with workspace() as tmp:
        path = tmp / "in" / "teams.csv"
        path.write_bytes(text.encode("utf-8"))
        db = tmp / "compliance.duckdb"
        run = Run([path], db)
        rejected = query(db, "select line from rejected_rows order by line")
    assert run.errors == [
        f"{path}:{line}:active: 'maybe' is not yes or no: write yes, no, y, n, true, false, 1 or 0"
        for line in bad_lines
    ]
    assert rejected == [(line,) for line in bad_lines]


# Pseudonyms.

IDENTIFIERS = st.from_regex(r"[A-Za-z0-9/-]{1,16}", fullmatch=True)


@SETTINGS
@given(value=IDENTIFIERS, key=st.binary(min_size=1, max_size=64), data=st.data())
def test_pseudonyms_are_deterministic_and_ignore_case_and_surrounding_spaces(
    value: str, key: bytes, data: st.DataObject
) -> None:
    pseudonym = pseudonymise(value, key)
    assert re.fullmatch(f"[0-9a-f]{{{PSEUDONYM_HEX_CHARS}}}", pseudonym)
    assert pseudonymise(value, key) == pseudonym
    recased = "".join(c.swapcase() if data.draw(st.booleans()) else c for c in value)
    padded = data.draw(st.sampled_from(["", " ", "\t", "  \u00a0"]))
    assert pseudonymise(padded + recased + padded[::-1], key) == pseudonym


@SETTINGS
@given(
    value=IDENTIFIERS,
    other=IDENTIFIERS,
    keys=st.lists(st.binary(min_size=1, max_size=64), min_size=2, max_size=2, unique=True),
)
def test_pseudonyms_depend_on_the_key_and_the_identifier(
    value: str, other: str, keys: list[bytes]
) -> None:
    first, second = keys
    assert pseudonymise(value, first) != pseudonymise(value, second)
    if value.upper() != other.upper():
        assert pseudonymise(value, first) != pseudonymise(other, first)


@SETTINGS
@given(values=st.lists(st.one_of(st.none(), st.just("  "), IDENTIFIERS), max_size=20))
def test_pseudonymise_many_agrees_with_pseudonymise(values: list[str | None]) -> None:
    key = b"a key"
    result = pseudonymise_many(values, key)
    assert result == [pseudonymise(v, key) if v and v.strip() else None for v in values]


# Hostile bytes.

PREFIXES = st.sampled_from(
    [
        b"",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"PK\x03\x04",
        b"team_id,team_name,directorate\r\n",
        b"decision_id;team_id;decided_at;decision;recipient_type\n",
        b'staff_id,team_id,start_date\n"',
    ]
)


# Bytes that CSV readers and decoders trip over, in any order.
SEPARATORS = [b",", b";", b"\t", b'"', b'""', b"\r", b"\n", b"\r\n", b" "]
AWKWARD_BYTES = [b"\x00", b"\xff", b"\xfe", b"\xc3", b"\x81", b"\xe2\x80\x99", b"\xef\xbb\xbf"]
WORDS = [b"x", b"MASH", b"2026-03-31", b"team_id", b"team_name", b"directorate", b"yes"]
TOKENS = [*SEPARATORS, *AWKWARD_BYTES, *WORDS]
TOKEN_SOUP = st.lists(st.sampled_from(TOKENS), max_size=80).map(b"".join)


@SETTINGS
@given(
    prefix=PREFIXES,
    body=st.one_of(st.binary(max_size=600), TOKEN_SOUP),
    kind=st.sampled_from(["teams", "staff", "decisions"]),
    suffix=st.sampled_from([".csv", ".txt", ".xlsx"]),
)
def test_arbitrary_bytes_never_raise_nor_leave_a_partial_database(
    prefix: bytes, body: bytes, kind: str, suffix: str
) -> None:
    with workspace() as tmp:
        path = tmp / "in" / f"{kind}_upload{suffix}"
        path.write_bytes(prefix + body)
        db = tmp / "db" / "compliance.duckdb"
        run = Run([path], db)
        leftovers = sorted(p.name for p in db.parent.iterdir() if ".writing-" in p.name)
    assert run.status in (0, 1, 2)
    assert leftovers == []
    assert "could not be loaded (" not in run.err
    assert "Traceback" not in run.err
