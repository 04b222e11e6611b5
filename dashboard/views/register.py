"""Agreements register: the data sharing agreements and DPIAs routine sharing relies on, their
review dates, and the sharing that relies on each, by team."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.settings import load_settings
from dashboard import ui
from dashboard.data import (
    agreement_shares_by_team,
    agreement_warnings,
    agreements_register,
)
from dashboard.page import start_page
from metrics.agreements import past_review_of

# Words and a symbol, never colour alone.
PAST_REVIEW = "■ Past review"
NOT_IN_FORCE = "○ Not in force"
IN_DATE = "● In date"
SEVERITY_LABELS = {"high": "■ High", "medium": "▲ Medium"}

ctx = start_page(
    "Agreements register",
    "register",
    "The data sharing agreements (and the DPIAs behind them) that routine sharing relies on. "
    "Each share is checked against the register as it stood on the day it was made.",
)
f = ctx.filters
as_of, period = ui.day(f.as_of), ui.period_sentence(f.period_start, f.period_end)
st.markdown(
    f"Agreements as of **{as_of}**; routine shares made **{period}** by the teams selected."
)

register = agreements_register(ctx.con, f)
past_review = past_review_of(register)
shares = agreement_shares_by_team(ctx.con, f)


def review_cell(in_force: bool, past_review: bool, days: object) -> str:
    """`■ Past review · 91 days overdue`, `● In date · review in 215 days` or `○ Not in force`."""
    if not in_force:
        return NOT_IN_FORCE
    if past_review:
        return f"{PAST_REVIEW} · {int(days):,} days overdue"
    return f"{IN_DATE} · review in {-int(days):,} days"


in_force = int(register["in_force"].sum())
past = int(register["past_review"].sum())
routine = int(shares["routine_shares"].sum())
covered = int(shares["in_force"].sum())
tiles = st.columns(3)
with tiles[0]:
    ui.text_tile(
        "Agreements in force",
        f"{in_force:,}",
        f"In force on {as_of}: signed, not a draft and not ended.",
    )
with tiles[1]:
    ui.text_tile(
        "Past their review date",
        f"{past:,}",
        f"Agreements in force on {as_of} whose review date had passed.",
        note=PAST_REVIEW if past else None,
    )
with tiles[2]:
    ui.text_tile(
        "Routine shares covered",
        f"{covered:,} of {routine:,}",
        "Routine shares in the period (routine yes or not recorded, not emergencies) citing an "
        "agreement that was in force on the day of the share.",
    )

st.subheader("Warnings")
settings = load_settings()
warnings = agreement_warnings(ctx.con, f, settings)
limits = settings["agreements"]
ui.table(
    pd.DataFrame(
        {
            "Severity": [SEVERITY_LABELS[s] for s in warnings["severity"]],
            "Team": warnings["team_name"],
            "Warning": warnings["sentence"],
        }
    ),
    "Agreement warnings",
    "warnings",
    f"No team made {limits['min_shares']:,} or more routine shares {period} under an "
    "agreement not in force or past review on the day, or to a partner with no agreement "
    "(settings agreements.min_shares and agreements.review_grace_days). The tables below "
    "count every share.",
)

st.subheader("Past their review date")
past_table = pd.DataFrame(
    {
        "Reference": past_review["dsa_ref"],
        "Title": past_review["title"],
        "Review due": past_review["review_due"],
        "Review": [
            f"{PAST_REVIEW} · {days:,} days overdue" for days in past_review["days_overdue"]
        ],
        "Routine shares in the period": past_review["routine_shares"],
    }
)
ui.table(
    past_table,
    "Agreements past review",
    "past_review",
    f"No agreement in force on {as_of} is past its review date.",
)

st.subheader("All agreements")
register_table = pd.DataFrame(
    {
        "Reference": register["dsa_ref"],
        "Title": register["title"],
        "Status": register["status"],
        "Review due": register["review_due"],
        "Review": [
            review_cell(i, p, d)
            for i, p, d in zip(
                register["in_force"],
                register["past_review"],
                register["days_past_review"],
                strict=True,
            )
        ],
        "Signed on": register["signed_on"],
        "Ended on": register["ended_on"],
        "DPIA": register["dpia_ref"],
        "DPIA date": register["dpia_date"],
        "Routine shares": register["routine_shares"],
        "Made when not in force": register["shares_not_in_force"],
        "Made past review": register["shares_past_review"],
        "Partners": register["partners"].fillna("").str.replace("|", ", "),
        "Partner types": register["partner_types"].fillna("").str.replace("|", ", "),
        "Scope": register["scope"],
    }
)
ui.table(
    register_table,
    "Agreements register",
    "register",
    "No agreement is in the register: load an agreements file (see docs/input-formats.md).",
)
st.caption(
    f"{PAST_REVIEW}: in force on {as_of} but past its review date. {NOT_IN_FORCE}: a draft, "
    f"not yet signed, or ended by {as_of}. {IN_DATE}: in force, review still to come."
)

st.subheader("Sharing that relies on each agreement, by team")
reliance = pd.DataFrame(
    {
        "Reference": shares["dsa_ref"].fillna("(none cited)"),
        "In the register": ["yes" if k else "no" for k in shares["known"]],
        "Team": shares["team_name"],
        "Routine shares": shares["routine_shares"],
        "In force on the day": shares["in_force"],
        "With a DPIA by the day": shares["with_dpia"],
        "Past review on the day": shares["past_review"],
    }
)
ui.table(
    reliance,
    "Sharing by agreement and team",
    "reliance",
    f"No routine share was made {period} by the teams selected.",
)
st.caption(
    "A reference not in the register, or no reference, is a gap on ICO steps 5 and 6: the "
    "share is loaded, and counted as not resting on an agreement."
)
