"""ICO ten steps: each team against the ICO's guide to sharing information to safeguard children."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard import ui
from dashboard.data import ico_steps_by_team
from dashboard.page import start_page
from metrics.definitions import AS_OF
from metrics.ico_steps import (
    COUNT,
    FLAG,
    HOURS,
    STEPS,
    Indicator,
    band_sentence,
    flag_text,
    headline,
    ico_step_results,
    lower_first,
    measure_of,
    step_indicators,
    unbroken,
)
from metrics.rag import NO_DECISIONS_CELL
from presentation.formatting import hours

# A little smaller than body text, so that ten steps fit beside the team on a laptop.
MATRIX_FONT = "0.8rem"
# The steps whose decision-record indicators go blank when no decision was logged.
DECISION_STEPS = "steps 2, 6, 7 and 8, and the decision-record indicators of steps 4, 5 and 9"

ctx = start_page(
    "ICO ten steps",
    "ico steps",
    "Each team measured against the ICO's “10 step guide to sharing information to safeguard "
    "children” (2023): at least one indicator per step, from the policies, training and "
    "decision records held here.",
)
f = ctx.filters
period = ui.period_sentence(f.period_start, f.period_end)
as_of = ui.day(f.as_of)
st.markdown(f"Policies and training **as of {as_of}**; decisions made **{period}**.")
# Inactive teams are listed only when they logged decisions in the period.
no_team = (
    f"No team selected is active or logged a decision {period}: choose other teams or another "
    "directorate."
)

by_team = ico_steps_by_team(ctx.con, f, ctx.grace_days)
if by_team.empty:
    st.info(no_team, icon=":material/info:")
    st.stop()
results = ico_step_results(by_team, ctx.thresholds)
teams = by_team[["team_id", "team_name"]].reset_index(drop=True)


def cell(indicator: Indicator, row: pd.Series) -> object:
    """What a table shows for one indicator of one team."""
    n, d = row["numerator"], row["denominator"]
    if indicator.kind == HOURS:
        return hours(None if pd.isna(row["hours"]) else float(row["hours"]))
    if indicator.kind == COUNT:
        return int(n)
    if indicator.kind == FLAG:
        return flag_text(int(n), int(d))
    if row["no_decisions_logged"]:
        return NO_DECISIONS_CELL
    return ui.rag_cell(row["status"], int(n), int(d))


def team_cells(indicator: Indicator) -> list[object]:
    """One indicator's cells, in the order of the teams."""
    rows = results[results["label"] == indicator.label]
    return [cell(indicator, row) for _, row in rows.iterrows()]


all_teams = by_team[by_team["team_id"].isna()].iloc[0]
# Teams with decision makers in post that logged nothing: amber, never "no data".
silent = by_team.loc[
    by_team["team_id"].notna() & (by_team["decisions"] == 0) & (by_team["decision_makers"] > 0),
    "team_name",
].tolist()
if not results.loc[results["team_id"].isna(), "denominator"].fillna(0).gt(0).any() and not silent:
    st.info(
        f"Nothing to measure for the teams selected: no policy or course applies to them as of "
        f"{as_of}, and they logged no decisions {period}.",
        icon=":material/info:",
    )
elif int(all_teams["decisions"]) == 0 and not silent:
    st.info(
        f"No decisions were logged {period} by the teams selected, so {DECISION_STEPS} show "
        f"no data. Policies and training are still measured as of {as_of}.",
        icon=":material/info:",
    )
if silent:
    st.warning(
        f"No decisions logged {period} by " + ", ".join(silent) + ": these teams have staff "
        "who make sharing decisions, yet recorded none, to share or not to share, so their "
        "decision-record indicators are amber, not “no data”. Silence is not compliance.",
        icon=":material/warning:",
    )

st.subheader("Teams against the ten steps")
matrix = pd.DataFrame(
    {"Team": teams["team_name"]}
    | {step.short_name: team_cells(headline(step.number)) for step in STEPS}
)
# Ten steps side by side fit a laptop screen only when cells wrap: a static table wraps them,
# at the breaks `unbroken` leaves (the CSV has ordinary spaces).
styled_matrix = ui.styled(matrix)
if not isinstance(styled_matrix, Styler):
    styled_matrix = styled_matrix.style
st.table(
    styled_matrix.format(unbroken).set_properties(
        subset=[s.short_name for s in STEPS], **{"font-size": MATRIX_FONT}
    ),
    hide_index=True,
)
ui.download_csv(matrix, "Ten steps by team", "matrix")
st.caption(
    "Each cell is the step's headline indicator: "
    + " · ".join(f"{s.number} {lower_first(headline(s.number).label)}" for s in STEPS)
    + ". ● Green · ▲ Amber · ■ Red · ○ No data (nothing to count: never red) · ▲ No "
    "decisions logged (decision makers in post, no decision in the period: amber). Policy "
    "indicators are rated against the policy coverage thresholds, course indicators against "
    "the training thresholds, and decision-record indicators against the record completeness "
    "thresholds. Open a step below for what the ICO asks, how each indicator is counted, and "
    "every indicator per team."
)


st.subheader("Step by step")
st.caption(
    "“In place” and “in date” mean what they mean on the Policy coverage and Training pages. "
    "Shares are decisions to share information fully or partly. The exact rule behind each "
    "indicator is in the project's docs/measures.md, by the name given after it."
)
for step in STEPS:
    indicators = step_indicators(step.number)
    overall = matrix[step.short_name].iloc[-1]
    with st.expander(f"Step {step.number} · {step.title} — all teams: {overall}"):
        st.markdown(f"**What the ICO asks.** {step.asks}")
        lines = []
        for indicator in indicators:
            m = measure_of(indicator)
            when = f"as of {as_of}" if m.timing == AS_OF else f"in the period {period}"
            shown = " (shown in the matrix)" if indicator is headline(step.number) else ""
            if indicator.out_of is None:
                counted = f"{indicator.counted}; {when}."
            else:
                counted = f"counts {indicator.counted}, out of {indicator.out_of}; {when}."
            # A flag's notes say why it is flagged, and that it is not rated.
            rating = m.notes if indicator.kind == FLAG else band_sentence(indicator, ctx.thresholds)
            lines.append(f"- **{indicator.label}**{shown}: {counted} {rating} *({m.name})*")
        st.markdown("**How we measure it.**\n\n" + "\n".join(lines))
        detail = pd.DataFrame(
            {"Team": teams["team_name"]} | {i.label: team_cells(i) for i in indicators}
        )
        ui.table(
            detail,
            f"Step {step.number} by team",
            f"step_{step.number}",
            no_team,
        )
