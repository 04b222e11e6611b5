"""The ICO's 10-step guide to sharing information to safeguard children (2023), per team.

Each step has the indicators DATA_CONTRACT.md lists for it; the first is the step's headline,
shown in the team × step matrix. Every indicator is a column pair (or a single column) of
ico_steps_by_team.sql, and its definition is the MEASURES entry it names, so the page and
docs/measures.md say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from metrics.definitions import MEASURES, Measure
from metrics.filters import Filters
from metrics.query import filter_params, run
from metrics.rag import LABELS, NO_DATA, Thresholds, rag_status
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
        "Assess the risks of sharing, with a data protection impact assessment (DPIA) where it "
        "is likely to be high risk, and take your data protection officer's advice, without "
        "letting that stop sharing a child needs.",
    ),
    Step(
        6,
        "6 Agreements",
        "Data sharing agreement",
        "Where you share routinely with the same organisations, set out the arrangement in a "
        "data sharing agreement. One-off and emergency sharing does not need one.",
    ),
    Step(
        7,
        "7 Principles",
        "Data protection principles",
        "Follow the data protection principles and be able to show it: keep a record of each "
        "decision and the reasons for it, whether you shared or not.",
    ),
    Step(
        8,
        "8 Lawful basis",
        "The right lawful basis",
        "Identify the right lawful basis before sharing, and an Article 9 condition for special "
        "category data. Consent is rarely right when a child is at risk, and legitimate "
        "interests is not open to public authorities for their tasks.",
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


INDICATORS: tuple[Indicator, ...] = (
    _courses(1, "ICO step 1: courses in date", "Step-1 courses in date"),
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
    _policies(3, "ICO step 3: policies in place", "Step-3 policies in place"),
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
    _policies(4, "ICO step 4: policies in place", "Step-4 policies in place"),
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
    _policies(5, "ICO step 5: policies (DPIA) in place", "Step-5 policies (DPIA) in place"),
    Indicator(
        5,
        "ICO step 5: DPO consulted on special category shares",
        "DPO consulted (special category shares)",
        "special_category_shares_dpo",
        "special_category_shares",
        counted="special category shares on which the data protection officer was consulted",
        out_of="shares of special category data (health, ethnicity, sexual life and the like)",
        band=COMPLETENESS,
    ),
    Indicator(
        6,
        "ICO step 6: routine shares with a data sharing agreement",
        "Routine shares with a DSA reference",
        "routine_shares_with_dsa",
        "routine_shares",
        counted="routine shares whose record names a data sharing agreement",
        out_of="routine shares (one-off and emergency shares are not counted)",
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
        "Complete share records",
        "complete_records",
        "shares",
        counted="shares whose record has a lawful basis, an Art 9 condition where special "
        "category, a reason and a purpose",
        out_of="shares",
        band=COMPLETENESS,
    ),
    Indicator(
        8,
        "ICO step 8: shares with a lawful basis",
        "Lawful basis (and Art 9 condition) recorded",
        "shares_with_lawful_basis",
        "shares",
        counted="shares with a lawful basis recorded, and an Art 9 condition where special "
        "category data was shared",
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
    _policies(9, "ICO step 9: policies in place", "Step-9 policies in place"),
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
    _courses(10, "ICO step 10: courses in date", "Step-10 courses in date"),
    _policies(10, "ICO step 10: policies in place", "Step-10 policies in place"),
)


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


def ico_step_results(by_team: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """One row per row of ico_steps_by_team and indicator, in step order: numerator,
    denominator (missing for counts and times), hours (times only) and RAG status."""
    rows = []
    for team in by_team.itertuples(index=False):
        for indicator in INDICATORS:
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
                    "status": indicator_status(
                        indicator, numerator or 0, denominator or 0, thresholds
                    ),
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
