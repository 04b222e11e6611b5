"""Cached metric results: valid for one snapshot of the database and one set of arguments.

Each metric a page shows is wrapped here once by `cached`, which keeps the metric's own name,
signature and function object (`__wrapped__`), so a page makes a plain call
(`team_scorecard(ctx.con, f, grace_days)`) that editors and static analysis can follow.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec

import duckdb
import pandas as pd
import streamlit as st

from dashboard.db import snapshot_key
from metrics import agreements, ico_steps, org, overview, policy, sharing, training, warnings

P = ParamSpec("P")
Metric = Callable[Concatenate[duckdb.DuckDBPyConnection, P], pd.DataFrame]


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_call(
    _con: duckdb.DuckDBPyConnection,
    _function: Callable[..., pd.DataFrame],
    function_id: str,
    snapshot: tuple[str, tuple[int, int]],
    organisation: str | None,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> pd.DataFrame:
    # st.cache_data keys this one function by its own source, whatever it runs: the metric's
    # identity is hashed as an argument so that two metrics never share an entry.
    return _function(_con, *args, **dict(kwargs))


def cached(function: Metric[P]) -> Metric[P]:
    """function, with results cached on its identity, its arguments, the database snapshot
    and the organisation the connection serves (a shared store's engine serves one)."""
    function_id = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def call(con: duckdb.DuckDBPyConnection, /, *args: P.args, **kwargs: P.kwargs) -> pd.DataFrame:
        named = tuple(sorted(kwargs.items()))
        organisation = getattr(con, "organisation", None)
        return _cached_call(con, function, function_id, snapshot_key(), organisation, args, named)

    return call


team_list = cached(org.team_list)

kpis = cached(overview.kpis)
team_scorecard = cached(overview.team_scorecard)
overview_trends = cached(overview.overview_trends)

policy_coverage_by_team = cached(policy.policy_coverage_by_team)
policy_status = cached(policy.policy_status)
policies_due_for_review = cached(policy.policies_due_for_review)
stale_attestations = cached(policy.stale_attestations)

training_completion_by_team = cached(training.training_completion_by_team)
training_completion_by_team_course = cached(training.training_completion_by_team_course)
training_exceptions = cached(training.training_exceptions)
training_completion_trend = cached(training.training_completion_trend)
assignment_history = cached(training.assignment_history)

decisions_by_team = cached(sharing.decisions_by_team)
decision_times = cached(sharing.decision_times)
decisions_per_month_by_team = cached(sharing.decisions_per_month_by_team)
shares_by_recipient_type = cached(sharing.shares_by_recipient_type)
shares_by_lawful_basis = cached(sharing.shares_by_lawful_basis)
shares_by_statutory_gateway = cached(sharing.shares_by_statutory_gateway)
decision_maker_training_by_team = cached(sharing.decision_maker_training_by_team)

ico_steps_by_team = cached(ico_steps.ico_steps_by_team)

agreements_register = cached(agreements.agreements_register)
agreements_past_review = cached(agreements.agreements_past_review)
agreement_shares_by_team = cached(agreements.agreement_shares_by_team)
agreement_warnings = cached(agreements.agreement_warnings)
early_warnings = cached(warnings.early_warnings)
risk_matrix = cached(warnings.risk_matrix)
untested_teams = cached(warnings.untested_teams)
