"""Northbridge City Council, the demo organisation, as data: teams, posts, profiles, policies.

Declared once here and read by generate.py, which holds only the logic. The team tables are
laid out as aligned columns, so they are kept out of the formatter's reach.
"""

from typing import NamedTuple

ORGANISATION = "Northbridge City Council"

CSC = "Children's Social Care"
EHP = "Early Help and Prevention"
EDI = "Education and Inclusion"
TM, SP, SW = "Team manager", "Senior practitioner", "Social worker"
BSO, FSW = "Business support officer", "Family support worker"
EHW, DSL = "Early help practitioner", "Designated safeguarding lead"

TEAMS: dict[str, tuple[str, str]] = {
    "MASH": ("Multi-Agency Safeguarding Hub", CSC),
    "CP-N": ("Child Protection North", CSC),
    "CP-S": ("Child Protection South", CSC),
    "CIC": ("Children in Care", CSC),
    "CWD": ("Children with Disabilities", CSC),
    "LADO": ("Local Authority Designated Officer", CSC),
    "EDT": ("Emergency Duty Team", CSC),
    "EH-E": ("Early Help East", EHP),
    "EH-W": ("Early Help West", EHP),
    "EH-C": ("Early Help Central (closed, merged into East and West)", EHP),
    "FFS": ("Family Support Service", EHP),
    "SN": ("School Nursing (0-19 health service)", EHP),
    "YJS": ("Youth Justice Service", EHP),
    "EWS": ("Education Welfare Service", EDI),
    "SEND": ("Special Educational Needs and Disabilities", EDI),
    "VS": ("Virtual School", EDI),
}
CLOSED_TEAMS: dict[str, tuple[str, ...]] = {"EH-C": ("EH-E", "EH-W")}
# Staff assignments history (staff_assignments.csv): staff now in post who moved team within
# their directorate, and managers and senior practitioners promoted from the role below.
ASSIGNMENT_MOVES = 12
ASSIGNMENT_PROMOTIONS = 12
PROMOTED_FROM = {TM: SP, SP: SW}
OUT_OF_HOURS_TEAM = "EDT"
# A team with decision makers that logs no decision for one quarter (demo.generate's
# quiet_quarter), its work covered by another: the Overview's "No decisions logged".
QUIET_TEAM, QUIET_COVER = "LADO", "MASH"

TEAM_POSTS: dict[str, tuple[tuple[str, int], ...]] = {
    "MASH": ((TM, 2), (SP, 4), (SW, 18), (BSO, 4)),
    "CP-N": ((TM, 3), (SP, 5), (SW, 38), (FSW, 4), (BSO, 3)),
    "CP-S": ((TM, 3), (SP, 4), (SW, 36), (FSW, 4), (BSO, 3)),
    "CIC": ((TM, 3), (SP, 4), (SW, 34), ("Independent reviewing officer", 9), (BSO, 3)),
    "CWD": ((TM, 1), (SP, 2), (SW, 12), (FSW, 5), ("Occupational therapist", 2), (BSO, 1)),
    "LADO": ((TM, 1), ("LADO officer", 3), (BSO, 1)),
    "EDT": ((TM, 1), (SP, 2), (SW, 9)),
    "EH-E": ((TM, 2), (SP, 2), (EHW, 18), (FSW, 6), (BSO, 1)),
    "EH-W": ((TM, 2), (SP, 2), (EHW, 15), (FSW, 4), (BSO, 1)),
    "EH-C": ((TM, 1), (EHW, 7), (FSW, 3)),
    "FFS": ((TM, 1), (SP, 1), (FSW, 19), (BSO, 1)),
    "SN": ((TM, 2), ("School nurse", 26), ("Healthcare assistant", 6), (BSO, 1)),
    "YJS": ((TM, 1), (SP, 4), ("Youth justice officer", 15), (BSO, 1)),
    "EWS": ((TM, 1), (SP, 2), ("Education welfare officer", 14), (DSL, 2), (BSO, 1)),
    "SEND": ((TM, 2), ("SEND caseworker", 22), ("Educational psychologist", 8), (BSO, 2)),
    "VS": ((TM, 1), (DSL, 1), ("Education adviser", 8), (BSO, 1)),
}

