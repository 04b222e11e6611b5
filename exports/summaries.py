"""The summaries, built from the metric functions, with every protected count kept by key.

A count of people or of decisions about children is entered once as a cell with a key (the same
figure in two tables, or in a table and the board pack, is one cell), and each place a total is
shown is entered as a group of the cells that add up to it. Disclosure control then works on
all of them at once, so that no table or chart gives away what another hides. Policy counts are
counts of documents a team holds, not of people, and are shown as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
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
from exports.disclosure import SUPPRESSED, suppressed_cells
from metrics.filters import Filters, previous
from metrics.overview import kpis, team_rag, team_scorecard
from metrics.policy import policy_coverage_trend
from metrics.query import filter_params, run
from metrics.rag import NO_DATA, RED, Band, Thresholds, rag_status, worst
from metrics.sharing import decisions_by_team, decisions_per_month_by_team
from metrics.status import refusals_by_reason
from metrics.training import (
    training_completion_by_team_course,
    training_completion_trend,
    training_exceptions,
)

Key = Hashable
# The team part of a key for the figure of all teams in scope together.
EVERY_TEAM = None
PERIOD, PREVIOUS = "period", "previous"
RAG_WORDS = {"green": "green", "amber": "amber", "red": "red", NO_DATA: "no data"}
OUTCOMES = ("shared", "partially_shared", "not_shared")
GAPS = ("no_lawful_basis", "special_without_art9", "no_reason", "no_purpose")


@dataclass(frozen=True)
class Count:
    """A protected count, by key."""

    key: Key


Number = Count | int


@dataclass(frozen=True)
class Rate:
    """numerator / denominator in %, suppressed with either."""

    numerator: Number
    denominator: Number


@dataclass(frozen=True)
class Rag:
    """The RAG status of numerator / denominator, suppressed with either."""

    band: Band
    numerator: Number
    denominator: Number


@dataclass(frozen=True)
class Overall:
    """The worst of a team's statuses; red stays red whatever a suppressed status is."""

    parts: tuple[Rag, ...]


@dataclass
class Cells:
    """Protected counts in the order they are shown, and the totals they add up to."""

    values: dict[Key, int] = field(default_factory=dict)
    groups: list[tuple[tuple[Key, ...], Key]] = field(default_factory=list)

    def count(self, key: Key, value: Any) -> Count:
        """The cell for key, entered with its value (a second entry must agree)."""
        value = int(value)
        if self.values.setdefault(key, value) != value:
            raise ValueError(f"{key!r} is {self.values[key]} in one place and {value} in another")
        return Count(key)

    def adds_up(self, parts: Sequence[Count], total: Count) -> None:
        """Say that parts add up to total where both are shown."""
        if parts:
            self.groups.append((tuple(p.key for p in parts), total.key))


@dataclass(frozen=True)
class Shown:
    """How cells are shown: as they are, or with the suppressed ones as `c`."""

    values: Mapping[Key, int]
    hidden: frozenset[Key] = frozenset()

    def number(self, value: Number) -> int | str:
        """The count, or `c`."""
        if isinstance(value, Count):
            return SUPPRESSED if value.key in self.hidden else self.values[value.key]
        return int(value)

    def rate(self, rate: Rate) -> int | float | str | None:
        """The percentage, `c` when either count is suppressed, None when nothing is counted."""
        numerator, denominator = self.number(rate.numerator), self.number(rate.denominator)
        if SUPPRESSED in (numerator, denominator):
            return SUPPRESSED
        return percent_number(int(numerator), int(denominator))

    def status(self, rag: Rag) -> str:
        """The status code (green, amber, red, no_data) or `c`."""
        numerator, denominator = self.number(rag.numerator), self.number(rag.denominator)
        if SUPPRESSED in (numerator, denominator):
            return SUPPRESSED
        return rag_status(int(numerator), int(denominator), rag.band)

    def overall(self, overall: Overall) -> str:
        """The worst status; `c` if a suppressed one could change it."""
        statuses = [self.status(part) for part in overall.parts]
        if SUPPRESSED in statuses:
            return RED if RED in statuses else SUPPRESSED
        return worst(statuses)

    def cell(self, value: Any) -> Any:
        """A table cell as written: counts, rates and statuses resolved, the rest as it is."""
        if isinstance(value, Count):
            return self.number(value)
        if isinstance(value, Rate):
            return self.rate(value)
        if isinstance(value, Rag):
            return _rag_word(self.status(value))
        if isinstance(value, Overall):
            return _rag_word(self.overall(value))
        return value


def _rag_word(status: str) -> str:
    return RAG_WORDS.get(status, status)


