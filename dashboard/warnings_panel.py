"""The Overview's early warnings and risk matrix: where a governance meeting should look first."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from core.settings import load_settings
from dashboard import ui
from dashboard.data import early_warnings, risk_matrix, untested_teams
from dashboard.page import PageContext
from metrics.query import QueryMemo
from metrics.warnings import count_windows
from presentation import charts
from presentation.warnings import (
    checks_sentence,
    escape_markdown,
    warnings_markdown,
    warnings_summary,
)

# Warnings listed at the top of the page, high severity first; the rest one click away.
WARNINGS_SHOWN = 10


def show_warnings(ctx: PageContext) -> None:
    """The warnings list (or what was checked when there is none), then the risk matrix."""
    settings = load_settings()
    f = ctx.filters
    # The warnings, untested teams and risk matrix read the same inputs: each runs once.
    con = QueryMemo(ctx.con)
    st.subheader("Early warnings")
    found = early_warnings(con, f, settings, ctx.grace_days)
    checked = checks_sentence(count_windows(f).recent_label, settings["warnings"])
    if found.empty:
        st.info(f"No early warnings. {checked}", icon=":material/info:")
    else:
        query = urlencode(st.query_params.to_dict())
        if len(found) > WARNINGS_SHOWN:
            st.markdown(warnings_summary(found))
        st.markdown(warnings_markdown(found.head(WARNINGS_SHOWN), query))
        if len(found) > WARNINGS_SHOWN:
            with st.expander(f"{len(found) - WARNINGS_SHOWN:,} more warnings"):
                st.markdown(warnings_markdown(found.iloc[WARNINGS_SHOWN:], query))
        st.caption(checked)
        ui.download_csv(found, "Early warnings", "warnings")
    untested = untested_teams(con, f, settings)
    if not untested.empty:
        # Markdown, not st.warning: the page's one warning box is kept for teams that logged
        # nothing although they have decision makers (the Teams table's amber cells).
        st.markdown(
            ":material/help: **Not cleared by the early warnings:** "
            + "; ".join(
                f"{escape_markdown(name)} ({reason})"
                for name, reason in zip(untested["team_name"], untested["reason"], strict=True)
            )
            + ". No warning for these teams does not mean all is well."
        )
    show_risk_matrix(ctx, settings, con)


def show_risk_matrix(ctx: PageContext, settings: dict, con: QueryMemo) -> None:
    """Decisions a month against decision makers' training, one point per team."""
    section = settings["warnings"]
    st.markdown("**Risk matrix: decisions against decision makers' training**")
    frame = risk_matrix(con, ctx.filters, settings, ctx.grace_days)
    known = frame[frame["training"].notna()]
    points = pd.DataFrame(
        {
            "team": known["team_name"],
            "training": known["training"].astype(float),
            "decisions_per_month": known["decisions_per_month"].round(2),
            "decisions": known["decisions"],
            "decision_makers_trained": known["decision_makers_trained"],
            "decision_makers": known["decision_makers"],
            "at_risk": known["at_risk"],
        }
    )
    build = functools.partial(
        charts.risk_matrix_figure,
        training_threshold=float(section["decision_maker_training"]),
        volume_threshold=float(section["high_volume_per_month"]),
    )
    ui.chart(
        build,
        points,
        "Risk matrix",
        "risk_matrix",
        "No team in scope has decisions or decision makers to place on the matrix.",
    )
    caption = (
        f"Top left (■) is the risk: at least {float(section['high_volume_per_month']):g} "
        f"decisions a month while fewer than {float(section['decision_maker_training']):.0%} of "
        "the team's decision makers hold all their required training in date."
    )
    unknown = frame.loc[frame["training"].isna(), "team_name"].tolist()
    if unknown:
        caption += (
            " Not placed, training unknown (no decision maker counted for training): "
            + ", ".join(escape_markdown(t) for t in unknown)
            + "."
        )
    st.caption(caption)
