"""The ICO's 10-step guide to sharing information to safeguard children (2023), per team.

Each step has the indicators DATA_CONTRACT.md lists for it; the first is the step's headline,
shown in the team × step matrix. Every indicator is a column pair (or a single column) of
ico_steps_by_team.sql, and its definition is the MEASURES entry it names, so the page and
docs/measures.md say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from core.dates import month_end
from metrics.definitions import MEASURES, PERIOD, Measure
from metrics.filters import Filters, trend_month_ends, trend_window
from metrics.query import filter_params, run
from metrics.rag import AMBER, LABELS, NO_DATA, Thresholds, no_decisions_logged, rag_status
from metrics.sharing import months_of
from metrics.training import GRACE_DAYS

# How an indicator is read: a share of a denominator (with a RAG status when it has a band),
# a flag count out of a denominator, a count, or a median in hours.
RATIO, FLAG, COUNT, HOURS = "ratio", "flag", "count", "hours"
# The RAG band of the policy, course and record indicators (attributes of Thresholds).
COVERAGE, TRAINING, COMPLETENESS = "coverage", "training", "completeness"
# The first character of every RAG label (`■ Red`): what starts a RAG cell.
RAG_SYMBOLS = frozenset(label[0] for label in LABELS.values())


@dataclass(frozen=True)
class Step:
    """One of the ICO's ten steps."""

    number: int
    short_name: str
    title: str
    asks: str


@dataclass(frozen=True)
class Indicator:
    """One indicator of a step, over columns of ico_steps_by_team."""

    step: int
    measure: str
    label: str
    numerator: str
    denominator: str | None
    counted: str
    out_of: str | None
    kind: str = RATIO
    band: str | None = None


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "1 Know the law",
        "Be clear how data protection helps you share",
        "Data protection law is not a barrier to sharing information to keep a child safe. "
        "Staff should know it well enough to share with confidence when they need to.",
    ),
    Step(
        2,
        "2 Objective",
        "Identify your objective; share what you need",
        "Be clear why you are sharing, and share the information needed for that purpose, "
        "no more and no less.",
    ),
    Step(
        3,
        "3 Policies",
        "Clear and secure policies and systems",
        "Have clear policies and secure systems for sharing, and train staff in them, so that "
        "sharing is consistent, safe and done by people who know how.",
    ),
    Step(
        4,
        "4 Transparency",
        "Transparency and individual rights",
        "Tell children and families how and why their information is shared, unless telling "
        "them would put the child at risk, and respect their rights.",
    ),
    Step(
        5,
        "5 Risks",
        "Assess the risks and share as needed",
        "Assess the risks of sharing and of not sharing: not sharing can put a child at risk. "
        "Carry out a data protection impact assessment (DPIA) for a sharing arrangement likely "
        "to be high risk (UK GDPR Art 35), with your data protection officer's advice, without "
        "letting it delay a share a child needs; record why when you decide not to share. The "
        "DPIA behind each sharing arrangement is read from the agreements register.",
    ),
    Step(
        6,
        "6 Agreements",
        "Data sharing agreement",
        "Where you share routinely with the same organisations, set out the arrangement in a "
        "data sharing agreement. The absence of an agreement must never delay an emergency "
        "share, but the ICO advises agreeing emergency arrangements with likely partners in "
        "advance. A share whose record does not say whether it was routine is a gap here.",
    ),
    Step(
        7,
        "7 Principles",
        "Data protection principles",
        "Follow the data protection principles and be able to show it: keep a record of each "
        "decision and the reasons for it, whether you shared or not, as the DfE's "
        "“Information sharing: advice for practitioners providing safeguarding services for "
        "children, young people, parents and carers” (May 2024) also asks.",
    ),
    Step(
        8,
        "8 Lawful basis",
        "The right lawful basis",
        "Identify the right lawful basis before sharing (UK GDPR Art 6(1)), an Art 9 condition "
        "(DPA 2018 Sch 1) for special category data and an Art 10 condition (DPA 2018 Sch 1 "
        "Parts 1 to 3) for criminal offence data; a competent authority's law enforcement "
        "processing (DPA 2018 Part 3) rests instead on s35 and a Sch 8 condition (para 4: "
        "safeguarding of children and of individuals at risk). Consent is rarely right when a "
        "child is at risk; legitimate interests and recognised legitimate interests (Art "
        "6(1)(ea), inserted by the Data (Use and Access) Act 2025 s70) are not open to public "
        "authorities for their tasks (Art 6(1), last subparagraph, as amended).",
    ),
    Step(
        9,
        "9 Emergencies",
        "Sharing in an emergency",
        "In an emergency, share what is necessary and proportionate without delay, and record "
        "what was shared and why as soon as possible afterwards.",
    ),
    Step(
        10,
        "10 Sharing code",
        "Read the data sharing code",
        "Read the ICO's data sharing code of practice and keep practice in line with it.",
    ),
)