def percent_number(numerator: int, denominator: int) -> int | float | None:
    """numerator / denominator in %, rounded down to one decimal like the dashboard's
    percentages (66.6, not 66.7); whole numbers as int; None when the denominator is 0."""
    if denominator == 0:
        return None
    tenths = (1000 * numerator) // denominator
    return tenths // 10 if tenths % 10 == 0 else tenths / 10


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
    last_ingest: dt.datetime | None
    refused_rows: int


@dataclass
class Collected:
    """Everything an export shows, before disclosure control."""

    f: Filters
    tables: dict[str, list[tuple[Any, ...]]]
    cells: Cells
    kpis: list[Kpi]
    trends: list[Trend]
    teams_in_scope: list[tuple[str, str]]
    data_as_of: DataAsOf


def collect(
    con: duckdb.DuckDBPyConnection, f: Filters, thresholds: Thresholds, grace_days: int
) -> Collected:
    """Run the metric functions for f and lay their results out as the export's tables."""
    cells = Cells()
    scores = team_rag(team_scorecard(con, f, grace_days), thresholds)
    tables = {
        TEAM_SUMMARY.name: _team_summary(scores, cells, f, thresholds),
        SHARING_BY_MONTH.name: _sharing_by_month(con, f, scores, cells),
        TRAINING_BY_COURSE.name: _training_by_course(con, f, grace_days, cells, thresholds),
        COVERAGE_BY_STEP.name: _coverage_by_step(con, f, thresholds),
        RECORD_GAPS.name: _record_gaps(con, f, cells, thresholds),
        OVERDUE_TRAINING.name: _overdue_training(con, f, grace_days),
    }
    scope = run(con, "scope_teams", filter_params(f))
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
) -> tuple[Shown, dict[Summary, list[tuple[Any, ...]]]]:
    """Each summary the audience may have, its cells as written (suppressed when external)."""
    cells = collected.cells
    hidden = suppressed_cells(cells.values, cells.groups, threshold) if external else set()
    shown = Shown(cells.values, frozenset(hidden))
    summaries = [s for s in SUMMARIES if not (external and s.internal_only)]
    return shown, {
        s: [tuple(shown.cell(v) for v in row) for row in collected.tables[s.name]]
        for s in summaries
    }


def _int(value: Any) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _team_summary(
    scores: pd.DataFrame, cells: Cells, f: Filters, thresholds: Thresholds
) -> list[tuple[Any, ...]]:
    teams = [*scores["team_id"], EVERY_TEAM]
    counted: dict[str, list[Count]] = {}
    totals = scores.sum(numeric_only=True)
    measures = {
        "training_in_date": f.as_of,
        "training_required": f.as_of,
        "decisions": PERIOD,
        "shares": PERIOD,
        "complete_records": PERIOD,
    }
    for measure, when in measures.items():
        values = [*scores[measure], totals[measure]]
        counted[measure] = [
            cells.count((measure, team, when), value)
            for team, value in zip(teams, values, strict=True)
        ]
        cells.adds_up(counted[measure][:-1], counted[measure][-1])
    rows = []
    for i, team in enumerate(teams):
        if team is EVERY_TEAM:
            team_id, name, directorate, active = None, ALL_TEAMS, None, None
            source = totals
        else:
            row = scores.iloc[i]
            team_id, name, directorate = row["team_id"], row["team_name"], row["directorate"]
            active = "yes" if bool(row["active"]) else "no"
            source = row
        in_place, applying = _int(source["policies_in_place"]), _int(source["policies_applying"])
        in_date, required = counted["training_in_date"][i], counted["training_required"][i]
        decisions, shares = counted["decisions"][i], counted["shares"][i]
        complete = counted["complete_records"][i]
        coverage = Rag(thresholds.coverage, in_place, applying)
        training = Rag(thresholds.training, in_date, required)
        completeness = Rag(thresholds.completeness, complete, shares)
        rows.append(
            (
                team_id,
                name,
                directorate,
                active,
                Overall((coverage, training, completeness)),
                Rate(in_place, applying),
                in_place,
                applying,
                coverage,
                Rate(in_date, required),
                in_date,
                required,
                training,
                decisions,
                Rate(shares, decisions),
                shares,
                Rate(complete, shares),
                complete,
                completeness,
            )
        )
    return rows


