"""Disclosure control for exports that leave the organisation (the DfE and GSS convention).

A count of people or of decisions about children is entered once as a cell with a key (the same
figure in two tables, or in a table and the board pack, is one cell), and each place a total is
shown is entered as a group of the cells that add up to it. Rates and RAG statuses are built from
cells, so they are suppressed with the counts behind them. The cells are given in the order of
the tables as shown, and that order breaks ties.

1. Primary: every count from 1 to the threshold is suppressed (shown as `c`); 0 stays 0.
2. Secondary: groups are read in order, in passes, until a pass changes nothing. A group with
   exactly one suppressed cell would give it away by subtraction, and a group whose total is
   shown while its suppressed parts add up to no more than their number gives them away too
   (a reader knows each `c` is at least 1, since zeros are shown): either way the smallest
   other non-zero cell of the group that is shown is suppressed as well (ties: the first in
   order).
3. Then the groups are solved together, as a reader with every table could: a suppressed cell
   whose value follows from the equations of all the groups (a nested total can give one away
   even when every group holds two) gets the smallest shown non-zero cell of its groups
   suppressed too, and the passes start again. This repeats until no suppressed value can be
   worked out from what is shown.

A group is only declared where a total is shown: a difference that no table shows (staff
required less staff in date) is not protected, as in the convention.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from metrics.rag import AMBER, NO_DATA, RED, Band, rag_status, worst
from presentation.formatting import percent_number, points_number, ratio

Key = Hashable
Group = tuple[tuple[Key, ...], Key]
SUPPRESSED = "c"
# Singular values below this (relative to the largest) count as zero when solving the groups.
RANK_TOLERANCE = 1e-9
# Keys are (measure, team, when): the team part for all teams in scope together, and the
# "when" of flow counts (stock counts are keyed by their as-of date).
EVERY_TEAM = None
PERIOD, PREVIOUS = "period", "previous"
RAG_WORDS = {"green": "green", "amber": "amber", "red": "red", NO_DATA: "no data"}
# The word a record completeness status is written as when decision makers logged nothing.
NO_DECISIONS = "no decisions logged"


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
    # Decision makers in post logged no decision in the period: amber, written NO_DECISIONS.
    no_decisions: bool = False


@dataclass(frozen=True)
class Change:
    """The change in percentage points from previous numerator / denominator to the current
    one, suppressed with any of the four counts."""

    numerator: Number
    denominator: Number
    previous_numerator: Number
    previous_denominator: Number


@dataclass(frozen=True)
class Beside:
    """A figure shown beside counts that it could give away (a probability beside an observed
    and an expected count): `c` when any of them is."""

    value: Any
    counts: tuple[Number, ...]


@dataclass(frozen=True)
class Reworded:
    """A sentence written elsewhere with numbers in it (internal exports show it as written),
    and the same said from cells (external exports: each count as shown, so no small count
    leaves in the words)."""

    sentence: str
    parts: tuple[Any, ...]


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
    external: bool = False

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
        if rag.no_decisions:
            return AMBER
        numerator, denominator = self.number(rag.numerator), self.number(rag.denominator)
        if SUPPRESSED in (numerator, denominator):
            return SUPPRESSED
        return rag_status(int(numerator), int(denominator), rag.band)

    def change(self, change: Change) -> float | str | None:
        """The change in points, cut toward zero to one decimal; `c` when a count behind it is
        suppressed, None when either period has nothing to count."""
        counts = [
            self.number(n)
            for n in (
                change.numerator,
                change.denominator,
                change.previous_numerator,
                change.previous_denominator,
            )
        ]
        if SUPPRESSED in counts:
            return SUPPRESSED
        num, den, prev_num, prev_den = (int(n) for n in counts)
        return points_number(ratio(num, den), ratio(prev_num, prev_den))

    def words(self, text: Reworded) -> str:
        """The sentence as written internally; externally rebuilt, each count as shown."""
        if not self.external:
            return text.sentence
        return "".join(
            _number_text(self.number(p)) if isinstance(p, Count | int) else str(p)
            for p in text.parts
        )

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
            return NO_DECISIONS if value.no_decisions else _rag_word(self.status(value))
        if isinstance(value, Overall):
            return _rag_word(self.overall(value))
        if isinstance(value, Change):
            return self.change(value)
        if isinstance(value, Beside):
            hidden = any(self.number(c) == SUPPRESSED for c in value.counts)
            return SUPPRESSED if hidden else value.value
        if isinstance(value, Reworded):
            return self.words(value)
        return value


def _number_text(value: int | str) -> str:
    return f"{value:,}" if isinstance(value, int) else value


def _rag_word(status: str) -> str:
    return RAG_WORDS.get(status, status)


def suppressed_cells(
    values: Mapping[Key, int],
    groups: Sequence[tuple[Sequence[Key], Key]],
    threshold: int,
) -> set[Key]:
    """The keys to show as `c`, by the rules above; values are in table order."""
    order = {key: i for i, key in enumerate(values)}
    checked = [_checked_group(parts, total, values) for parts, total in groups]
    hidden = {key for key, value in values.items() if 1 <= value <= threshold}
    while True:
        if _secondary_pass(checked, values, hidden, order):
            continue
        derivable = _first_derivable(checked, hidden, order)
        if derivable is None:
            return hidden
        touching = [
            cell for group in checked if derivable in _cells(group) for cell in _cells(group)
        ]
        pick = _smallest_shown(touching, values, hidden, order)
        if pick is None:
            # Worked out through other groups: widen to every group that holds a suppressed cell.
            linked = [
                cell for group in checked for cell in _cells(group) if hidden & set(_cells(group))
            ]
            pick = _smallest_shown(linked, values, hidden, order)
        if pick is None:
            raise ValueError(f"cannot protect {derivable!r}: no shown cell is left to suppress")
        hidden.add(pick)


def _cells(group: Group) -> tuple[Key, ...]:
    parts, total = group
    return (*parts, total)


def _checked_group(parts: Sequence[Key], total: Key, values: Mapping[Key, int]) -> Group:
    missing = [k for k in (*parts, total) if k not in values]
    if missing:
        raise KeyError(f"group refers to unknown cells {missing!r}")
    if sum(values[k] for k in parts) != values[total]:
        raise ValueError(f"parts {list(parts)!r} do not add up to the total {total!r}")
    return tuple(parts), total


def _secondary_pass(
    groups: list[Group],
    values: Mapping[Key, int],
    hidden: set[Key],
    order: dict[Key, int],
) -> bool:
    """One pass of rule 2 over the groups in order; whether it suppressed anything."""
    changed = False
    for parts, total in groups:
        cells = (*parts, total)
        hidden_here = [c for c in cells if c in hidden]
        hidden_parts = [c for c in parts if c in hidden]
        only_ones = (
            total not in hidden
            and len(hidden_parts) >= 2
            and sum(values[c] for c in hidden_parts) <= len(hidden_parts)
        )
        if len(hidden_here) == 1 or only_ones:
            pick = _smallest_shown(cells, values, hidden, order)
            if pick is not None:
                hidden.add(pick)
                changed = True
    return changed


def _smallest_shown(
    cells: Sequence[Key],
    values: Mapping[Key, int],
    hidden: set[Key],
    order: dict[Key, int],
) -> Key | None:
    candidates = {c for c in cells if c not in hidden and values[c] > 0}
    if not candidates:
        return None
    return min(candidates, key=lambda c: (values[c], order[c]))


def _first_derivable(groups: list[Group], hidden: set[Key], order: dict[Key, int]) -> Key | None:
    """The first suppressed cell (in order) whose value the groups' equations fix, or None."""
    unknown_groups = [
        (parts, total) for parts, total in groups if any(c in hidden for c in (*parts, total))
    ]
    components = _components(unknown_groups, hidden)
    found: list[Key] = []
    for cells, rows in components:
        column = {key: j for j, key in enumerate(cells)}
        matrix = np.zeros((len(rows), len(cells)))
        for i, (parts, total) in enumerate(rows):
            for c in parts:
                if c in column:
                    matrix[i, column[c]] += 1.0
            if total in column:
                matrix[i, column[total]] -= 1.0
        _, singular, vt = np.linalg.svd(matrix)
        rank = int((singular > RANK_TOLERANCE * max(singular.max(initial=0.0), 1.0)).sum())
        null_space = vt[rank:]
        for j, key in enumerate(cells):
            if null_space.shape[0] == 0 or np.abs(null_space[:, j]).max() < 1e-8:
                found.append(key)
    return min(found, key=order.__getitem__) if found else None


def _components(groups: list[Group], hidden: set[Key]) -> list[tuple[list[Key], list[Group]]]:
    """The suppressed cells linked by shared groups, each with the groups that hold them."""
    parent: dict[Key, Key] = {}

    def root(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for parts, total in groups:
        cells = [c for c in (*parts, total) if c in hidden]
        for c in cells:
            parent.setdefault(c, c)
        for c in cells[1:]:
            parent[root(c)] = root(cells[0])
    members: dict[Key, list[Key]] = {}
    for key in parent:
        members.setdefault(root(key), []).append(key)
    rows: dict[Key, list[Group]] = {r: [] for r in members}
    for parts, total in groups:
        first = next(c for c in (*parts, total) if c in hidden)
        rows[root(first)].append((parts, total))
    return [(members[r], rows[r]) for r in members]