# In step order; the first indicator of each step is its headline. `counted` and `out_of` say
# in plain words what the numerator and denominator count; MEASURES has the exact rules.
POLICIES_OUT_OF = "step-{n} policies that apply to the team (“not applicable” ones left out)"
COURSES_OUT_OF = (
    "step-{n} course requirements: each step-{n} course each member of staff must hold (in "
    "post, past the new-starter grace period and not exempt)"
)

ROUTINE_OUT_OF = (
    "routine shares and shares whose record does not say whether they were routine (one-off "
    "and emergency shares are not counted)"
)


def _policies(step: int, measure: str, label: str) -> Indicator:
    return Indicator(
        step,
        measure,
        label,
        f"step{step}_policies_in_place",
        f"step{step}_policies_applying",
        counted=f"step-{step} policies in place and in date for the team",
        out_of=POLICIES_OUT_OF.format(n=step),
        band=COVERAGE,
    )


def _courses(step: int, measure: str, label: str) -> Indicator:
    return Indicator(
        step,
        measure,
        label,
        f"step{step}_courses_in_date",
        f"step{step}_courses_required",
        counted=f"step-{step} course requirements held in date (passed, and not expired)",
        out_of=COURSES_OUT_OF.format(n=step),
        band=TRAINING,
    )


def _policies_named(step: int) -> Indicator:
    return _policies(step, f"ICO step {step}: policies in place", f"Step-{step} policies in place")


def _courses_named(step: int) -> Indicator:
    return _courses(step, f"ICO step {step}: courses in date", f"Step-{step} courses in date")


