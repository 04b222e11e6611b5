"""The sidebar filters every page shares, kept in the URL so a copied link opens the same view.

st.navigation clears the query parameters when the user moves to another page, and a widget's
identity includes its page, so the filters are kept in session state as query parameters and
put back (into the URL and the widgets) at the top of each page run. A link opened fresh, or a
URL edited by hand, wins over what the session remembers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.data import team_list
from dashboard.ui import day
from metrics.filters import (
    MIN_DATE,
    PRESETS,
    Filters,
    filters_from_choices,
    filters_from_params,
    organisation_choice,
    params_from_filters,
    preset_period,
)

PARAM_KEYS = ("period", "from", "to", "asof", "directorate", "teams", "org")
SAVED = "_filter_params"
SAVED_PAGE = "_filter_page"
ALL_DIRECTORATES = "All directorates"
W_PERIOD, W_FROM, W_TO, W_ASOF, W_DIRECTORATE, W_TEAMS, W_ORG = (
    "f_period",
    "f_from",
    "f_to",
    "f_asof",
    "f_directorate",
    "f_teams",
    "f_org",
)


def _url_params() -> dict[str, str]:
    return {k: st.query_params[k] for k in PARAM_KEYS if st.query_params.get(k)}


def _custom_range() -> tuple[dt.date, dt.date] | None:
    state = st.session_state
    return (state[W_FROM], state[W_TO]) if state.get(W_FROM) and state.get(W_TO) else None


def _period_from_widgets(today: dt.date) -> tuple[dt.date, dt.date]:
    return preset_period(st.session_state[W_PERIOD], today, _custom_range())


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


def _known_teams(teams: pd.DataFrame) -> dict[str, str]:
    """Team id -> directorate, for checking a link's choices."""
    return dict(zip(teams["team_id"], teams["directorate"], strict=True))


def _link_or_session() -> tuple[bool, dict[str, str]]:
    """Whether a link was opened (or edited), and the choices to seed the widgets from: the
    link's, or what the session remembers (after moving page)."""
    state = st.session_state
    url = _url_params()
    from_link = bool(url) and url != state.get(SAVED)
    return from_link, url if from_link else (state.get(SAVED) or {})


def _seed_from_link_or_session(page: str, today: dt.date, teams: pd.DataFrame) -> None:
    """Set the widgets from the link (opened or edited) or from what the session remembers
    (after moving page); within a page the widgets keep the user's latest choices."""
    state = st.session_state
    from_link, source = _link_or_session()
    if from_link or state.get(SAVED_PAGE) != page or W_PERIOD not in state:
        preset, f, problems = filters_from_params(source, today, _known_teams(teams))
        _seed_widgets(preset, f)
        for problem in problems:
            st.sidebar.warning(problem, icon=":material/link_off:")
    state[SAVED_PAGE] = page


def team_label(team: Any, today: dt.date) -> str:
    """A team as the team list shows it: `Old admissions (OLD), closed 30 Sep 2024`."""
    label = f"{team.team_name} ({team.team_id})"
    if team.closed_before_data:
        return f"{label}, closed"
    if team.closed_on is None or pd.isna(team.closed_on):
        return label
    # closed_on is the team's last day
    verb = "closed" if team.closed_on < today else "closes"
    return f"{label}, {verb} {day(team.closed_on)}"


def _team_widgets(teams: pd.DataFrame, today: dt.date) -> str | None:
    """The directorate and team pickers; the directorate chosen (None: all)."""
    state = st.session_state
    directorates = [ALL_DIRECTORATES, *sorted(teams["directorate"].unique())]
    if state.get(W_DIRECTORATE) not in directorates:  # another organisation was chosen
        state[W_DIRECTORATE] = ALL_DIRECTORATES
    # Who first, then when: the team list opens downwards with room to spare.
    st.sidebar.selectbox(
        "Directorate",
        directorates,
        key=W_DIRECTORATE,
        on_change=_on_directorate_change,
        args=(teams,),
    )
    directorate = state[W_DIRECTORATE]
    options = (
        teams if directorate == ALL_DIRECTORATES else teams[teams["directorate"] == directorate]
    )
    names = {row.team_id: team_label(row, today) for row in options.itertuples()}
    state[W_TEAMS] = [t for t in state.get(W_TEAMS, []) if t in names]
    st.sidebar.multiselect(
        "Teams",
        list(names),
        format_func=names.get,
        key=W_TEAMS,
        placeholder="All teams",
    )
    return None if directorate == ALL_DIRECTORATES else directorate


