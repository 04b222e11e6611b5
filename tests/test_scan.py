"""DuckDB's reading of plain CSV files (pipelines/scan.py): line numbers, pseudonyms, fallback."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pytest

from pipelines import scan
from pipelines.ingest import FileResult, _check_header
from pipelines.pseudonym import pseudonymise
from pipelines.readers import FileProblem
from pipelines.schema import SOURCE_BY_KIND
from pipelines.store import read_sql

CORPUS = Path(__file__).parent / "corpus"
# The required decision columns, then the ones a test is about.
REQUIRED = "decision_id,team_id,decided_at,decision,recipient_type"
FILLER = "2026-03-31,shared,police"
# The corpus files DuckDB reads itself; every other one goes to the Python reader (not UTF-8,
# a workbook, binary, a lone CR, a header over two lines or after blank lines, a quote left
# open) or is refused at its header.
READ_BY_DUCKDB = {
    "agreements_bad_rows.csv",
    "agreements_register.csv",
    "coverage_all_statuses.csv",
    "coverage_future_date.csv",
    "coverage_unknown_team_and_policy.csv",
    "courses_numbers.csv",
    "courses_required_for_forms.csv",
    "decisions_1mb_field.csv",
    "decisions_all_columns.csv",
    "decisions_datetime_forms.csv",
    "decisions_duplicate_keys.csv",
    "decisions_enum_odd_case.csv",
    "decisions_future_dates.csv",
    "decisions_header_only.csv",
    "decisions_impossible_dates.csv",
    "decisions_invalid_enums.csv",
    "decisions_newline_in_bad_value.csv",
    "decisions_quoted_newlines.csv",
    "decisions_unknown_team.csv",
    "decisions_whitespace_around_values.csv",
    "export_no_kind.csv",
    "export_with_kind_flag.csv",
    "policies_review_before_approval.csv",
    "policies_versions_and_duplicates.csv",
    "staff_booleans_every_form.csv",
    "staff_date_forms.csv",
    "staff_end_before_start.csv",
    "staff_fewer_cells.csv",
    "staff_odd_header_spacing.csv",
    "staff_two_digit_years.csv",
    "staff_unknown_team.csv",
    "staff_update_existing.csv",
    "staff_us_order_dates.csv",
    "teams_all_quoted.csv",
    "teams_blank_required.csv",
    "teams_bom.csv",
    "teams_extra_columns.csv",
    "teams_header_only_no_newline.csv",
    "teams_more_cells.csv",
    "teams_no_final_newline.csv",
    "teams_nul_after_4k.csv",
    "teams_quotes_inside_fields.csv",
    "teams_sql_and_formula_text.csv",
    "teams_trailing_empty_columns.csv",
    "teams_update_existing.csv",
    "training_duplicate_composite_key.csv",
    "training_future_date.csv",
    "training_score_out_of_range.csv",
    "training_unknown_staff_and_course.csv",
}


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute(read_sql("parse_macros"))
    return connection


def staged(con: duckdb.DuckDBPyConnection, path: Path, kind: str, key: bytes = b"k"):
    """scan.stage of path (None when it falls back), and the result's warnings."""
    source = SOURCE_BY_KIND[kind]
    facts = scan.survey(path)
    plan = scan.plan(path, facts)
    if plan is None:
        return None
    present = _check_header(plan.header, 1, source, path, FileResult(path, kind))
    return scan.stage(con, source, present, plan, facts, path, key)


def test_survey_counts_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "teams.csv"
    data = b'a,b\r\n"x\ny",\x00\r\nz,w'
    path.write_bytes(data)
    facts = scan.survey(path)
    # 3 LFs, 2 CRs both followed by LF; no final newline, so 4 lines as an editor shows them.
    assert (facts.newlines, facts.lone_cr, facts.has_quote, facts.has_nul) == (3, False, True, True)
    assert (facts.lines, facts.size, facts.utf8) == (4, len(data), True)
    assert facts.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_rows_after_quoted_line_breaks_keep_their_editor_lines(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, newline: str
) -> None:
    # Line 1 header; D1 on 2; D2 on 3-5 (two breaks in its purpose); D3 on 6; D4 on 7-8;
    # D5 on 9. A row's line is where it starts.
    rows = [
        f"{REQUIRED},purpose",
        f"D1,MASH,{FILLER},one",
        f'D2,MASH,{FILLER},"first{{nl}}second{{nl}}third"',
        f"D3,MASH,{FILLER},",
        f'D4,CP,{FILLER},"a{{nl}}b"',
        f"D5,CP,{FILLER},end",
    ]
    path = tmp_path / "decisions.csv"
    path.write_bytes((newline.join(r.format(nl=newline) for r in rows) + newline).encode())
    result = staged(con, path, "decisions")
    assert result is not None and result.rows_read == 5 and result.refused == []
    assert con.execute("select line, raw_decision_id from _raw order by line").fetchall() == [
        (2, "D1"),
        (3, "D2"),
        (6, "D3"),
        (7, "D4"),
        (9, "D5"),
    ]