# Each step's own indicators, headline first; every step also gets its policies and courses
# (those tagged with its ico_step), so nothing tagged for a step is left unmeasured.
_OWN: tuple[Indicator, ...] = (
    _courses_named(1),
    Indicator(
        1,
        "ICO step 1: decisions by staff trained on the day",
        "Decisions by staff trained on the day",
        "decisions_by_trained_staff",
        "decisions",
        counted="decisions whose decision maker (and authoriser, if any) held every course "
        "required of them in date on the day of the decision",
        out_of="all decisions, to share and not to share (a blank decision maker counts as not "
        "trained: a record gap)",
        band=TRAINING,
    ),
    Indicator(
        1,
        "ICO step 1: decisions by staff whose training had lapsed",
        "Decisions by staff whose training had lapsed",
        "decisions_by_untrained_staff",
        None,
        counted="decisions made or authorised by staff missing a required course, or holding "
        "one that had expired, on the day",
        out_of=None,
        kind=COUNT,
    ),
    Indicator(
        2,
        "ICO step 2: shares with purpose and data categories",
        "Purpose and data categories recorded",
        "shares_with_objective",
        "shares",
        counted="shares whose record gives both the purpose and the categories of data shared",
        out_of="shares (decisions to share fully or partly)",
        band=COMPLETENESS,
    ),
    _policies_named(3),
    Indicator(
        3,
        "Training completion",
        "Training completion (all courses)",
        "training_in_date",
        "training_required",
        counted="course requirements held in date, all courses",
        out_of="course requirements, all courses (staff in post, past the new-starter grace "
        "period and not exempt)",
        band=TRAINING,
    ),
    _policies_named(4),
    Indicator(
        4,
        "ICO step 4: family-informed position recorded",
        "Family-informed position recorded",
        "shares_family_informed",
        "shares",
        counted="shares whose record says whether the family was told (any answer, “not told: "
        "it would put the child at risk” included)",
        out_of="shares",
        band=COMPLETENESS,
    ),
    Indicator(
        5,
        "ICO step 5: routine shares under an agreement with a DPIA",
        "Routine shares under an agreement with a DPIA",
        "routine_shares_with_dpia",
        "routine_shares",
        counted="routine shares citing an agreement of the register that was in force on the "
        "day of the share and had a DPIA dated on or before that day",
        out_of=ROUTINE_OUT_OF,
        band=COMPLETENESS,
    ),
    Indicator(
        5,
        "ICO step 5: refusals with the reason recorded",
        "Refusals with the reason recorded (risk of not sharing)",
        "refusals_with_reason",
        "refusals",
        counted="decisions not to share whose record gives the reason, so the risk of not "
        "sharing was weighed and can be shown",
        out_of="decisions not to share",
        band=COMPLETENESS,
    ),
    Indicator(
        6,
        "ICO step 6: routine shares under an agreement in force",
        "Routine shares under an agreement in force",
        "routine_shares_under_agreement",
        "routine_shares",
        counted="routine shares citing an agreement of the register that was in force on the "
        "day of the share (signed, not a draft, not yet ended)",
        out_of=ROUTINE_OUT_OF,
        band=COMPLETENESS,
    ),
    Indicator(
        7,
        "ICO step 7: decisions with a reason recorded",
        "Reason recorded (all decisions)",
        "decisions_with_reason",
        "decisions",
        counted="decisions with the reason for them recorded",
        out_of="all decisions, to share and not to share",
        band=COMPLETENESS,
    ),
    Indicator(
        7,
        "Record completeness",
        "Complete records (shares and refusals)",
        "complete_records",
        "decisions",
        counted="decisions whose record is complete: for a refusal, the reason and who "
        "decided; for a share also the lawful basis, the purpose, and the Art 9 / Art 10 (or "
        "Part 3) conditions where needed",
        out_of="all decisions, to share and not to share",
        band=COMPLETENESS,
    ),
    Indicator(
        8,
        "ICO step 8: shares with a lawful basis",
        "Lawful basis (and Art 9 / Art 10 conditions) recorded",
        "shares_with_lawful_basis",
        "shares",
        counted="shares with a lawful basis recorded, whether special category and criminal "
        "offence data were involved recorded, and the condition each needs: Art 9 and Art 10 "
        "(DPA 2018 Sch 1), or for law enforcement processing (DPA 2018 Part 3) a s35 condition "
        "from Sch 8",
        out_of="shares",
        band=COMPLETENESS,
    ),
    Indicator(
        8,
        "ICO step 8: shares on consent (flag)",
        "⚑ Consent as the basis",
        "shares_on_consent",
        "shares",
        counted="shares made with consent as the lawful basis",
        out_of="shares",
        kind=FLAG,
    ),
    Indicator(
        8,
        "ICO step 8: shares on legitimate interests (flag)",
        "⚑ Legitimate interests as the basis",
        "shares_on_legitimate_interests",
        "shares",
        counted="shares made with legitimate interests as the lawful basis",
        out_of="shares",
        kind=FLAG,
    ),
    Indicator(
        8,
        "ICO step 8: shares on recognised legitimate interests (flag)",
        "⚑ Recognised legitimate interests as the basis",
        "shares_on_recognised_legitimate_interests",
        "shares",
        counted="shares made with recognised legitimate interests (UK GDPR Art 6(1)(ea)) as "
        "the lawful basis",
        out_of="shares",
        kind=FLAG,
    ),
    _policies_named(9),
    Indicator(
        9,
        "Emergency decisions",
        "Emergency decisions",
        "emergency_decisions",
        None,
        counted="decisions made in an emergency",
        out_of=None,
        kind=COUNT,
    ),
    Indicator(
        9,
        "Time from request to decision",
        "Emergency: median time to decision",
        "emergency_median_hours_to_decision",
        None,
        counted="the median time from the request or concern arriving to the decision, over "
        "emergency decisions with a request time",
        out_of=None,
        kind=HOURS,
    ),
    Indicator(
        9,
        "Time from emergency decision to record",
        "Emergency: median time to record",
        "emergency_median_hours_to_record",
        None,
        counted="the median time from an emergency decision to its record being written (none "
        "when written at once)",
        out_of=None,
        kind=HOURS,
    ),
    _courses_named(10),
)


