"""Every measure the dashboard shows, defined once: docs/measures.md is rendered from it."""

from __future__ import annotations

from dataclasses import dataclass

PERIOD = "over the period"
AS_OF = "as of a date"


@dataclass(frozen=True)
class Measure:
    """One measure: what it counts, out of what, and when."""

    name: str
    numerator: str
    denominator: str
    timing: str
    unit: str
    query: str
    notes: str = ""


MEASURES: tuple[Measure, ...] = (
    Measure(
        name="Policy coverage",
        numerator="(team, policy) pairs in place and in date: the team's latest attestation on "
        "or before the date says `in_place`, is on or after the approval of the policy version "
        "in force then (the latest approved on or before the date), and that version's "
        "review_due is on or after the date",
        denominator="(team, policy) pairs that apply: teams in scope that existed on the date × "
        "policies with a "
        "version in force, less pairs whose latest attestation is `not_applicable` and on or "
        "after the approval of that version",
        timing=AS_OF,
        unit="% (in place of applying)",
        query="policy_coverage_by_team",
        notes="No attestation counts as not started; `partial` is not in place (shown apart); "
        "an `in_place` attestation made before the current version, or for a policy past its "
        "review date, is shown as out of date. A `not_applicable` made before the approval of "
        "the version in force lapses: the team must say again that the new version does not "
        'apply; until it does, the policy applies and is not in place, shown apart as "Not '
        'applicable (before the current version)" (`not_applicable_lapsed`; counted with not '
        "started in exports).",
    ),
    Measure(
        name="Policies due for review",
        numerator="policies whose version in force has review_due before the date, or within "
        "60 days after it (the 60th day included)",
        denominator="none (a list)",
        timing=AS_OF,
        unit="policies",
        query="policies_due_for_review",
    ),
    Measure(
        name="Attestations older than a year",
        numerator="(team, policy) pairs, for policies in force, whose latest attestation on or "
        "before the date was made more than a year before it (one made on the same "
        "day a year earlier is a year old, not older: not listed)",
        denominator="none (a list)",
        timing=AS_OF,
        unit="attestations",
        query="stale_attestations",
    ),
    Measure(
        name="Training completion",
        numerator="(staff member, course) requirements with a passing completion on or before "
        "the date that has not expired at it (expiry = completed_on + refresh_months months; "
        "refresh_months 0 never expires; in date up to the day before expiry)",
        denominator="(staff member, course) requirements: staff in post (start_date on or "
        "before the date, no end_date or end_date on or after it) in a team in scope that "
        "existed on the date (team, role and decision-maker flag as in force on the date: the "
        "assignment with the latest from_date on or before it where an assignments history "
        "is loaded, else the roster's), "
        "past the new-starter grace period (start_date + grace_days on or before the date), not "
        "exempt (no exempt_until, or exempt_until before the date), and required by the "
        "course's required_for",
        timing=AS_OF,
        unit="% (in date of required)",
        query="training_completion_by_team",
        notes="Per course and team the same rule gives staff in date / staff who must take it.",
    ),
    Measure(
        name="Staff overdue or never trained",
        numerator="requirements (as above) whose latest pass has expired (overdue) or that have "
        "no pass on or before the date (never trained)",
        denominator="none (a list)",
        timing=AS_OF,
        unit="requirements",
        query="training_exceptions",
    ),
    Measure(
        name="Training expiring in 30 / 60 / 90 days",
        numerator="requirements in date at the date whose expiry falls within 30, 60 or 90 "
        "days after it (each window includes its last day: expiring on day 30 is within 30 "
        "days)",
        denominator="none (a list)",
        timing=AS_OF,
        unit="requirements",
        query="training_exceptions",
    ),
    Measure(
        name="Decisions logged",
        numerator="decisions (shared, partially shared or not shared) whose decided_at date is "
        "in the period, by teams in scope (teams closed since included)",
        denominator="none (a count)",
        timing=PERIOD,
        unit="decisions",
        query="decisions_by_team",
    ),
    Measure(
        name="Share rate",
        numerator="decisions in the period that were `shared` or `partially_shared`",
        denominator="all decisions in the period",
        timing=PERIOD,
        unit="% (shares of decisions)",
        query="decisions_by_team",
    ),
    Measure(
        name="Record completeness",
        numerator="shares (shared or partially shared) in the period whose record has none of "
        "the four record gaps below",
        denominator="shares in the period",
        timing=PERIOD,
        unit="% (complete of shares)",
        query="decisions_by_team",
        notes="Only shares are judged: a refusal needs no lawful basis.",
    ),
    Measure(
        name="Record gap: no lawful basis",
        numerator="shares in the period with a blank lawful_basis",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="decisions_by_team",
    ),
    Measure(
        name="Record gap: special category with no Art 9 condition",
        numerator="shares in the period with special_category yes and a blank art9_condition",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="decisions_by_team",
        notes="A blank special_category counts as no.",
    ),
    Measure(
        name="Record gap: no reason recorded",
        numerator="shares in the period with reason_recorded not yes",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="decisions_by_team",
    ),
    Measure(
        name="Record gap: no purpose",
        numerator="shares in the period with a blank purpose",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="decisions_by_team",
    ),
    Measure(
        name="Decisions per month",
        numerator="decisions per calendar month, split shared / partially shared / not shared",
        denominator="none (a count)",
        timing=PERIOD,
        unit="decisions",
        query="decisions_by_month",
    ),
    Measure(
        name="Shares by recipient type",
        numerator="shares in the period per recipient_type",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="shares_by_recipient_type",
    ),
    Measure(
        name="Lawful-basis mix",
        numerator="shares in the period per lawful_basis (`not recorded` when blank)",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="shares_by_lawful_basis",
        notes="`consent` is rarely right when a child is at risk, and `legitimate_interests` "
        "is not open to public authorities for their tasks: both are flagged.",
    ),
    Measure(
        name="Emergency decisions",
        numerator="decisions in the period with emergency yes",
        denominator="none (a count)",
        timing=PERIOD,
        unit="decisions",
        query="decision_times",
    ),
    Measure(
        name="Time from request to decision",
        numerator="median and 90th percentile (linear interpolation) of decided_at minus "
        "request_received, for all decisions and for emergency decisions",
        denominator="decisions in the period with a request_received",
        timing=PERIOD,
        unit="hours",
        query="decision_times",
        notes="A value written without a time of day is compared at day precision (whole "
        "days: a request at 14:05 on the day of a date-only decision is 0 h, never -14 h); a "
        "request after its decision is refused at load, and any such pair stored earlier is "
        "left out, so no negative hours reach a median.",
    ),
    Measure(
        name="Time from emergency decision to record",
        numerator="median of recorded_at minus decided_at, over emergency decisions whose "
        "recorded_at was written (at day precision when either has no time of day)",
        denominator="emergency decisions in the period with a recorded_at",
        timing=PERIOD,
        unit="hours",
        query="decision_times",
        notes='A blank recorded_at means not recorded, never "recorded when decided": those '
        'emergency decisions are counted apart (`emergency_not_recorded`, "Record time not '
        'written" on the Sharing page) as a record gap. A record before its decision is '
        "refused at load.",
    ),
    # The ICO's 10-step guide (metrics/ico_steps.py); steps 3, 7 and 9 also use Training
    # completion, Record completeness and the emergency measures above.
    Measure(
        name="ICO step 1: courses in date",
        numerator="requirements in date, as for Training completion, for courses whose "
        "ico_step is 1",
        denominator="requirements, as for Training completion, for courses whose ico_step is 1",
        timing=AS_OF,
        unit="% (in date of required)",
        query="ico_steps_by_team",
    ),
    Measure(
        name="ICO step 2: shares with purpose and data categories",
        numerator="shares in the period with both a purpose and data_categories (not blank)",
        denominator="shares in the period",
        timing=PERIOD,
        unit="% (of shares)",
        query="ico_steps_by_team",
    ),
    Measure(
        name="ICO step 3: policies in place",
        numerator="(team, policy) pairs in place and in date, as for Policy coverage, for "
        "policies whose ico_step is 3",
        denominator="(team, policy) pairs that apply, as for Policy coverage, for policies whose "
        "ico_step is 3",
        timing=AS_OF,
        unit="% (in place of applying)",
        query="ico_steps_by_team",
    ),
    Measure(
        name="ICO step 4: policies in place",
        numerator="(team, policy) pairs in place and in date, as for Policy coverage, for "
        "policies whose ico_step is 4",
        denominator="(team, policy) pairs that apply, as for Policy coverage, for policies whose "
        "ico_step is 4",
        timing=AS_OF,
        unit="% (in place of applying)",
        query="ico_steps_by_team",
    ),
    Measure(
        name="ICO step 4: family-informed position recorded",
        numerator="shares in the period with family_informed recorded (any value)",
        denominator="shares in the period",
        timing=PERIOD,
        unit="% (of shares)",
        query="ico_steps_by_team",
        notes="`no_risk` (telling the family would put the child at risk) and `not_yet` are "
        "recorded positions, not gaps; only a blank is a gap.",
    ),
    Measure(
        name="ICO step 5: policies (DPIA) in place",
        numerator="(team, policy) pairs in place and in date, as for Policy coverage, for "
        "policies whose ico_step is 5",
        denominator="(team, policy) pairs that apply, as for Policy coverage, for policies whose "
        "ico_step is 5",
        timing=AS_OF,
        unit="% (in place of applying)",
        query="ico_steps_by_team",
    ),
    Measure(
        name="ICO step 5: DPO consulted on special category shares",
        numerator="shares in the period with special_category yes and dpo_consulted yes",
        denominator="shares in the period with special_category yes",
        timing=PERIOD,
        unit="% (of special category shares)",
        query="ico_steps_by_team",
        notes="A blank dpo_consulted counts as no, a blank special_category as no.",
    ),
    Measure(
        name="ICO step 6: routine shares with a data sharing agreement",
        numerator="routine shares in the period with a dsa_ref (not blank)",
        denominator="routine shares in the period: routine yes and emergency not yes",
        timing=PERIOD,
        unit="% (of routine shares)",
        query="ico_steps_by_team",
        notes="One-off shares (routine no or blank) and emergency shares are not counted.",
    ),
    Measure(
        name="ICO step 7: decisions with a reason recorded",
        numerator="decisions in the period (shared, partially shared or not shared) with "
        "reason_recorded yes",
        denominator="decisions in the period",
        timing=PERIOD,
        unit="% (of decisions)",
        query="ico_steps_by_team",
        notes="Unlike the record gap above, decisions not to share count too: the DfE asks for "
        "a record of the decision and its reasons whether or not information is shared.",
    ),
    Measure(
        name="ICO step 8: shares with a lawful basis",
        numerator="shares in the period with a lawful_basis, and an art9_condition where "
        "special_category is yes",
        denominator="shares in the period",
        timing=PERIOD,
        unit="% (of shares)",
        query="ico_steps_by_team",
    ),
    Measure(
        name="ICO step 8: shares on consent (flag)",
        numerator="shares in the period whose lawful_basis is `consent`",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="ico_steps_by_team",
        notes="A basis to check, not a gap: consent is rarely right when a child is at risk. "
        "Not rated red, amber or green.",
    ),
    Measure(
        name="ICO step 8: shares on legitimate interests (flag)",
        numerator="shares in the period whose lawful_basis is `legitimate_interests`",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="ico_steps_by_team",
        notes="A basis to check, not a gap: legitimate interests is not open to public "
        "authorities for their public tasks. Not rated red, amber or green.",
    ),
    Measure(
        name="ICO step 9: policies in place",
        numerator="(team, policy) pairs in place and in date, as for Policy coverage, for "
        "policies whose ico_step is 9",
        denominator="(team, policy) pairs that apply, as for Policy coverage, for policies whose "
        "ico_step is 9",
        timing=AS_OF,
        unit="% (in place of applying)",
        query="ico_steps_by_team",
    ),
    Measure(
        name="ICO step 10: courses in date",
        numerator="requirements in date, as for Training completion, for courses whose "
        "ico_step is 10",
        denominator="requirements, as for Training completion, for courses whose ico_step is 10",
        timing=AS_OF,
        unit="% (in date of required)",
        query="ico_steps_by_team",
    ),
    Measure(
        name="ICO step 10: policies in place",
        numerator="(team, policy) pairs in place and in date, as for Policy coverage, for "
        "policies whose ico_step is 10",
        denominator="(team, policy) pairs that apply, as for Policy coverage, for policies whose "
        "ico_step is 10",
        timing=AS_OF,
        unit="% (in place of applying)",
        query="ico_steps_by_team",
    ),
)