# Share of new post holders in a role who make sharing decisions (every social worker does in
# the teams that decide at the front door and out of hours).
DECISION_MAKER_SHARE = {
    TM: 1.0,
    SP: 1.0,
    DSL: 1.0,
    "Independent reviewing officer": 1.0,
    "LADO officer": 1.0,
    SW: 0.35,
    "Youth justice officer": 0.25,
    "School nurse": 0.2,
    "Education welfare officer": 0.25,
    EHW: 0.1,
    "SEND caseworker": 0.1,
    "Education adviser": 0.15,
}
ALL_DECIDE_TEAMS = ("MASH", "EDT")
AUTHORISER_ROLES = (TM, SP, DSL)
LEAVE_RATE = {SW: 0.19, SP: 0.12, TM: 0.10, FSW: 0.14, EHW: 0.14, BSO: 0.13}
DEFAULT_LEAVE_RATE = 0.11


class DecisionProfile(NamedTuple):
    """How a team's decisions look: volume, kinds of sharing and record-keeping gaps."""

    style: str
    weekday_weight: int
    weekend_weight: int
    night_weight: int
    p_emergency: float
    p_routine: float
    p_special: float
    p_criminal: float
    p_not_shared: float
    p_partial: float
    p_dsa: float
    gap_mult: float


class RecordsProfile(NamedTuple):
    """How a team keeps up its training and policy attestations."""

    training_on_time: float
    policy_maturity: float
    policy_improvement: float


# wkday, wkend, night: relative shares of weekday daytime, weekend daytime and night decisions.
# The probabilities are per decision; gaps multiplies the record-keeping gap rates in
# generate_decisions.sql, which also shrink over the three years.
# fmt: off
TEAM_DECISIONS: dict[str, DecisionProfile] = {team: DecisionProfile(*row) for team, row in {
    #       style         wkday wkend night emerg routine special crime refuse partial dsa  gaps
    "MASH": ("social",     230,  120,  4,    .08,  .45,    .27,    .15,  .09,   .10,    .92, 1.0),
    "CP-N": ("social",     125,  50,   3,    .06,  .30,    .28,    .12,  .07,   .10,    .90, 1.0),
    "CP-S": ("social",     120,  50,   3,    .07,  .30,    .28,    .13,  .08,   .11,    .80, 1.5),
    "CIC":  ("social",     80,   20,   0,    .03,  .40,    .40,    .05,  .06,   .08,    .90, 0.9),
    "CWD":  ("social",     40,   0,    0,    .02,  .40,    .50,    .02,  .05,   .08,    .88, 0.5),
    "LADO": ("justice",    15,   0,    0,    .03,  .05,    .20,    .45,  .15,   .15,    .70, 0.35),
    "EDT":  ("social",     0,    700,  90,   .55,  .05,    .30,    .20,  .05,   .06,    .60, 2.0),
    "EH-E": ("early_help", 65,   0,    0,    .01,  .30,    .25,    .03,  .08,   .08,    .85, 0.8),
    "EH-W": ("early_help", 55,   0,    0,    .01,  .30,    .25,    .03,  .08,   .08,    .78, 1.2),
    "EH-C": ("early_help", 30,   0,    0,    .01,  .25,    .25,    .03,  .09,   .08,    .70, 1.4),
    "FFS":  ("early_help", 40,   0,    0,    .01,  .25,    .22,    .03,  .07,   .07,    .80, 1.0),
    "SN":   ("education",  50,   0,    0,    .02,  .50,    .60,    .02,  .05,   .12,    .95, 0.3),
    "YJS":  ("justice",    40,   40,   0,    .03,  .40,    .30,    .80,  .08,   .10,    .85, 1.1),
    "EWS":  ("education",  45,   0,    0,    .01,  .60,    .12,    .03,  .06,   .06,    .75, 1.1),
    "SEND": ("education",  35,   0,    0,    .00,  .55,    .45,    .01,  .06,   .10,    .90, 0.9),
    "VS":   ("education",  25,   0,    0,    .01,  .50,    .25,    .04,  .05,   .06,    .92, 0.4),
}.items()}

