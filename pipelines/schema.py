"""Each source's columns, types, allowed values, references and key, declared once as data.

The ingestion checks, the DuckDB tables and docs/input-formats.md's tables are all derived from
SOURCES; nothing else in the project lists a source's columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TYPES = {
    "text": "VARCHAR",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "bool": "BOOLEAN",
    "int": "INTEGER",
    "enum": "VARCHAR",
    "required_for": "VARCHAR",
}

TYPE_DOCS = {
    "text": "text",
    "date": "date (`2026-03-31` or `31/03/2026`)",
    "datetime": "date-time (`2026-03-31 14:05` or `31/03/2026 14:05`)",
    "bool": "yes/no",
    "int": "whole number",
    "enum": "one of",
    "required_for": "`all`, `decision_makers`, `none`, or `role:NAME|team:TEAM_ID`",
}


@dataclass(frozen=True)
class Column:
    """One column of an input file, and how it is stored."""

    name: str
    type: str = "text"
    required: bool = False
    values: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: str | None = None
    references: str | None = None
    not_future: bool = False
    privacy: str | None = None
    doc: str = ""

    @property
    def stored_name(self) -> str:
        """The column's name in the database (privacy columns are stored transformed)."""
        return {"pseudonymise": "child_pseudonym", "presence": "reason_recorded"}.get(
            self.privacy or "", self.name
        )

    @property
    def stored_type(self) -> str:
        """The column's DuckDB type."""
        if self.privacy == "presence":
            return "BOOLEAN"
        return TYPES[self.type]


@dataclass(frozen=True)
class Source:
    """One kind of input file and the table it loads into."""

    kind: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    doc: str
    aliases: tuple[str, ...] = ()
    checks: tuple[tuple[str, str, str], ...] = field(default=())

    def column(self, name: str) -> Column:
        """The declared column called name."""
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> tuple[str, ...]:
        """Names of the columns a file must have."""
        return tuple(c.name for c in self.columns if c.required)


DECISION_VALUES = ("shared", "not_shared", "partially_shared")
RECIPIENT_TYPES = (
    "police",
    "health",
    "social_care",
    "education",
    "local_authority",
    "voluntary_sector",
    "other",
)
LAWFUL_BASES = (
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
    "recognised_legitimate_interests",
    "law_enforcement",
)
# Lawful bases a public authority may not use for its public tasks (UK GDPR Art 6(1), words
# after point (f), as amended by the Data (Use and Access) Act 2025 s70(2)(c)): flagged.
PUBLIC_TASK_BARRED_BASES = ("legitimate_interests", "recognised_legitimate_interests")
# Examples of the statutory gateways a decision may cite (free text; these are not enforced).
STATUTORY_GATEWAY_EXAMPLES = (
    "Children Act 1989 s47",
    "Children Act 1989 s17",
    "Children Act 2004 s11",
    "Crime and Disorder Act 1998 s115",
    "Education Act 2002 s175",
)
CONSENT_VALUES = ("given", "refused", "not_sought_risk", "not_sought_other", "not_applicable")
FAMILY_INFORMED_VALUES = ("yes", "no_risk", "no_other", "not_yet", "not_applicable")
COVERAGE_STATUSES = ("in_place", "partial", "not_started", "not_applicable")
TRAINING_RESULTS = ("pass", "fail")
# An agreement's state today. Whether it was in force on a past day is read from its dates
# (signed_on to ended_on), never from this: a draft is in force on no day.
AGREEMENT_STATUSES = ("draft", "active", "suspended", "ended")
IN_FORCE_STATUSES = ("active", "suspended", "ended")
_IN_FORCE_SQL = "status in ('active', 'suspended', 'ended')"
_PARTNER_TYPES_SQL = ", ".join(f"'{t}'" for t in RECIPIENT_TYPES)

