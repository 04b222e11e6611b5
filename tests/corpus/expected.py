"""What ingesting each corpus file into the reference database must do, stated exactly.

The reference database holds teams MASH and CP, staff S1 and S2, course DP and policy P1 (see
REFERENCE in tests/test_corpus.py). Each Case names one file of this folder and either the rows of
its table afterwards (loaded, perhaps with refused rows) or the reason it was refused whole.
In messages, `{path}` stands for the file's path as given to ingest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipelines.pseudonym import pseudonymise

D = dt.date
T = dt.datetime

PSEUDONYM_KEY = "corpus-test-key"
CHILD = pseudonymise("NB7654321", PSEUDONYM_KEY.encode())
ONE_MB = ("Background to the referral and what was shared. " * 20834)[:1_000_000]

BINARY = (
    "is not a text CSV file (it looks binary): export it from your system as CSV, or save it as "
    ".xlsx if it is a spreadsheet"
)
NOT_A_WORKBOOK = "cannot be opened as an Excel workbook ({}): save it again as .xlsx from Excel"
OLD_XLS = "is an old .xls workbook: save it as .xlsx or CSV from Excel"
EMPTY = "is empty: export it again with its header row"
NOT_REAL_DATE = (
    "is not a real date or time: check the day and month (dates are read day first, as in the UK)"
)
UNKNOWN = (
    " is not a known {ref} in {table}: add it to the {table} file and load that first, or "
    "correct the value"
)
REQUIRED_FOR = (
    " is not valid: write all, decision_makers, none, or a |-separated list of role:NAME and "
    "team:TEAM_ID"
)
YES_NO = " is not yes or no: write yes, no, y, n, true, false, 1 or 0"
DECISION_VALUES = " is not allowed: use one of shared, not_shared, partially_shared"
RECIPIENT_TYPES = (
    " is not allowed: use one of police, health, social_care, education, local_authority, "
    "voluntary_sector, other"
)


def missing(kind_needs: str, names: str) -> str:
    """The refusal for a header without required columns (several of them)."""
    return f"is missing the required columns {names}: add them to the header (a {kind_needs})"


def blank(column: str) -> str:
    """The refusal for a blank required cell."""
    return f"is blank: {column} is required on every row"


DECISION_COLUMNS = (
    "decision_id",
    "team_id",
    "decided_at",
    "request_received",
    "recorded_at",
    "decided_by",
    "authorised_by",
    "child_pseudonym",
    "decision",
    "recipient_type",
    "recipient_org",
    "purpose",
    "data_categories",
    "routine",
    "lawful_basis",
    "statutory_gateway",
    "special_category",
    "art9_condition",
    "criminal_offence_data",
    "art10_condition",
    "consent",
    "family_informed",
    "emergency",
    "dsa_ref",
    "dpo_consulted",
    "reason_recorded",
    "reviewed_by",
    "reviewed_on",
)


def decision(
    decision_id: str,
    team_id: str,
    decided_at: dt.datetime,
    decision: str,
    recipient_type: str,
    **others: object,
) -> tuple:
    """A decisions row: blanks are None (routine too: not known), and emergency and
    reason_recorded are False."""
    assert set(others) <= set(DECISION_COLUMNS), others
    row = dict.fromkeys(DECISION_COLUMNS)
    row.update(emergency=False, reason_recorded=False)
    row.update(
        decision_id=decision_id,
        team_id=team_id,
        decided_at=decided_at,
        decision=decision,
        recipient_type=recipient_type,
        **others,
    )
    return tuple(row[c] for c in DECISION_COLUMNS)


def staff(
    staff_id: str,
    team_id: str,
    start_date: dt.date,
    role: str | None = None,
    name: str | None = None,
    is_decision_maker: bool = False,
    end_date: dt.date | None = None,
    exempt_until: dt.date | None = None,
) -> tuple:
    """A staff row in table order."""
    return (staff_id, team_id, role, name, is_decision_maker, start_date, end_date, exempt_until)


TEAMS = (
    ("MASH", "Front door", "Social care", True),
    ("CP", "Child protection", "Social care", True),
)
STAFF = (
    staff("S1", "MASH", D(2024, 2, 1), role="Social worker", is_decision_maker=True),
    staff("S2", "CP", D(2024, 2, 1), role="Team manager"),
)
COURSES = (("DP", "Data protection", 12, "all", 1),)
POLICIES = (("P1", "Information sharing", 3, None, "1.0", D(2024, 1, 1), D(2025, 1, 1)),)
# What a blank signed_on or review_due on an agreement in force is told (blamed on its status).
AGREEMENT_NEEDS = {
    "signed_on": "needs signed_on: give the first day the agreement is in force, or set the "
    "status to draft",
    "review_due": "needs review_due: give the date the agreement is due for review, or set the "
    "status to draft",
}

REFERENCE_ROWS = {
    "teams": TEAMS,
    "staff": STAFF,
    "assignments": (),
    "courses": COURSES,
    "policies": POLICIES,
    "coverage": (),
    "agreements": (),
    "training": (),
    "decisions": (),
}


@dataclass(frozen=True)
class Case:
    """One corpus file and exactly what ingesting it does."""

    file: str
    summary: str
    errors: tuple[str, ...] = ()
    table: str | None = None
    rows: tuple[tuple, ...] = ()
    rejected: tuple[tuple[int, str | None, str, str], ...] = ()
    refused: str | None = None
    counts: tuple[int, int, int] = (0, 0, 0)
    kind: str | None = None
    why: str = ""

    @property
    def exit_status(self) -> int:
        """1 when the file or any of its rows was refused, else 0."""
        return 1 if self.refused or self.rejected else 0


def refused(
    file: str,
    reason: str,
    line: int | None = None,
    column: str | None = None,
    why: str = "",
    kind: str | None = None,
) -> Case:
    """A file refused whole: one stderr line, nothing loaded, data tables unchanged."""
    where = "".join(f":{p}" for p in (line, column) if p is not None)
    return Case(
        file=file,
        summary=f"{{path}}: refused whole, nothing loaded ({reason})",
        errors=(f"{{path}}{where}: {reason}",),
        refused=reason,
        why=why,
        kind=kind,
    )


def loaded(
    file: str,
    table: str,
    new_rows: tuple[tuple, ...],
    counts: tuple[int, int, int],
    rejected: tuple[tuple[int, str | None, str, str], ...] = (),
    warnings: tuple[str, ...] = (),
    replaces: tuple[tuple, ...] = (),
    why: str = "",
    kind: str | None = None,
) -> Case:
    """A file read: table = reference rows - replaces + new_rows; one stderr line per problem.

    Problems are printed in the order given in rejected (rows refused while reading come first).
    """
    rows = tuple(r for r in REFERENCE_ROWS[table] if r not in replaces) + new_rows
    problems = tuple(
        f"{{path}}:{line}{'' if column is None else ':' + column}: {reason}"
        for line, column, _, reason in rejected
    )
    n_loaded, n_updated, n_refused = counts
    return Case(
        file=file,
        summary=f"{{path}}: {table}: {n_loaded} loaded, {n_updated} updated, {n_refused} refused",
        errors=tuple(f"warning: {{path}}:1:{w}: is not a {table} column: ignored" for w in warnings)
        + problems,
        table=table,
        rows=rows,
        rejected=rejected,
        counts=counts,
        why=why,
        kind=kind,
    )


CASES: tuple[Case, ...] = (
    # empty files and where the header is
    refused("decisions_empty.csv", EMPTY, line=1),
    refused("teams_only_blank_lines.csv", EMPTY, line=1, why="CRLF, spaces and a tab only"),
    refused("teams_bom_only.csv", EMPTY, line=1, why="what Excel writes for an empty sheet"),
    loaded("decisions_header_only.csv", "decisions", (), (0, 0, 0)),
    loaded("teams_header_only_no_newline.csv", "teams", (), (0, 0, 0)),
    refused(
        "decisions_no_header.csv",
        missing(
            "decisions file needs decision_id, team_id, decided_at, decision, recipient_type",
            "decision_id, team_id, decided_at, decision, recipient_type",
        ),
        line=1,
        column="decision_id",
        why="data in the first row; its cells (a child_ref, a reason) are not echoed as columns",
    ),
    refused(
        "staff_no_header.csv",
        missing("staff file needs staff_id, team_id, start_date", "staff_id, team_id, start_date"),
        line=1,
        column="staff_id",
    ),
    refused(
        "teams_pipe_delimited.csv",
        missing(
            "teams file needs team_id, team_name, directorate", "team_id, team_name, directorate"
        ),
        line=1,
        column="team_id",
        why="only comma, semicolon and tab are separators: the header is one column",
    ),
    refused(
        "teams_title_row.csv",
        missing(
            "teams file needs team_id, team_name, directorate", "team_id, team_name, directorate"
        ),
        line=1,
        column="team_id",
        why="the header is the first non-blank line, here a title",
    ),
    refused(
        "teams_sep_line.csv",
        missing(
            "teams file needs team_id, team_name, directorate", "team_id, team_name, directorate"
        ),
        line=1,
        column="team_id",
        why="Excel's 'sep=;' hint line is not understood: it is taken as the header",
    ),
    loaded(
        "teams_blank_lines_before_header.csv",
        "teams",
        (("EH", "Early help", "Social care", True),),
        (1, 0, 1),
        rejected=((6, "team_name", "required", blank("team_name")),),
        why="header on line 3; blank lines still count",
    ),
    # encodings
    loaded(
        "teams_bom.csv",
        "teams",
        (("EH", "Zoë’s early help", "Early help", False),),
        (1, 0, 0),
    ),
    loaded(
        "teams_cp1252.csv",
        "teams",
        (("EH", "Zoë’s “early help”", "Families – north", True),),
        (1, 0, 1),
        rejected=((3, "active", "not_yes_no", "'Nein'" + YES_NO),),
        why="Windows-1252, semicolons; a comma inside a value needs no quotes",
    ),
    loaded(
        "teams_utf16.txt",
        "teams",
        (
            ("EH", "Équipe d’aide précoce", "Early help", True),
            ("YJ", "Youth justice 少年", "Community safety", True),
        ),
        (2, 0, 0),
        why='Excel\'s "Unicode text": UTF-16LE with BOM, tab separated',
    ),
    refused("teams_utf16_no_bom.csv", BINARY, why="UTF-16 without its BOM is full of NUL bytes"),
    refused(
        "teams_utf16_truncated.txt",
        "starts with a UTF-16 marker but is not valid UTF-16 (it may be cut short): export it "
        "again, or save it as 'CSV UTF-8' from Excel",
    ),
    refused(
        "teams_undefined_cp1252_byte.csv",
        "has bytes that are neither UTF-8 nor Windows-1252 (byte 67): save it again as 'CSV "
        "UTF-8' from Excel",
        line=3,
        why="0x81 is not a Windows-1252 character",
    ),
    refused(
        "teams_bom_then_cp1252.csv",
        "starts with a UTF-8 marker but has bytes that are not UTF-8 (byte 39): save it again as "
        "'CSV UTF-8' from Excel",
        line=2,
    ),
    # line endings and quoting
    loaded(
        "decisions_mixed_line_endings.csv",
        "decisions",
        (
            decision("D1", "MASH", T(2026, 3, 31), "shared", "police"),
            decision("D2", "CP", T(2026, 4, 1), "not_shared", "health"),
            decision("D4", "MASH", T(2026, 4, 3), "shared", "education"),
        ),
        (3, 0, 1),
        rejected=((4, "decision", "not_allowed", "'maybe'" + DECISION_VALUES),),
        why="CRLF, LF and a lone CR each end one line",
    ),
    loaded(
        "decisions_quoted_newlines.csv",
        "decisions",
        (
            decision(
                "D1",
                "MASH",
                T(2026, 3, 31),
                "shared",
                "police",
                purpose="Line one\r\nLine two\r\nLine three",
            ),
            decision(
                "D3",
                "CP",
                T(2026, 4, 2),
                "shared",
                "health",
                purpose='Windows\r\nbreak "quoted", and a comma',
            ),
        ),
        (2, 0, 2),
        rejected=(
            (5, "decision", "not_allowed", "'maybe'" + DECISION_VALUES),
            (8, "recipient_type", "not_allowed", "'nobody'" + RECIPIENT_TYPES),
        ),
        why="D1 spans lines 2-4 and D3 lines 6-7: later rows keep their editor line numbers",
    ),
    refused(
        "decisions_unterminated_quote.csv",
        "cannot be read as CSV from line 3 (unexpected end of data): look for a quote that is "
        "opened but never closed",
        line=3,
        why="the good row on line 2 is not loaded either",
    ),
    refused(
        "teams_text_after_closing_quote.csv",
        "cannot be read as CSV from line 2 (',' expected after '\"'): look for a quote that is "
        "opened but never closed",
        line=2,
    ),
    loaded(
        "teams_quotes_inside_fields.csv",
        "teams",
        (
            ("EH", 'Team "A" north', "Social care", True),
            ("FH", 'The "B" team', "Social care", True),
        ),
        (2, 0, 0),
    ),
    loaded(
        "teams_all_quoted.csv",
        "teams",
        (("EH", "Early help, north", "Social care", True),),
        (1, 0, 0),
    ),
    loaded(
        "teams_no_final_newline.csv",
        "teams",
        (("EH", "Early help", "Social care", True),),
        (1, 0, 0),
    ),
    loaded(
        "teams_header_with_newline.csv",
        "teams",
        (("EH", "Early help", "Social care", True),),
        (1, 0, 1),
        rejected=((4, "directorate", "required", blank("directorate")),),
        why='a wrapped header cell "Team\\nID" is team_id; the header takes lines 1-2',
    ),
    loaded(
        "decisions_newline_in_bad_value.csv",
        "decisions",
        (decision("D2", "MASH", T(2026, 4, 1), "shared", "police"),),
        (1, 0, 1),
        rejected=((2, "decision", "not_allowed", "'shared\\r\\nnot_shared'" + DECISION_VALUES),),
        why="the bad value's line break is shown escaped, so the message stays on one line",
    ),
    # header problems
    refused(
        "teams_duplicate_header.csv",
        "has the column 'team_name' twice (columns 2 and 4): remove or rename one",
        line=1,
        column="team_name",
    ),
    refused(
        "staff_missing_required_column.csv",
        "is missing the required column start_date: add it to the header (a staff file needs "
        "staff_id, team_id, start_date)",
        line=1,
        column="start_date",
    ),
    loaded(
        "teams_extra_columns.csv",
        "teams",
        (("EH", "Early help", "Social care", True),),
        (1, 0, 0),
        warnings=("colour", "notes"),
    ),
    loaded(
        "staff_odd_header_spacing.csv",
        "staff",
        (staff("S3", "MASH", D(2024, 1, 1), is_decision_maker=True),),
        (1, 0, 0),
        why="'  Staff  ID ', 'TEAM_id', ' Start_Date ', 'Is Decision   Maker'",
    ),
    loaded(
        "teams_trailing_empty_columns.csv",
        "teams",
        (
            ("EH", "Early help", "Social care", True),
            ("FH", "Family help", "Social care", True),
        ),
        (2, 0, 0),
        why="a,b,c,, : unnamed empty columns are neither warned about nor counted as extra",
    ),
    # rows: cell counts, blanks, whitespace
    loaded(
        "staff_fewer_cells.csv",
        "staff",
        (staff("S3", "MASH", D(2024, 1, 1), role="Social worker", name="Ann Ash"),),
        (1, 0, 1),
        rejected=((3, "start_date", "required", blank("start_date")),),
        why="missing trailing cells are blanks, checked like any other",
    ),
    loaded(
        "teams_more_cells.csv",
        "teams",
        (("FH", "Family help", "Social care", True),),
        (1, 0, 2),
        rejected=(
            (
                2,
                None,
                "cell_count",
                "has 4 cells but the header has 3: quote any value that contains the separator",
            ),
            (
                4,
                None,
                "cell_count",
                "has 4 cells but the header has 3: quote any value that contains the separator",
            ),
        ),
        why="empty extra cells (line 3) are ignored",
    ),
    loaded(
        "teams_blank_required.csv",
        "teams",
        (("T5", "Fine", "Social care", True),),
        (1, 0, 4),
        rejected=(
            (2, "team_name", "required", blank("team_name")),
            (3, "team_name", "required", blank("team_name")),
            (4, "team_name", "required", blank("team_name")),
            (5, "team_name", "required", blank("team_name")),
        ),
        why="empty, spaces, a tab, a no-break space: all blank",
    ),
    loaded(
        "decisions_whitespace_around_values.csv",
        "decisions",
        (decision("D1", "MASH", T(2026, 3, 31), "shared", "police"),),
        (1, 0, 0),
        why="spaces, tabs and no-break spaces around values are trimmed",
    ),
    # keys
    loaded(
        "decisions_duplicate_keys.csv",
        "decisions",
        (
            decision("D1", "MASH", T(2026, 3, 31), "shared", "police"),
            decision("D2", "MASH", T(2026, 3, 31), "shared", "police"),
        ),
        (2, 0, 3),
        rejected=(
            (
                4,
                "decision_id",
                "duplicate_key",
                "repeats the key 'D1' first given on line 2: keep one row per decision_id",
            ),
            (
                5,
                "decision_id",
                "duplicate_key",
                "repeats the key 'D2' first given on line 3: keep one row per decision_id",
            ),
            (
                6,
                "decision_id",
                "duplicate_key",
                "repeats the key 'D2' first given on line 3: keep one row per decision_id",
            ),
        ),
    ),
    loaded(
        "staff_update_existing.csv",
        "staff",
        (
            staff("S1", "CP", D(2024, 2, 1), role="Team manager", is_decision_maker=True),
            staff("S3", "MASH", D(2025, 9, 1), role="Social worker"),
        ),
        (1, 1, 0),
        replaces=(STAFF[0],),
        why="S1 is updated; is_decision_maker is absent from the file, so S1 keeps its yes",
    ),
    loaded(
        "teams_update_existing.csv",
        "teams",
        (("MASH", "Multi-agency safeguarding hub", "Social care", False),),
        (0, 1, 0),
        replaces=(TEAMS[0],),
    ),
    loaded(
        "policies_versions_and_duplicates.csv",
        "policies",
        (
            ("P1", "Information sharing (revised)", 3, None, "1.0", D(2024, 1, 1), D(2025, 1, 1)),
            ("P1", "Information sharing", 3, None, "2.0", D(2025, 1, 1), D(2026, 1, 1)),
            ("P2", "DPIA procedure", 5, None, "1.0", D(2025, 3, 1), D(2026, 3, 1)),
        ),
        (2, 1, 1),
        rejected=(
            (
                5,
                "policy_id",
                "duplicate_key",
                "repeats the key 'P2 / 1.0' first given on line 4: keep one row per policy_id + "
                "version",
            ),
        ),
        replaces=POLICIES,
    ),
    loaded(
        "training_duplicate_composite_key.csv",
        "training",
        (("S1", "DP", D(2025, 1, 1), "pass", None), ("S2", "DP", D(2025, 1, 1), "pass", None)),
        (2, 0, 1),
        rejected=(
            (
                3,
                "staff_id",
                "duplicate_key",
                "repeats the key 'S1 / DP / 2025-01-01' first given on line 2: keep one row per "
                "staff_id + course_id + completed_on",
            ),
        ),
        why="2025-01-01 and 01/01/2025 are the same date, so the same key",
    ),
    # references
    loaded(
        "staff_unknown_team.csv",
        "staff",
        (staff("S5", "CP", D(2024, 1, 1)),),
        (1, 0, 2),
        rejected=(
            (
                2,
                "team_id",
                "unknown_reference",
                "'ZZ'" + UNKNOWN.format(ref="team_id", table="teams"),
            ),
            (
                3,
                "team_id",
                "unknown_reference",
                "'mash'" + UNKNOWN.format(ref="team_id", table="teams"),
            ),
        ),
        why="ids are matched exactly: mash is not MASH",
    ),
    loaded(
        "training_unknown_staff_and_course.csv",
        "training",
        (("S2", "DP", D(2025, 2, 1), "pass", None),),
        (1, 0, 2),
        rejected=(
            (
                2,
                "staff_id",
                "unknown_reference",
                "'S9'" + UNKNOWN.format(ref="staff_id", table="staff"),
            ),
            (
                3,
                "course_id",
                "unknown_reference",
                "'XX'" + UNKNOWN.format(ref="course_id", table="courses"),
            ),
        ),
    ),
    loaded(
        "coverage_unknown_team_and_policy.csv",
        "coverage",
        (("CP", "P1", "partial", D(2025, 1, 1), None),),
        (1, 0, 2),
        rejected=(
            (
                2,
                "team_id",
                "unknown_reference",
                "'ZZ'" + UNKNOWN.format(ref="team_id", table="teams"),
            ),
            (
                3,
                "policy_id",
                "unknown_reference",
                "'P9'" + UNKNOWN.format(ref="policy_id", table="policies"),
            ),
        ),
    ),
    loaded(
        "decisions_unknown_team.csv",
        "decisions",
        (decision("D2", "CP", T(2026, 3, 31), "shared", "police"),),
        (1, 0, 1),
        rejected=(
            (
                2,
                "team_id",
                "unknown_reference",
                "'ZZ'" + UNKNOWN.format(ref="team_id", table="teams"),
            ),
        ),
    ),
    # values: enums, booleans, numbers
    loaded(
        "decisions_invalid_enums.csv",
        "decisions",
        (
            decision("D3", "MASH", T(2026, 3, 31), "shared", "police", lawful_basis="public_task"),
            decision("D6", "MASH", T(2026, 3, 31), "not_shared", "police"),
        ),
        (2, 0, 4),
        rejected=(
            (2, "decision", "not_allowed", "'maybe'" + DECISION_VALUES),
            (3, "recipient_type", "not_allowed", "'Police station'" + RECIPIENT_TYPES),
            (
                5,
                "consent",
                "not_allowed",
                "'yes' is not allowed: use one of given, refused, not_sought_risk, "
                "not_sought_other, not_applicable",
            ),
            (
                6,
                "family_informed",
                "not_allowed",
                "'n/a' is not allowed: use one of yes, no_risk, no_other, not_yet, not_applicable",
            ),
        ),
        why="case, surrounding spaces, and a space or hyphen for an underscore are ignored",
    ),
    loaded(
        "decisions_enum_odd_case.csv",
        "decisions",
        (
            decision(
                "D1",
                "MASH",
                T(2026, 3, 31),
                "shared",
                "police",
                lawful_basis="public_task",
                consent="not_applicable",
                family_informed="yes",
            ),
            decision(
                "D2",
                "CP",
                T(2026, 3, 31),
                "not_shared",
                "social_care",
                consent="refused",
                family_informed="no_risk",
            ),
            decision(
                "D3",
                "CP",
                T(2026, 3, 31),
                "partially_shared",
                "voluntary_sector",
                lawful_basis="legal_obligation",
                consent="not_sought_risk",
                family_informed="not_yet",
            ),
        ),
        (3, 0, 0),
    ),
    loaded(
        "coverage_all_statuses.csv",
        "coverage",
        (
            ("MASH", "P1", "in_place", D(2025, 1, 1), "https://intranet/p1"),
            ("MASH", "P1", "partial", D(2025, 2, 1), None),
            ("CP", "P1", "not_started", D(2025, 1, 1), None),
            ("CP", "P1", "not_applicable", D(2025, 2, 1), None),
        ),
        (4, 0, 1),
        rejected=(
            (
                6,
                "status",
                "not_allowed",
                "'done' is not allowed: use one of in_place, partial, not_started, not_applicable",
            ),
        ),
    ),
    loaded(
        "staff_booleans_every_form.csv",
        "staff",
        tuple(
            staff(f"B{i:02d}", "MASH", D(2024, 1, 1), is_decision_maker=flag)
            for i, flag in enumerate(
                (True, False, True, False, True, False, True, False, True, False), start=1
            )
        ),
        (10, 0, 3),
        rejected=(
            (12, "is_decision_maker", "not_yes_no", "'maybe'" + YES_NO),
            (13, "is_decision_maker", "not_yes_no", "'2'" + YES_NO),
            (14, "is_decision_maker", "not_yes_no", "'ja'" + YES_NO),
        ),
        why="yes no Y n TRUE False 1 0 ' YES ' and blank (default no)",
    ),
    loaded(
        "courses_numbers.csv",
        "courses",
        (
            ("C4", "Never expires", 0, "all", 10),
            ("C5", "Plus sign", 3, "all", None),
            ("C6", "Float zero", 12, "all", 2),
        ),
        (3, 0, 7),
        rejected=(
            (2, "refresh_months", "out_of_range", "'-1' is out of range: must be 0 or more"),
            (3, "ico_step", "out_of_range", "'0' is out of range: must be between 1 and 10"),
            (4, "ico_step", "out_of_range", "'11' is out of range: must be between 1 and 10"),
            (8, "refresh_months", "not_whole_number", "'1,000' is not a whole number"),
            (9, "refresh_months", "not_whole_number", "'1e3' is not a whole number"),
            (10, "refresh_months", "not_whole_number", "'12.5' is not a whole number"),
            (11, "refresh_months", "not_whole_number", "'9999999999' is not a whole number"),
        ),
    ),
    loaded(
        "training_score_out_of_range.csv",
        "training",
        (
            ("S1", "DP", D(2025, 3, 1), "pass", 100),
            ("S2", "DP", D(2025, 1, 1), "fail", 0),
            ("S2", "DP", D(2025, 3, 1), "pass", None),
        ),
        (3, 0, 3),
        rejected=(
            (2, "score", "out_of_range", "'101' is out of range: must be between 0 and 100"),
            (3, "score", "out_of_range", "'-1' is out of range: must be between 0 and 100"),
            (6, "result", "not_allowed", "'passed' is not allowed: use one of pass, fail"),
        ),
        why="a blank result is pass",
    ),
    loaded(
        "courses_required_for_forms.csv",
        "courses",
        (
            ("R1", "All", 12, "all", None),
            ("R2", "DMs", 12, "decision_makers", None),
            ("R3", "None", 12, "none", None),
            ("R4", "Roles", 12, "role:Team manager|team:MASH", None),
            ("R5", "Spaced", 12, "team:MASH| role:Social worker", None),
        ),
        (5, 0, 3),
        rejected=(
            (7, "required_for", "bad_required_for", "'role:'" + REQUIRED_FOR),
            (8, "required_for", "bad_required_for", "'everyone'" + REQUIRED_FOR),
            (9, "required_for", "bad_required_for", "'team:MASH|'" + REQUIRED_FOR),
        ),
    ),
    # dates
    loaded(
        "decisions_future_dates.csv",
        "decisions",
        (decision("D3", "MASH", T(2026, 3, 31), "shared", "police"),),
        (1, 0, 2),
        rejected=(
            (
                2,
                "decided_at",
                "in_future",
                "'2099-01-01' is in the future: check the date (dates are read day first)",
            ),
            (
                3,
                "decided_at",
                "in_future",
                "'31/12/2099 14:00' is in the future: check the date (dates are read day first)",
            ),
        ),
    ),
    loaded(
        "training_future_date.csv",
        "training",
        (),
        (0, 0, 2),
        rejected=(
            (
                2,
                "completed_on",
                "in_future",
                "'2099-01-01' is in the future: check the date (dates are read day first)",
            ),
            (
                3,
                "completed_on",
                "in_future",
                "'01/01/2099' is in the future: check the date (dates are read day first)",
            ),
        ),
    ),
    loaded(
        "coverage_future_date.csv",
        "coverage",
        (),
        (0, 0, 1),
        rejected=(
            (
                2,
                "attested_on",
                "in_future",
                "'01/01/2099' is in the future: check the date (dates are read day first)",
            ),
        ),
    ),
    loaded(
        "decisions_impossible_dates.csv",
        "decisions",
        (decision("D7", "MASH", T(2024, 2, 29, 23, 59), "shared", "police"),),
        (1, 0, 6),
        rejected=tuple(
            (line, "decided_at", "bad_date", f"'{value}' {NOT_REAL_DATE}")
            for line, value in (
                (2, "31/02/2026"),
                (3, "2026-02-30"),
                (4, "29/02/2025"),
                (5, "2026-13-01"),
                (6, "2026-03-31 25:00"),
                (7, "00/01/2026"),
            )
        ),
        why="29/02/2024 exists (leap year)",
    ),
    loaded(
        "staff_two_digit_years.csv",
        "staff",
        (),
        (0, 0, 4),
        rejected=(
            (
                2,
                "start_date",
                "bad_date",
                "'01/02/24' has a two-digit year: write the year in full, e.g. 31/03/2026",
            ),
            (
                3,
                "start_date",
                "bad_date",
                "'1/2/24' has a two-digit year: write the year in full, e.g. 31/03/2026",
            ),
            (
                4,
                "start_date",
                "bad_date",
                "'24-02-01' is not a date: write it as 2026-03-31 or 31/03/2026",
            ),
            (
                5,
                "end_date",
                "bad_date",
                "'31/12/26' has a two-digit year: write the year in full, e.g. 31/03/2026",
            ),
        ),
    ),
    loaded(
        "staff_us_order_dates.csv",
        "staff",
        (staff("S5", "MASH", D(2026, 3, 4)),),
        (1, 0, 2),
        rejected=(
            (2, "start_date", "bad_date", f"'03/31/2026' {NOT_REAL_DATE}"),
            (3, "start_date", "bad_date", f"'12/25/2025' {NOT_REAL_DATE}"),
        ),
        why="never US order: 04/03/2026 is 4 March",
    ),
    loaded(
        "staff_date_forms.csv",
        "staff",
        (
            staff("S3", "MASH", D(2026, 4, 1), exempt_until=D(2026, 4, 1)),
            staff("S4", "MASH", D(2026, 4, 1)),
        ),
        (2, 0, 3),
        rejected=tuple(
            (
                line,
                "start_date",
                "bad_date",
                f"'{v}' is not a date: write it as 2026-03-31 or 31/03/2026",
            )
            for line, v in ((4, "1 April 2026"), (5, "2026/04/01"), (6, "20260401"))
        ),
    ),
    loaded(
        "staff_end_before_start.csv",
        "staff",
        (staff("S4", "MASH", D(2024, 1, 1), end_date=D(2024, 1, 1)),),
        (1, 0, 1),
        rejected=(
            (
                2,
                "end_date",
                "inconsistent",
                "'2023-12-31' is before start_date: correct the end date or the start date",
            ),
        ),
    ),
    loaded(
        "policies_review_before_approval.csv",
        "policies",
        (),
        (0, 0, 1),
        rejected=(
            (
                2,
                "review_due",
                "inconsistent",
                "'2025-02-28' is before approved_on: correct the review date or the approval date",
            ),
        ),
    ),
    loaded(
        "decisions_datetime_forms.csv",
        "decisions",
        (
            decision("D1", "MASH", T(2026, 3, 31, 14, 5), "shared", "police"),
            decision("D2", "MASH", T(2026, 3, 31, 14, 5, 9), "shared", "police"),
            decision("D3", "MASH", T(2026, 3, 31, 14, 5), "shared", "police"),
            decision("D4", "MASH", T(2026, 3, 31, 9, 5, 9), "shared", "police"),
            decision("D5", "MASH", T(2026, 4, 1), "shared", "police"),
            decision("D6", "MASH", T(2026, 3, 31, 14, 5, 9), "shared", "police"),
        ),
        (6, 0, 1),
        rejected=((8, "decided_at", "bad_date", f"'31/03/2026 14.05' {NOT_REAL_DATE}"),),
        why="fractions of a second are dropped; a dot is not a time separator",
    ),
    # text: size, every column, privacy, injection
    loaded(
        "decisions_1mb_field.csv",
        "decisions",
        (
            decision("D1", "MASH", T(2026, 3, 31), "shared", "police", purpose=ONE_MB),
            decision("D2", "CP", T(2026, 4, 1), "shared", "health", purpose="short"),
        ),
        (2, 0, 0),
        why="a 1,000,000-character purpose",
    ),
    loaded(
        "decisions_all_columns.csv",
        "decisions",
        (
            decision(
                "D1",
                "MASH",
                T(2026, 3, 31, 14, 5),
                "shared",
                "police",
                request_received=T(2026, 3, 31, 9, 0),
                recorded_at=T(2026, 4, 1, 10, 0),
                decided_by="S1",
                authorised_by="S2",
                child_pseudonym=CHILD,
                recipient_org="Northbridge police",
                purpose="Protect the child",
                data_categories="contact details|health",
                routine=False,
                lawful_basis="public_task",
                special_category=True,
                art9_condition="DPA 2018 Sch 1 para 18",
                criminal_offence_data=False,
                consent="not_sought_risk",
                family_informed="no_risk",
                emergency=True,
                dpo_consulted=True,
                reason_recorded=True,
            ),
            decision("D2", "CP", T(2026, 4, 1), "not_shared", "health", child_pseudonym=CHILD),
            decision(
                "D3", "CP", T(2026, 4, 2), "shared", "education", routine=True, dsa_ref="DSA-7"
            ),
        ),
        (3, 0, 0),
        why="'  nb7654321 ' is the same child as NB7654321; a reason of spaces is no reason",
    ),
    loaded(
        "teams_sql_and_formula_text.csv",
        "teams",
        (
            ("T1", "O'Brien's team", "Social care", True),
            ("T2", "'); drop table teams; --", "Social care", True),
            ("T3", '=HYPERLINK("http://x","y")', "Social care", True),
            ("T4", "@SUM(A1)", "-1+2", True),
        ),
        (4, 0, 0),
        why="text is stored as written",
    ),
    refused("teams_nul_in_first_bytes.csv", BINARY),
    loaded(
        "teams_nul_after_4k.csv",
        "teams",
        tuple(
            (f"T{i:03d}", f"Team number {i:03d} of many", "Social care", True) for i in range(120)
        ),
        (120, 0, 1),
        rejected=(
            (
                122,
                "team_name",
                "nul_character",
                "has a NUL character, which a text file never has: correct this cell (the file "
                "may be damaged; export it again from your system)",
            ),
        ),
        why="past the first 4 KB that the binary sniff looks at: the row is refused, not the "
        "file (T000-T119 on lines 2-121 load)",
    ),
    # binary files and old Excel
    refused("teams_png.csv", BINARY),
    refused(
        "decisions_zip.csv",
        NOT_A_WORKBOOK.format("KeyError"),
        why="a zip is read as a workbook (by content) and has none inside",
    ),
    refused("teams_gzip.csv", BINARY),
    refused("teams_pdf.csv", BINARY),
    refused("decisions_really_xls.csv", BINARY, why="an old Excel file renamed .csv"),
    refused("courses_old_excel.xls", OLD_XLS),
    refused("teams_html_table.xls", OLD_XLS, why="an HTML table saved as .xls by a web system"),
    # XLSX
    loaded(
        "courses_several_sheets.xlsx",
        "courses",
        (("SH", "Sharing in an emergency", 24, "decision_makers", 9),),
        (1, 0, 0),
        why="the first sheet only",
    ),
    refused(
        "courses_title_rows.xlsx",
        missing(
            "courses file needs course_id, title, refresh_months, required_for",
            "course_id, title, refresh_months, required_for",
        ),
        line=1,
        column="course_id",
        why="the header is the first non-empty row: here the title, so the file is refused",
    ),
    loaded(
        "courses_formulas.xlsx",
        "courses",
        (("F1", "Data sharing", 12, "all", 2),),
        (1, 0, 2),
        rejected=(
            (3, "ico_step", "not_whole_number", "'#DIV/0!' is not a whole number"),
            (4, "refresh_months", "required", blank("refresh_months")),
        ),
        why="cached formula values are used; a formula never calculated is blank",
    ),
    loaded(
        "teams_sparse_rows.xlsx",
        "teams",
        (("EH", "Early help", "Social care", True), ("101", "Team one-oh-one", "Education", True)),
        (2, 0, 2),
        rejected=(
            (7, "team_name", "required", blank("team_name")),
            (9, None, "cell_count", "has values beyond the header's 3 columns: remove them"),
        ),
        why="rows absent from the sheet still count (header on row 3); 101 is the text '101'",
    ),
    loaded(
        "staff_excel_cells.xlsx",
        "staff",
        (
            staff("S3", "MASH", D(2024, 1, 15), is_decision_maker=True, end_date=D(2025, 6, 30)),
            staff("S5", "CP", D(2024, 3, 1), is_decision_maker=True),
        ),
        (2, 0, 3),
        rejected=(
            (
                3,
                "start_date",
                "bad_date",
                "'2024-02-01 09:30:00' has a time of day: this column takes a date only, "
                "e.g. 31/03/2026",
            ),
            (5, "start_date", "bad_date", f"'2024-13-01' {NOT_REAL_DATE}"),
            (
                6,
                "start_date",
                "bad_date",
                "'45322' is not a date: write it as 2026-03-31 or 31/03/2026",
            ),
        ),
        why="date cells are dates, TRUE and 1 are yes; a time in a date column is refused",
    ),
    loaded(
        "decisions_excel_cells.xlsx",
        "decisions",
        (
            decision(
                "1001",
                "MASH",
                T(2026, 3, 31, 14, 5),
                "shared",
                "police",
                routine=False,
                emergency=True,
            ),
            decision("1002", "CP", T(2026, 4, 1), "not_shared", "health"),
        ),
        (2, 0, 1),
        rejected=(
            (
                4,
                "decided_at",
                "bad_date",
                "'14:05' is not a date: write it as 2026-03-31 or 31/03/2026 14:05",
            ),
        ),
        why="1001 and 1002.0 are ids '1001' and '1002'; a time-only cell is not a date-time",
    ),
    refused("teams_first_sheet_empty.xlsx", "has no rows in its first sheet 'Cover'", line=1),
    refused("teams_truncated.xlsx", NOT_A_WORKBOOK.format("BadZipFile")),
    refused(
        "teams_password_protected.xlsx",
        NOT_A_WORKBOOK.format("BadZipFile"),
        why="Excel encrypts a workbook inside a compound file, not a zip",
    ),
    loaded(
        "teams_xlsx_named_csv.csv",
        "teams",
        (("EH", "Early help", "Social care", True),),
        (1, 0, 0),
        why="read by content: a workbook renamed .csv",
    ),
    refused(
        "teams_csv_named_xlsx.xlsx",
        NOT_A_WORKBOOK.format("BadZipFile"),
        why="an .xlsx name is always read as a workbook",
    ),
    # kind from the name
    refused(
        "export_no_kind.csv",
        "cannot tell what kind of file this is from its name: start the name with one of teams, "
        "staff, assignments, courses, policies, coverage, agreements, training, decisions (e.g. "
        "decisions_2026-10.csv), or pass --kind",
    ),
    # the agreements register: headers as people write them, statuses in any case, and each
    # cross-column rule (a blank cell is blamed on the status that needs it)
    loaded(
        "agreements_register.csv",
        "agreements",
        (
            (
                "DSA-MASH-01",
                "MASH information sharing",
                "Northbridge Police|Northbridge NHS Trust",
                "police | Health",
                "Front door referrals",
                "active",
                D(2024, 4, 1),
                D(2026, 4, 1),
                None,
                "DPIA-07",
                D(2024, 3, 15),
            ),
            ("DSA-SCH-02", "Schools safeguarding", None, "education", None, "draft") + (None,) * 5,
            (
                "DSA-VOL-03",
                "Youth charity",
                "Northbridge Youth Trust",
                "voluntary_sector",
                "Mentoring referrals",
                "ended",
                D(2023, 1, 1),
                D(2024, 1, 1),
                D(2024, 12, 31),
                "DPIA-02",
                D(2022, 12, 1),
            ),
        ),
        (3, 0, 0),
    ),
    loaded(
        "agreements_bad_rows.csv",
        "agreements",
        (
            (
                "DSA-1",
                "Police",
                None,
                "police",
                None,
                "active",
                D(2024, 4, 1),
                D(2026, 4, 1),
                None,
                None,
                D(2024, 3, 1),
            ),
        ),
        (1, 0, 10),
        rejected=(
            (3, "status", "inconsistent", f"'active' {AGREEMENT_NEEDS['signed_on']}"),
            (4, "status", "inconsistent", f"'active' {AGREEMENT_NEEDS['review_due']}"),
            (
                5,
                "status",
                "inconsistent",
                "'ended' needs ended_on: give the last day the agreement was in force",
            ),
            (
                6,
                "ended_on",
                "inconsistent",
                "'2023-12-31' is before signed_on: correct the end date or the signing date",
            ),
            (
                7,
                "review_due",
                "inconsistent",
                "'2023-06-30' is before signed_on: correct the review date or the signing date",
            ),
            (
                8,
                "partner_types",
                "inconsistent",
                "'police|probation' has a type that is not a recipient_type: write |-separated "
                "values from police, health, social_care, education, local_authority, "
                "voluntary_sector, other",
            ),
            (
                9,
                "status",
                "not_allowed",
                "'expired' is not allowed: use one of draft, active, suspended, ended",
            ),
            (
                10,
                "dpia_date",
                "in_future",
                "'2099-01-01' is in the future: check the date (dates are read day first)",
            ),
            (
                11,
                "dsa_ref",
                "duplicate_key",
                "repeats the key 'DSA-1' first given on line 2: keep one row per dsa_ref",
            ),
            (
                12,
                "signed_on",
                "bad_date",
                "'2/3/26' has a two-digit year: write the year in full, e.g. 31/03/2026",
            ),
        ),
    ),
    loaded(
        "export_with_kind_flag.csv",
        "teams",
        (("EH", "Early help", "Social care", True),),
        (1, 0, 0),
        kind="teams",
    ),
)