TEAM_RECORDS: dict[str, RecordsProfile] = {team: RecordsProfile(*row) for team, row in {
    #        on time  maturity  improvement
    "MASH": (0.93,    0.8,      0.6),
    "CP-N": (0.88,    0.6,      0.5),
    "CP-S": (0.72,    0.4,      0.25),
    "CIC":  (0.90,    0.6,      0.5),
    "CWD":  (0.90,    0.5,      0.45),
    "LADO": (0.97,    0.7,      0.6),
    "EDT":  (0.70,    0.3,      0.3),
    "EH-E": (0.90,    0.6,      0.5),
    "EH-W": (0.85,    0.5,      0.35),
    "EH-C": (0.80,    0.3,      0.2),
    "FFS":  (0.88,    0.5,      0.4),
    "SN":   (0.95,    0.8,      0.6),
    "YJS":  (0.75,    0.4,      0.35),
    "EWS":  (0.85,    0.5,      0.4),
    "SEND": (0.80,    0.4,      0.3),
    "VS":   (0.92,    0.7,      0.6),
}.items()}

RECIPIENT_TYPES = (
    "police", "health", "social_care", "education", "local_authority", "voluntary_sector", "other",
)
TEAM_RECIPIENTS: dict[str, tuple[int, ...]] = {
    #        police health social_care education local_authority voluntary_sector other
    "MASH": (30,    25,    10,         20,       8,              5,               2),
    "CP-N": (22,    25,    12,         22,       8,              7,               4),
    "CP-S": (22,    25,    12,         22,       8,              7,               4),
    "CIC":  (8,     30,    20,         25,       7,              5,               5),
    "CWD":  (0,     40,    15,         25,       10,             8,               2),
    "LADO": (35,    10,    10,         25,       0,              0,               20),
    "EDT":  (45,    30,    15,         0,        5,              0,               5),
    "EH-E": (5,     20,    10,         30,       15,             20,              0),
    "EH-W": (5,     20,    10,         30,       15,             20,              0),
    "EH-C": (5,     20,    10,         30,       15,             20,              0),
    "FFS":  (5,     20,    10,         25,       15,             25,              0),
    "SN":   (0,     50,    15,         30,       0,              0,               5),
    "YJS":  (45,    10,    10,         15,       0,              0,               20),
    "EWS":  (5,     5,     15,         55,       15,             0,               5),
    "SEND": (0,     35,    10,         45,       5,              0,               5),
    "VS":   (0,     10,    25,         60,       0,              0,               5),
}

CONSENT_VALUES = ("given", "refused", "not_sought_risk", "not_sought_other", "not_applicable")
FAMILY_INFORMED_VALUES = ("yes", "no_risk", "no_other", "not_yet", "not_applicable")
STYLE_CONSENT: dict[str, tuple[int, ...]] = {
    #              given refused not_sought_risk not_sought_other not_applicable
    "social":     (15,   5,      55,             15,              10),
    "early_help": (75,   5,      5,              5,               10),
    "education":  (45,   5,      5,              10,              35),
    "justice":    (10,   0,      25,             25,              40),
}
STYLE_FAMILY_INFORMED: dict[str, tuple[int, ...]] = {
    #              yes  no_risk no_other not_yet not_applicable
    "social":     (50,  25,     5,       12,     8),
    "early_help": (85,  0,      5,       5,      5),
    "education":  (65,  2,      5,       8,      20),
    "justice":    (40,  20,     15,      5,      20),
}
# fmt: on