def _date_picker(label: str, key: str, today: dt.date, **kwargs: Any) -> None:
    """A date picker from MIN_DATE to today, in UK order."""
    st.sidebar.date_input(
        label, key=key, min_value=MIN_DATE, max_value=today, format="DD/MM/YYYY", **kwargs
    )


def _period_widgets(today: dt.date) -> None:
    """The period picker (with the custom range's dates), its dates, and the as-of date."""
    st.sidebar.selectbox(
        "Period",
        list(PRESETS),
        format_func=PRESETS.get,
        key=W_PERIOD,
        on_change=_on_period_change,
        args=(today,),
        help="Decisions are counted over the period. UK financial years run April to March; "
        "last quarter is the previous calendar quarter. No period runs past today.",
    )
    if st.session_state[W_PERIOD] == "custom":
        # One above the other: side by side, the sidebar cuts the year off ("01/07/202").
        for label, key in (("From", W_FROM), ("To", W_TO)):
            _date_picker(label, key, today, on_change=_on_period_change, args=(today,))
    start, end = _period_from_widgets(today)
    st.sidebar.caption(f"{day(start)} to {day(end)} ({(end - start).days + 1} days)")
    _date_picker(
        "As of",
        W_ASOF,
        today,
        help="Policy coverage and training are measured as of this date. It moves to the "
        "period's last day whenever the period changes.",
    )


def _filters_from_widgets(today: dt.date, directorate: str | None) -> Filters:
    """The Filters the widgets select."""
    state = st.session_state
    # The widgets offer only dates up to today and teams that exist: nothing to report.
    _, f, _ = filters_from_choices(
        preset=state[W_PERIOD],
        today=today,
        custom=_custom_range(),
        as_of=state[W_ASOF],
        directorate=directorate,
        teams=state[W_TEAMS],
    )
    return f


def _write_url(preset: str, f: Filters) -> None:
    """Remember the view, and show it in the URL so that a copied link opens it."""
    params = params_from_filters(preset, f)
    st.session_state[SAVED] = params
    if _url_params() != params:
        st.query_params.from_dict(params)


def sidebar_organisation(held: Mapping[str, str], preferred: str | None, page: str) -> str:
    """Draw the filters' header and the organisation choice (held: id -> name, several) and
    return the id chosen: the link's, the session's, else preferred if held, else the first."""
    state = st.session_state
    from_link, source = _link_or_session()
    if from_link or state.get(SAVED_PAGE) != page or state.get(W_ORG) not in held:
        state[W_ORG], problem = organisation_choice(source.get("org"), held, preferred)
        if problem:
            st.sidebar.warning(problem, icon=":material/link_off:")
    st.sidebar.header("Filters")
    st.sidebar.selectbox(
        "Organisation",
        sorted(held, key=lambda k: (held[k], k)),
        format_func=held.get,
        key=W_ORG,
        help="The organisations of the shared store that you may see: every figure, download "
        "and export is of the one chosen.",
    )
    return state[W_ORG]


def remember_organisation(page: str, organisation: str | None) -> None:
    """On a page without the other filters (Data status), keep the organisation chosen in the
    session and the URL, with the filters the session or link gave, for the next page."""
    if organisation is None:
        return
    _, source = _link_or_session()
    params = {**source, "org": organisation}
    st.session_state[SAVED], st.session_state[SAVED_PAGE] = params, page
    if _url_params() != params:
        st.query_params.from_dict(params)


def sidebar_filters(
    con: duckdb.DuckDBPyConnection,
    page: str,
    today: dt.date,
    allowed: tuple[str, ...] | None = None,
    organisation: str | None = None,
) -> Filters:
    """Draw the shared filters in the sidebar and return what they select, within allowed, for
    organisation (chosen by sidebar_organisation, which draws the header; None: only one)."""
    teams = team_list(con, allowed)
    _seed_from_link_or_session(page, today, teams)
    if organisation is None:
        st.sidebar.header("Filters")
    directorate = _team_widgets(teams, today)
    _period_widgets(today)
    f = _filters_from_widgets(today, directorate)
    f = replace(f, allowed=allowed, organisation=organisation)
    _write_url(st.session_state[W_PERIOD], f)
    return f