def _sharing_by_month(
    con: duckdb.DuckDBPyConnection, f: Filters, scores: pd.DataFrame, cells: Cells
) -> list[tuple[Any, ...]]:
    monthly = decisions_per_month_by_team(con, f)
    months = sorted({m.strftime("%Y-%m") for m in _months(f)})
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
            row = grid[team, month]
            cells.adds_up([row[c] for c in OUTCOMES], row["decisions"])
            rows.append(
                (
                    month,
                    None if team is EVERY_TEAM else team,
                    ALL_TEAMS if team is EVERY_TEAM else names[team],
                    *(row[c] for c in columns),
                )
            )
        for c in columns:
            cells.adds_up([grid[t, month][c] for t in order], grid[EVERY_TEAM, month][c])
    # Each team's months add up to its decisions and shares in the team summary.
    for team in [*order, EVERY_TEAM]:
        decisions = [grid[team, m]["decisions"] for m in months]
        cells.adds_up(decisions, Count(("decisions", team, PERIOD)))
        shares = [grid[team, m][c] for m in months for c in ("shared", "partially_shared")]
        cells.adds_up(shares, Count(("shares", team, PERIOD)))
    return rows


def _months(f: Filters) -> list[dt.date]:
    return list(pd.date_range(f.period_start.replace(day=1), f.period_end, freq="MS").date)


def _training_by_course(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    grace_days: int,
    cells: Cells,
    thresholds: Thresholds,
) -> list[tuple[Any, ...]]:
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
    return rows


def _course_row(
    team_id: Any, team_name: str, course: Any, in_date: Count, required: Count, t: Thresholds
) -> tuple[Any, ...]:
    step = course.course_ico_step
    return (
        team_id,
        team_name,
        course.course_id,
        course.course_title,
        None if pd.isna(step) else int(step),
        in_date,
        required,
        Rate(in_date, required),
        Rag(t.training, in_date, required),
    )


def _coverage_by_step(
    con: duckdb.DuckDBPyConnection, f: Filters, thresholds: Thresholds
) -> list[tuple[Any, ...]]:
    frame = run(con, "export_policy_coverage_by_team_step", filter_params(f))
    rows = []
    for r in frame.itertuples():
        step = int(r.ico_step)
        in_place, applying = int(r.in_place), int(r.policies_applying)
        rows.append(
            (
                _text(r.team_id),
                r.team_name,
                step,
                ICO_STEPS.get(step),
                in_place,
                int(r.out_of_date),
                int(r.partial),
                int(r.not_started),
                applying,
                int(r.not_applicable),
                Rate(in_place, applying),
                Rag(thresholds.coverage, in_place, applying),
            )
        )
    return rows


def _record_gaps(
    con: duckdb.DuckDBPyConnection, f: Filters, cells: Cells, thresholds: Thresholds
) -> list[tuple[Any, ...]]:
    frame = decisions_by_team(con, f)
    teams = [*frame["team_id"], EVERY_TEAM]
    columns: dict[str, list[Count]] = {}
    for column in ("shares", "complete_records", *GAPS):
        values = [*frame[column], frame[column].sum()]
        columns[column] = [
            cells.count((column, team, PERIOD), v) for team, v in zip(teams, values, strict=True)
        ]
        if column in GAPS:
            cells.adds_up(columns[column][:-1], columns[column][-1])
    rows = []
    for i, team in enumerate(teams):
        shares, complete = columns["shares"][i], columns["complete_records"][i]
        if team is EVERY_TEAM:
            name, directorate = ALL_TEAMS, None
        else:
            name, directorate = frame["team_name"].iloc[i], frame["directorate"].iloc[i]
        rows.append(
            (
                team,
                name,
                directorate,
                shares,
                complete,
                Rate(complete, shares),
                Rag(thresholds.completeness, complete, shares),
                *(columns[g][i] for g in GAPS),
            )
        )
    return rows


def _overdue_training(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int
) -> list[tuple[Any, ...]]:
    frame = training_exceptions(con, f, grace_days)
    frame = frame[frame["status"] != "in date"]
    return [
        (
            r.team_id,
            r.team_name,
            r.staff_id,
            _text(r.name),
            _text(r.role),
            r.course_id,
            r.course_title,
            r.status,
            None if pd.isna(r.last_passed_on) else r.last_passed_on,
            None if pd.isna(r.expires_on) else r.expires_on,
        )
        for r in frame.itertuples()
    ]


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
            *counted("Record completeness", "complete_records", "shares", PERIOD, PREVIOUS),
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
    refusals = refusals_by_reason(con)
    last = row["last_ingest"]
    return DataAsOf(
        newest_decision=None if pd.isna(row["newest_decision"]) else row["newest_decision"],
        newest_training=None if pd.isna(row["newest_training"]) else row["newest_training"],
        newest_attestation=(
            None if pd.isna(row["newest_attestation"]) else row["newest_attestation"]
        ),
        last_ingest=None if pd.isna(last) else pd.Timestamp(last).to_pydatetime(),
        refused_rows=int(refusals["problems"].sum()),
    )