def _with_tagged(own: tuple[Indicator, ...]) -> tuple[Indicator, ...]:
    """own, each step followed by its policy and course indicators that own lacks."""
    result: list[Indicator] = []
    for step in range(1, 11):
        mine = [i for i in own if i.step == step]
        have = {i.numerator for i in mine}
        extra = [
            i for i in (_policies_named(step), _courses_named(step)) if i.numerator not in have
        ]
        result += mine + extra
    return tuple(result)


INDICATORS: tuple[Indicator, ...] = _with_tagged(_OWN)


def step_indicators(step: int) -> tuple[Indicator, ...]:
    """The indicators of one step, headline first."""
    return tuple(i for i in INDICATORS if i.step == step)


def headline(step: int) -> Indicator:
    """The indicator a step is shown by in the team × step matrix."""
    return step_indicators(step)[0]


def measure_of(indicator: Indicator) -> Measure:
    """The MEASURES entry that defines an indicator."""
    return next(m for m in MEASURES if m.name == indicator.measure)


def ico_steps_by_team(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """Per team in scope, then all teams in scope (team_id missing): the counts behind every
    indicator, policies and courses as of f.as_of, decisions over the period."""
    return run(con, "ico_steps_by_team", filter_params(f) | {"grace_days": grace_days})


def indicator_status(indicator: Indicator, numerator: int, denominator: int, t: Thresholds) -> str:
    """The RAG status of a banded ratio; no_data for everything else and for 0 of 0."""
    if indicator.band is None:
        return NO_DATA
    return rag_status(numerator, denominator, getattr(t, indicator.band))


def reads_decisions(indicator: Indicator) -> bool:
    """Whether a rated indicator counts decisions in the period (not policies or courses)."""
    return indicator.band is not None and measure_of(indicator).timing == PERIOD


def ico_step_results(by_team: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """One row per row of ico_steps_by_team and indicator, in step order: numerator,
    denominator (missing for counts and times), hours (times only) and RAG status. A team with
    decision makers in post and no decision logged in the period is amber, with
    no_decisions_logged set, on every rated decision indicator."""
    rows = []
    for team in by_team.itertuples(index=False):
        silent = no_decisions_logged(int(team.decisions), int(team.decision_makers))
        for indicator in INDICATORS:
            flagged = silent and reads_decisions(indicator)
            value = getattr(team, indicator.numerator)
            is_hours = indicator.kind == HOURS
            numerator = None if is_hours else int(value)
            denominator = (
                int(getattr(team, indicator.denominator)) if indicator.denominator else None
            )
            rows.append(
                {
                    "team_id": team.team_id,
                    "team_name": team.team_name,
                    "step": indicator.step,
                    "label": indicator.label,
                    "headline": indicator is headline(indicator.step),
                    "numerator": numerator,
                    "denominator": denominator,
                    "hours": None if not is_hours or pd.isna(value) else float(value),
                    "status": AMBER
                    if flagged
                    else indicator_status(indicator, numerator or 0, denominator or 0, thresholds),
                    "no_decisions_logged": flagged,
                }
            )
    columns = [
        "team_id",
        "team_name",
        "step",
        "label",
        "headline",
        "numerator",
        "denominator",
        "hours",
        "status",
        "no_decisions_logged",
    ]
    return pd.DataFrame(rows, columns=columns).astype(
        {"numerator": "Int64", "denominator": "Int64", "hours": "Float64"}
    )


def band_sentence(indicator: Indicator, thresholds: Thresholds) -> str:
    """`Green from 98 %, amber from 90 %, red below.`, or that the indicator is not rated."""
    if indicator.band is None:
        return "Not rated red, amber or green."
    band = getattr(thresholds, indicator.band)
    green, amber = round(100 * band.green), round(100 * band.amber)
    return f"Green {'at' if green >= 100 else 'from'} {green} %, amber from {amber} %, red below."


def flag_text(flagged: int, shares: int) -> str:
    """`⚑ 1 of 6 shares`, `none of 6 shares`, or `no shares`."""
    if shares == 0:
        return "no shares"
    return f"⚑ {flagged:,} of {shares:,} shares" if flagged else f"none of {shares:,} shares"


def unbroken(text: object) -> object:
    """A RAG cell (`■ Red · 93.4 % (885 of 947)`) with non-breaking spaces inside each part, so
    that a narrow column wraps it only into `■ Red ·`, `93.4 %` and `(885 of 947)`. Anything
    else is returned as it is."""
    if not isinstance(text, str) or text[:1] not in RAG_SYMBOLS or text[1:2] != " ":
        return text
    nbsp = "\u00a0"
    glued = text.replace(" of ", f"{nbsp}of{nbsp}").replace(" %", f"{nbsp}%")
    glued = glued.replace(" · ", f"{nbsp}· ").replace("No data", f"No{nbsp}data")
    return glued[:1] + nbsp + glued[2:]


def lower_first(text: str) -> str:
    """`Routine shares with a DSA reference` -> `routine shares with a DSA reference`."""
    return text[:1].lower() + text[1:]


def headline_counts(by_team: pd.DataFrame) -> pd.DataFrame:
    """Per row of ico_steps_by_team (team_id missing: all teams in scope) and step, the headline
    indicator's numerator and denominator, and whether decision makers in post logged nothing."""
    rows = []
    for team in by_team.itertuples(index=False):
        silent = no_decisions_logged(int(team.decisions), int(team.decision_makers))
        for step in STEPS:
            indicator = headline(step.number)
            rows.append(
                {
                    "team_id": None if pd.isna(team.team_id) else team.team_id,
                    "team_name": team.team_name,
                    "step": step.number,
                    "numerator": int(getattr(team, indicator.numerator)),
                    "denominator": int(getattr(team, indicator.denominator or "decisions")),
                    "no_decisions_logged": silent and reads_decisions(indicator),
                }
            )
    columns = ["team_id", "team_name", "step", "numerator", "denominator", "no_decisions_logged"]
    return pd.DataFrame(rows, columns=columns)


def ico_step_trend(
    con: duckdb.DuckDBPyConnection, f: Filters, grace_days: int = GRACE_DAYS
) -> pd.DataFrame:
    """All teams in scope, per month of the last 12 and step: the headline indicator's numerator
    and denominator, as in the matrix. A headline read from the decisions counts each calendar
    month of the 12 ending with the period (the last one up to its end); one on policies or
    courses is taken as of each month end (the last at f.as_of), as the other trends are.

    Each month is one run of ico_steps_by_team, the matrix's own query, so the trend and the
    matrix can never define a step differently."""
    flow_months = months_of(trend_window(f).period_start, f.period_end)
    rows = []
    for month, as_of in zip(flow_months, trend_month_ends(f.as_of), strict=True):
        window = replace(
            f,
            period_start=month,
            period_end=min(month_end(month), f.period_end),
            as_of=as_of,
        )
        every = ico_steps_by_team(con, window, grace_days).tail(1)
        # No team in scope existed or decided that month: nothing to count, 0 of 0.
        counts = headline_counts(every).set_index("step") if len(every) else None
        for step in STEPS:
            stock = measure_of(headline(step.number)).timing != PERIOD
            found = counts.loc[step.number] if counts is not None else None
            rows.append(
                {
                    "step": step.number,
                    "month": as_of.replace(day=1) if stock else month,
                    "from_date": as_of if stock else window.period_start,
                    "to_date": as_of if stock else window.period_end,
                    "numerator": 0 if found is None else int(found["numerator"]),
                    "denominator": 0 if found is None else int(found["denominator"]),
                    "no_decisions_logged": found is not None and bool(found["no_decisions_logged"]),
                }
            )
    columns = [
        "step",
        "month",
        "from_date",
        "to_date",
        "numerator",
        "denominator",
        "no_decisions_logged",
    ]
    return pd.DataFrame(rows, columns=columns).sort_values(["step", "month"], ignore_index=True)
