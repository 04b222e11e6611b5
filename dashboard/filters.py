"""The sidebar filters every page shares, kept in the URL so a copied link opens the same view.

st.navigation clears the query parameters when the user moves to another page, and a widget's
identity includes its page, so the filters are kept in session state as query parameters and
put back (into the URL and the widgets) at the top of each page run. A link opened fresh, or a
URL edited by hand, wins over what the session remembers.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import streamlit as st

from dashboard.data import team_list
from dashboard.ui import day
from metrics.filters import (
    MIN_DATE,
    PRESETS,
    Filters,
    filters_from_params,
    params_from_filters,
    preset_period,
)

PARAM_KEYS = ("period", "from", "to", "asof", "directorate", "teams")
SAVED = "_filter_params"
SAVED_PAGE = "_filter_page"
ALL_DIRECTORATES = "All directorates"
W_PERIOD, W_FROM, W_TO, W_ASOF, W_DIRECTORATE, W_TEAMS = (
    "f_period",
    "f_from",
    "f_to",
    "f_asof",
    "f_directorate",
    "f_teams",
)


def _url_params() -> dict[str, str]:
    return {k: st.query_params[k] for k in PARAM_KEYS if st.query_params.get(k)}


def _period_from_widgets(today: dt.date) -> tuple[dt.date, dt.date]:
    state = st.session_state
    custom = None
    if state.get(W_FROM) and state.get(W_TO):
        custom = (state[W_FROM], state[W_TO])
    return preset_period(state[W_PERIOD], today, custom)


def _on_period_change(today: dt.date) -> None:
    """The as-of date follows the period's last day whenever the period changes."""
    state = st.session_state
    if state[W_PERIOD] == "custom" and not (state.get(W_FROM) and state.get(W_TO)):
        state[W_FROM], state[W_TO] = preset_period("12m", today)
    state[W_ASOF] = _period_from_widgets(today)[1]


def _on_directorate_change(teams: pd.DataFrame) -> None:
    state = st.session_state
    chosen = state.get(W_DIRECTORATE)
    if chosen and chosen != ALL_DIRECTORATES:
        allowed = set(teams.loc[teams["directorate"] == chosen, "team_id"])
        state[W_TEAMS] = [t for t in state.get(W_TEAMS, []) if t in allowed]


def _seed_widgets(preset: str, f: Filters) -> None:
    state = st.session_state
    state[W_PERIOD] = preset
    state[W_FROM], state[W_TO] = f.period_start, f.period_end
    state[W_ASOF] = f.as_of
    state[W_DIRECTORATE] = f.directorate or ALL_DIRECTORATES
    state[W_TEAMS] = list(f.teams)


def _checked(f: Filters, teams: pd.DataFrame, problems: list[str]) -> Filters:
    """f with a directorate or teams the database does not know dropped (and said so)."""
    directorate = f.directorate
    if directorate and directorate not in set(teams["directorate"]):
        problems.append(f"There is no directorate called “{directorate}”: showing all.")
        directorate = None
    allowed = teams if directorate is None else teams[teams["directorate"] == directorate]
    known = set(allowed["team_id"])
    unknown = [t for t in f.teams if t not in known]
    if unknown:
        where = f" in {directorate}" if directorate else ""
        problems.append(f"No team{where} with id {', '.join(unknown)}: left out of the filter.")
    return Filters(
        period_start=f.period_start,
        period_end=f.period_end,
        as_of=f.as_of,
        directorate=directorate,
        teams=tuple(t for t in f.teams if t in known),
    )


def sidebar_filters(
    con: duckdb.DuckDBPyConnection,
    page: str,
    today: dt.date,
    allowed: tuple[str, ...] | None = None,
) -> Filters:
    """Draw the shared filters in the sidebar and return what they select, within allowed."""
    state = st.session_state
    teams = team_list(con, allowed)
    url = _url_params()
    saved = state.get(SAVED)
    page_changed = state.get(SAVED_PAGE) != page
    # Widgets keep the user's latest choices within a page; otherwise they are set from the
    # link (opened or edited) or from what the session remembers (after moving page).
    from_link = bool(url) and url != saved
    source = url if from_link else (saved or {})
    if from_link or page_changed or W_PERIOD not in state:
        preset, f, problems = filters_from_params(source, today)
        f = _checked(f, teams, problems)
        _seed_widgets(preset, f)
        for problem in problems:
            st.sidebar.warning(problem, icon=":material/link_off:")
    state[SAVED_PAGE] = page

    sidebar = st.sidebar
    sidebar.header("Filters")
    # Who first, then when: the team list opens downwards with room to spare.
    directorates = sorted(teams["directorate"].unique())
    sidebar.selectbox(
        "Directorate",
        [ALL_DIRECTORATES, *directorates],
        key=W_DIRECTORATE,
        on_change=_on_directorate_change,
        args=(teams,),
    )
    directorate = state[W_DIRECTORATE]
    options = (
        teams if directorate == ALL_DIRECTORATES else teams[teams["directorate"] == directorate]
    )
    names = {
        row.team_id: f"{row.team_name} ({row.team_id})" + ("" if row.active else ", inactive")
        for row in options.itertuples()
    }
    state[W_TEAMS] = [t for t in state.get(W_TEAMS, []) if t in names]
    sidebar.multiselect(
        "Teams",
        list(names),
        format_func=names.get,
        key=W_TEAMS,
        placeholder="All teams",
    )

    sidebar.selectbox(
        "Period",
        list(PRESETS),
        format_func=PRESETS.get,
        key=W_PERIOD,
        on_change=_on_period_change,
        args=(today,),
        help="Decisions are counted over the period. UK financial years run April to March; "
        "last quarter is the previous calendar quarter. No period runs past today.",
    )
    if state[W_PERIOD] == "custom":
        # One above the other: side by side, the sidebar cuts the year off ("01/07/202").
        sidebar.date_input(
            "From",
            key=W_FROM,
            min_value=MIN_DATE,
            max_value=today,
            format="DD/MM/YYYY",
            on_change=_on_period_change,
            args=(today,),
        )
        sidebar.date_input(
            "To",
            key=W_TO,
            min_value=MIN_DATE,
            max_value=today,
            format="DD/MM/YYYY",
            on_change=_on_period_change,
            args=(today,),
        )
    start, end = _period_from_widgets(today)
    sidebar.caption(f"{day(start)} to {day(end)} ({(end - start).days + 1} days)")
    sidebar.date_input(
        "As of",
        key=W_ASOF,
        min_value=MIN_DATE,
        max_value=today,
        format="DD/MM/YYYY",
        help="Policy coverage and training are measured as of this date. It moves to the "
        "period's last day whenever the period changes.",
    )
    f = Filters(
        period_start=start,
        period_end=end,
        as_of=state[W_ASOF],
        directorate=None if directorate == ALL_DIRECTORATES else directorate,
        teams=tuple(state[W_TEAMS]),
        allowed=allowed,
    )
    params = params_from_filters(state[W_PERIOD], f)
    state[SAVED] = params
    if _url_params() != params:
        st.query_params.from_dict(params)
    return f
