"""Period presets, the previous period, trend dates and the URL round trip (metrics/filters.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from metrics.filters import (
    Filters,
    Problem,
    default_organisation,
    filters_from_choices,
    filters_from_params,
    organisation_choice,
    params_from_filters,
    preset_period,
    previous,
    trend_month_ends,
    trend_window,
)

D = dt.date
TODAY = D(2026, 11, 26)


@pytest.mark.parametrize(
    ("preset", "today", "expected"),
    [
        # 12 months ending today, both ends included
        ("12m", TODAY, (D(2025, 11, 27), D(2026, 11, 26))),
        ("12m", D(2024, 2, 29), (D(2023, 3, 1), D(2024, 2, 29))),
        # the financial year containing today, clipped to today
        ("fy", TODAY, (D(2026, 4, 1), D(2026, 11, 26))),
        ("fy", D(2027, 3, 31), (D(2026, 4, 1), D(2027, 3, 31))),
        ("fy", D(2026, 4, 1), (D(2026, 4, 1), D(2026, 4, 1))),
        ("fy", D(2026, 3, 31), (D(2025, 4, 1), D(2026, 3, 31))),
        ("fy", D(2026, 1, 15), (D(2025, 4, 1), D(2026, 1, 15))),
        # the previous calendar quarter
        ("lq", TODAY, (D(2026, 7, 1), D(2026, 9, 30))),
        ("lq", D(2026, 1, 1), (D(2025, 10, 1), D(2025, 12, 31))),
        ("lq", D(2026, 4, 1), (D(2026, 1, 1), D(2026, 3, 31))),
        ("lq", D(2026, 6, 30), (D(2026, 1, 1), D(2026, 3, 31))),
    ],
)
def test_preset_period(preset: str, today: dt.date, expected: tuple[dt.date, dt.date]) -> None:
    assert preset_period(preset, today) == expected


def test_custom_period_is_put_in_order() -> None:
    assert preset_period("custom", TODAY, (D(2026, 3, 1), D(2026, 1, 1))) == (
        D(2026, 1, 1),
        D(2026, 3, 1),
    )


def test_unknown_preset_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown period preset 'week'"):
        preset_period("week", TODAY)


def test_filters_refuse_a_period_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError, match="starts"):
        Filters(period_start=D(2026, 2, 1), period_end=D(2026, 1, 1), as_of=D(2026, 1, 1))


def test_previous_period_has_equal_length_and_ends_the_day_before() -> None:
    f = Filters(period_start=D(2025, 7, 1), period_end=D(2026, 6, 30), as_of=D(2026, 6, 30))
    before = previous(f)
    # 2025-07-01..2026-06-30 is 365 days; 365 days earlier is 2024-07-01..2025-06-30
    assert f.days == 365
    assert (before.period_start, before.period_end, before.as_of) == (
        D(2024, 7, 1),
        D(2025, 6, 30),
        D(2025, 6, 30),
    )
    quarter = Filters(period_start=D(2026, 7, 1), period_end=D(2026, 9, 30), as_of=D(2026, 8, 1))
    # 92 days: 2026-03-31..2026-06-30, as-of moved back 92 days too
    assert previous(quarter) == Filters(D(2026, 3, 31), D(2026, 6, 30), D(2026, 5, 1))


def test_trend_month_ends_end_at_the_as_of_date() -> None:
    ends = trend_month_ends(D(2026, 11, 26))
    assert len(ends) == 12
    assert ends[0] == D(2025, 12, 31)
    assert ends[-2:] == [D(2026, 10, 31), D(2026, 11, 26)]
    assert trend_month_ends(D(2026, 6, 30))[:2] == [D(2025, 7, 31), D(2025, 8, 31)]


def test_trend_window_is_twelve_calendar_months() -> None:
    f = Filters(period_start=D(2026, 7, 1), period_end=D(2026, 9, 30), as_of=D(2026, 9, 30))
    window = trend_window(f)
    assert (window.period_start, window.period_end) == (D(2025, 10, 1), D(2026, 9, 30))


def test_params_round_trip() -> None:
    params = {
        "period": "custom",
        "from": "2025-07-01",
        "to": "2026-06-30",
        "asof": "2026-03-31",
        "directorate": "Education",
        "teams": "EDS,OLD",
    }
    preset, f, problems = filters_from_params(params, TODAY)
    assert problems == []
    assert f == Filters(D(2025, 7, 1), D(2026, 6, 30), D(2026, 3, 31), "Education", ("EDS", "OLD"))
    assert params_from_filters(preset, f) == params


HELD = {"northbridge": "Northbridge Borough Council", "register": "Register Borough Council"}
PARAMS_12M = {"period": "12m"}


def test_the_default_organisation_is_the_setting_if_held_else_the_first_by_name() -> None:
    assert default_organisation(HELD, "register") == "register"
    # "Northbridge ..." sorts before "Register ..."; the id plays no part
    assert default_organisation(HELD, "elsewhere") == "northbridge"
    assert default_organisation({"b": "Acme Trust", "a": "Zeta Trust"}, None) == "b"


def test_the_organisation_round_trips_through_a_link() -> None:
    preset, f, _ = filters_from_params(PARAMS_12M, TODAY)
    chosen = replace(f, organisation="register")
    params = params_from_filters(preset, chosen)
    assert params == {"period": "12m", "org": "register"}
    assert organisation_choice(params["org"], HELD, "northbridge") == ("register", None)
    # a database of one organisation: no `org` in its links, as before
    assert params_from_filters(preset, f) == PARAMS_12M


def test_an_unknown_organisation_in_a_link_falls_back_with_a_notice() -> None:
    assert organisation_choice(None, HELD, "register") == ("register", None)
    assert organisation_choice("gone", HELD, "register") == (
        "register",
        "No organisation with id “gone” here: showing Register Borough Council.",
    )


def test_presets_stay_relative_and_as_of_defaults_to_period_end() -> None:
    preset, f, problems = filters_from_params({"period": "fy"}, TODAY)
    assert (preset, problems) == ("fy", [])
    assert (f.period_start, f.period_end, f.as_of) == (D(2026, 4, 1), TODAY, TODAY)
    # no from/to/asof written: the link means "this financial year" whenever it is opened
    assert params_from_filters(preset, f) == {"period": "fy"}
    preset, f, _ = filters_from_params({}, TODAY)
    assert preset == "12m"
    assert (f.period_start, f.as_of, f.teams, f.directorate) == (D(2025, 11, 27), TODAY, (), None)


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"period": "week"}, "`period=week` in the link is not one of 12m, fy, lq, custom."),
        ({"period": "custom", "from": "2026-01-01"}, "A custom period needs both"),
        ({"period": "custom", "from": "31/01/2026", "to": "2026-02-01"}, "`from=31/01/2026`"),
        ({"asof": "2027-01-01"}, "The as-of date 2027-01-01 is in the future: using today."),
        ({"asof": "soon"}, "`asof=soon` in the link is not a date"),
        (
            {"period": "custom", "from": "1999-12-31", "to": "2000-06-30"},
            "`from=1999-12-31` in the link is before 2000-01-01: using 2000-01-01.",
        ),
    ],
)
def test_bad_params_are_reported_and_fall_back(params: dict[str, str], problem: str) -> None:
    preset, f, problems = filters_from_params(params, TODAY)
    assert any(p.startswith(problem) for p in problems), problems
    assert f.as_of <= TODAY
    assert preset in {"12m", "custom"}


# Team id -> directorate, as the sidebar and the command line pass them.
KNOWN = {"MASH": "CSC", "FH": "CSC", "EDS": "Education", "OLD": "Education"}


def test_choices_that_can_be_used_give_no_problems() -> None:
    preset, f, problems = filters_from_choices(
        preset="custom",
        today=TODAY,
        custom=(D(2025, 7, 1), D(2026, 6, 30)),
        as_of=D(2026, 3, 31),
        directorate="Education",
        teams=["EDS"],
        known_teams=KNOWN,
    )
    assert (preset, problems) == ("custom", [])
    assert f == Filters(D(2025, 7, 1), D(2026, 6, 30), D(2026, 3, 31), "Education", ("EDS",))


@pytest.mark.parametrize(
    ("choices", "preset", "period", "problems"),
    [
        ({"preset": "week"}, "12m", (D(2025, 11, 27), TODAY), [("unknown", "week")]),
        ({"preset": "custom"}, "12m", (D(2025, 11, 27), TODAY), [("incomplete", "custom")]),
        (
            {"preset": "custom", "custom": (D(2026, 1, 1), None)},
            "12m",
            (D(2025, 11, 27), TODAY),
            [("incomplete", "custom")],
        ),
        (
            {"preset": "custom", "custom": (D(2026, 3, 1), D(2026, 1, 1))},
            "custom",
            (D(2026, 1, 1), D(2026, 3, 1)),
            [("reversed", "2026-03-01..2026-01-01")],
        ),
        (
            {"preset": "custom", "custom": (D(2026, 10, 1), D(2027, 1, 31))},
            "custom",
            (D(2026, 10, 1), TODAY),
            [("future", "2026-10-01..2027-01-31")],
        ),
        # both backwards and after today: put in order, then brought back to today
        (
            {"preset": "custom", "custom": (D(2027, 2, 1), D(2026, 10, 1))},
            "custom",
            (D(2026, 10, 1), TODAY),
            [("reversed", "2027-02-01..2026-10-01"), ("future", "2026-10-01..2027-02-01")],
        ),
    ],
)
def test_period_problems_are_found_and_replaced(
    choices: dict[str, Any],
    preset: str,
    period: tuple[dt.date, dt.date],
    problems: list[tuple[str, str]],
) -> None:
    used, f, found = filters_from_choices(today=TODAY, **choices)
    assert used == preset
    # the as-of date defaults to the last day of the period used
    assert (f.period_start, f.period_end, f.as_of) == (*period, period[1])
    assert found == [Problem("period", reason, value) for reason, value in problems]


def test_an_as_of_date_after_today_becomes_today() -> None:
    _, f, problems = filters_from_choices(preset="lq", today=TODAY, as_of=D(2026, 12, 1))
    assert (f.period_end, f.as_of) == (D(2026, 9, 30), TODAY)
    assert problems == [Problem("as_of", "future", "2026-12-01")]


def test_unknown_directorate_and_teams_are_left_out_when_teams_are_known() -> None:
    _, f, problems = filters_from_choices(
        preset="12m",
        today=TODAY,
        directorate="Adults",
        teams=["NOPE", "MASH"],
        known_teams=KNOWN,
    )
    assert (f.directorate, f.teams) == (None, ("MASH",))
    assert problems == [
        Problem("directorate", "unknown", "Adults"),
        Problem("teams", "unknown", "NOPE"),
    ]
    # a team outside the chosen directorate is unknown there
    _, f, problems = filters_from_choices(
        preset="12m",
        today=TODAY,
        directorate="Education",
        teams=["MASH", "FH", "EDS"],
        known_teams=KNOWN,
    )
    assert (f.directorate, f.teams) == ("Education", ("EDS",))
    assert problems == [Problem("teams", "unknown", "MASH, FH")]
    # without known teams nothing is checked (a link read before the database is)
    _, f, problems = filters_from_choices(
        preset="12m", today=TODAY, directorate="Adults", teams=["NOPE"]
    )
    assert (f.directorate, f.teams, problems) == ("Adults", ("NOPE",), [])


def test_a_links_problems_are_worded_for_the_viewer_in_filter_order() -> None:
    params = {"period": "week", "asof": "soon", "directorate": "Education", "teams": "MASH,EDS"}
    preset, f, problems = filters_from_params(params, TODAY, KNOWN)
    assert (preset, f.directorate, f.teams) == ("12m", "Education", ("EDS",))
    assert problems == [
        "`period=week` in the link is not one of 12m, fy, lq, custom.",
        "`asof=soon` in the link is not a date like 2026-03-31: ignored.",
        "No team in Education with id MASH: left out of the filter.",
    ]
    # a range given backwards or ending after today is corrected without a word
    params = {"period": "custom", "from": "2027-01-31", "to": "2026-10-01"}
    _, f, problems = filters_from_params(params, TODAY)
    assert ((f.period_start, f.period_end), problems) == ((D(2026, 10, 1), TODAY), [])