SOCIAL_PURPOSES = (
    "Section 47 child protection enquiry",
    "Strategy discussion",
    "Screening of a referral",
    "Child protection conference",
    "Child in need assessment (section 17)",
    "Safety planning",
)
EARLY_HELP_PURPOSES = (
    "Early help assessment",
    "Team around the family meeting",
    "Early help plan review",
    "Referral to a support service",
)
TEAM_PURPOSES: dict[str, tuple[str, ...]] = {
    "MASH": (
        "Screening of a referral",
        "Strategy discussion",
        "Section 47 child protection enquiry",
        "Multi-agency risk assessment (MARAC)",
        "Child in need assessment (section 17)",
    ),
    "CP-N": SOCIAL_PURPOSES,
    "CP-S": SOCIAL_PURPOSES,
    "CIC": (
        "Care planning and review",
        "Placement planning",
        "Statutory health assessment",
        "Personal education plan",
        "Pathway planning for a care leaver",
    ),
    "CWD": (
        "Child in need assessment (section 17)",
        "Short breaks planning",
        "Health and care planning",
        "Transition to adult services",
    ),
    "LADO": (
        "Allegation against a person who works with children",
        "Position of trust evaluation",
        "Allegation management meeting",
    ),
    "EDT": (
        "Out-of-hours safeguarding response",
        "Police protection follow-up",
        "Emergency placement",
    ),
    "EH-E": EARLY_HELP_PURPOSES,
    "EH-W": EARLY_HELP_PURPOSES,
    "EH-C": EARLY_HELP_PURPOSES,
    "FFS": (
        "Family support plan",
        "Parenting support referral",
        "Team around the family meeting",
    ),
    "SN": (
        "Health needs assessment",
        "School health referral",
        "Health information for a child protection conference",
    ),
    "YJS": (
        "Youth justice assessment",
        "Out of court disposal panel",
        "Pre-sentence report",
        "Resettlement planning",
    ),
    "EWS": (
        "Attendance enquiry",
        "Child missing education enquiry",
        "Elective home education check",
    ),
    "SEND": (
        "Education, health and care needs assessment",
        "Annual review of an EHC plan",
        "Placement consultation with a school",
    ),
    "VS": (
        "Personal education plan",
        "Pupil premium plus allocation",
        "School admission for a child in care",
    ),
}

RECIPIENT_ORGS: dict[str, tuple[str, ...]] = {
    "police": (
        "Northshire Police",
        "Northshire Police Public Protection Unit",
        "British Transport Police",
    ),
    "health": (
        "Northbridge University Hospitals NHS Trust",
        "Northbridge Community Health NHS Trust",
        "North Riding Integrated Care Board",
        "Castlegate Medical Practice",
        "Northbridge CAMHS",
    ),
    "social_care": (
        "Southmoor Borough Council children's services",
        "Eastdale County Council children's services",
        "Brightpath Fostering",
        "Northbridge adult social care",
    ),
    "education": (
        "Northbridge Academy",
        "St Anne's CE Primary School",
        "Riverside Primary School",
        "Northbridge College",
        "Hillcrest Pupil Referral Unit",
        "Oakfield Special School",
    ),
    "local_authority": (
        "Northbridge City Council housing",
        "Northbridge City Council revenues and benefits",
        "Northbridge City Council community safety",
    ),
    "voluntary_sector": (
        "Northbridge Women's Aid",
        "Young Carers Northbridge",
        "Riverside Family Centre",
        "Northbridge Food Bank",
    ),
    "other": (
        "Cafcass",
        "Probation Service",
        "Northbridge Magistrates' Court",
        "Ofsted",
        "Moorland Homes housing association",
    ),
}
DSA_REFS: dict[str, str] = {
    "police": "DSA-MASH-2021-04",
    "health": "DSA-HLTH-2022-11",
    "social_care": "DSA-REG-2023-02",
    "education": "DSA-EDU-2020-07",
    "local_authority": "ISP-NCC-2019-15",
    "voluntary_sector": "DSA-VCS-2024-19",
    "other": "DSA-CJS-2022-20",
}

