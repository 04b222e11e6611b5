"""Training: which teams' staff are trained and in date, and whom to chase."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.data import (
    assignment_history,
    training_completion_by_team,
    training_completion_by_team_course,
    training_completion_trend,
    training_exceptions,
)
from dashboard.page import start_page
from metrics.rag import rag_status
from presentation import charts
from presentation.formatting import percent

ROSTER_ONLY = (
    "Staff are counted in the team and role the roster gives them today: load an assignments "
    "history to measure past dates with the team and role staff had then."
)
# Course titles are long: their columns are cut to this width (the full title is in the help).
COURSE_COLUMN_PX = 150

ctx = start_page(
    "Training",
    "training",
    "Staff in post who must take a course count for it once past the new-starter grace "
    "period, unless exempt; they are in date with a passing completion that has not expired.",
)
f = ctx.filters
as_of = ui.day(f.as_of)
st.markdown(
    f"As of **{as_of}**. New starters count from {ctx.grace_days} days after they start "
    "(setting `training.grace_days`)."
)
if int(assignment_history(ctx.con)["assignments"].iloc[0]) == 0:
    st.markdown(ROSTER_ONLY)

by_team = training_completion_by_team(ctx.con, f, ctx.grace_days)
by_course = training_completion_by_team_course(ctx.con, f, ctx.grace_days)
exceptions = training_exceptions(ctx.con, f, ctx.grace_days)
trend = training_completion_trend(ctx.con, f, ctx.grace_days)

in_date, required = int(by_team["in_date"].sum()), int(by_team["required"].sum())
chase = exceptions[exceptions["status"] != "in date"]
expiring = exceptions[exceptions["status"] == "in date"]
tiles = st.columns(4)
with tiles[0]:
    ui.ratio_tile(
        "Training completion",
        in_date,
        required,
        ("in date", "required"),
        "Course requirements in date, of all requirements, over the teams selected.",
        status=rag_status(in_date, required, ctx.thresholds.training),
    )
with tiles[1]:
    ui.text_tile(
        "Overdue",
        f"{int((chase['status'] == 'overdue').sum()):,}",
        "Requirements whose latest pass has expired.",
    )
with tiles[2]:
    ui.text_tile(
        "Never trained",
        f"{int((chase['status'] == 'never trained').sum()):,}",
        "Requirements with no pass on or before the as-of date.",
    )
with tiles[3]:
    ui.text_tile(
        "Expiring within 30 days",
        f"{int((expiring['action'] == 'expires within 30 days').sum()):,}",
        "Requirements in date that expire within 30 days of the as-of date.",
    )

st.subheader("Completion per team")
team_table = pd.DataFrame(
    {
        "Team": by_team["team_name"],
        "Directorate": by_team["directorate"],
        "Completion": [
            ui.rag_cell(rag_status(n, d, ctx.thresholds.training), n, d)
            for n, d in zip(by_team["in_date"], by_team["required"], strict=True)
        ],
        "In date": by_team["in_date"],
        "Required": by_team["required"],
    }
)
no_one = f"No member of staff in the teams selected had to be trained on {as_of}."
ui.table(team_table, "Completion per team", "team", no_one)

st.subheader("Completion per team and course")
course_names = dict(zip(by_course["course_id"], by_course["course_title"], strict=True))
course_table = (
    by_course.assign(
        shown=[
            ui.rag_cell(rag_status(n, d, ctx.thresholds.training), n, d, compact=True)
            for n, d in zip(by_course["in_date"], by_course["required"], strict=True)
        ]
    )
    .pivot(index="team_name", columns="course_id", values="shown")
    .rename(columns=course_names)
    .fillna("not required")
    .reset_index()
    .rename(columns={"team_name": "Team"})
)
course_table.columns.name = None
ui.table(
    course_table,
    "Completion per team and course",
    "team_course",
    f"No member of staff in the teams selected had to take a course on {as_of}.",
    column_config={
        "Team": st.column_config.TextColumn(pinned=True),
        **{
            title: st.column_config.TextColumn(width=COURSE_COLUMN_PX, help=title)
            for title in course_names.values()
        },
    },
)
st.caption("● Green · ▲ Amber · ■ Red, by the training thresholds in the settings.")

st.subheader("Completion over the last 12 months")
trend_table = trend.assign(
    shown=[percent(n, d) for n, d in zip(trend["in_date"], trend["required"], strict=True)],
    value=[n / d if d else None for n, d in zip(trend["in_date"], trend["required"], strict=True)],
)
ui.chart(
    lambda data: charts.completion_trend_figure(data, "Training completion"),
    trend_table if int(trend_table["required"].sum()) else trend_table.iloc[0:0],
    "Training completion trend",
    "trend",
    "No member of staff in the teams selected had to be trained in the last 12 months.",
)
st.caption("Each point is completion as of a month end, from the training history.")

st.subheader("Overdue or never trained")
chase_table = pd.DataFrame(
    {
        "Status": chase["status"],
        "Team": chase["team_name"],
        "Name": chase["name"],
        "Role": chase["role"],
        "Course": chase["course_title"],
        "Expired on": chase["expires_on"],
        "Staff ID": chase["staff_id"],
    }
)
ui.table(
    chase_table,
    "Overdue or never trained",
    "chase",
    f"Everyone who had to be trained on {as_of} was in date." if required else no_one,
)

st.subheader("Expiring in the next 30, 60 or 90 days")
expiring_table = pd.DataFrame(
    {
        "Expires": expiring["action"],
        "Team": expiring["team_name"],
        "Name": expiring["name"],
        "Role": expiring["role"],
        "Course": expiring["course_title"],
        "Expires on": expiring["expires_on"],
        "Days left": expiring["days_to_expiry"],
        "Staff ID": expiring["staff_id"],
    }
)
ui.table(
    expiring_table,
    "Training expiring",
    "expiring",
    f"No completion expires within 90 days of {as_of}." if required else no_one,
)
