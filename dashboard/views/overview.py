"""Overview: the headline measures, every team's RAG status, and the last 12 months."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.data import overview_trends, team_scorecard
from dashboard.overdue import overdue_actions_panel
from dashboard.page import start_page
from dashboard.warnings_panel import show_warnings
from metrics.filters import previous, trend_window
from metrics.overview import kpis_of, team_rag
from metrics.rag import NO_DECISIONS_CELL, rag_status
from presentation import charts
from presentation.formatting import percent

ctx = start_page(
    "Overview",
    "overview",
    "Which teams have the policies in place, which teams' staff are trained and in date, and "
    "how much each team shares and how well it records it.",
)
f = ctx.filters
before = previous(f)
st.markdown(
    f"Decisions **{ui.period_sentence(f.period_start, f.period_end)}**; policies and training "
    f"**as of {ui.day(f.as_of)}**. Changes compare with "
    f"{ui.period_sentence(before.period_start, before.period_end)} "
    f"(as of {ui.day(before.as_of)})."
)
show_warnings(ctx)
overdue_actions_panel(ctx.con, f)

scorecard = team_scorecard(ctx.con, f, ctx.grace_days)
headline = kpis_of(scorecard, team_scorecard(ctx.con, before, ctx.grace_days))
headline = headline.set_index("measure")
bands = {
    "Policy coverage": ctx.thresholds.coverage,
    "Training completion": ctx.thresholds.training,
    "Record completeness": ctx.thresholds.completeness,
}
helps = {
    "Policy coverage": "Policies in place and in date, of the policies that apply to each "
    "team, as of the as-of date.",
    "Training completion": "Staff who must take a course and hold a passing, unexpired "
    "completion, as of the as-of date.",
    "Decisions logged": "Decisions to share or not to share made in the period.",
    "Share rate": "Decisions in the period that shared information, fully or partly. Neither "
    "higher nor lower is better in itself.",
    "Record completeness": "Decisions in the period, refusals included, whose record is "
    "complete: a reason and who decided; for shares also a lawful basis, a purpose and the "
    "Art 9 / Art 10 conditions where needed.",
}
# "Record completeness" does not fit a fifth of a laptop screen.
TILE_LABELS = {"Record completeness": "Complete records"}
wordings = {
    "Policy coverage": ("in place", "that apply"),
    "Training completion": ("in date", "required"),
    "Share rate": ("shared", "decisions"),
    "Record completeness": ("complete", "decisions"),
}
for column, (measure, row) in zip(st.columns(5), headline.iterrows(), strict=True):
    with column:
        numerator, previous_numerator = int(row["numerator"]), int(row["previous_numerator"])
        if pd.isna(row["denominator"]):
            ui.count_tile(measure, numerator, previous_numerator, helps[measure])
            continue
        denominator = int(row["denominator"])
        ui.ratio_tile(
            TILE_LABELS.get(measure, measure),
            numerator,
            denominator,
            wordings[measure],
            helps[measure],
            previous=(previous_numerator, int(row["previous_denominator"])),
            higher_is_better=measure != "Share rate",
            status=rag_status(numerator, denominator, bands[measure]) if measure in bands else None,
        )

st.subheader("Teams")
scores = team_rag(scorecard, ctx.thresholds)
team_table = pd.DataFrame(
    {
        "Team": scores["team_name"],
        "Overall": scores["overall_rag"].map(ui.rag_label),
        "Policy coverage": ui.rag_cells(
            scores, "coverage_rag", "policies_in_place", "policies_applying"
        ),
        "Training": ui.rag_cells(scores, "training_rag", "training_in_date", "training_required"),
        "Record completeness": [
            NO_DECISIONS_CELL if silent else cell
            for silent, cell in zip(
                scores["no_decisions_logged"],
                ui.rag_cells(scores, "completeness_rag", "complete_records", "decisions"),
                strict=True,
            )
        ],
        "Decisions": scores["decisions"],
        "Share rate": [
            percent(n, d) for n, d in zip(scores["shares"], scores["decisions"], strict=True)
        ],
    }
)
ui.table(
    team_table,
    "Team status",
    "teams",
    "No team matches the filters: choose another directorate or fewer teams.",
)
silent = scores.loc[scores["no_decisions_logged"], "team_name"].tolist()
if silent:
    st.warning(
        f"No decisions logged {ui.period_sentence(f.period_start, f.period_end)} by "
        + ", ".join(silent)
        + ": these teams have staff who make sharing decisions, yet recorded none, to share "
        "or not to share. Silence is not compliance: find out whether the decisions were made "
        "and not logged, or never made.",
        icon=":material/warning:",
    )
st.caption(
    "● Green · ▲ Amber · ■ Red · ○ No data. Overall is the worst of a team's three statuses; "
    "no data means there was nothing to count (for example no decision maker and no decision "
    "in the period), and it never counts as red. ▲ No decisions logged: the team has decision "
    "makers in post but logged no decision in the period, which is amber."
)

st.subheader("Last 12 months")
trends = overview_trends(ctx.con, f, ctx.grace_days)
trend_table = pd.DataFrame(
    {
        "measure": trends["measure"],
        "month": trends["month"],
        "numerator": trends["numerator"],
        "denominator": trends["denominator"],
        "shown": [
            percent(int(n), int(d))
            for n, d in zip(trends["numerator"], trends["denominator"], strict=True)
        ],
        "value": trends["value"],
    }
)
has_trend = bool(trend_table["denominator"].sum())
st.markdown("**Policy coverage, training, share rate and complete records**")
ui.chart(
    charts.ratio_trend_figure,
    trend_table if has_trend else trend_table.iloc[0:0],
    "Trends",
    "trends",
    "Nothing to measure in the last 12 months for the teams selected.",
)
st.caption(
    "Policy coverage and training: as of each month end (the last point as of the as-of date). "
    "Share rate and record completeness: decisions made in each month."
)
st.markdown("**Decisions logged per month**")
monthly = trends.loc[trends["measure"] == "Share rate", ["month", "denominator"]].rename(
    columns={"denominator": "decisions"}
)
ui.chart(
    charts.monthly_decisions_figure,
    monthly if int(monthly["decisions"].sum()) else monthly.iloc[0:0],
    "Decisions per month",
    "decisions_month",
    "No decisions were logged in the last 12 months by the teams selected.",
)
note = ui.part_months_note(trend_window(f).period_start, f.period_end)
if note:
    st.caption(note)
