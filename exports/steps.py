"""The ICO ten steps in the exports: the team × step matrix of headline indicators with each
step's change since the previous period, and each step's 12-month trend for all teams in scope.

Counts of course requirements and of decisions are cells of exports.disclosure, keyed as the
other tables key the same figure (a team's decisions and shares are the team summary's cells, a
month's decisions the sharing table's), and every shown total is a group of the cells that add up
to it: the teams to all teams, a step's courses to the step, the months to the period. Policy
counts are counts of documents a team holds and are shown as they are.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import duckdb
import pandas as pd

from exports.columns import ALL_TEAMS, ICO_STEPS, ICO_STEPS_BY_MONTH, ICO_STEPS_BY_TEAM
from exports.disclosure import (
    EVERY_TEAM,
    PERIOD,
    PREVIOUS,
    Cells,
    Change,
    Count,
    Number,
    Rag,
    Rate,
)
from metrics.filters import Filters, previous
from metrics.ico_steps import (
    COVERAGE,
    STEPS,
    Indicator,
    headline,
    headline_counts,
    ico_step_trend,
    ico_steps_by_team,
    reads_decisions,
)
from metrics.rag import Thresholds
from metrics.sharing import months_of

# (team, step) -> numerator, denominator, and whether the team logged nothing it should have.
Entered = dict[tuple[Any, int], tuple[Number, Number, bool]]


def step_tables(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    grace_days: int,
    cells: Cells,
    thresholds: Thresholds,
    training: pd.DataFrame,
) -> dict[str, pd.DataFrame]:
    """The matrix and the trend tables; training is the training-by-course table, whose course
    cells add up to the step counts."""
    before = previous(f)
    now = headline_counts(ico_steps_by_team(con, f, grace_days))
    then = headline_counts(ico_steps_by_team(con, before, grace_days))
    entered_now = _entered(cells, now, PERIOD, f.as_of)
    entered_then = _entered(cells, then, PREVIOUS, before.as_of)
    _courses_add_up(cells, training, f.as_of)
    teams = now.loc[now["team_id"].notna(), ["team_id", "team_name"]].drop_duplicates()
    order = [*zip(teams["team_id"], teams["team_name"], strict=True), (EVERY_TEAM, ALL_TEAMS)]
    return {
        ICO_STEPS_BY_TEAM.name: _matrix(order, entered_now, entered_then, thresholds),
        ICO_STEPS_BY_MONTH.name: _trend(con, f, grace_days, cells, thresholds),
    }


def _number(cells: Cells, indicator: Indicator, key: tuple[Any, ...], value: int) -> Number:
    """A policy count as it is (documents, not people); any other count as the cell key."""
    if indicator.band == COVERAGE:
        return int(value)
    return cells.count(key, value)


def _entered(cells: Cells, counts: pd.DataFrame, flow: Hashable, stock: Hashable) -> Entered:
    """Each team's and all teams' headline counts as cells (all teams: the sum of the teams),
    decision counts keyed by flow, policy and course counts by stock (their as-of date)."""
    teams = counts[counts["team_id"].notna()]
    silent = dict(zip(counts["team_id"], counts["no_decisions_logged"], strict=True))
    entered: Entered = {}
    for step in STEPS:
        indicator = headline(step.number)
        when = flow if reads_decisions(indicator) else stock
        rows = teams[teams["step"] == step.number]
        sides = [
            _team_cells(
                cells, indicator, (column, when), zip(rows["team_id"], rows[side], strict=True)
            )
            for side, column in (
                ("numerator", indicator.numerator),
                ("denominator", str(indicator.denominator)),
            )
        ]
        for team in [*rows["team_id"], EVERY_TEAM]:
            silent_here = bool(silent.get(team, False)) and reads_decisions(indicator)
            entered[team, step.number] = (sides[0][team], sides[1][team], silent_here)
    return entered


def _team_cells(
    cells: Cells, indicator: Indicator, key: tuple[str, Hashable], values: Iterable[tuple[Any, Any]]
) -> dict[Any, Number]:
    """Each team's count and all teams' (their sum), and the group they make."""
    column, when = key
    values = [(team, int(v)) for team, v in values]
    numbers = {team: _number(cells, indicator, (column, team, when), v) for team, v in values}
    total = _number(cells, indicator, (column, EVERY_TEAM, when), sum(v for _, v in values))
    if isinstance(total, Count):
        cells.adds_up([n for n in numbers.values() if isinstance(n, Count)], total)
    return {**numbers, EVERY_TEAM: total}


def _courses_add_up(cells: Cells, training: pd.DataFrame, as_of: Any) -> None:
    """A team's courses of a step add up to its step count (and likewise for all teams)."""
    for (team, step), rows in training.groupby(["team_id", "ico_step"], dropna=False):
        team = None if pd.isna(team) else team
        if pd.isna(step):
            continue
        for part, column in (("staff_in_date", "in_date"), ("staff_required", "required")):
            key = (f"step{int(step)}_courses_{column}", team, as_of)
            if key in cells.values:
                cells.adds_up(list(rows[part]), Count(key))