DECISION_LISTS: dict[str, tuple[tuple[str, int], ...]] = {
    "emergency_recipients": (("police", 50), ("health", 35), ("social_care", 10), ("other", 5)),
    "emergency_family": (("not_yet", 50), ("no_risk", 30), ("yes", 20)),
    "emergency_purposes": (
        ("Immediate protection of a child at risk of serious harm", 5),
        ("Child missing: locating and safeguarding", 3),
        ("Urgent medical treatment", 2),
    ),
    "reasons_shared": (
        ("Risk of significant harm; sharing necessary to protect the child", 4),
        ("Needed for the statutory assessment", 3),
        ("Agreed at strategy discussion", 2),
        ("Parent agreed to the referral", 2),
        ("Needed to plan support with a partner agency", 3),
        ("Routine sharing under the agreement", 3),
        ("Relevant and proportionate to the concern", 3),
    ),
    "reasons_partial": (
        ("Shared only what was relevant to the concern", 4),
        ("Third-party information withheld", 2),
        ("Health details limited to what the recipient needs", 2),
    ),
    "reasons_not_shared": (
        ("Request too broad; no clear purpose", 3),
        ("Requester showed no lawful basis", 2),
        ("Not proportionate to the concern", 3),
        ("Recipient already holds the information", 2),
        ("Requester's identity could not be verified", 1),
        ("Disclosure would put the child at risk", 1),
    ),
    "reasons_emergency": (
        ("Immediate risk to the child's safety", 4),
        ("Child missing overnight", 2),
        ("Urgent medical need", 1),
    ),
    "categories_plain": (
        ("contact details", 3),
        ("contact details|family composition", 4),
        ("education attendance|contact details", 3),
        ("social care history", 3),
        ("family composition|social care history", 3),
        ("housing|contact details", 1),
        ("education attendance|exclusions", 1),
        ("contact details|social care history|family composition", 2),
    ),
    "categories_special": (
        ("health|contact details", 4),
        ("health|social care history", 3),
        ("mental health|family composition", 2),
        ("health|disability|education attendance", 2),
        ("ethnicity|contact details", 1),
        ("sexual health|health", 1),
        ("health", 2),
    ),
}

# Share of a day's decisions taken in each hour (0-23). Daytime is DAY_FROM to DAY_UNTIL minutes;
# the rest of the day is covered by the out-of-hours team, whose share of a weekday is small.
HOUR_WEIGHTS: dict[str, tuple[tuple[float, ...], ...]] = {
    "weekday": (
        (0.25, 0.2, 0.15, 0.1, 0.1, 0.1, 0.15, 0.3),  # 00:00-07:59, out of hours
        (3, 8, 10, 10, 7, 8, 10, 10, 8, 4),  # 08:00-17:59
        (0.6, 0.5, 0.45, 0.4, 0.35, 0.3),  # 18:00-23:59, out of hours
    ),
    "weekend": (
        (3, 3, 2, 2, 1, 1, 2, 2),  # 00:00-07:59
        (3, 4, 5, 5, 5, 5, 5, 5, 5, 5),  # 08:00-17:59
        (5, 5, 5, 5, 4, 4),  # 18:00-23:59
    ),
}
DAY_FROM, DAY_UNTIL = 8 * 60, 18 * 60 - 1
# Decisions on a school-holiday weekday, against a term-time weekday; weekends and bank holidays
# see WEEKEND_FACTOR of a weekday, and the autumn term (referrals after the summer) is busiest.
HOLIDAY_FACTOR = {"christmas": 0.55, "easter": 0.72, "summer": 0.65, "half_term": 0.82}
AUGUST_FACTOR = 0.9
AUTUMN_TERM_FACTOR = 1.15
WEEKEND_FACTOR = 0.14
YEARLY_GROWTH = 0.05
# A child's later decisions pick among the cases opened in the last CASE_MONTHS months.
CHILDREN_PER_DECISION = 0.38
CASE_MONTHS = 6

