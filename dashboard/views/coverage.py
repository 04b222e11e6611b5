"""Policy coverage: which teams have the policies that apply to them in place and in date."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.data import (
    policies_due_for_review,
    policy_coverage_by_team,
    policy_status,
    stale_attestations,
)
from dashboard.page import start_page
from metrics.policy import REVIEW_WINDOW_DAYS
from metrics.rag import rag_status
from presentation import charts, palette

ctx = start_page(
    "Policy coverage",
    "policy coverage",
    "A policy is in place for a team when the team's latest attestation says so, was made "
    "after the current version was approved, and the policy is not past its review date.",
)
f = ctx.filters
as_of = ui.day(f.as_of)
st.markdown(f"As of **{as_of}**.")

by_team = policy_coverage_by_team(ctx.con, f)
status = policy_status(ctx.con, f)
due = policies_due_for_review(ctx.con, f)
stale = stale_attestations(ctx.con, f)

in_place, applies = int(by_team["in_place"].sum()), int(by_team["applies"].sum())
tiles = st.columns(4)
with tiles[0]:
    ui.ratio_tile(
        "Policy coverage",
        in_place,
        applies,
        ("in place", "that apply"),
        "Policies in place and in date, of those that apply, over all teams selected.",
        status=rag_status(in_place, applies, ctx.thresholds.coverage),
    )
with tiles[1]:
    ui.text_tile(
        "Out of date",
        f"{int(by_team['out_of_date'].sum()):,}",
        "Attested in place, but before the current version was approved or for a policy past "
        "its review date: the team must attest again.",
    )
with tiles[2]:
    ui.text_tile(
        "Policies due for review",
        f"{len(due):,}",
        f"Policies past their review date or due within {REVIEW_WINDOW_DAYS} days.",
    )
with tiles[3]:
    ui.text_tile(
        "Attestations over a year old",
        f"{len(stale):,}",
        "Teams' latest attestations made more than a year before the as-of date.",
    )

st.subheader("Coverage per team")
coverage_table = pd.DataFrame(
    {
        "Team": by_team["team_name"],
        "Coverage": [
            ui.rag_cell(rag_status(n, d, ctx.thresholds.coverage), n, d)
            for n, d in zip(by_team["in_place"], by_team["applies"], strict=True)
        ],
        "Out of date": by_team["out_of_date"],
        "Partial": by_team["partial"],
        "Not started": by_team["not_started"],
        "Not applicable (before the current version)": by_team["not_applicable_lapsed"],
        "Not applicable": by_team["not_applicable"],
    }
)
ui.table(
    coverage_table,
    "Coverage per team",
    "coverage_team",
    f"No team that existed on {as_of} matches the filters, or no policy was approved by then.",
)

st.subheader("Team × policy, by ICO step")
st.caption(
    " · ".join(f"{s.symbol} {s.label}" for s in palette.POLICY_STATUSES.values())
    + ". Columns are ordered by the ICO step the policy serves."
)
heatmap = pd.DataFrame(
    {
        "team": status["team_name"],
        "policy": status["title"],
        "ico_step": status["ico_step"],
        "status": status["status"],
        "detail": [
            (
                f"Attested {ui.day(on)} ({s.replace('_', ' ')})"
                if isinstance(s, str)
                else "No attestation"
            )
            + (f": {reason}" if isinstance(reason, str) else "")
            for on, s, reason in zip(
                status["attested_on"],
                status["attested_status"],
                status["out_of_date_reason"],
                strict=True,
            )
        ],
        "version": status["version"],
        "review_due": status["review_due"],
    }
)
ui.chart(
    charts.coverage_heatmap,
    heatmap,
    "Team by policy status",
    "heatmap",
    f"No team that existed on {as_of} matches the filters, or no policy was approved by then.",
)

st.subheader(f"Policies past or within {REVIEW_WINDOW_DAYS} days of their review date")
due_table = pd.DataFrame(
    {
        "Policy": due["title"],
        "ICO step": due["ico_step"],
        "Owner": due["owner"],
        "Version": due["version"],
        "Review due": due["review_due"],
        "Review": [
            f"{-days:,} days overdue" if days < 0 else f"due in {days:,} days"
            for days in due["days_to_review"]
        ],
    }
)
ui.table(
    due_table,
    "Policies due for review",
    "due",
    f"No policy in force on {as_of} is past its review date or due within "
    f"{REVIEW_WINDOW_DAYS} days.",
)

st.subheader("Attestations more than a year old")
stale_table = pd.DataFrame(
    {
        "Team": stale["team_name"],
        "Policy": stale["title"],
        "ICO step": stale["ico_step"],
        "Latest attestation": stale["attested_status"].str.replace("_", " "),
        "Attested on": stale["attested_on"],
        "Days since": stale["days_since_attested"],
    }
)
ui.table(
    stale_table,
    "Attestations over a year old",
    "stale",
    f"Every team's latest attestation was made within the year before {as_of}.",
)
st.caption(
    "Teams should confirm every statement, “not applicable” included, at least once a year. "
    "Statements that a policy is in place or partly in place come first, oldest first."
)
