"""Sharing: how much each team shares, with whom, on what basis, and how well it records it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.data import (
    decision_maker_training_by_team,
    decision_times,
    decisions_by_team,
    decisions_per_month_by_team,
    shares_by_lawful_basis,
    shares_by_recipient_type,
    shares_by_statutory_gateway,
)
from dashboard.page import start_page
from metrics.filters import previous
from metrics.rag import rag_status
from metrics.sharing import GAP_COLUMNS
from presentation import charts
from presentation.formatting import hours

# Step 8 of the ICO guide: rarely the right basis when a child is at risk, or not open to
# public authorities for their tasks.
FLAGGED_BASES = {
    "consent": "rarely right when a child is at risk",
    "legitimate_interests": "not open to public authorities for their public tasks",
    "recognised_legitimate_interests": "(UK GDPR Art 6(1)(ea), Data (Use and Access) Act 2025 "
    "s70) not open to public authorities for their public tasks either",
}

ctx = start_page(
    "Sharing",
    "sharing",
    "Every decision to share, or not to share, information about a child: how many, with "
    "whom, on what lawful basis, how fast, and whether the record is complete.",
)
f = ctx.filters
period = ui.period_sentence(f.period_start, f.period_end)
st.markdown(f"Decisions made **{period}**.")

by_team = decisions_by_team(ctx.con, f)
before = decisions_by_team(ctx.con, previous(f))
times = decision_times(ctx.con, f)
empty = f"No decisions were logged {period} by the teams selected."

decisions, shares = int(by_team["decisions"].sum()), int(by_team["shares"].sum())
complete = int(by_team["complete_records"].sum())
all_teams = times[times["team_id"].isna()]
tiles = st.columns(5)
with tiles[0]:
    ui.count_tile(
        "Decisions logged",
        decisions,
        int(before["decisions"].sum()),
        "Decisions to share or not to share made in the period; change against the "
        "period of equal length before it.",
    )
with tiles[1]:
    ui.ratio_tile(
        "Share rate",
        shares,
        decisions,
        ("shared", "decisions"),
        "Decisions that shared information, fully or partly.",
        previous=(int(before["shares"].sum()), int(before["decisions"].sum())),
        higher_is_better=False,
    )
with tiles[2]:
    ui.ratio_tile(
        "Complete records",
        complete,
        decisions,
        ("complete", "decisions"),
        "Decisions, refusals included, whose record is complete: a reason and who decided; "
        "for shares also a lawful basis, a purpose and the Art 9 / Art 10 conditions where "
        "needed.",
        previous=(int(before["complete_records"].sum()), int(before["decisions"].sum())),
        status=rag_status(complete, decisions, ctx.thresholds.completeness),
    )
with tiles[3]:
    ui.text_tile(
        "Emergencies",
        f"{int(by_team['emergency'].sum()):,}",
        "Decisions made in an urgent situation or emergency.",
        "decisions made in an emergency",
    )
with tiles[4]:
    median = None if all_teams.empty else all_teams["median_hours_to_decision"].iloc[0]
    ui.text_tile(
        "Time to decision",
        hours(None if pd.isna(median) else float(median)),
        "Median time from the request or concern arriving to the decision, over decisions "
        "with a request time.",
        "median, request to decision",
    )

if decisions == 0:
    st.info(empty, icon=":material/info:")
    st.stop()

st.subheader("Decisions per month")
monthly = decisions_per_month_by_team(ctx.con, f)
ui.chart(
    lambda data: charts.decisions_per_month_figure(data.rename(columns={"team_name": "team"})),
    monthly,
    "Decisions per month by team",
    "monthly",
    empty,
)
note = ui.part_months_note(f.period_start, f.period_end)
if note:
    st.caption(note)

left, right = st.columns(2)
with left:
    st.subheader("Shares by recipient")
    recipients = shares_by_recipient_type(ctx.con, f)
    recipients = recipients.assign(
        recipient=recipients["recipient_type"].str.replace("_", " ").str.capitalize()
    )
    ui.chart(
        lambda data: charts.outcome_bars_figure(data, "recipient"),
        recipients,
        "Shares by recipient type",
        "recipients",
        f"Nothing was shared {period} by the teams selected.",
    )
with right:
    st.subheader("Lawful basis of shares")
    mix = shares_by_lawful_basis(ctx.con, f)
    mix = mix.assign(
        basis=[
            ("⚑ " if b in FLAGGED_BASES else "") + b.replace("_", " ").capitalize()
            for b in mix["lawful_basis"]
        ]
    )
    ui.chart(
        charts.lawful_basis_figure,
        mix,
        "Shares by lawful basis",
        "basis",
        f"Nothing was shared {period} by the teams selected.",
    )
    st.caption(
        "⚑ flags a basis to check: "
        + "; ".join(f"{b.replace('_', ' ')} is {why}" for b, why in FLAGGED_BASES.items())
        + ". “Not recorded” is a record-keeping gap."
    )
    gateways = shares_by_statutory_gateway(ctx.con, f)
    ui.table(
        pd.DataFrame(
            {
                "Statutory gateway": gateways["statutory_gateway"],
                "Lawful basis": [
                    b.replace("_", " ").capitalize() for b in gateways["lawful_basis"]
                ],
                "Shares": gateways["shares"],
            }
        ),
        "Statutory gateways",
        "gateways",
        f"Nothing was shared {period} by the teams selected.",
    )
    st.caption(
        "The law that permits or requires each share (for example Children Act 1989 s47, "
        "Children Act 2004 s11, Crime and Disorder Act 1998 s115), beside the lawful basis it "
        "supports. “None cited” is not a gap: a gateway is not always needed."
    )

st.subheader("Record gaps per team")
gaps_table = pd.DataFrame(
    {
        "Team": by_team["team_name"],
        "Complete records": [
            ui.rag_cell(rag_status(n, d, ctx.thresholds.completeness), n, d)
            for n, d in zip(by_team["complete_records"], by_team["decisions"], strict=True)
        ],
        **{label: by_team[column] for column, label in GAP_COLUMNS.items()},
    }
)
ui.table(gaps_table, "Record gaps per team", "gaps", empty)
st.caption(
    "Gaps in the records of decisions: no lawful basis (shares); special category not "
    "recorded, or no Article 9 condition (DPA 2018 Sch 1; for law enforcement, DPA 2018 s35 "
    "and Sch 8); criminal offence data not recorded, or no Article 10 condition; no reason "
    "(refusals too, also counted apart); no purpose (shares); no decision maker. A decision "
    "can have more than one gap."
)

st.subheader("Decisions by untrained decision makers")
deciders = decision_maker_training_by_team(ctx.con, f, ctx.grace_days)
ui.table(
    pd.DataFrame(
        {
            "Team": deciders["team_name"],
            "Decisions": deciders["decisions"],
            "By staff trained on the day": deciders["decisions_by_trained_staff"],
            "By staff whose training had lapsed": deciders["decisions_by_untrained_staff"],
            "No decision maker on record": deciders["decisions_no_decision_maker"],
        }
    ),
    "Decisions by untrained decision makers",
    "deciders",
    empty,
)
st.caption(
    "Whether the person who decided, and the person who authorised when named, held every "
    "course required of them in date on the day of the decision (the Training page's rules: "
    "required courses, new-starter grace period, exemptions, expiry). A decision with no "
    "decision maker recorded, or one not on the staff roster, is a record gap, never trained. "
    "Roles and teams are those in force on the day, from the staff assignments history where "
    "one is loaded."
)

st.subheader("Time to decision")
times_table = pd.DataFrame(
    {
        "Team": times["team_name"],
        "Decisions": times["decisions"],
        "With a request time": times["timed_decisions"],
        "Median": [hours(v) for v in times["median_hours_to_decision"]],
        "90th percentile": [hours(v) for v in times["p90_hours_to_decision"]],
    }
)
ui.table(times_table, "Time to decision", "times", empty)
st.caption(
    "From the request or concern arriving to the decision, over decisions with a request time. "
    "One in ten decisions took longer than the 90th percentile."
)

st.subheader("Emergencies")
emergency = times[times["emergency_decisions"] > 0]
emergency_table = pd.DataFrame(
    {
        "Team": emergency["team_name"],
        "Emergency decisions": emergency["emergency_decisions"],
        "Median to decision": [hours(v) for v in emergency["emergency_median_hours_to_decision"]],
        "90th percentile": [hours(v) for v in emergency["emergency_p90_hours_to_decision"]],
        "Median to record": [hours(v) for v in emergency["emergency_median_hours_to_record"]],
        "Record time not written": emergency["emergency_not_recorded"],
    }
)
ui.table(
    emergency_table,
    "Emergency decisions",
    "emergencies",
    f"No decision {period} by the teams selected was made in an emergency.",
)
st.caption(
    "Emergency decisions are often recorded after the event: time to record runs from the "
    "decision to the record being written, over the records whose time was written. A blank "
    "record time is a gap in the record, counted apart, not a record written at once."
)