COURSES: tuple[tuple[str, str, int, str, int], ...] = (
    ("DP-ANNUAL", "Data protection and information governance (annual)", 12, "all", 1),
    ("INFO-SHARE", "Information sharing to safeguard children", 24, "decision_makers", 3),
    ("EMERG-SHARE", "Sharing information in an emergency", 0, "decision_makers", 9),
    ("ICO-CODE", "ICO data sharing code: practitioner briefing", 36, f"role:{TM}|team:MASH", 10),
    ("CALDICOTT", "Caldicott principles and health records", 24, "team:SN", 5),
)
COURSE_LAUNCH_DAYS = {"ICO-CODE": 90}
UNSCORED_COURSES = ("ICO-CODE",)


class PolicySpec(NamedTuple):
    """A policy in the register and how its versions and attestations behave."""

    policy_id: str
    title: str
    ico_step: int
    owner: str
    review_months: int
    versions: int
    stale: bool
    applies_to: tuple[str, ...]


DPO, HIG = "Data Protection Officer", "Head of Information Governance"
ALL_TEAMS = tuple(TEAMS)
SOCIAL_CARE_TEAMS = ("MASH", "CP-N", "CP-S", "CIC", "CWD", "EDT", "YJS", "LADO")
SCHOOL_FACING_TEAMS = ("EWS", "SEND", "VS", "SN", "EH-E", "EH-W", "EH-C", "FFS")
POLICIES: tuple[PolicySpec, ...] = (
    PolicySpec(
        policy_id="POL01",
        title="Data protection policy",
        ico_step=1,
        owner=DPO,
        review_months=24,
        versions=3,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL02",
        title="Information sharing purposes and data minimisation procedure",
        ico_step=2,
        owner=HIG,
        review_months=24,
        versions=2,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL03",
        title="Information sharing policy",
        ico_step=3,
        owner=DPO,
        review_months=24,
        versions=3,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL04",
        title="Information security and secure email policy",
        ico_step=3,
        owner="Senior Information Risk Owner",
        review_months=36,
        versions=2,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL05",
        title="Privacy notice for children and families",
        ico_step=4,
        owner=DPO,
        review_months=12,
        versions=3,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL06",
        title="Individual rights and subject access procedure",
        ico_step=4,
        owner=HIG,
        review_months=36,
        versions=1,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL07",
        title="Data protection impact assessment procedure",
        ico_step=5,
        owner=DPO,
        review_months=24,
        versions=2,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL08",
        title="Caldicott and health records protocol",
        ico_step=5,
        owner="Caldicott Guardian",
        review_months=24,
        versions=2,
        stale=True,
        applies_to=("SN", "CWD", "CIC"),
    ),
    PolicySpec(
        policy_id="POL09",
        title="Multi-agency safeguarding hub information sharing agreement",
        ico_step=6,
        owner="Head of Service, MASH",
        review_months=36,
        versions=2,
        stale=False,
        applies_to=("MASH", "CP-N", "CP-S", "EDT", "LADO", "YJS"),
    ),
    PolicySpec(
        policy_id="POL10",
        title="Schools and education data sharing agreement",
        ico_step=6,
        owner="Head of Education and Inclusion",
        review_months=36,
        versions=1,
        stale=True,
        applies_to=SCHOOL_FACING_TEAMS,
    ),
    PolicySpec(
        policy_id="POL11",
        title="Records management and retention policy",
        ico_step=7,
        owner=HIG,
        review_months=36,
        versions=2,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL12",
        title="Lawful basis and special category guidance",
        ico_step=8,
        owner=DPO,
        review_months=24,
        versions=2,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL13",
        title="Emergency and out-of-hours information sharing protocol",
        ico_step=9,
        owner="Head of Service, Children's Social Care",
        review_months=24,
        versions=2,
        stale=False,
        applies_to=SOCIAL_CARE_TEAMS,
    ),
    PolicySpec(
        policy_id="POL14",
        title="ICO data sharing code implementation plan",
        ico_step=10,
        owner=DPO,
        review_months=12,
        versions=3,
        stale=False,
        applies_to=ALL_TEAMS,
    ),
    PolicySpec(
        policy_id="POL15",
        title="Youth justice information sharing protocol",
        ico_step=6,
        owner="Head of Youth Justice",
        review_months=24,
        versions=2,
        stale=False,
        applies_to=("YJS",),
    ),
)


