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


def _tagged_measures() -> tuple[Measure, ...]:
    """For each ICO step, the policies and the courses tagged with it (ico_step)."""
    measures = []
    for step in range(1, 11):
        measures.append(
            Measure(
                name=f"ICO step {step}: policies in place",
                numerator="(team, policy) pairs in place and in date, as for Policy coverage, "
                f"for policies whose ico_step is {step}",
                denominator="(team, policy) pairs that apply, as for Policy coverage, for "
                f"policies whose ico_step is {step}",
                timing=AS_OF,
                unit="% (in place of applying)",
                query="ico_steps_by_team",
            )
        )
        measures.append(
            Measure(
                name=f"ICO step {step}: courses in date",
                numerator="requirements in date, as for Training completion, for courses whose "
                f"ico_step is {step}",
                denominator="requirements, as for Training completion, for courses whose "
                f"ico_step is {step}",
                timing=AS_OF,
                unit="% (in date of required)",
                query="ico_steps_by_team",
            )
        )
    return tuple(measures)


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
        numerator="decisions in the period whose record is complete: for a refusal "
        "(not_shared), a reason recorded and decided_by; for a share (shared or partially "
        "shared), also a lawful basis, a purpose, and none of the condition gaps below",
        denominator="decisions in the period, to share and not to share",
        timing=PERIOD,
        unit="% (complete of decisions)",
        query="decisions_by_team",
        notes="A decision not to share is a decision: the DfE's “Information sharing: advice "
        "for practitioners providing safeguarding services for children, young people, parents "
        "and carers” (May 2024) asks for a record of the decision and its reasons whether or "
        "not information is shared, so a refusal without a reason counts "
        "against the team as a share without a lawful basis does.",
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
        numerator="shares in the period with special_category blank, or yes without the right "
        "condition in art9_condition: a UK GDPR Art 9 condition (DPA 2018 Sch 1, e.g. `DPA "
        "2018 Sch 1 para 18`) for every basis but `law_enforcement`, and for `law_enforcement` "
        "(DPA 2018 Part 3) a s35 condition from Sch 8 (e.g. `DPA 2018 Sch 8 para 4`)",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="decisions_by_team",
        notes="A blank special_category is not known, so a gap, never a no. A Sch 8 condition "
        "on a UK GDPR share, or a Sch 1 condition on a Part 3 share, is the wrong condition.",
    ),
    Measure(
        name="Record gap: criminal offence data with no Art 10 condition",
        numerator="shares in the period with criminal_offence_data blank, or yes with a blank "
        "art10_condition (UK GDPR Art 10, DPA 2018 Sch 1 Parts 1 to 3) on a basis other than "
        "`law_enforcement`",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="decisions_by_team",
        notes="Law enforcement processing by a competent authority (DPA 2018 Part 3) needs no "
        "Art 10 condition. A blank criminal_offence_data is not known, so a gap.",
    ),
    Measure(
        name="Record gap: no reason recorded",
        numerator="decisions in the period (shares and refusals) with reason_recorded not yes",
        denominator="decisions in the period",
        timing=PERIOD,
        unit="decisions",
        query="decisions_by_team",
        notes="Refusals without a reason are also counted apart (`refusals_no_reason`).",
    ),
    Measure(
        name="Record gap: no decision maker",
        numerator="decisions in the period with a blank decided_by",
        denominator="decisions in the period",
        timing=PERIOD,
        unit="decisions",
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
        "and `recognised_legitimate_interests` (UK GDPR Art 6(1)(ea), inserted by the Data "
        "(Use and Access) Act 2025 s70) are not open to public authorities for their tasks "
        "(Art 6(1), last subparagraph, as amended): all three are flagged.",
    ),
    Measure(
        name="Statutory gateways cited",
        numerator="shares in the period per statutory_gateway (`none cited` when blank) and "
        "lawful_basis",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="shares_by_statutory_gateway",
        notes="The law that permits or requires the share (e.g. Children Act 1989 s47, "
        "Children Act 2004 s11, Crime and Disorder Act 1998 s115), shown beside the lawful "
        "basis it supports. Not a gap when blank: a gateway is not always needed.",
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
    # completion, Record completeness and the emergency measures above; every step uses the
    # policies and courses tagged with it (_tagged_measures).
    Measure(
        name="ICO step 1: decisions by staff trained on the day",
        numerator="decisions in the period whose decided_by is on the staff roster and, on the "
        "day of the decision, held in date every course required of them, by the Training "
        "completion rules (required_for, new-starter grace period, exemption, expiry), as did "
        "authorised_by when given",
        denominator="decisions in the period, to share and not to share",
        timing=PERIOD,
        unit="% (of decisions)",
        query="decision_maker_training_by_team",
        notes="A blank decided_by, or one not on the roster, counts as not trained (a record "
        "gap). Role, team and decision-maker flag are those in force on the day of the decision: "
        "the staff assignment then in force where a history is loaded, else the roster's.",
    ),
    Measure(
        name="ICO step 1: decisions by staff whose training had lapsed",
        numerator="decisions in the period whose decided_by or authorised_by is on the roster "
        "and, on the day, lacked a required course or held one that had expired",
        denominator="none (a count)",
        timing=PERIOD,
        unit="decisions",
        query="decision_maker_training_by_team",
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
        name="ICO step 5: refusals with the reason recorded",
        numerator="decisions not to share (not_shared) in the period with reason_recorded yes",
        denominator="decisions not to share in the period",
        timing=PERIOD,
        unit="% (of refusals)",
        query="ico_steps_by_team",
        notes="Step 5 weighs the risks of sharing and of not sharing; a recorded reason is the "
        "evidence that the risk of not sharing was weighed.",
    ),
    Measure(
        name="ICO step 5: routine shares under an agreement with a DPIA",
        numerator="routine shares in the period (routine yes, emergency not yes) whose dsa_ref "
        "names an agreement of the register (ignoring case and surrounding spaces) that was in "
        "force on the day of the share (status not draft, signed_on on or before the day, "
        "ended_on blank or on or after it) and whose dpia_date is on or before the day",
        denominator="shares in the period with routine yes or blank and emergency not yes",
        timing=PERIOD,
        unit="% (of routine shares)",
        query="ico_steps_by_team",
        notes="UK GDPR Art 35 asks for a DPIA per sharing arrangement likely to be high risk, "
        "not DPO advice per case: the DPIA is read from the agreement the share relies on, as "
        "the register stood on the day (an agreement ended or suspended since still counts "
        "for the shares made while it was in force; one signed later does not). A dsa_ref "
        "not in the register, a blank one and a blank dpia_date are gaps. A blank routine is "
        "not known: in the denominator as a gap, as for step 6.",
    ),
    Measure(
        name="ICO step 6: routine shares under an agreement in force",
        numerator="routine shares in the period (routine yes, emergency not yes) whose dsa_ref "
        "names an agreement of the register (ignoring case and surrounding spaces) that was in "
        "force on the day of the share: status not draft, signed_on on or before the day, "
        "ended_on blank or on or after it",
        denominator="shares in the period with routine yes or blank and emergency not yes",
        timing=PERIOD,
        unit="% (of routine shares)",
        query="ico_steps_by_team",
        notes="A reference that is not in the register, or names an agreement not in force on "
        "the day (a draft, not yet signed, or ended), is a gap, never a refused row; an "
        "agreement past its review date still counts here and raises a warning (Agreements "
        "register page). One-off shares (routine no) and emergency shares are not counted. A "
        "blank routine is not known: the share stays in the denominator as a gap. Emergency blank "
        "counts as no (schema default), so an unclaimed emergency is held to the agreement "
        "rule. An emergency share never waits for an agreement, but the ICO advises agreeing "
        "emergency arrangements with likely partners in advance.",
    ),
    Measure(
        name="Agreements past their review date",
        numerator="agreements of the register in force at the date (status not draft, "
        "signed_on on or before it, ended_on blank or on or after it) whose review_due is "
        "before it; days overdue = the date - review_due",
        denominator="none (a list)",
        timing=AS_OF,
        unit="agreements",
        query="agreements_past_review",
        notes="Each with the routine shares in the period, by the teams in scope, that cite "
        "it. Every agreement of the register is listed on the Agreements register page: the "
        "register is the organisation's, only the counts of shares are limited to the teams "
        "in scope.",
    ),
    Measure(
        name="Routine shares per agreement and team",
        numerator="routine shares in the period (share, routine yes or blank, emergency not "
        "yes) by each team in scope citing each dsa_ref; of them, those made on a day the "
        "agreement was in force, had a DPIA dated on or before the day, and was past its "
        "review_due",
        denominator="none (counts)",
        timing=PERIOD,
        unit="shares",
        query="agreement_shares_by_team",
        notes="A dsa_ref not in the register is listed as written, marked not in the register; "
        "routine shares citing none are listed together.",
    ),
    Measure(
        name="Agreement warnings",
        numerator="per team in scope, routine shares in the period (as for step 6) made under "
        "an agreement not in force on the day (`agreement_not_in_force`, high); under one in "
        "force but more than agreements.review_grace_days days past its review_due "
        "(`agreement_past_review`, medium); citing no agreement of the register, to a "
        "recipient that no agreement in force that day names among its partners or partner "
        "types (`no_agreement`, high)",
        denominator="none (a warning when the count is at least agreements.min_shares)",
        timing=PERIOD,
        unit="shares",
        query="agreement_warnings",
        notes="One warning per team and kind, linked to the Agreements register page. A "
        "partner is matched by recipient_org against the agreement's partners (ignoring case "
        "and surrounding spaces) or by recipient_type against its partner types.",
    ),
    Measure(
        name="ICO step 7: decisions with a reason recorded",
        numerator="decisions in the period (shared, partially shared or not shared) with "
        "reason_recorded yes",
        denominator="decisions in the period",
        timing=PERIOD,
        unit="% (of decisions)",
        query="ico_steps_by_team",
        notes="Decisions not to share count too: the DfE's information sharing advice for "
        "practitioners (May 2024 edition) asks for a record of the decision and its reasons "
        "whether or not information is shared.",
    ),
    Measure(
        name="ICO step 8: shares with a lawful basis",
        numerator="shares in the period with a lawful_basis and none of the Art 9 / Art 10 "
        "condition gaps (special_category and criminal_offence_data recorded; the right "
        "condition for each yes, Sch 8 for `law_enforcement`)",
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
        name="ICO step 8: shares on recognised legitimate interests (flag)",
        numerator="shares in the period whose lawful_basis is `recognised_legitimate_interests`",
        denominator="shares in the period",
        timing=PERIOD,
        unit="shares",
        query="ico_steps_by_team",
        notes="A basis to check, not a gap: recognised legitimate interests (UK GDPR Art "
        "6(1)(ea) and Annex 1, para 6 of which is safeguarding a vulnerable individual; "
        "inserted by the Data (Use and Access) Act 2025 s70 and Sch 4) is, like legitimate "
        "interests, not open to public authorities for their tasks (Art 6(1), last "
        "subparagraph, as amended by s70(2)(c)). Not rated red, amber or green.",
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
    *_tagged_measures(),
)

RULES = (
    "Flow measures count what happened in the selected period (by the date of decided_at, both "
    "ends included). Stock measures are taken as of one date, by default the period's last day. "
    "Trends take stock measures as of each month end (the last point at the as-of date) and "
    "flow measures over each calendar month, all from the history in the data. The change "
    "against the previous period compares with the period of equal length just before (stock "
    "measures as of the as-of date moved back as far). A team's overall RAG status is the worst "
    "of its policy coverage, training completion and record completeness (refusals included); a "
    "measure with nothing to count is shown as no data, not red. A team exists from its opened_on "
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