# Cross-column checks: (column blamed, SQL condition that marks the row bad, reason).
# Conditions see the typed columns and, as raw_<name>, the text as written.
SOURCES: tuple[Source, ...] = (
    Source(
        kind="teams",
        key=("team_id",),
        aliases=("team",),
        doc="One row per team.",
        columns=(
            Column("team_id", required=True, doc="short, stable id, e.g. `MASH`"),
            Column("team_name", required=True),
            Column("directorate", required=True),
            Column(
                "opened_on",
                "date",
                doc="the team's first day; blank = it existed before all the data",
            ),
            Column(
                "closed_on",
                "date",
                doc="the team's last day (it counts on this day, not after); blank = open. A "
                "closed team keeps its history: it is measured at every date it existed",
            ),
            Column(
                "active",
                "bool",
                default="yes",
                doc="older files: `no` with no closed_on is a team closed before all the data "
                "(measured at no date; its decisions still count); ignored when closed_on is given",
            ),
        ),
        checks=(
            (
                "closed_on",
                "closed_on < opened_on",
                "is before opened_on: correct the closing date or the opening date",
            ),
        ),
    ),
    Source(
        kind="staff",
        key=("staff_id",),
        doc="The staff roster, leavers included.",
        columns=(
            Column("staff_id", required=True),
            Column("team_id", required=True, references="teams.team_id"),
            Column("role", doc="job role, matched by `role:NAME` in a course's required_for"),
            Column("name"),
            Column("is_decision_maker", "bool", default="no"),
            Column("start_date", "date", required=True),
            Column("end_date", "date", doc="blank = in post"),
            Column(
                "exempt_until",
                "date",
                doc="long-term absence or secondment; left out of training measures until then",
            ),
        ),
        checks=(
            (
                "end_date",
                "end_date < start_date",
                "is before start_date: correct the end date or the start date",
            ),
        ),
    ),
    Source(
        kind="assignments",
        key=("staff_id", "from_date"),
        aliases=("staff_assignments", "assignment"),
        doc="Optional: each staff member's team and role over time, where an HR system can "
        "export it. At any date the assignment in force (the latest from_date on or before "
        "it) wins over the roster's team and role; staff with none in force keep the roster's.",
        columns=(
            Column("staff_id", required=True, references="staff.staff_id"),
            Column("team_id", required=True, references="teams.team_id"),
            Column("role", doc="job role from from_date, as in the roster"),
            Column("is_decision_maker", "bool", default="no"),
            Column("from_date", "date", required=True, doc="the first day of this assignment"),
        ),
    ),
    Source(
        kind="courses",
        key=("course_id",),
        aliases=("course",),
        doc="The course catalogue.",
        columns=(
            Column("course_id", required=True),
            Column("title", required=True),
            Column("refresh_months", "int", required=True, minimum=0, doc="0 = never expires"),
            Column("required_for", "required_for", required=True),
            Column("ico_step", "int", minimum=1, maximum=10, doc="the ICO step the course serves"),
        ),
    ),
    Source(
        kind="policies",
        key=("policy_id", "version"),
        aliases=("policy",),
        doc="The policy register: one row per version of each policy.",
        columns=(
            Column("policy_id", required=True),
            Column("title", required=True),
            Column("ico_step", "int", required=True, minimum=1, maximum=10),
            Column("owner"),
            Column("version", required=True),
            Column("approved_on", "date", required=True),
            Column("review_due", "date", required=True),
        ),
        checks=(
            (
                "review_due",
                "review_due < approved_on",
                "is before approved_on: correct the review date or the approval date",
            ),
        ),
    ),
    Source(
        kind="coverage",
        key=("team_id", "policy_id", "attested_on"),
        doc="Team attestations that a policy is in place: events, so history is kept.",
        columns=(
            Column("team_id", required=True, references="teams.team_id"),
            Column("policy_id", required=True, references="policies.policy_id"),
            Column("status", "enum", required=True, values=COVERAGE_STATUSES),
            Column("attested_on", "date", required=True, not_future=True),
            Column("evidence", doc="link or document reference"),
        ),
    ),
    Source(
        kind="agreements",
        key=("dsa_ref",),
        aliases=("agreement", "dsa"),
        doc="The register of data sharing agreements and the DPIAs behind them, one row per "
        "agreement (see [agreements over time](#agreements-over-time)).",
        columns=(
            Column("dsa_ref", required=True, doc="the reference decisions cite in dsa_ref"),
            Column("title", required=True),
            Column("partners", doc="partner organisations, `|`-separated"),
            Column(
                "partner_types",
                doc="`|`-separated recipient_type values: "
                + ", ".join(f"`{t}`" for t in RECIPIENT_TYPES),
            ),
            Column("scope", doc="what is shared, and why"),
            Column(
                "status",
                "enum",
                required=True,
                values=AGREEMENT_STATUSES,
                doc="today's state; a draft is never in force",
            ),
            Column(
                "signed_on",
                "date",
                doc="the first day the agreement is in force; needed unless a draft",
            ),
            Column(
                "review_due",
                "date",
                doc="when it must be reviewed; needed unless a draft. Shares after it are "
                "flagged as relying on an agreement past review",
            ),
            Column(
                "ended_on",
                "date",
                doc="the last day in force; needed when suspended or ended, blank = open",
            ),
            Column("dpia_ref", doc="the DPIA behind the agreement"),
            Column(
                "dpia_date",
                "date",
                not_future=True,
                doc="when the DPIA was completed; blank = no DPIA (step 5 counts shares under "
                "an agreement whose DPIA is dated on or before the day)",
            ),
        ),
        checks=(
            (
                "status",
                f"{_IN_FORCE_SQL} and raw_signed_on is null",
                "needs signed_on: give the first day the agreement is in force, or set the "
                "status to draft",
            ),
            (
                "status",
                f"{_IN_FORCE_SQL} and raw_review_due is null",
                "needs review_due: give the date the agreement is due for review, or set the "
                "status to draft",
            ),
            (
                "status",
                "status in ('suspended', 'ended') and raw_ended_on is null",
                "needs ended_on: give the last day the agreement was in force",
            ),
            (
                "ended_on",
                "ended_on < signed_on",
                "is before signed_on: correct the end date or the signing date",
            ),
            (
                "review_due",
                "review_due < signed_on",
                "is before signed_on: correct the review date or the signing date",
            ),
            (
                "partner_types",
                "len(list_filter(string_split(partner_types, '|'), "
                f"lambda x: parse_enum(trim(x)) not in ({_PARTNER_TYPES_SQL}))) > 0",
                "has a type that is not a recipient_type: write |-separated values from "
                + ", ".join(RECIPIENT_TYPES),
            ),
        ),
    ),
    Source(
        kind="training",
        key=("staff_id", "course_id", "completed_on"),
        doc="Training completions, one row per attempt.",
        columns=(
            Column("staff_id", required=True, references="staff.staff_id"),
            Column("course_id", required=True, references="courses.course_id"),
            Column("completed_on", "date", required=True, not_future=True),
            Column("result", "enum", values=TRAINING_RESULTS, default="pass"),
            Column("score", "int", minimum=0, maximum=100),
        ),
    ),
    Source(
        kind="decisions",
        key=("decision_id",),
        aliases=("decision",),
        doc="One row per decision to share, or not to share, information about a child.",
        columns=(
            Column("decision_id", required=True),
            Column("team_id", required=True, references="teams.team_id"),
            Column(
                "decided_at",
                "datetime",
                required=True,
                not_future=True,
                doc="a date without a time is compared with times at day precision (stored with "
                "`decided_at_has_time` no; likewise for the other date-times)",
            ),
            Column("request_received", "datetime", doc="not after decided_at"),
            Column(
                "recorded_at",
                "datetime",
                doc="when the record was written; not before decided_at; blank = not recorded "
                "(a record gap, not a record written at once)",
            ),
            Column("decided_by", doc="a staff_id"),
            Column("authorised_by", doc="a staff_id"),
            Column(
                "child_ref",
                privacy="pseudonymise",
                doc="stored only as a keyed hash (`child_pseudonym`)",
            ),
            Column("decision", "enum", required=True, values=DECISION_VALUES),
            Column("recipient_type", "enum", required=True, values=RECIPIENT_TYPES),
            Column("recipient_org"),
            Column("purpose", doc="the objective of sharing"),
            Column("data_categories", doc="`|`-separated"),
            Column(
                "routine",
                "bool",
                doc="regular sharing under an arrangement; blank = not known (a gap on step 6)",
            ),
            Column(
                "lawful_basis",
                "enum",
                values=LAWFUL_BASES,
                doc="UK GDPR Art 6(1), or `law_enforcement` (DPA 2018 Part 3, competent "
                "authorities only)",
            ),
            Column(
                "statutory_gateway",
                doc="the law that permits or requires the share, e.g. "
                + ", ".join(f"`{g}`" for g in STATUTORY_GATEWAY_EXAMPLES),
            ),
            Column(
                "special_category",
                "bool",
                doc="Art 9 data involved; blank = not known (a gap on a share)",
            ),
            Column(
                "art9_condition",
                doc="e.g. `DPA 2018 Sch 1 para 18`; for `law_enforcement` shares the DPA 2018 "
                "s35 condition, e.g. `DPA 2018 Sch 8 para 4`",
            ),
            Column(
                "criminal_offence_data",
                "bool",
                doc="Art 10 data involved; blank = not known (a gap on a share)",
            ),
            Column(
                "art10_condition",
                doc="UK GDPR Art 10 condition, e.g. `DPA 2018 Sch 1 para 18`; not needed for "
                "`law_enforcement` shares (DPA 2018 Part 3)",
            ),
            Column("consent", "enum", values=CONSENT_VALUES),
            Column("family_informed", "enum", values=FAMILY_INFORMED_VALUES),
            # Blank = no, deliberately: an emergency is an exception the record must claim,
            # and an unclaimed one keeps a routine share under step 6's agreement rule.
            Column("emergency", "bool", default="no", doc="blank = no (not an emergency)"),
            Column("dsa_ref", doc="data sharing agreement reference"),
            Column("dpo_consulted", "bool", doc="blank = not known"),
            Column(
                "reason",
                privacy="presence",
                doc="free text; only whether it is present is stored (`reason_recorded`)",
            ),
            Column(
                "reviewed_by",
                doc="a staff_id: who reviewed an emergency share after the event; blank = not "
                "reviewed",
            ),
            Column(
                "reviewed_on",
                "date",
                not_future=True,
                doc="when an emergency share was reviewed after the event; not before decided_at's "
                "date; blank = not reviewed",
            ),
        ),
        # A value written without a time of day is compared at day precision: a request at
        # 14:05 on the day of a date-only decision is not after it.
        checks=(
            (
                "request_received",
                "request_received > decided_at and not ("
                "(not request_received_has_time or not decided_at_has_time) "
                "and request_received::date = decided_at::date)",
                "is after decided_at: a request cannot arrive after the decision",
            ),
            (
                "recorded_at",
                "recorded_at < decided_at and not ("
                "(not recorded_at_has_time or not decided_at_has_time) "
                "and recorded_at::date = decided_at::date)",
                "is before decided_at: a decision cannot be recorded before it is made",
            ),
            (
                "reviewed_on",
                "reviewed_on < decided_at::date",
                "is before decided_at: a decision cannot be reviewed before it is made",
            ),
        ),
    ),
)