EVIDENCE: dict[str, tuple[str, ...]] = {
    "in_place": (
        "Team meeting minutes",
        "Manager’s audit of 10 case records",
        "Read-and-sign record complete",
        "Training log and team briefing",
        "Quality assurance audit",
    ),
    "partial": (
        "Action plan agreed",
        "Read-and-sign record 60% complete",
        "Briefing held; audit due",
    ),
    "not_started": ("", "Awaiting team briefing"),
    "not_applicable": ("Not relevant to the team’s work",),
}
STATUS_BY_LEVEL = ("not_started", "partial", "in_place")

# Space-separated name lists.
FIRST_NAMES = (
    "Aisha Amelia Amir Ben Charlotte Chloe Claire Daniel David Ella Emily Fatima Gemma "
    "Grace Hannah Harry Helen Imran Jack James Jessica Joanne Karen Kate Laura Liam Lucy "
    "Mark Michelle Mohammed Nadia Natalie Oliver Paul Peter Priya Rachel Rebecca Ruth Sarah "
    "Simon Sophie Stephen Tom Usha Victoria Wendy Yusuf Zainab"
)
ACCENTED_FIRST_NAMES = "Zoë Chloë Renée Siân José Amélie Anaïs Noémie Élodie François Ciarán Seán"
LAST_NAMES = (
    "Ahmed Ali Bailey Begum Brown Clarke Cooper Davies Evans Green Hall Harris Hughes "
    "Hussain Jackson Johnson Jones Kaur Khan King Kowalski Lewis Martin Mensah Mitchell "
    "Moore Nowak Okafor Patel Roberts Robinson Shah Singh Smith Taylor Thomas Thompson "
    "Turner Walker Ward White Williams Wilson Wood Wright Young"
)
ACCENTED_LAST_NAMES = "O’Brien O’Connor O’Neill D’Souza Brontë Müller Gómez Lefèvre Núñez"
ACCENTED_SHARE = 0.08


class DemoAgreement(NamedTuple):
    """One agreement of the demo register, its dates as days from the demo's window and end."""

    dsa_ref: str
    title: str
    partners: tuple[str, ...]
    partner_types: tuple[str, ...]
    scope: str
    status: str
    signed_days_before_window: int | None
    review_days_after_end: int | None
    ended_days_after_end: int | None = None
    dpia_days_before_signing: int | None = 30


