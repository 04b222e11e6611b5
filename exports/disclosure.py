"""Disclosure control for exports that leave the organisation (the DfE and GSS convention).

Cells are counts with a key; groups say which cells add up to a total shown beside them (a row
total, a column total, or a total in another table). The cells are given in the order of the
tables as shown, and that order breaks ties.

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

import numpy as np

Key = Hashable
Group = tuple[tuple[Key, ...], Key]
SUPPRESSED = "c"
# Singular values below this (relative to the largest) count as zero when solving the groups.
RANK_TOLERANCE = 1e-9


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