@pytest.mark.parametrize(
    "key", [b"short", b"x" * 64, b"a-key-longer-than-one-sha256-block-" * 3], ids=len
)
def test_child_ref_is_hashed_in_duckdb_as_in_python(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, key: bytes
) -> None:
    path = tmp_path / "decisions.csv"
    path.write_text(
        f"{REQUIRED},child_ref,reason\nD1,MASH,{FILLER},  nb7654321 ,why\nD2,MASH,{FILLER},,  \n"
        f"D3,MASH,{FILLER},NB1,\n"
    )
    assert staged(con, path, "decisions", key) is not None
    assert con.execute(
        "select raw_decision_id, raw_child_ref, raw_reason from _raw order by line"
    ).fetchall() == [
        ("D1", pseudonymise("NB7654321", key), "yes"),
        ("D2", None, None),
        ("D3", pseudonymise("NB1", key), None),
    ]


def test_cells_are_trimmed_and_cell_counts_and_nuls_refuse_rows(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # Line 2: a long row, so that the NUL is past the binary sniff's first 4 KB; 3: no-break
    # spaces, a tab and an ideographic space trimmed; 4: blank (skipped, not read); 5: five
    # cells, the fifth a value; 6: a NUL in team_name; 7: four cells, the extra one empty.
    path = tmp_path / "teams.csv"
    path.write_bytes(
        f"team_id,team_name,directorate\nP,P,{'p' * 5000}\n"
        "\u00a0D1\t, MASH ,\u3000x\u00a0\n , ,\nD2,MASH,x,,y\nD3,MA\x00SH,x\nD4,CP,z,\n".encode()
    )
    result = staged(con, path, "teams")
    assert result is not None
    assert result.rows_read == 5
    assert [(line, column, rule) for line, column, rule, _ in result.refused] == [
        (5, None, "cell_count"),
        (6, "team_name", "nul_character"),
    ]
    assert result.refused[0][3].startswith("has 5 cells but the header has 3:")
    assert con.execute(
        "select line, raw_team_id, raw_team_name, raw_directorate from _raw where line > 2 "
        "order by line"
    ).fetchall() == [(3, "D1", "MASH", "x"), (7, "D4", "CP", "z")]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("team_id,team_name,directorate\nA,B,C\n\nD,E,F\n", "an empty line DuckDB would skip"),
        ('team_id,team_name,directorate\nA,"B,C\nD,E,F\n', "a quote opened and never closed"),
        ("team_id,team_name,directorate\rA,B,C\r", "lone CR line ends"),
        ("team_id,team_name,directorate\r\nA,B,C\nD,E,F\r\n", "CRLF and LF line ends mixed"),
        ("team_id,team_name,directorate\nA,B,C" + ",x" * 17 + "\n", "more cells than it keeps"),
    ],
)
def test_what_duckdb_cannot_read_as_python_would_falls_back(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, text: str, why: str
) -> None:
    path = tmp_path / "teams.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert staged(con, path, "teams") is None, why


@pytest.mark.parametrize(
    "path", sorted(p for p in CORPUS.iterdir() if p.suffix != ".py" and p.name[0] != ".")
)
def test_which_corpus_files_duckdb_reads(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    kind = next((k for k in SOURCE_BY_KIND if path.name.startswith(k)), "teams")
    try:
        result = staged(con, path, kind)
    except FileProblem:  # a header refused whole is read by neither reader
        result = None
    assert (result is not None) == (path.name in READ_BY_DUCKDB)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The fast forms (ISO with minutes, ISO with seconds), then the general ones: the same
        # calendar and clock rules on both (no 29 February 2025, no hour 24, no second 60).
        ("2024-02-29 23:59", dt.datetime(2024, 2, 29, 23, 59)),
        ("2025-02-29 10:00", None),
        ("2025-01-01 24:00", None),
        ("2025-01-01 10:30:59", dt.datetime(2025, 1, 1, 10, 30, 59)),
        ("2025-01-01 10:30:60", None),
        ("2025-1-1 9:05", dt.datetime(2025, 1, 1, 9, 5)),
        ("2025-01-01T10:30", dt.datetime(2025, 1, 1, 10, 30)),
        ("31/12/2025 09:05", dt.datetime(2025, 12, 31, 9, 5)),
    ],
)
def test_datetimes_parse_alike_on_the_fast_and_general_forms(
    con: duckdb.DuckDBPyConnection, text: str, expected: dt.datetime | None
) -> None:
    assert con.execute("select parse_datetime(?)", [text]).fetchone()[0] == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # Trimmed only where str.strip() would: a tab after a non-ASCII letter, a no-break
        # space after '~', a line separator before text; a DEL, a combining accent and an
        # emoji are not white space and stay.
        ("caf\u00e9\t", "caf\u00e9"),
        ("~\u00a0", "~"),
        ("\u2028x", "x"),
        ("x\x7f", "x\x7f"),
        ("e\u0301", "e\u0301"),
        ("\U0001f600", "\U0001f600"),
        ("\u3000 \t", None),
    ],
)
def test_cells_are_trimmed_exactly_as_python_strips(
    con: duckdb.DuckDBPyConnection, cell: str, expected: str | None
) -> None:
    assert (cell.strip() or None) == expected
    trimmed = con.execute(
        f"select {scan._trimmed('c')} from (select $c as c)", {"c": cell, "trim": scan.TRIM_PATTERN}
    ).fetchone()[0]
    assert trimmed == expected
