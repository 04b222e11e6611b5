"""The filter every measure takes, and the period presets, as pure functions of a date.

Presets never reach past today: a period that would end in the future ("this financial year"
in November) ends today instead, so that stock measures are never taken as of a date that has
not happened and flow measures do not look lower only because the period is unfinished. The
previous period is the one of equal length that ends the day before this one starts; for stock
measures it is taken as of the same number of days before the as-of date.
"""

from __future__ import annotations

import datetime as dt
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


def _parse_date(text: str | None, name: str, problems: list[str]) -> dt.date | None:
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        problems.append(f"`{name}={text}` in the link is not a date like 2026-03-31: ignored.")
        return None
    if day < MIN_DATE:
        problems.append(f"`{name}={text}` in the link is before {MIN_DATE}: using {MIN_DATE}.")
        return MIN_DATE
    return day


def filters_from_params(params: dict[str, str], today: dt.date) -> tuple[str, Filters, list[str]]:
    """The preset and Filters a link's query parameters stand for, and what was wrong with them.

    `period` is a preset (12m, fy, lq, custom); `from` and `to` give a custom range; `asof`
    sets the as-of date (default: the period's last day); `directorate`; `teams` is a comma
    list of team ids. Dates after today are brought back to today.
    """
    problems: list[str] = []
    preset = params.get("period") or DEFAULT_PRESET
    if preset not in PRESETS:
        problems.append(f"`period={preset}` in the link is not one of {', '.join(PRESETS)}.")
        preset = DEFAULT_PRESET
    custom = None
    if preset == "custom":
        start = _parse_date(params.get("from"), "from", problems)
        end = _parse_date(params.get("to"), "to", problems)
        if start is None or end is None:
            problems.append(
                "A custom period needs both `from` and `to`: showing the last 12 months."
            )
            preset = DEFAULT_PRESET
        else:
            custom = (min(start, today), min(end, today))
    period_start, period_end = preset_period(preset, today, custom)
    as_of = _parse_date(params.get("asof"), "asof", problems) or period_end
    if as_of > today:
        problems.append(f"The as-of date {as_of} is in the future: using today.")
        as_of = today
    teams = tuple(t.strip() for t in (params.get("teams") or "").split(",") if t.strip())
    f = Filters(
        period_start=period_start,
        period_end=period_end,
        as_of=as_of,
        directorate=params.get("directorate") or None,
        teams=teams,
    )
    return preset, f, problems


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
    return params