def _rated(indicator: Indicator, num: Number, den: Number, silent: bool, t: Thresholds) -> dict:
    """An indicator's counts, percentage and status as table cells."""
    band = getattr(t, str(indicator.band))
    return {
        "numerator": num,
        "denominator": den,
        "pct": Rate(num, den),
        "rag": Rag(band, num, den, no_decisions=silent),
    }


def _matrix(
    teams: list[tuple[Any, str]], now: Entered, then: Entered, t: Thresholds
) -> pd.DataFrame:
    """Per team (then all teams) and step: the headline now, in the previous period, the change."""
    rows = []
    for team, name in teams:
        for step in STEPS:
            indicator = headline(step.number)
            num, den, silent = now[team, step.number]
            # A team that did not exist in the previous period, and decided nothing in it, had
            # nothing to count.
            prev_num, prev_den, _ = then.get((team, step.number), (0, 0, False))
            rows.append(
                {
                    "team_id": team,
                    "team_name": name,
                    "ico_step": step.number,
                    "ico_step_name": ICO_STEPS[step.number],
                    "indicator": indicator.label,
                    **_rated(indicator, num, den, silent, t),
                    "previous_numerator": prev_num,
                    "previous_denominator": prev_den,
                    "previous_pct": Rate(prev_num, prev_den),
                    "change_pts": Change(num, den, prev_num, prev_den),
                }
            )
    return pd.DataFrame(rows, columns=ICO_STEPS_BY_TEAM.column_names, dtype=object)


def _trend(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int, cells: Cells, t: Thresholds
) -> pd.DataFrame:
    """All teams, per step and month of the last 12: the headline indicator."""
    trend = ico_step_trend(con, f, grace_days)
    rows, by_month = [], {}
    for r in trend.itertuples():
        indicator = headline(r.step)
        flow = reads_decisions(indicator)
        # A month the sharing table shows whole is its cell; any other window is its own.
        inside = r.from_date >= f.period_start
        when = (
            (r.month.strftime("%Y-%m") if inside else (r.from_date, r.to_date))
            if flow
            else r.to_date
        )
        num, den = (
            _number(cells, indicator, (column, EVERY_TEAM, when), value)
            for column, value in (
                (indicator.numerator, r.numerator),
                (str(indicator.denominator), r.denominator),
            )
        )
        if flow and inside:
            by_month[indicator.numerator, when] = num
            by_month[str(indicator.denominator), when] = den
        rows.append(
            {
                "ico_step": r.step,
                "ico_step_name": ICO_STEPS[r.step],
                "indicator": indicator.label,
                "month": r.month.strftime("%Y-%m"),
                "measured": f"{r.from_date} to {r.to_date}" if flow else f"as of {r.to_date}",
                **_rated(indicator, num, den, bool(r.no_decisions_logged), t),
            }
        )
    _months_add_up(cells, by_month, f)
    return pd.DataFrame(rows, columns=ICO_STEPS_BY_MONTH.column_names, dtype=object)


def _months_add_up(cells: Cells, by_month: dict[tuple[str, str], Number], f: Filters) -> None:
    """A month's shares are its shared and partly shared decisions (the sharing table's cells);
    when the months cover the period, each count's months add up to its period figure."""
    months = [m.strftime("%Y-%m") for m in months_of(f.period_start, f.period_end)]
    for (column, month), number in by_month.items():
        shared = [("shared", EVERY_TEAM, month), ("partially_shared", EVERY_TEAM, month)]
        if column == "shares" and all(k in cells.values for k in shared):
            cells.adds_up([Count(k) for k in shared], number)  # type: ignore[arg-type]
    for column in {c for c, _ in by_month}:
        parts = [by_month.get((column, m)) for m in months]
        total = (column, EVERY_TEAM, PERIOD)
        # A month before the period, or the period's first month when it starts after the 1st,
        # is not the sharing table's: then the months do not make the period.
        if all(isinstance(p, Count) for p in parts) and total in cells.values:
            cells.adds_up(parts, Count(total))  # type: ignore[arg-type]
