"""The filter every measure takes, and the period presets, as pure functions of a date.

Presets never reach past today: a period that would end in the future ("this financial year"
in November) ends today instead, so that stock measures are never taken as of a date that has
not happened and flow measures do not look lower only because the period is unfinished. The
previous period is the one of equal length that ends the day before this one starts; for stock
measures it is taken as of the same number of days before the as-of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from core.dates import add_months, month_end

PRESETS = {
    "12m": "Last 12 months",
    "fy": "This financial year (April to March)",
    "lq": "Last quarter",
    "custom": "Custom range",
}
DEFAULT_PRESET = "12m"
TREND_MONTHS = 12
# The earliest date a link may ask for (the date pickers go no further back).
MIN_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Filters:
    """What every measure is taken over: a period, an as-of date and the teams in scope."""

    period_start: dt.date
    period_end: dt.date
    as_of: dt.date
    directorate: str | None = None
    teams: tuple[str, ...] = ()
    # The teams the viewer may see (None: everything). Set from the viewer's role, never from
    # a link; every team-level query is limited to it.
    allowed: tuple[str, ...] | None = None
    # The organisation chosen in a store of several (None: the data holds one). The connection
    # the measures run on serves it; here it keeps the choice in links, cache keys and exports.
    organisation: str | None = None

    def __post_init__(self) -> None:
        if self.period_start > self.period_end:
            raise ValueError(
                f"The period starts ({self.period_start}) after it ends ({self.period_end})."
            )

    @property
    def days(self) -> int:
        """The period's length in days, both ends included."""
        return (self.period_end - self.period_start).days + 1


def last_12_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months ending today: 2026-11-26 gives 2025-11-27 to 2026-11-26."""
    return add_months(today, -12) + dt.timedelta(days=1), today


def financial_year(today: dt.date) -> tuple[dt.date, dt.date]:
    """The UK financial year (1 April to 31 March) containing today, ending no later than today."""
    start_year = today.year if today.month >= 4 else today.year - 1
    return dt.date(start_year, 4, 1), min(dt.date(start_year + 1, 3, 31), today)


def last_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The previous calendar quarter: 2026-11-26 gives 2026-07-01 to 2026-09-30."""
    this_quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = this_quarter_start - dt.timedelta(days=1)
    return dt.date(end.year, end.month - 2, 1), end


def preset_period(
    preset: str, today: dt.date, custom: tuple[dt.date, dt.date] | None = None
) -> tuple[dt.date, dt.date]:
    """The period a preset stands for on a given day (`custom` uses the range given)."""
    if preset == "12m":
        return last_12_months(today)
    if preset == "fy":
        return financial_year(today)
    if preset == "lq":
        return last_quarter(today)
    if preset == "custom":
        if custom is None:
            return last_12_months(today)
        start, end = sorted(custom)
        return start, end
    raise ValueError(f"Unknown period preset {preset!r}: use one of {', '.join(PRESETS)}.")


def previous(f: Filters) -> Filters:
    """The period of equal length just before f's, with the as-of date moved back as far."""
    shift = dt.timedelta(days=f.days)
    return replace(
        f,
        period_start=f.period_start - shift,
        period_end=f.period_end - shift,
        as_of=f.as_of - shift,
    )


def trend_month_ends(last_day: dt.date, months: int = TREND_MONTHS) -> list[dt.date]:
    """Month ends of the `months` months ending with last_day's month, the last one being
    last_day itself (a stock measure's trend ends at the as-of date)."""
    ends = [month_end(add_months(last_day.replace(day=1), -k)) for k in range(months - 1, 0, -1)]
    return [*ends, last_day]


def trend_window(f: Filters, months: int = TREND_MONTHS) -> Filters:
    """The `months` whole months ending with the period's last day, for monthly flow trends."""
    start = add_months(f.period_end.replace(day=1), -(months - 1))
    return replace(f, period_start=start)


@dataclass(frozen=True)
class Problem:
    """A choice that cannot be used as given: which one, why, and the value given, as text.

    The checks are made once, in filters_from_choices; each way in (a link, the sidebar, the
    command line) words the problem in its own terms and decides whether it is fatal.
    """

    choice: str  # one of CHOICES
    reason: str  # unknown, incomplete, reversed, future, not_a_date, too_early
    value: str


# The order choices are checked and reported in.
CHOICES = ("period", "as_of", "directorate", "teams")


def filters_from_choices(
    *,
    preset: str,
    today: dt.date,
    custom: tuple[dt.date | None, dt.date | None] | None = None,
    as_of: dt.date | None = None,
    directorate: str | None = None,
    teams: Sequence[str] = (),
    known_teams: Mapping[str, str] | None = None,
) -> tuple[str, Filters, list[Problem]]:
    """The preset and Filters a person's choices stand for, and the problems found in them.

    Each problem is replaced by something usable: an unknown or incomplete preset by the last
    12 months, a range given backwards is put in order, dates after today become today, and
    (when known_teams, team id -> directorate, is given) an unknown directorate becomes all and
    unknown teams are left out. The as-of date defaults to the period's last day.
    """
    problems: list[Problem] = []
    preset, start, end = _checked_period(preset, custom, today, problems)
    if as_of is None:
        as_of = end
    elif as_of > today:
        problems.append(Problem("as_of", "future", as_of.isoformat()))
        as_of = today
    directorate, chosen = _checked_teams(directorate, tuple(teams), known_teams, problems)
    f = Filters(start, end, as_of, directorate, chosen)
    return preset, f, problems


