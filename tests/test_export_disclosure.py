"""Disclosure control (exports/disclosure.py), worked through by hand on small tables."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from exports.disclosure import (
    EVERY_TEAM,
    PERIOD,
    Cells,
    Change,
    Count,
    Overall,
    Rag,
    Rate,
    Shown,
    suppressed_cells,
)
from metrics.rag import Band

THRESHOLD = 5
BAND = Band(green=0.95, amber=0.85)


def grid(rows: dict[str, list[int]], columns: list[str]) -> tuple[dict, list]:
    """A table with a total column and a total row; cells are keyed (row, column), in the
    table's order (rows top to bottom, columns left to right, totals last). Groups: each row,
    then each column."""
    values: dict = {}
    for row, cells in rows.items():
        values.update({(row, c): v for c, v in zip(columns, cells, strict=True)})
        values[row, "Total"] = sum(cells)
    for column in [*columns, "Total"]:
        values["Total", column] = sum(values[row, column] for row in rows)
    row_groups = [(tuple((r, c) for c in columns), (r, "Total")) for r in [*rows, "Total"]]
    column_groups = [(tuple((r, c) for r in rows), ("Total", c)) for c in [*columns, "Total"]]
    return values, row_groups + column_groups


def test_counts_from_one_to_the_threshold_are_suppressed_and_zero_is_shown() -> None:
    values = {"a": 0, "b": 1, "c": 5, "d": 6, "e": 40}
    # No totals shown: primary suppression only. 0 stays 0; 1 and 5 are c; 6 is shown.
    assert suppressed_cells(values, [], THRESHOLD) == {"b", "c"}
    # The threshold is a setting: at 10, 6 is c as well.
    assert suppressed_cells(values, [], 10) == {"b", "c", "d"}


def test_a_lone_suppressed_cell_beside_a_total_takes_the_smallest_other_with_it() -> None:
    # parts 3, 10, 7 shown with their total 20: 3 is c, and 20 - 10 - 7 would give it away,
    # so the smallest other non-zero cell of the row, 7, is suppressed too.
    values = {"a": 3, "b": 10, "c": 7, "total": 20}
    assert suppressed_cells(values, [(("a", "b", "c"), "total")], THRESHOLD) == {"a", "c"}


def test_zero_is_never_chosen_for_secondary_suppression() -> None:
    # 2 is c; of the others 0 is not a candidate (zero stays 0), so 9 goes: c + 0 + c = 11.
    values = {"a": 2, "b": 0, "c": 9, "total": 11}
    assert suppressed_cells(values, [(("a", "b", "c"), "total")], THRESHOLD) == {"a", "c"}


def test_a_tie_takes_the_first_cell_in_the_tables_order() -> None:
    # 2 is c; the smallest others are 8 and 8: the first in order (b) is suppressed.
    values = {"a": 2, "b": 8, "c": 8, "total": 18}
    assert suppressed_cells(values, [(("a", "b", "c"), "total")], THRESHOLD) == {"a", "b"}


def test_a_table_that_needs_secondary_suppression_twice() -> None:
    #            A    B    C   Total
    #   r1       3    9    8     20
    #   r2       7    6   10     23
    #   Total   10   15   18     43
    values, groups = grid({"r1": [3, 9, 8], "r2": [7, 6, 10]}, ["A", "B", "C"])
    # Primary: r1/A = 3.
    # Pass 1, rows then columns, in order:
    #   row r1 has one c (3): its smallest other non-zero cell is r1/C = 8 -> c.
    #   row r2, row Total: no c.
    #   column A has one c (r1/A): the smallest other is r2/A = 7 -> c  (second round).
    #   column B: no c.
    #   column C has one c (r1/C, from the first round): the smallest other is r2/C = 10 -> c.
    # Pass 2: row r1 has 2 c, row r2 has 2 c (7, 10), columns A and C have 2 c: nothing to do.
    # Check: r1: A + C = 11, r2: A + C = 17, A: r1 + r2 = 10, C: r1 + r2 = 18 leave one
    # degree of freedom (add 1 to r1/A and r2/C, take 1 from r1/C and r2/A): nothing is fixed.
    assert suppressed_cells(values, groups, THRESHOLD) == {
        ("r1", "A"),
        ("r1", "C"),
        ("r2", "A"),
        ("r2", "C"),
    }


def test_secondary_suppression_can_reach_a_total() -> None:
    #            A    B   Total
    #   r1       2    0      2
    #   r2       9    4     13
    #   Total   11    4     15
    values, groups = grid({"r1": [2, 0], "r2": [9, 4]}, ["A", "B"])
    # Primary: r1/A = 2, r1/Total = 2, r2/B = 4, Total/B = 4.
    # Pass 1: row r1 has 2 c. Row r2 has one c (4): smallest other non-zero is r2/A = 9 -> c.
    #   Row Total has one c (Total/B = 4): smallest other is Total/A = 11 -> c.
    #   Column A: r1/A, r2/A and Total/A are all c. Column B: r2/B and Total/B c, 0 shown.
    #   Column Total has one c (r1/Total): smallest other is r2/Total = 13 -> c.
    # Pass 2: every row and column has 0 or at least 2 c. Solving: with x = r1/A (= r1/Total)
    # and y = r2/B (= Total/B), Total/A = 15 - y, r2/A = 15 - x - y, r2/Total = 15 - x: two
    # unknowns are free, so no c can be worked out.
    assert suppressed_cells(values, groups, THRESHOLD) == {
        ("r1", "A"),
        ("r1", "Total"),
        ("r2", "A"),
        ("r2", "B"),
        ("r2", "Total"),
        ("Total", "A"),
        ("Total", "B"),
    }


def test_suppressed_cells_that_could_only_be_ones_are_protected() -> None:
    # 1 and 1 are c; 11 - 9 = 2 is what they add up to, and as 0 is shown a c is at least 1:
    # both must be 1. So the smallest other non-zero cell, 9, is suppressed too; now the three
    # c add up to 11 and none is known.
    values = {"a": 1, "b": 1, "c": 9, "total": 11}
    assert suppressed_cells(values, [(("a", "b", "c"), "total")], THRESHOLD) == {"a", "b", "c"}


def test_a_nested_total_cannot_give_a_cell_away() -> None:
    # One row of the sharing table with its two totals:
    #   shared 4 + partially 3 = shares 7;  shared 4 + partially 3 + not shared 2 = decisions 9
    values = {"shared": 4, "partial": 3, "not_shared": 2, "shares": 7, "decisions": 9}
    groups = [
        (("shared", "partial"), "shares"),
        (("shared", "partial", "not_shared"), "decisions"),
    ]
    # Primary: 4, 3 and 2. Each group has two or three c, so rule 2 finds nothing; but
    # decisions - shares = 9 - 7 = 2 gives not_shared away. Solving the groups together finds
    # it, and the smallest shown non-zero cell of its groups, decisions (9), is suppressed.
    assert suppressed_cells(values, groups, THRESHOLD) == {
        "shared",
        "partial",
        "not_shared",
        "decisions",
    }


def test_a_group_that_does_not_add_up_is_refused() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        suppressed_cells({"a": 1, "b": 2, "t": 4}, [(("a", "b"), "t")], THRESHOLD)


def test_rates_and_statuses_are_suppressed_with_their_counts() -> None:
    band = Band(green=0.95, amber=0.85)
    values = {"in_date": 46, "required": 50, "few": 3}
    shown = Shown(values, frozenset({"few"}))
    n, d, few = Count("in_date"), Count("required"), Count("few")
    assert shown.cell(Rate(n, d)) == 92
    assert shown.cell(Rag(band, n, d)) == "amber"
    # "46 of 50" becomes c when either count is c.
    assert shown.cell(Rate(few, d)) == "c"
    assert shown.cell(Rate(n, few)) == "c"
    assert shown.cell(Rag(band, few, d)) == "c"
    assert shown.cell(few) == "c"
    # Nothing to count: no percentage, no data (never red).
    assert shown.cell(Rate(0, 0)) is None
    assert shown.cell(Rag(band, 0, 0)) == "no data"


def test_a_change_is_suppressed_with_any_of_its_four_counts() -> None:
    values = {"now": 13, "of": 16, "then": 4, "then_of": 4}
    now, of, then, then_of = (Count(k) for k in values)
    # 13/16 = 81.25 % after 4/4 = 100 %: -18.75 points, cut toward zero.
    assert Shown(values).cell(Change(now, of, then, then_of)) == -18.7
    # 2/3 after 1/3: +33.33 -> 33.3; a whole change is an int; nothing before: None.
    assert Shown({}).cell(Change(2, 3, 1, 3)) == 33.3
    assert Shown({}).cell(Change(1, 2, 0, 2)) == 50
    assert Shown({}).cell(Change(1, 2, 0, 0)) is None
    for hidden in values:
        assert Shown(values, frozenset({hidden})).cell(Change(now, of, then, then_of)) == "c"


def test_a_count_entered_twice_is_one_cell_and_both_entries_must_agree() -> None:
    cells = Cells()
    mash, every = ("decisions", "MASH", PERIOD), ("decisions", EVERY_TEAM, PERIOD)
    assert cells.count(mash, 7) == Count(mash)
    cells.count(every, 9)
    # The same figure from a second table (a frame gives numpy ints) is the same cell.
    assert cells.count(mash, np.int64(7)) == Count(mash)
    assert cells.values == {mash: 7, every: 9}
    assert list(cells.values) == [mash, every]
    assert type(cells.values[mash]) is int
    with pytest.raises(ValueError, match="is 7 in one place and 8 in another"):
        cells.count(mash, 8)


def test_a_total_is_a_group_of_keys_and_an_empty_group_is_left_out() -> None:
    cells = Cells()
    a, b, total = cells.count("a", 2), cells.count("b", 3), cells.count("t", 5)
    cells.adds_up([a, b], total)
    cells.adds_up([], total)
    assert cells.groups == [(("a", "b"), "t")]


def test_counts_are_shown_as_they_are_or_as_c_and_other_cells_pass_through() -> None:
    shown = Shown({"few": 3, "many": 40}, frozenset({"few"}))
    assert shown.cell(Count("many")) == 40
    assert shown.cell(Count("few")) == "c"
    # Policy counts are plain ints, never suppressed; text, blanks and dates are as they are.
    assert shown.cell(2) == 2
    assert shown.cell("MASH") == "MASH"
    assert shown.cell(None) is None
    assert shown.cell(dt.date(2026, 6, 30)) == dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (46, 50, 92),  # whole: an int, written 92 (not 92.0)
        (2, 3, 66.6),  # 66.66... rounded down, not 66.7
        (7, 12, 58.3),  # 58.33...
        (1, 8, 12.5),
        (1999, 2000, 99.9),  # 99.95: just under 100 never reads as 100
        (0, 5, 0),
        (0, 0, None),  # nothing counted: blank
    ],
)
def test_rates_are_rounded_down_to_one_decimal(
    numerator: int, denominator: int, expected: float | None
) -> None:
    shown = Shown({"n": numerator, "d": denominator})
    value = shown.cell(Rate(Count("n"), Count("d")))
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("numerator", "expected"),
    [(100, "green"), (95, "green"), (94, "amber"), (85, "amber"), (84, "red"), (0, "red")],
)
def test_statuses_follow_the_band(numerator: int, expected: str) -> None:
    shown = Shown({"n": numerator, "d": 100})
    assert shown.cell(Rag(BAND, Count("n"), Count("d"))) == expected


# One status of each kind, out of 20: 19 is 95 % (green), 18 is 90 % (amber), 10 is 50 % (red);
# `c` has its numerator (3) suppressed.
STATUS = {
    "green": Rag(BAND, 19, 20),
    "amber": Rag(BAND, 18, 20),
    "red": Rag(BAND, 10, 20),
    "no data": Rag(BAND, 0, 0),
    "c": Rag(BAND, Count("few"), 20),
}


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("green", "amber", "green"), "amber"),
        (("amber", "red", "green"), "red"),
        (("green", "no data", "green"), "green"),  # no data is left out
        (("no data", "no data", "no data"), "no data"),
        # Red stays red: a suppressed status cannot make it better, so showing red tells nothing.
        (("red", "c", "green"), "red"),
        # The c could be red: an overall status would give it away.
        (("green", "c", "green"), "c"),
        (("amber", "c", "no data"), "c"),
    ],
)
def test_the_overall_status_is_the_worst_and_red_stays_red(
    parts: tuple[str, ...], expected: str
) -> None:
    shown = Shown({"few": 3}, frozenset({"few"}))
    assert shown.cell(Overall(tuple(STATUS[p] for p in parts))) == expected


def test_a_team_row_through_cells_suppression_and_shown() -> None:
    # The nested-total row above, entered as cells: shared 4 + partially 3 = shares 7, and
    # + not shared 2 = decisions 9; complete records 7 belongs to no total shown.
    cells = Cells()
    shared, partial, not_shared = (
        cells.count(k, v) for k, v in (("shared", 4), ("partial", 3), ("not_shared", 2))
    )
    shares, decisions = cells.count("shares", 7), cells.count("decisions", 9)
    complete = cells.count("complete", 7)
    cells.adds_up([shared, partial], shares)
    cells.adds_up([shared, partial, not_shared], decisions)
    hidden = suppressed_cells(cells.values, cells.groups, THRESHOLD)
    shown = Shown(cells.values, frozenset(hidden))
    row = [shared, shares, decisions, Rate(shares, decisions), Rate(complete, shares)]
    # decisions (9) is suppressed to protect not_shared, so the share rate 7/9 is c too;
    # 7 complete of 7 shares is shown: 100 %, green.
    assert [shown.cell(v) for v in row] == ["c", 7, "c", "c", 100]
    assert shown.cell(Rag(BAND, complete, shares)) == "green"
