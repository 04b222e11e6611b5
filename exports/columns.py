"""Every export file and column, declared once: the cover sheet, column_guide.csv and the column
tables in docs/exports.md are all rendered from here; a test fails when a column is left out."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.ico_steps import STEPS

ALL_TEAMS = "All teams in scope"
FORMATS = ("csv", "xlsx", "pdf")

# The ICO's "10 step guide to sharing information to safeguard children" (2023), by number.
ICO_STEPS = {step.number: step.title for step in STEPS}

RAG_MEANING = "green / amber / red by the `rag` settings; `no data` when there is nothing to count"
PCT_MEANING = "rounded down to one decimal, as on the dashboard; blank when {den} is 0"
TOTAL_ROW = f"blank on the `{ALL_TEAMS}` rows, which add up the teams above them"


@dataclass(frozen=True)
class Column:
    """One column of an export file."""

    name: str
    meaning: str


@dataclass(frozen=True)
class Summary:
    """One summary: a CSV file and an XLSX sheet."""

    name: str
    sheet: str
    title: str
    description: str
    columns: tuple[Column, ...]
    internal_only: bool = False

    @property
    def file_name(self) -> str:
        """`team_summary.csv`."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        """The header row."""
        return [c.name for c in self.columns]


def _pct(den: str) -> str:
    return PCT_MEANING.format(den=den)


TEAM_SUMMARY = Summary(
    name="team_summary",
    sheet="Team summary",
    title="Team summary",
    description="One row per team in scope with every headline measure and its RAG status; "
    f"the last row, `{ALL_TEAMS}`, is the organisation's figure for the teams chosen. Policy "
    "coverage and training are as of the as-of date; decisions over the period. Teams that "
    "did not exist in the period (closed before it, opened after it) appear only when they "
    "logged decisions in it.",
    columns=(
        Column("team_id", f"team identifier; {TOTAL_ROW}"),
        Column("team_name", f"team name, or `{ALL_TEAMS}`"),
        Column("directorate", "the team's directorate"),
        Column(
            "active",
            "yes / no: whether the team is open today (no closed_on, or one still ahead); "
            "the measures use the teams that existed at the as-of date or in the period",
        ),
        Column(
            "overall_rag",
            "the worst of the team's three RAG statuses (coverage, training, completeness); "
            "no data is left out, and a measure with nothing to count is never red",
        ),
        Column("policy_coverage_pct", "policies_in_place / policies_applying in %; " + _pct("it")),
        Column("policies_in_place", "(team, policy) pairs in place and in date at the as-of date"),
        Column("policies_applying", "(team, policy) pairs that apply at the as-of date"),
        Column("policy_coverage_rag", RAG_MEANING),
        Column(
            "training_completion_pct", "training_in_date / training_required in %; " + _pct("it")
        ),
        Column("training_in_date", "(staff member, course) requirements in date at the as-of date"),
        Column("training_required", "(staff member, course) requirements at the as-of date"),
        Column("training_rag", RAG_MEANING),
        Column("decisions", "decisions to share or not to share made in the period"),
        Column("share_rate_pct", "shares / decisions in %; " + _pct("decisions")),
        Column("shares", "decisions in the period that shared, fully or partly"),
        Column(
            "record_completeness_pct",
            "complete_records / decisions in %; " + _pct("decisions"),
        ),
        Column(
            "complete_records",
            "decisions whose record is complete: a reason and who decided; for shares also a "
            "lawful basis, a purpose and the Art 9 / Art 10 conditions where needed",
        ),
        Column(
            "record_completeness_rag",
            RAG_MEANING + "; `no decisions logged` (counted as amber in overall_rag) when the "
            "team has decision makers in post in the period and logged no decision",
        ),
    ),
)

SHARING_BY_MONTH = Summary(
    name="sharing_by_month_and_team",
    sheet="Sharing by month",
    title="Sharing by month and team",
    description="Decisions per calendar month of the period and team, by outcome: every team "
    f"that logged a decision in the period, zeros included, then `{ALL_TEAMS}`. A month the "
    "period only partly covers counts only the days inside it.",
    columns=(
        Column("month", "calendar month, YYYY-MM"),
        Column("team_id", f"team identifier; {TOTAL_ROW}"),
        Column("team_name", f"team name, or `{ALL_TEAMS}`"),
        Column("decisions", "decisions made in the month (shared + partially_shared + not_shared)"),
        Column("shared", "decisions to share"),
        Column("partially_shared", "decisions to share part of what was asked for"),
        Column("not_shared", "decisions not to share"),
    ),
)

TRAINING_BY_COURSE = Summary(
    name="training_by_team_and_course",
    sheet="Training by course",
    title="Training by team and course",
    description="Per team and course, at the as-of date: staff who must take the course and "
    f"those in date; then `{ALL_TEAMS}` per course. Only teams that existed on the as-of date "
    "are counted.",
    columns=(
        Column("team_id", f"team identifier; {TOTAL_ROW}"),
        Column("team_name", f"team name, or `{ALL_TEAMS}`"),
        Column("course_id", "course identifier"),
        Column("course_title", "course title"),
        Column("ico_step", "the ICO step (1-10) the course serves; blank if none"),
        Column("staff_in_date", "staff with a passing completion that has not expired"),
        Column(
            "staff_required",
            "staff in post, past the new-starter grace period, not exempt, who must take it",
        ),
        Column("completion_pct", "staff_in_date / staff_required in %; " + _pct("it")),
        Column("completion_rag", RAG_MEANING),
    ),
)

COVERAGE_BY_STEP = Summary(
    name="policy_coverage_by_team_and_step",
    sheet="Policy coverage by step",
    title="Policy coverage by team and ICO step",
    description="Per team that existed on the as-of date and ICO step, at that date: the "
    "team's status for each policy in force that serves the step; then "
    f"`{ALL_TEAMS}` per step. Steps with no policy in force have no row.",
    columns=(
        Column("team_id", f"team identifier; {TOTAL_ROW}"),
        Column("team_name", f"team name, or `{ALL_TEAMS}`"),
        Column("ico_step", "step of the ICO 10-step guide (1-10)"),
        Column("ico_step_name", "what the step asks"),
        Column("in_place", "policies in place and in date"),
        Column(
            "out_of_date",
            "attested in place, but before the current version was approved or for a policy "
            "past its review date",
        ),
        Column("partial", "attested as partly in place"),
        Column(
            "not_started",
            "attested as not started, never attested, or said not to apply before the current "
            "version was approved (that lapses: the team must say it again)",
        ),
        Column(
            "policies_applying",
            "policies that apply (in_place + out_of_date + partial + not_started)",
        ),
        Column(
            "not_applicable",
            "attested, since the current version was approved, as not applying to the team; "
            "not in policies_applying",
        ),
        Column("coverage_pct", "in_place / policies_applying in %; " + _pct("it")),
        Column("coverage_rag", RAG_MEANING),
    ),
)

RECORD_GAPS = Summary(
    name="record_gaps_by_team",
    sheet="Record gaps",
    title="Record gaps by team",
    description="Per team that logged a decision in the period, the decisions whose record "
    f"lacks something; then `{ALL_TEAMS}`. One decision can have more than one gap. A refusal "
    "is judged too: its record needs the reason and who decided (a decision not to share "
    "needs no lawful basis).",
    columns=(
        Column("team_id", f"team identifier; {TOTAL_ROW}"),
        Column("team_name", f"team name, or `{ALL_TEAMS}`"),
        Column("directorate", "the team's directorate"),
        Column("decisions", "decisions to share or not to share made in the period"),
        Column("shares", "decisions in the period that shared, fully or partly"),
        Column("complete_records", "decisions with none of the gaps below"),
        Column(
            "record_completeness_pct", "complete_records / decisions in %; " + _pct("decisions")
        ),
        Column("record_completeness_rag", RAG_MEANING),
        Column("no_lawful_basis", "shares with no lawful basis recorded"),
        Column(
            "special_without_art9",
            "shares whose special category answer is blank, or yes without the right condition "
            "(Art 9 / DPA 2018 Sch 1; Sch 8 for law enforcement)",
        ),
        Column(
            "criminal_without_art10",
            "shares whose criminal offence data answer is blank, or yes without an Art 10 "
            "condition (not needed for law enforcement, DPA 2018 Part 3)",
        ),
        Column("no_reason", "decisions (shares and refusals) with no reason recorded"),
        Column("refusals_no_reason", "decisions not to share with no reason recorded"),
        Column("no_purpose", "shares with no purpose recorded"),
        Column("no_decided_by", "decisions with no decision maker (decided_by) recorded"),
    ),
)

ICO_STEPS_BY_TEAM = Summary(
    name="ico_steps_by_team",
    sheet="ICO steps",
    title="ICO ten steps by team",
    description="The ten-step matrix: per team and step of the ICO's 10-step guide (2023), the "
    "step's headline indicator (as on the ICO ten steps page: docs/measures.md defines each), "
    f"now and in the previous period of equal length, and the change; then `{ALL_TEAMS}` per "
    "step. Policy and course indicators are as of the as-of date (in the previous period, as "
    "of that date moved back as far), decision indicators over the period. Teams are listed "
    "as in the team summary.",
    columns=(
        Column("team_id", f"team identifier; {TOTAL_ROW}"),
        Column("team_name", f"team name, or `{ALL_TEAMS}`"),
        Column("ico_step", "step of the ICO 10-step guide (1-10)"),
        Column("ico_step_name", "what the step asks"),
        Column("indicator", "the step's headline indicator"),
        Column(
            "numerator", "what the indicator counts (policies, course requirements or decisions)"
        ),
        Column("denominator", "what it counts out of"),
        Column("pct", "numerator / denominator in %; " + _pct("denominator")),
        Column(
            "rag",
            RAG_MEANING + "; `no decisions logged` (amber) on a decision indicator when the team "
            "has decision makers in post in the period and logged no decision",
        ),
        Column("previous_numerator", "the numerator in the previous period"),
        Column("previous_denominator", "the denominator in the previous period"),
        Column(
            "previous_pct",
            "previous_numerator / previous_denominator in %; " + _pct("previous_denominator"),
        ),
        Column(
            "change_pts",
            "the change from the previous period in percentage points, cut toward zero to one "
            "decimal; blank when either period has nothing to count",
        ),
    ),
)

ICO_STEPS_BY_MONTH = Summary(
    name="ico_steps_by_month",
    sheet="ICO steps by month",
    title="ICO ten steps: 12-month trend",
    description=f"`{ALL_TEAMS}`, per step and month of the last 12: the step's headline "
    "indicator, as in the ten-step matrix. Decision indicators count each calendar month of "
    "the 12 ending with the period (the last up to the period's end); policy and course "
    "indicators are taken as of each month end (the last at the as-of date).",
    columns=(
        Column("ico_step", "step of the ICO 10-step guide (1-10)"),
        Column("ico_step_name", "what the step asks"),
        Column("indicator", "the step's headline indicator"),
        Column("month", "calendar month, YYYY-MM"),
        Column("measured", "`as of` a date, or the days counted (`2026-06-01 to 2026-06-30`)"),
        Column("numerator", "what the indicator counts"),
        Column("denominator", "what it counts out of"),
        Column("pct", "numerator / denominator in %; " + _pct("denominator")),
        Column("rag", RAG_MEANING + "; `no decisions logged` as in the matrix"),
    ),
)

WARNINGS = Summary(
    name="warnings",
    sheet="Warnings",
    title="Early warnings",
    description="One row per early warning for the teams in scope, high severity first: where "
    "to look, in one sentence with the numbers behind it, and the page that explains it. "
    "Externally the sentence is rebuilt from the figures as shown (a count from 1 to the "
    "threshold is c, and so are the expected figure and the probability beside it, from which "
    "it could be worked out). When the warnings could not be worked out the file is left out "
    "and the manifest says so.",
    columns=(
        Column("severity", "`high` or `medium`"),
        Column("kind", "what the warning is about (a short id, e.g. `sharing_falling`)"),
        Column("team_id", "team identifier; blank for a warning about the organisation"),
        Column("team_name", "team name"),
        Column("warning", "the warning in one sentence, with the numbers behind it"),
        Column("page", "the dashboard page that explains it (its address, e.g. `sharing`)"),
        Column("observed", "the count the warning is about"),
        Column("expected", "what the count would be expected to be, where the warning tests one"),
        Column(
            "p_value",
            "how likely a difference this large is by chance, where the warning tests one",
        ),
    ),
)

AGREEMENTS_PAST_REVIEW = Summary(
    name="agreements_past_review",
    sheet="Agreements past review",
    title="Data sharing agreements past their review date",
    description="Each agreement of the register whose review date had passed on the as-of "
    "date, most overdue first, with the routine shares of the teams in scope that cite it in "
    "the period. When the register is not loaded the file is left out and the manifest says so.",
    columns=(
        Column("dsa_ref", "the agreement's reference"),
        Column("title", "its title"),
        Column("partners", "the partner organisations"),
        Column("review_due", "the date its review was due"),
        Column("days_overdue", "days from review_due to the as-of date"),
        Column("routine_shares", "routine shares in the period that cite it"),
    ),
)

OPEN_ACTIONS = Summary(
    name="open_actions",
    sheet="Open actions",
    title="Open actions (internal only)",
    description="Every open action agreed for the teams in scope (and for the organisation as "
    "a whole), overdue first, then by due date. Internal only: it names owners and holds the "
    "leaders' own words; the external board pack gives the numbers of open and overdue "
    "actions only. When the actions store is not available the file is left out and the "
    "manifest says so.",
    columns=(
        Column("action_id", "the action's identifier in the app"),
        Column("title", "what is to be done"),
        Column("team_id", "team identifier; blank for an action of the organisation"),
        Column("team_name", "team name"),
        Column("ico_step", "the ICO step (1-10) it serves; blank if none"),
        Column("owner", "who is to do it"),
        Column("due_on", "when it is due"),
        Column("overdue", "yes when it was still open after its due date, at the as-of date"),
        Column("updated_at", "when it was last changed"),
        Column("updated_by", "who last changed it"),
    ),
    internal_only=True,
)

OVERDUE_TRAINING = Summary(
    name="overdue_training",
    sheet="Overdue training",
    title="Overdue or never trained (internal only)",
    description="Staff-level: every (staff member, course) requirement at the as-of date whose "
    "latest pass has expired or that has no pass. Internal only: never in an external export.",
    columns=(
        Column("team_id", "team identifier"),
        Column("team_name", "team name"),
        Column("staff_id", "staff identifier"),
        Column("name", "staff member's name"),
        Column("role", "staff member's role"),
        Column("course_id", "course identifier"),
        Column("course_title", "course title"),
        Column("status", "`overdue` (the latest pass has expired) or `never trained`"),
        Column("last_passed_on", "date of the latest passing completion; blank if none"),
        Column("expires_on", "the date that pass expired; blank if none"),
    ),
    internal_only=True,
)

SUMMARIES: tuple[Summary, ...] = (
    TEAM_SUMMARY,
    SHARING_BY_MONTH,
    TRAINING_BY_COURSE,
    COVERAGE_BY_STEP,
    RECORD_GAPS,
    ICO_STEPS_BY_TEAM,
    ICO_STEPS_BY_MONTH,
    WARNINGS,
    AGREEMENTS_PAST_REVIEW,
    OPEN_ACTIONS,
    OVERDUE_TRAINING,
)

MANIFEST = Summary(
    name="manifest",
    sheet="About",
    title="About this export",
    description="What the files are taken over: one row per fact, also on the workbook's "
    "first sheet and the board pack's cover.",
    columns=(
        Column("field", "what the row gives (see the list below)"),
        Column("value", "its value"),
    ),
)

COLUMN_GUIDE = Summary(
    name="column_guide",
    sheet="About",
    title="Column guide",
    description="Every column of every summary file and what it means.",
    columns=(
        Column("file", "the summary file"),
        Column("column", "the column's name in its header"),
        Column("meaning", "what the column holds"),
    ),
)

# The manifest's rows, in order, with what each means.
MANIFEST_FIELDS: tuple[Column, ...] = (
    Column("title", "what the export is"),
    Column(
        "organisation",
        "setting `organisation.name` (from a shared store, the name its manifest gives)",
    ),
    Column("audience", "`internal` or `external` (disclosure control applied)"),
    Column("disclosure_control", "how small numbers were protected, or that they were not"),
    Column("period_start", "first day of the period (decisions are counted over the period)"),
    Column("period_end", "last day of the period"),
    Column("as_of", "the date policy coverage and training are measured at"),
    Column("previous_period", "the period of equal length before, which changes compare with"),
    Column("directorate", "the directorate chosen, or `all`"),
    Column("teams_chosen", "the teams chosen, or `all`"),
    Column("viewer_scope", "the teams the person exporting may see, or `all teams`"),
    Column("teams_in_scope", "the team ids the export covers"),
    Column("newest_decision", "date of the newest decision loaded, for the teams in scope"),
    Column("newest_training", "date of the newest training record loaded, for those teams"),
    Column("newest_attestation", "date of the newest policy attestation, for those teams"),
    Column("last_ingest", "when data was last loaded"),
    Column("rag_thresholds", "the RAG bands used"),
    Column("training_grace_days", "setting `training.grace_days`"),
    Column("generated_at", "when the export was made"),
    Column("tool_version", "version of the tool that made it"),
    Column(
        "not_available",
        "the sources this export could not include (warnings, agreements register, actions), "
        "or `none`",
    ),
    Column("files", "the files of the export"),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def columns_markdown() -> str:
    """docs/exports.md's description of every export file and column, as Markdown."""
    parts = []
    for summary in (*SUMMARIES, MANIFEST, COLUMN_GUIDE):
        internal = " Internal exports only." if summary.internal_only else ""
        parts.append(f"### `{summary.file_name}`: {summary.title}\n")
        parts.append(f"{summary.description}{internal}\n")
        columns = MANIFEST_FIELDS if summary is MANIFEST else summary.columns
        heading = "field" if summary is MANIFEST else "column"
        parts.append(f"| {heading} | meaning |\n|---|---|")
        parts.extend(f"| `{c.name}` | {_cell(c.meaning)} |" for c in columns)
        parts.append("")
    return "\n".join(parts)