RULES = (
    "Flow measures count what happened in the selected period (by the date of decided_at, both "
    "ends included). Stock measures are taken as of one date, by default the period's last day. "
    "Trends take stock measures as of each month end (the last point at the as-of date) and "
    "flow measures over each calendar month, all from the history in the data. The change "
    "against the previous period compares with the period of equal length just before (stock "
    "measures as of the as-of date moved back as far). A team's overall RAG status is the worst "
    "of its policy coverage, training completion and record completeness; a measure with "
    "nothing to count is shown as no data, not red. A team exists from its opened_on "
    "(blank: before all the data) to its closed_on, its last day (blank: open); stock "
    "measures at a date count the teams that existed on it, so a team closed later keeps its "
    "past and trends and previous-period changes do not move when it closes (a file's "
    "`active = no` with no closed_on is a team closed before all the data: it is left out of "
    "stock measures at every date). Decisions count for their team whatever happened to it "
    "later: a decision is a flow. Scorecards list the teams that existed at some time in the "
    "period, and others only when they logged decisions in it."
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def measures_markdown() -> str:
    """The table of measures and the rules they share, as Markdown (docs/measures.md)."""
    lines = [
        "| measure | numerator | denominator | counted | unit | notes |",
        "|---|---|---|---|---|---|",
    ]
    for m in MEASURES:
        cells = (m.name, m.numerator, m.denominator, m.timing, m.unit, m.notes)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n\n" + RULES + "\n"