SOURCE_BY_KIND = {s.kind: s for s in SOURCES}
KINDS = tuple(s.kind for s in SOURCES)


def kind_from_file_name(file_name: str) -> str | None:
    """The kind a file name starts with (`decisions_2026-10.csv` is `decisions`), or None."""
    stem = file_name.lower()
    names = sorted(
        ((name, s.kind) for s in SOURCES for name in (s.kind, *s.aliases)),
        key=lambda pair: -len(pair[0]),
    )
    for name, kind in names:
        if stem.startswith(name):
            return kind
    return None


def has_time_name(column: Column) -> str:
    """The stored flag saying whether a date-time cell had a time of day (`decided_at_has_time`).

    A date-only value is stored at midnight; the flag tells it from a time written as 00:00, so
    that it is compared with other times at day precision."""
    return f"{column.name}_has_time"


def stored_columns(source: Source) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of a source's table, with a has-time flag after
    each date-time column."""
    stored = []
    for c in source.columns:
        stored.append((c.stored_name, c.stored_type))
        if c.type == "datetime":
            stored.append((has_time_name(c), "BOOLEAN"))
    return stored


def table_ddl(source: Source) -> str:
    """CREATE TABLE statement for a source's table."""
    cols = [f"    {name} {type_}" for name, type_ in stored_columns(source)]
    cols.append(f"    primary key ({', '.join(source.key)})")
    body = ",\n".join(cols)
    return f"create table if not exists {source.kind} (\n{body}\n)"
