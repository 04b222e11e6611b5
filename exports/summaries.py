"""The summaries, built from the metric functions: each a frame with the summary's
declared columns, whose protected counts, rates and statuses are cells of exports.disclosure
until shown_tables resolves them for the audience. Policy counts are counts of documents a team
holds, not of people, and are shown as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from exports.columns import (
    ALL_TEAMS,
    COVERAGE_BY_STEP,
    ICO_STEPS,
    OVERDUE_TRAINING,
    RECORD_GAPS,
    SHARING_BY_MONTH,
    SUMMARIES,
    TEAM_SUMMARY,
    TRAINING_BY_COURSE,
    Summary,
)
from exports.disclosure import (
    EVERY_TEAM,
    PERIOD,
    PREVIOUS,
    Cells,
    Count,
    Number,
    Overall,
    Rag,
    Rate,
    Shown,
    suppressed_cells,
)
from exports.governance import SOURCES, Governance, governance_tables
from exports.steps import step_tables
from metrics.filters import Filters, previous
from metrics.overview import kpis, team_rag, team_scorecard
from metrics.policy import policy_coverage_trend
from metrics.query import filter_params, run
from metrics.rag import Band, Thresholds, no_decisions_logged
from metrics.sharing import decisions_by_team, decisions_per_month_by_team, months_of
from metrics.status import refusals_by_reason
from metrics.training import (
    training_completion_by_team_course,
    training_completion_trend,
    training_exceptions,
)

OUTCOMES = ("shared", "partially_shared", "not_shared")
GAPS = (
    "no_lawful_basis",
    "special_without_art9",
    "criminal_without_art10",
    "no_reason",
    "refusals_no_reason",
    "no_purpose",
    "no_decided_by",
)
# The team summary's counts: stock counts are keyed by the as-of date, flow counts by the period.
TEAM_STOCK_COUNTS = ("training_in_date", "training_required")
TEAM_FLOW_COUNTS = ("decisions", "shares", "complete_records")


@dataclass(frozen=True)
class Kpi:
    """A headline measure now and in the previous period (denominator None: a count)."""

    measure: str
    numerator: Number
    denominator: Number | None
    previous_numerator: Number
    previous_denominator: Number | None
    band: Band | None


@dataclass(frozen=True)
class Trend:
    """A stock measure of all teams in scope as of each month end."""

    measure: str
    as_of: tuple[dt.date, ...]
    numerators: tuple[Number, ...]
    denominators: tuple[Number, ...]
    band: Band


@dataclass(frozen=True)
class DataAsOf:
    """How recent the data is, for the teams in scope."""

    newest_decision: dt.date | None
    newest_training: dt.date | None
    newest_attestation: dt.date | None
    last_ingest: dt.datetime | None  # None: never, or left out for a team-scoped viewer
    refused_rows: int | None  # None: left out for a team-scoped viewer


@dataclass
class Collected:
    """Everything an export shows, before disclosure control."""

    f: Filters
    tables: dict[str, pd.DataFrame]
    cells: Cells
    kpis: list[Kpi]
    trends: list[Trend]
    teams_in_scope: list[tuple[str, str]]
    data_as_of: DataAsOf

    @property
    def absent(self) -> tuple[str, ...]:
        """The optional sources (their summaries' names) this export could not include."""
        return tuple(name for name in SOURCES if name not in self.tables)


def collect(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    thresholds: Thresholds,
    grace_days: int,
    governance: Governance | None = None,
) -> Collected:
    """Run the metric functions for f and lay their results out as the export's tables, with
    those of the optional governance sources given."""
    cells = Cells()
    scores = team_rag(team_scorecard(con, f, grace_days), thresholds)
    tables = {
        TEAM_SUMMARY.name: team_summary(scores, cells, f, thresholds),
        SHARING_BY_MONTH.name: sharing_by_month(con, f, scores, cells),
        TRAINING_BY_COURSE.name: training_by_course(con, f, grace_days, cells, thresholds),
        COVERAGE_BY_STEP.name: coverage_by_step(con, f, thresholds),
        RECORD_GAPS.name: record_gaps(con, f, cells, thresholds),
    }
    training = tables[TRAINING_BY_COURSE.name]
    tables |= step_tables(con, f, grace_days, cells, thresholds, training)
    scope = run(con, "scope_teams", filter_params(f))
    in_scope = dict(zip(scope["team_id"], scope["team_name"], strict=True))
    scoped = f.allowed is not None
    tables |= governance_tables(governance or Governance(), cells, in_scope, scoped)
    tables[OVERDUE_TRAINING.name] = overdue_training(con, f, grace_days)
    return Collected(
        f=f,
        tables=tables,
        cells=cells,
        kpis=_kpis(con, f, grace_days, cells, thresholds),
        trends=_trends(con, f, grace_days, cells, thresholds),
        teams_in_scope=sorted(zip(scope["team_id"], scope["team_name"], strict=True)),
        data_as_of=_data_as_of(con, f),
    )


def shown_tables(
    collected: Collected, external: bool, threshold: int
) -> tuple[Shown, dict[Summary, pd.DataFrame]]:
    """Each summary the audience may have, its cells as written (suppressed when external)."""
    cells = collected.cells
    hidden = suppressed_cells(cells.values, cells.groups, threshold) if external else set()
    shown = Shown(cells.values, frozenset(hidden), external)
    summaries = [
        s for s in SUMMARIES if not (external and s.internal_only) and s.name in collected.tables
    ]
    return shown, {s: _resolved(collected.tables[s.name], shown) for s in summaries}


def _resolved(table: pd.DataFrame, shown: Shown) -> pd.DataFrame:
    """table with every cell as written; object columns, so ints and None stay as they are."""
    columns = {name: [shown.cell(v) for v in table[name]] for name in table.columns}
    return pd.DataFrame(columns, columns=table.columns, dtype=object)


def _frame(summary: Summary, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows, by column name, as summary's table (object columns: pandas would otherwise
    turn a column of ints and None into floats and NaN, and the XLSX's numbers with it)."""
    names = summary.column_names
    for row in rows:
        if row.keys() != set(names):
            raise ValueError(f"{summary.name}: a row has columns {list(row)}, not {names}")
    return pd.DataFrame(rows, columns=names, dtype=object)


def _int(value: Any) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def team_summary(
    scores: pd.DataFrame, cells: Cells, f: Filters, thresholds: Thresholds
) -> pd.DataFrame:
    """One row per team in scope with its headline measures, then all teams in scope."""
    teams = [*scores["team_id"], EVERY_TEAM]
    totals = scores.sum(numeric_only=True)
    counted: dict[str, list[Count]] = {}
    for measure in (*TEAM_STOCK_COUNTS, *TEAM_FLOW_COUNTS):
        when = f.as_of if measure in TEAM_STOCK_COUNTS else PERIOD
        values = [*scores[measure], totals[measure]]
        counted[measure] = [
            cells.count((measure, team, when), value)
            for team, value in zip(teams, values, strict=True)
        ]
        cells.adds_up(counted[measure][:-1], counted[measure][-1])
    rows = []
    for i, team in enumerate(teams):
        source = totals if team is EVERY_TEAM else scores.iloc[i]
        counts = {measure: column[i] for measure, column in counted.items()}
        rows.append({**_team(team, source), **_team_measures(source, counts, thresholds)})
    return _frame(TEAM_SUMMARY, rows)


def _team(team: Any, source: pd.Series) -> dict[str, Any]:
    """A team's identifier, name, directorate and whether it is active (blank for the total)."""
    if team is EVERY_TEAM:
        return {"team_id": None, "team_name": ALL_TEAMS, "directorate": None, "active": None}
    return {
        "team_id": source["team_id"],
        "team_name": source["team_name"],
        "directorate": source["directorate"],
        "active": "yes" if bool(source["active"]) else "no",
    }


def _team_measures(
    source: pd.Series, counts: dict[str, Count], thresholds: Thresholds
) -> dict[str, Any]:
    """A team's measures: policy counts as they are, the rest as cells."""
    in_place, applying = _int(source["policies_in_place"]), _int(source["policies_applying"])
    in_date, required = counts["training_in_date"], counts["training_required"]
    decisions, shares = counts["decisions"], counts["shares"]
    complete = counts["complete_records"]
    coverage = Rag(thresholds.coverage, in_place, applying)
    training = Rag(thresholds.training, in_date, required)
    silent = no_decisions_logged(_int(source["decisions"]), _int(source["decision_makers"]))
    completeness = Rag(thresholds.completeness, complete, decisions, no_decisions=silent)
    return {
        "overall_rag": Overall((coverage, training, completeness)),
        "policy_coverage_pct": Rate(in_place, applying),
        "policies_in_place": in_place,
        "policies_applying": applying,
        "policy_coverage_rag": coverage,
        "training_completion_pct": Rate(in_date, required),
        "training_in_date": in_date,
        "training_required": required,
        "training_rag": training,
        "decisions": decisions,
        "share_rate_pct": Rate(shares, decisions),
        "shares": shares,
        "record_completeness_pct": Rate(complete, decisions),
        "complete_records": complete,
        "record_completeness_rag": completeness,
    }


def sharing_by_month(
    con: duckdb.DuckDBPyConnection, f: Filters, scores: pd.DataFrame, cells: Cells
) -> pd.DataFrame:
    """Decisions per month and team by outcome, each month's teams then all teams in scope."""
    monthly = decisions_per_month_by_team(con, f)
    months = [m.strftime("%Y-%m") for m in months_of(f.period_start, f.period_end)]
    order = [t for t in scores["team_id"] if t in set(monthly["team_id"])]
    names = dict(zip(monthly["team_id"], monthly["team_name"], strict=False))
    by_key = {(r.team_id, r.month.strftime("%Y-%m")): r for r in monthly.itertuples()}
    columns = ("decisions", *OUTCOMES)
    rows, grid = [], {}
    for month in months:
        for team in [*order, EVERY_TEAM]:
            members = order if team is EVERY_TEAM else [team]
            values = {c: sum(_int(getattr(by_key[t, month], c)) for t in members) for c in columns}
            grid[team, month] = {c: cells.count((c, team, month), values[c]) for c in columns}
            cells.adds_up([grid[team, month][c] for c in OUTCOMES], grid[team, month]["decisions"])
            rows.append(
                {
                    "month": month,
                    "team_id": None if team is EVERY_TEAM else team,
                    "team_name": ALL_TEAMS if team is EVERY_TEAM else names[team],
                    **grid[team, month],
                }
            )
        for c in columns:
            cells.adds_up([grid[t, month][c] for t in order], grid[EVERY_TEAM, month][c])
    # Each team's months add up to its decisions and shares in the team summary.
    for team in [*order, EVERY_TEAM]:
        decisions = [grid[team, m]["decisions"] for m in months]
        cells.adds_up(decisions, Count(("decisions", team, PERIOD)))
        shares = [grid[team, m][c] for m in months for c in ("shared", "partially_shared")]
        cells.adds_up(shares, Count(("shares", team, PERIOD)))
    return _frame(SHARING_BY_MONTH, rows)


def training_by_course(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    grace_days: int,
    cells: Cells,
    thresholds: Thresholds,
) -> pd.DataFrame:
    """Staff in date and required per team and course, then all teams in scope per course."""
    frame = training_completion_by_team_course(con, f, grace_days)
    courses = (
        frame[["course_id", "course_title", "course_ico_step"]]
        .drop_duplicates("course_id")
        .sort_values("course_id")
    )
    rows = []
    by_team: dict[Any, dict[str, list[Count]]] = {}
    by_course: dict[str, dict[str, list[Count]]] = {}
    for r in frame.itertuples():
        in_date = cells.count(("course_in_date", r.team_id, r.course_id, f.as_of), r.in_date)
        required = cells.count(("course_required", r.team_id, r.course_id, f.as_of), r.required)
        for store, key in ((by_team, r.team_id), (by_course, r.course_id)):
            store.setdefault(key, {"in_date": [], "required": []})
            store[key]["in_date"].append(in_date)
            store[key]["required"].append(required)
        rows.append(_course_row(r.team_id, r.team_name, r, in_date, required, thresholds))
    every: dict[str, list[Count]] = {"in_date": [], "required": []}
    for c in courses.itertuples():
        parts = by_course[c.course_id]
        in_date = cells.count(
            ("course_in_date", EVERY_TEAM, c.course_id, f.as_of),
            sum(cells.values[p.key] for p in parts["in_date"]),
        )
        required = cells.count(
            ("course_required", EVERY_TEAM, c.course_id, f.as_of),
            sum(cells.values[p.key] for p in parts["required"]),
        )
        cells.adds_up(parts["in_date"], in_date)
        cells.adds_up(parts["required"], required)
        every["in_date"].append(in_date)
        every["required"].append(required)
        rows.append(_course_row(None, ALL_TEAMS, c, in_date, required, thresholds))
    # Each team's courses (and all teams' courses) add up to its figures in the team summary.
    for team, parts in [*by_team.items(), (EVERY_TEAM, every)]:
        cells.adds_up(parts["in_date"], Count(("training_in_date", team, f.as_of)))
        cells.adds_up(parts["required"], Count(("training_required", team, f.as_of)))
    return _frame(TRAINING_BY_COURSE, rows)


def _course_row(
    team_id: Any, team_name: str, course: Any, in_date: Count, required: Count, t: Thresholds
) -> dict[str, Any]:
    step = course.course_ico_step
    return {
        "team_id": team_id,
        "team_name": team_name,
        "course_id": course.course_id,
        "course_title": course.course_title,
        "ico_step": None if pd.isna(step) else int(step),
        "staff_in_date": in_date,
        "staff_required": required,
        "completion_pct": Rate(in_date, required),
        "completion_rag": Rag(t.training, in_date, required),
    }


def coverage_by_step(
    con: duckdb.DuckDBPyConnection, f: Filters, thresholds: Thresholds
) -> pd.DataFrame:
    """Each team's policies by status per ICO step, then all teams in scope per step."""
    frame = run(con, "export_policy_coverage_by_team_step", filter_params(f))
    rows = []
    for r in frame.itertuples():
        step = int(r.ico_step)
        in_place, applying = int(r.in_place), int(r.policies_applying)
        rows.append(
            {
                "team_id": _text(r.team_id),
                "team_name": r.team_name,
                "ico_step": step,
                "ico_step_name": ICO_STEPS.get(step),
                "in_place": in_place,
                "out_of_date": int(r.out_of_date),
                "partial": int(r.partial),
                "not_started": int(r.not_started),
                "policies_applying": applying,
                "not_applicable": int(r.not_applicable),
                "coverage_pct": Rate(in_place, applying),
                "coverage_rag": Rag(thresholds.coverage, in_place, applying),
            }
        )
    return _frame(COVERAGE_BY_STEP, rows)


def record_gaps(
    con: duckdb.DuckDBPyConnection, f: Filters, cells: Cells, thresholds: Thresholds
) -> pd.DataFrame:
    """Decisions, shares and each record gap per team, then all teams in scope."""
    frame = decisions_by_team(con, f)
    teams = [*frame["team_id"], EVERY_TEAM]
    counted: dict[str, list[Count]] = {}
    for column in ("decisions", "shares", "complete_records", *GAPS):
        values = [*frame[column], frame[column].sum()]
        counted[column] = [
            cells.count((column, team, PERIOD), v) for team, v in zip(teams, values, strict=True)
        ]
        if column in GAPS:
            cells.adds_up(counted[column][:-1], counted[column][-1])
    rows = []
    for i, team in enumerate(teams):
        decisions, shares = counted["decisions"][i], counted["shares"][i]
        complete = counted["complete_records"][i]
        if team is EVERY_TEAM:
            name, directorate = ALL_TEAMS, None
        else:
            name, directorate = frame["team_name"].iloc[i], frame["directorate"].iloc[i]
        rows.append(
            {
                "team_id": team,
                "team_name": name,
                "directorate": directorate,
                "decisions": decisions,
                "shares": shares,
                "complete_records": complete,
                "record_completeness_pct": Rate(complete, decisions),
                "record_completeness_rag": Rag(thresholds.completeness, complete, decisions),
                **{gap: counted[gap][i] for gap in GAPS},
            }
        )
    return _frame(RECORD_GAPS, rows)


def overdue_training(con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int) -> pd.DataFrame:
    """Every staff member's course requirement that is overdue or never trained (internal)."""
    frame = training_exceptions(con, f, grace_days)
    frame = frame[frame["status"] != "in date"]
    rows = [
        {
            "team_id": r.team_id,
            "team_name": r.team_name,
            "staff_id": r.staff_id,
            "name": _text(r.name),
            "role": _text(r.role),
            "course_id": r.course_id,
            "course_title": r.course_title,
            "status": r.status,
            "last_passed_on": None if pd.isna(r.last_passed_on) else r.last_passed_on,
            "expires_on": None if pd.isna(r.expires_on) else r.expires_on,
        }
        for r in frame.itertuples()
    ]
    return _frame(OVERDUE_TRAINING, rows)


def _kpis(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    grace_days: int,
    cells: Cells,
    thresholds: Thresholds,
) -> list[Kpi]:
    frame = kpis(con, f, grace_days).set_index("measure")
    before = previous(f)

    def counted(
        measure: str, num: str, den: str | None, now: Any, then: Any
    ) -> tuple[Count, Count | None, Count, Count | None]:
        row = frame.loc[measure]
        counts = [
            cells.count((num, EVERY_TEAM, now), row["numerator"]),
            None if den is None else cells.count((den, EVERY_TEAM, now), row["denominator"]),
            cells.count((num, EVERY_TEAM, then), row["previous_numerator"]),
            None
            if den is None
            else cells.count((den, EVERY_TEAM, then), row["previous_denominator"]),
        ]
        return tuple(counts)  # type: ignore[return-value]

    coverage = frame.loc["Policy coverage"]
    return [
        Kpi(
            "Policy coverage",
            int(coverage["numerator"]),
            int(coverage["denominator"]),
            int(coverage["previous_numerator"]),
            int(coverage["previous_denominator"]),
            thresholds.coverage,
        ),
        Kpi(
            "Training completion",
            *counted(
                "Training completion",
                "training_in_date",
                "training_required",
                f.as_of,
                before.as_of,
            ),
            thresholds.training,
        ),
        Kpi(
            "Decisions logged",
            *counted("Decisions logged", "decisions", None, PERIOD, PREVIOUS),
            None,
        ),
        Kpi(
            "Share rate",
            *counted("Share rate", "shares", "decisions", PERIOD, PREVIOUS),
            None,
        ),
        Kpi(
            "Record completeness",
            *counted("Record completeness", "complete_records", "decisions", PERIOD, PREVIOUS),
            thresholds.completeness,
        ),
    ]


def _trends(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    grace_days: int,
    cells: Cells,
    thresholds: Thresholds,
) -> list[Trend]:
    coverage = policy_coverage_trend(con, f)
    training = training_completion_trend(con, f, grace_days)
    return [
        Trend(
            "Policy coverage",
            tuple(coverage["as_of"]),
            tuple(int(v) for v in coverage["in_place"]),
            tuple(int(v) for v in coverage["applies"]),
            thresholds.coverage,
        ),
        Trend(
            "Training completion",
            tuple(training["as_of"]),
            tuple(
                cells.count(("training_in_date", EVERY_TEAM, d), v)
                for d, v in zip(training["as_of"], training["in_date"], strict=True)
            ),
            tuple(
                cells.count(("training_required", EVERY_TEAM, d), v)
                for d, v in zip(training["as_of"], training["required"], strict=True)
            ),
            thresholds.training,
        ),
    ]


def _data_as_of(con: duckdb.DuckDBPyConnection, f: Filters) -> DataAsOf:
    row = run(con, "export_data_as_of", filter_params(f)).iloc[0]
    # Loads are recorded per file, not per team, and a refused row's team may be unknown (a bad
    # team_id can be why it was refused): a viewer limited to some teams is told neither when
    # data was loaded nor how many rows were refused, as on the Data status page.
    scoped = f.allowed is not None
    last = pd.NA if scoped else row["last_ingest"]
    return DataAsOf(
        newest_decision=None if pd.isna(row["newest_decision"]) else row["newest_decision"],
        newest_training=None if pd.isna(row["newest_training"]) else row["newest_training"],
        newest_attestation=(
            None if pd.isna(row["newest_attestation"]) else row["newest_attestation"]
        ),
        last_ingest=None if pd.isna(last) else pd.Timestamp(last).to_pydatetime(),
        refused_rows=None if scoped else int(refusals_by_reason(con)["problems"].sum()),
    )