def _checked_period(
    preset: str,
    custom: tuple[dt.date | None, dt.date | None] | None,
    today: dt.date,
    problems: list[Problem],
) -> tuple[str, dt.date, dt.date]:
    """The preset used and its period, with the problems found appended to problems."""
    if preset not in PRESETS:
        problems.append(Problem("period", "unknown", preset))
        preset = DEFAULT_PRESET
    if preset != "custom":
        return (preset, *preset_period(preset, today))
    start, end = custom or (None, None)
    if start is None or end is None:
        problems.append(Problem("period", "incomplete", preset))
        return (DEFAULT_PRESET, *preset_period(DEFAULT_PRESET, today))
    if start > end:
        problems.append(Problem("period", "reversed", f"{start}..{end}"))
        start, end = end, start
    if end > today:
        problems.append(Problem("period", "future", f"{start}..{end}"))
        start, end = min(start, today), today
    return preset, start, end


def _checked_teams(
    directorate: str | None,
    teams: tuple[str, ...],
    known_teams: Mapping[str, str] | None,
    problems: list[Problem],
) -> tuple[str | None, tuple[str, ...]]:
    """The directorate and teams that exist (all of them when known_teams is None)."""
    if known_teams is None:
        return directorate, teams
    if directorate is not None and directorate not in set(known_teams.values()):
        problems.append(Problem("directorate", "unknown", directorate))
        directorate = None
    known = {t for t, d in known_teams.items() if directorate is None or d == directorate}
    unknown = [t for t in teams if t not in known]
    if unknown:
        problems.append(Problem("teams", "unknown", ", ".join(unknown)))
    return directorate, tuple(t for t in teams if t in known)


def _parse_date(
    text: str | None, name: str, choice: str, problems: list[Problem]
) -> dt.date | None:
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(choice, "not_a_date", f"{name}={text}"))
        return None
    if day < MIN_DATE:
        problems.append(Problem(choice, "too_early", f"{name}={text}"))
        return MIN_DATE
    return day


def link_message(problem: Problem, f: Filters) -> str | None:
    """A problem with a link, put to the viewer; None for what a link quietly corrects (a range
    given backwards, or ending after today)."""
    match problem.choice, problem.reason:
        case _, "not_a_date":
            return f"`{problem.value}` in the link is not a date like 2026-03-31: ignored."
        case _, "too_early":
            return f"`{problem.value}` in the link is before {MIN_DATE}: using {MIN_DATE}."
        case "period", "unknown":
            return f"`period={problem.value}` in the link is not one of {', '.join(PRESETS)}."
        case "period", "incomplete":
            return "A custom period needs both `from` and `to`: showing the last 12 months."
        case "as_of", "future":
            return f"The as-of date {problem.value} is in the future: using today."
        case "directorate", "unknown":
            return f"There is no directorate called “{problem.value}”: showing all."
        case "teams", "unknown":
            where = f" in {f.directorate}" if f.directorate else ""
            return f"No team{where} with id {problem.value}: left out of the filter."
    return None


def filters_from_params(
    params: Mapping[str, str], today: dt.date, known_teams: Mapping[str, str] | None = None
) -> tuple[str, Filters, list[str]]:
    """The preset and Filters a link's query parameters stand for, and what was wrong with them.

    `period` is a preset (12m, fy, lq, custom); `from` and `to` give a custom range; `asof`
    sets the as-of date (default: the period's last day); `directorate`; `teams` is a comma
    list of team ids, checked against known_teams (id -> directorate) when given. Dates after
    today are brought back to today.
    """
    unreadable: list[Problem] = []
    preset = params.get("period") or DEFAULT_PRESET
    custom = None
    if preset == "custom":
        custom = (
            _parse_date(params.get("from"), "from", "period", unreadable),
            _parse_date(params.get("to"), "to", "period", unreadable),
        )
    preset, f, problems = filters_from_choices(
        preset=preset,
        today=today,
        custom=custom,
        as_of=_parse_date(params.get("asof"), "asof", "as_of", unreadable),
        directorate=params.get("directorate") or None,
        teams=[t.strip() for t in (params.get("teams") or "").split(",") if t.strip()],
        known_teams=known_teams,
    )
    # In the order the filters are shown; what could not be read before what it led to.
    ordered = sorted([*unreadable, *problems], key=lambda p: CHOICES.index(p.choice))
    messages = [link_message(p, f) for p in ordered]
    return preset, f, [m for m in messages if m is not None]


def params_from_filters(preset: str, f: Filters) -> dict[str, str]:
    """The query parameters for a view: the inverse of filters_from_params.

    Presets stay relative (a "last 12 months" link shows the last 12 months on the day it is
    opened); a custom range and an as-of date set by hand are written out in full.
    """
    params = {"period": preset}
    if preset == "custom":
        params["from"] = f.period_start.isoformat()
        params["to"] = f.period_end.isoformat()
    if f.as_of != f.period_end:
        params["asof"] = f.as_of.isoformat()
    if f.directorate:
        params["directorate"] = f.directorate
    if f.teams:
        params["teams"] = ",".join(f.teams)
    if f.organisation:
        params["org"] = f.organisation
    return params


def default_organisation(held: Mapping[str, str], preferred: str | None) -> str:
    """preferred (the setting organisation.id) if held, else the first of held (id -> name)
    by name."""
    if preferred in held:
        return preferred
    return min(held, key=lambda k: (held[k], k))


def organisation_choice(
    asked: str | None, held: Mapping[str, str], preferred: str | None
) -> tuple[str, str | None]:
    """The organisation a link's `org` asks for if held, else the default; and, when the link
    named one not held, what to tell the viewer."""
    default = default_organisation(held, preferred)
    if not asked or asked in held:
        return asked or default, None
    return default, f"No organisation with id “{asked}” here: showing {held[default]}."