# The register behind DSA_REFS: the reference each recipient type's routine shares cite. Planted:
# the schools agreement is past its review date, the council's protocol has no DPIA (a gap on
# step 5), and the health partners' protocol ended 120 days before the end of the data while
# routine shares to health still cite it (warning 5: shares under an agreement not in force).
AGREEMENTS: tuple[DemoAgreement, ...] = (
    DemoAgreement(
        "DSA-MASH-2021-04",
        "Multi-agency safeguarding hub information sharing agreement",
        (
            "Northshire Police",
            "Northshire Police Public Protection Unit",
            "Northbridge University Hospitals NHS Trust",
            "North Riding Integrated Care Board",
        ),
        ("police", "health"),
        "Referrals, strategy discussions and joint visits through the MASH",
        "active",
        420,
        150,
    ),
    DemoAgreement(
        "DSA-HLTH-2022-11",
        "Health partners safeguarding information sharing protocol",
        (
            "Northbridge Community Health NHS Trust",
            "Northbridge CAMHS",
            "Castlegate Medical Practice",
        ),
        ("health",),
        "Health assessments, CAMHS referrals and GP information for child protection",
        "ended",
        300,
        -120,
        ended_days_after_end=-120,
    ),
    DemoAgreement(
        "DSA-REG-2023-02",
        "Regional children's services information sharing protocol",
        (
            "Southmoor Borough Council children's services",
            "Eastdale County Council children's services",
            "Brightpath Fostering",
        ),
        ("social_care",),
        "Transfers in and out, cross-border child protection enquiries and placements",
        "active",
        240,
        300,
    ),
    DemoAgreement(
        "DSA-EDU-2020-07",
        "Schools safeguarding information sharing agreement",
        (
            "Northbridge Academy",
            "St Anne's CE Primary School",
            "Riverside Primary School",
            "Northbridge College",
            "Hillcrest Pupil Referral Unit",
            "Oakfield Special School",
        ),
        ("education",),
        "Concerns raised by schools, Operation Encompass notifications and attendance",
        "active",
        900,
        -40,
    ),
    DemoAgreement(
        "ISP-NCC-2019-15",
        "Council information sharing protocol",
        (
            "Northbridge City Council housing",
            "Northbridge City Council revenues and benefits",
            "Northbridge City Council community safety",
        ),
        ("local_authority",),
        "Housing, benefits and community safety information about families",
        "active",
        1200,
        200,
        dpia_days_before_signing=None,
    ),
    DemoAgreement(
        "DSA-VCS-2024-19",
        "Voluntary sector referrals agreement",
        ("Northbridge Women's Aid", "Young Carers Northbridge", "Riverside Family Centre"),
        ("voluntary_sector",),
        "Referrals to family support, young carers and domestic abuse services",
        "active",
        60,
        240,
    ),
    DemoAgreement(
        "DSA-CJS-2022-20",
        "Criminal justice and family court protocol",
        ("Cafcass", "Probation Service", "Northbridge Magistrates' Court"),
        ("other",),
        "Information for family court proceedings and probation risk assessments",
        "active",
        360,
        60,
    ),
    DemoAgreement(
        "DSA-ACAD-2026-01",
        "Academy trust data sharing agreement (draft)",
        ("Northbridge Learning Trust",),
        ("education",),
        "Pupil safeguarding records across the trust's academies",
        "draft",
        None,
        None,
        dpia_days_before_signing=None,
    ),
)
# Actions agreed at governance meetings (app/actions.csv, imported into the app store by `make
# run`): (title, team_id, ICO step or None, owner, due in days after the data's last day).
# The one due 14 days before is overdue; the last is closed by app/actions_update.csv, so that
# its history shows it opened and then done.
DEMO_ACTIONS: tuple[tuple[str, str, int | None, str, int], ...] = (
    ("Renew the data sharing agreement with the police", "MASH", 6, "Head of MASH", 30),
    (
        "Refresher training on the 10-step guide for lapsed decision makers",
        "EH-W",
        1,
        "Early Help service manager",
        -14,
    ),
    ("Review every emergency share after the event", "EDT", 9, "EDT team manager", 45),
    ("Attest the updated privacy notice", "EWS", 4, "Education Welfare lead", 60),
    ("Record a lawful basis on every share", "CP-S", 8, "CP-S team manager", -40),
)
DEMO_ACTION_CLOSED = 5  # the action id the update file marks done (a new store numbers from 1)
# The early warnings the demo shows (issue 11 req 10). A team whose sharing falls in the last
# three whole months (fear of sharing): most of its decisions then go to its neighbour, as the
# quiet team's do. Emergency decisions are reviewed after the event by the person who authorised
# (or made) them within a few weeks, except some of one team's, never reviewed.
FALLING_TEAM, FALLING_COVER = "EH-W", "EH-E"
FALLING_SHARE_MOVED = 0.6
UNREVIEWED_TEAM = "CP-N"
UNREVIEWED_SHARE = 0.2
REVIEW_DAYS_MAX = 21
