"""The demo organisation: three years of Northbridge City Council's files, as real exports look.

Reference files (teams, staff, courses, policies, coverage, training) are small and built in
Python from `random.Random` streams seeded by (seed, part), so they never depend on `scale` and a
change to one part does not reshuffle another. The decision log is built entirely in DuckDB
(`sql/generate_decisions.sql`) from `hash(row, seed, salt)`: ten million rows take minutes and the
same arguments give the same bytes on any number of threads.

Event dates (employment, completions, approvals, attestations, decisions) never fall after `end`;
due dates (`review_due`, `exempt_until`) may, as they do in real registers. The team tables below
are laid out as aligned columns, so they are kept out of the formatter's reach.

With `with_errors=True` every good row is kept and these bad rows are added at fixed lines
(header = line 1), whatever the seed or scale; `PLANTED_ERRORS[k]` is at `PLANTED_ERROR_LINES[k]`:

- `staff.csv` line 2, start_date: a new staff row with a blank start date
- `training.csv` line 2, staff_id: a staff id that is not in staff.csv
- `training.csv` line 3, score: a score of 150
- `decisions_YYYY.csv` (YYYY = end.year) line 3, decision_id: an exact copy of line 2
- the same file, line 4, team_id: a team that is not in teams.csv
- the same file, line 5, decided_at: `31/02/YYYY 10:00`, a day that does not exist
- the same file, line 6, decision: `maybe`
- the same file, line 7, decided_at: `2099-06-01 10:00`, in the future
"""

import csv
import dataclasses
import datetime
import io
import math
import pathlib
import random
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import duckdb
import openpyxl
import pandas as pd

ORGANISATION = "Northbridge City Council"
DEMO_END = datetime.date(2026, 10, 31)
WINDOW_YEARS = 3
DECISIONS_AT_SCALE_1 = 25_000
DAY_KINDS = ("weekday", "weekend")
SQL_DIR = pathlib.Path(__file__).parent / "sql"
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_XLSX_STAMP = "2026-01-01T00:00:00Z"

PLANTED_ERRORS: list[tuple[str, str, str]] = [
    ("staff.csv", "start_date", "blank required start_date"),
    ("training.csv", "staff_id", "unknown staff_id"),
    ("training.csv", "score", "score 150 is above 100"),
    (f"decisions_{DEMO_END.year}.csv", "decision_id", "duplicate decision_id"),
    (f"decisions_{DEMO_END.year}.csv", "team_id", "unknown team_id"),
    (f"decisions_{DEMO_END.year}.csv", "decided_at", "impossible date 31 February"),
    (f"decisions_{DEMO_END.year}.csv", "decision", "invalid decision value 'maybe'"),
    (f"decisions_{DEMO_END.year}.csv", "decided_at", "decided_at in the future (2099)"),
]
PLANTED_ERROR_LINES: tuple[int, ...] = (2, 2, 3, 3, 4, 5, 6, 7)
UNKNOWN_STAFF_ID = "E999999"
BLANK_START_STAFF_ID = "E999998"
UNKNOWN_TEAM_ID = "ZZZ"

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
OUT_OF_HOURS_TEAM = "EDT"

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
MINUTE_SLOTS = 2880
# A child's later decisions pick among the cases opened in the last CASE_MONTHS months.
CHILDREN_PER_DECISION = 0.38
CASE_MONTHS = 6
TEAM_SLOTS = 1000
SLOTS = 120

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


@dataclasses.dataclass
class StaffMember:
    """One row of the staff roster, plus when a long absence began (not exported)."""

    staff_id: str
    team_id: str
    role: str
    name: str
    is_decision_maker: bool
    start_date: datetime.date
    end_date: datetime.date | None
    exempt_until: datetime.date | None = None
    absent_from: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class Completion:
    """One training attempt."""

    staff_id: str
    course_id: str
    completed_on: datetime.date
    result: str
    score: int | None


@dataclasses.dataclass(frozen=True)
class PolicyVersion:
    """One version of one policy."""

    policy_id: str
    title: str
    ico_step: int
    owner: str
    version: int
    approved_on: datetime.date
    review_due: datetime.date


@dataclasses.dataclass(frozen=True)
class Attestation:
    """One team's statement about one policy on one day."""

    team_id: str
    policy_id: str
    status: str
    attested_on: datetime.date
    evidence: str


def window_start(end: datetime.date) -> datetime.date:
    """First day of the three years that end on end."""
    return add_months(end, -12 * WINDOW_YEARS) + datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month months later, clipped to the month's length."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def closure_date(end: datetime.date) -> datetime.date:
    """Last day of the closed team: the end of the tenth month of the window."""
    first_of_month = add_months(window_start(end).replace(day=1), 11)
    return first_of_month - datetime.timedelta(days=1)


def part_rng(seed: int, part: str) -> random.Random:
    """An independent random stream for one part of the organisation."""
    return random.Random(f"{seed}:{part}")


def uk_date(day: datetime.date | None) -> str:
    """A date as dd/mm/yyyy, or blank."""
    return day.strftime("%d/%m/%Y") if day else ""


def iso_date(day: datetime.date | None) -> str:
    """A date as yyyy-mm-dd, or blank."""
    return day.isoformat() if day else ""


def slots(weights: Mapping[Any, float] | Iterable[tuple[Any, float]], size: int = 100) -> list:
    """Each value repeated in proportion to its weight, size values in all (largest remainder)."""
    pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
    counts = allocate([float(w) for _, w in pairs], size)
    return [value for (value, _), count in zip(pairs, counts, strict=True) for _ in range(count)]


def allocate(weights: list[float], total: int) -> list[int]:
    """Whole numbers proportional to weights that add up to total (largest remainder)."""
    weight_sum = sum(weights)
    exact = [w * total / weight_sum for w in weights]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda k: (-(exact[k] - counts[k]), k))
    for k in order[: total - sum(counts)]:
        counts[k] += 1
    return counts


def is_decision_maker(rng: random.Random, team_id: str, role: str) -> bool:
    """Whether a new post holder makes sharing decisions."""
    if role == SW and team_id in ALL_DECIDE_TEAMS:
        return True
    return rng.random() < DECISION_MAKER_SHARE.get(role, 0.0)


def person_name(rng: random.Random) -> str:
    """A fictional name, now and then with a letter outside ASCII that Windows-1252 holds."""
    first_pool = ACCENTED_FIRST_NAMES if rng.random() < ACCENTED_SHARE else FIRST_NAMES
    last_pool = ACCENTED_LAST_NAMES if rng.random() < ACCENTED_SHARE else LAST_NAMES
    return f"{rng.choice(first_pool.split())} {rng.choice(last_pool.split())}"


def build_staff(seed: int, end: datetime.date) -> list[StaffMember]:
    """The roster: every post's holders over the window, leavers and joiners included."""
    rng = part_rng(seed, "staff")
    start = window_start(end)
    closed_on = closure_date(end)
    rows: list[tuple[datetime.date, str, int, StaffMember]] = []
    post_number = 0
    for team_id, posts in TEAM_POSTS.items():
        closes = team_id in CLOSED_TEAMS
        last_day = closed_on if closes else end
        for role, count in posts:
            rate = LEAVE_RATE.get(role, DEFAULT_LEAVE_RATE)
            for _ in range(count):
                post_number += 1
                tenure_years = rng.expovariate(1 / 6.5)
                if tenure_years > 30:
                    tenure_years = rng.uniform(15, 30)
                tenure_days = int(tenure_years * 365.25) + 1
                holder_start = start - datetime.timedelta(days=tenure_days)
                while holder_start <= last_day:
                    from_day = max(holder_start, start)
                    stay = datetime.timedelta(days=int(rng.expovariate(rate) * 365.25))
                    leaves = from_day + stay
                    end_date = None
                    if closes and leaves >= closed_on:
                        end_date = closed_on
                    elif leaves <= end:
                        end_date = leaves
                    member = StaffMember(
                        staff_id="",
                        team_id=team_id,
                        role=role,
                        name=person_name(rng),
                        is_decision_maker=is_decision_maker(rng, team_id, role),
                        start_date=holder_start,
                        end_date=end_date,
                    )
                    rows.append((holder_start, team_id, post_number, member))
                    if end_date is None or end_date >= last_day:
                        break
                    holder_start = end_date + datetime.timedelta(days=rng.randint(14, 120))
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    number = 100_100
    staff = []
    for _, _, _, member in rows:
        number += rng.randint(1, 9)
        member.staff_id = f"E{number}"
        staff.append(member)
    mark_absences(rng, staff, end)
    return staff


def mark_absences(rng: random.Random, staff: list[StaffMember], end: datetime.date) -> None:
    """Give a dozen long-serving staff a long absence: half back recently, half still away."""
    candidates = [
        s for s in staff if s.end_date is None and s.start_date < end - datetime.timedelta(days=800)
    ]
    for k, member in enumerate(rng.sample(candidates, 12)):
        if k % 2 == 0:
            member.exempt_until = end + datetime.timedelta(days=rng.randint(20, 240))
        else:
            member.exempt_until = end - datetime.timedelta(days=rng.randint(10, 120))
        member.absent_from = min(
            member.exempt_until - datetime.timedelta(days=rng.randint(100, 330)),
            end - datetime.timedelta(days=30),
        )


def required_for(rule: str, member: StaffMember) -> bool:
    """Whether a course's required_for rule covers a staff member."""
    if rule == "all":
        return True
    if rule == "decision_makers":
        return member.is_decision_maker
    if rule == "none":
        return False
    for part in rule.split("|"):
        kind, _, value = part.partition(":")
        if (kind == "role" and value == member.role) or (
            kind == "team" and value == member.team_id
        ):
            return True
    return False


def pass_score(rng: random.Random) -> int:
    """A passing score, mostly in the eighties."""
    return max(70, min(100, round(rng.gauss(86, 7))))


def build_training(seed: int, staff: list[StaffMember], end: datetime.date) -> list[Completion]:
    """Completions: on-time refreshers, lagging teams, overdue and never-trained staff, retakes."""
    rng = part_rng(seed, "training")
    start = window_start(end)
    history_start = add_months(start, -30)
    records: list[Completion] = []
    for member in staff:
        reliability = min(
            0.99, max(0.3, TEAM_RECORDS[member.team_id].training_on_time + rng.uniform(-0.1, 0.1))
        )
        last_day = min(member.end_date or end, end)
        for course_id, _, refresh, rule, _ in COURSES:
            if not required_for(rule, member) or rng.random() < 0.02:
                continue
            launched = start + datetime.timedelta(days=COURSE_LAUNCH_DAYS.get(course_id, -3650))
            first_day = max(member.start_date, launched)
            if first_day < history_start:
                # In post before the records begin: last completions spread over one cycle.
                spread = refresh * 30 if refresh else 400
                done = history_start + datetime.timedelta(days=rng.randint(0, spread))
            else:
                lag = rng.randint(3, 60) if rng.random() < reliability else rng.randint(61, 200)
                done = first_day + datetime.timedelta(days=lag)
            while done <= last_day:
                if member.absent_from and member.absent_from <= done <= member.exempt_until:
                    done = member.exempt_until + datetime.timedelta(days=rng.randint(10, 60))
                    continue
                scored = course_id not in UNSCORED_COURSES
                if rng.random() < 0.05:
                    records.append(
                        Completion(
                            member.staff_id,
                            course_id,
                            done,
                            "fail",
                            rng.randint(20, 69) if scored else None,
                        )
                    )
                    done += datetime.timedelta(days=rng.randint(3, 28))
                    if done > last_day:
                        break
                records.append(
                    Completion(
                        member.staff_id,
                        course_id,
                        done,
                        "pass",
                        pass_score(rng) if scored else None,
                    )
                )
                if refresh == 0 or rng.random() < 0.015:
                    break
                due = add_months(done, refresh)
                if rng.random() < reliability:
                    following = due - datetime.timedelta(days=rng.randint(0, 45))
                else:
                    following = due + datetime.timedelta(days=rng.randint(10, 200))
                done = max(following, done + datetime.timedelta(days=30))
    records.sort(key=lambda r: (r.staff_id, r.course_id, r.completed_on))
    return records


def build_policies(seed: int, end: datetime.date) -> list[PolicyVersion]:
    """The policy register, versions worked back from the one in force at end."""
    rng = part_rng(seed, "policies")
    versions: list[PolicyVersion] = []
    for policy_id, title, step, owner, review, count, stale, _ in POLICIES:
        if stale:
            review_due = end - datetime.timedelta(days=rng.randint(30, 300))
            approved = add_months(review_due, -review)
        else:
            approved = end - datetime.timedelta(days=rng.randint(20, min(30 * review - 20, 900)))
        dates = [approved]
        for _ in range(count - 1):
            approved = add_months(approved, -review) - datetime.timedelta(
                days=rng.randint(-60, 120)
            )
            dates.append(approved)
        for number, day in enumerate(reversed(dates), start=1):
            versions.append(
                PolicyVersion(policy_id, title, step, owner, number, day, add_months(day, review))
            )
    return versions


def build_coverage(
    seed: int, policies: list[PolicyVersion], end: datetime.date
) -> list[Attestation]:
    """Attestations every six to twelve months, mostly improving, with dips after new versions."""
    rng = part_rng(seed, "coverage")
    start = window_start(end)
    closed_on = closure_date(end)
    approvals: dict[str, list[datetime.date]] = {}
    for version in policies:
        approvals.setdefault(version.policy_id, []).append(version.approved_on)
    rows: list[Attestation] = []
    for team_id, records in TEAM_RECORDS.items():
        last_day = closed_on if team_id in CLOSED_TEAMS else end
        maturity = records.policy_maturity
        for policy in POLICIES:
            policy_id = policy.policy_id
            first_approved = approvals[policy_id][0]
            applicable = team_id in policy.applies_to
            if not applicable and rng.random() < 0.15:
                continue
            level = rng.choices(
                (0, 1, 2), weights=(0.2 - 0.18 * maturity, 0.3, 0.5 + 0.4 * maturity)
            )[0]
            day = max(
                start + datetime.timedelta(days=rng.randint(0, 150)),
                first_approved + datetime.timedelta(days=rng.randint(14, 90)),
            )
            previous = None
            while day <= last_day:
                if applicable:
                    if previous and any(previous < a <= day for a in approvals[policy_id]):
                        if level == 2 and rng.random() < 0.25:
                            level = 1
                    elif previous and rng.random() < min(0.95, records.policy_improvement + 0.4):
                        level = min(2, level + 1)
                    elif previous and rng.random() < 0.05:
                        level = max(0, level - 1)
                    status = STATUS_BY_LEVEL[level]
                else:
                    status = "not_applicable"
                rows.append(
                    Attestation(team_id, policy_id, status, day, rng.choice(EVIDENCE[status]))
                )
                if not applicable and rng.random() < 0.5:
                    break
                previous = day
                following = day + datetime.timedelta(days=rng.randint(180, 365))
                # A new version prompts most teams to re-attest within weeks, as a policy
                # owner's circulation would; weaker teams wait for the next routine round.
                new_versions = [a for a in approvals[policy_id] if day < a < following]
                if applicable and new_versions and rng.random() < 0.7 + 0.3 * maturity:
                    prompt = new_versions[0] + datetime.timedelta(days=rng.randint(14, 75))
                    following = min(following, prompt)
                day = following
    rows.sort(key=lambda r: (r.attested_on, r.team_id, r.policy_id))
    return rows


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday (Gregorian), by the anonymous algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return datetime.date(year, month, day + 1)


def nth_monday(year: int, month: int, last: bool = False) -> datetime.date:
    """The first (or last) Monday of a month."""
    if last:
        day = add_months(datetime.date(year, month, 1), 1) - datetime.timedelta(days=1)
        return day - datetime.timedelta(days=day.weekday())
    day = datetime.date(year, month, 1)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def bank_holidays(year: int) -> list[datetime.date]:
    """England and Wales bank holidays, with weekend substitutes."""
    new_year = datetime.date(year, 1, 1)
    while new_year.weekday() >= 5:
        new_year += datetime.timedelta(days=1)
    easter = easter_sunday(year)
    christmas = datetime.date(year, 12, 25)
    extra = {4: (25, 28), 5: (27, 28), 6: (26, 27)}.get(christmas.weekday(), (25, 26))
    return [
        new_year,
        easter - datetime.timedelta(days=2),
        easter + datetime.timedelta(days=1),
        nth_monday(year, 5),
        nth_monday(year, 5, last=True),
        nth_monday(year, 8, last=True),
        *(datetime.date(year, 12, d) for d in extra),
    ]


def school_holiday(day: datetime.date) -> str | None:
    """Which English school holiday a day falls in, if any."""
    year = day.year
    easter = easter_sunday(year)
    if (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3):
        return "christmas"
    if easter - datetime.timedelta(days=6) <= day <= easter + datetime.timedelta(days=5):
        return "easter"
    if datetime.date(year, 7, 23) <= day <= datetime.date(year, 9, 3):
        return "summer"
    february = nth_monday(year, 2) + datetime.timedelta(days=7)
    half_terms = (february, nth_monday(year, 5, last=True), nth_monday(year, 10, last=True))
    if any(monday <= day <= monday + datetime.timedelta(days=4) for monday in half_terms):
        return "half_term"
    return None


def day_weights(seed: int, end: datetime.date) -> list[tuple[datetime.date, str, float]]:
    """Each day of the window, weekday or weekend, and its share of the year's decisions."""
    rng = part_rng(seed, "days")
    start = window_start(end)
    holidays = {d for year in range(start.year, end.year + 1) for d in bank_holidays(year)}
    days = []
    day = start
    while day <= end:
        years_in = (day - start).days / 365.25
        weight = (1 + YEARLY_GROWTH * years_in) * rng.uniform(0.9, 1.1)
        if day.weekday() >= 5 or day in holidays:
            kind = "weekend"
            weight *= WEEKEND_FACTOR
        else:
            kind = "weekday"
            holiday = school_holiday(day)
            weight *= HOLIDAY_FACTOR.get(holiday or "", 1.0)
            if holiday == "summer" and day.month == 8:
                weight *= AUGUST_FACTOR
            if holiday is None and day.month in (9, 10, 11):
                weight *= AUTUMN_TERM_FACTOR
            weight *= {0: 1.08, 4: 0.9}.get(day.weekday(), 1.0)
        days.append((day, kind, weight))
        day += datetime.timedelta(days=1)
    return days


def minute_slots(bands: tuple[tuple[float, ...], ...]) -> list[int]:
    """Minutes of the day in ascending order, each hour as often as its weight."""
    per_hour = allocate([w for band in bands for w in band], MINUTE_SLOTS)
    return [
        hour * 60 + k * 60 // count for hour, count in enumerate(per_hour) for k in range(count)
    ]


def band_weight(profile: DecisionProfile, kind: str, band: str) -> int:
    """A team's relative share of the decisions taken in one kind of day and time band."""
    if band == "night":
        return profile.night_weight
    return profile.weekday_weight if kind == "weekday" else profile.weekend_weight


def team_slots() -> list[int]:
    """Team indexes by weight, TEAM_SLOTS per (day kind, closed team gone, night) in that order."""
    team_ids = list(TEAM_DECISIONS)
    flat = []
    for kind in DAY_KINDS:
        for closed_team_gone in (False, True):
            for band in ("day", "night"):
                weights = {
                    team_id: band_weight(profile, kind, band)
                    for team_id, profile in TEAM_DECISIONS.items()
                }
                if closed_team_gone:
                    for closed, successors in CLOSED_TEAMS.items():
                        moved = allocate([1.0] * len(successors), weights.pop(closed))
                        for successor, extra in zip(successors, moved, strict=True):
                            weights[successor] += extra
                kept = {team_ids.index(t): w for t, w in weights.items() if w}
                flat.extend(slots(kept, TEAM_SLOTS))
    return flat


def decision_inputs(
    seed: int, scale: float, end: datetime.date, staff: list[StaffMember]
) -> tuple[pd.DataFrame, dict[str, object]]:
    """The day table and the bound parameters generate_decisions.sql reads."""
    n_rows = max(1, round(DECISIONS_AT_SCALE_1 * scale))
    start = window_start(end)
    closed_on = closure_date(end)
    weights = day_weights(seed, end)
    counts = allocate([w for _, _, w in weights], n_rows)
    day_rows, first_row = [], 0
    for (day, kind, _), count in zip(weights, counts, strict=True):
        if count:
            day_rows.append((day, DAY_KINDS.index(kind), int(day > closed_on), first_row, count))
        first_row += count
    days = pd.DataFrame(
        day_rows, columns=["day", "kind_index", "period_index", "first_row", "n_rows"]
    )
    team_ids = list(TEAM_DECISIONS)
    profiles = list(TEAM_DECISIONS.values())
    recipient_index = {name: k for k, name in enumerate(RECIPIENT_TYPES)}
    n_children = max(1, round(n_rows * CHILDREN_PER_DECISION))
    params: dict[str, object] = {
        "seed": seed,
        "n_rows": n_rows,
        "id_width": max(8, len(str(n_rows))),
        "last_minute": datetime.datetime.combine(end, datetime.time(23, 59)),
        "n_children": n_children,
        "child_window": max(1, n_children * CASE_MONTHS // (12 * WINDOW_YEARS)),
        "child_offset": part_rng(seed, "children").randrange(10_000_000),
        "minute_slot_count": MINUTE_SLOTS,
        "minute_slots": [m for kind in DAY_KINDS for m in minute_slots(HOUR_WEIGHTS[kind])],
        "day_from": DAY_FROM,
        "day_until": DAY_UNTIL,
        "team_slot_count": TEAM_SLOTS,
        "team_slots": team_slots(),
        "team_ids": team_ids,
        "slot_count": SLOTS,
        "recipient_types": list(RECIPIENT_TYPES),
        "emergency_recipients": [
            recipient_index[r] for r in slots(DECISION_LISTS["emergency_recipients"])
        ],
        "org_slots": [
            org
            for kind in RECIPIENT_TYPES
            for org in slots({o: 1 for o in RECIPIENT_ORGS[kind]}, SLOTS)
        ],
        "dsa_refs": [DSA_REFS[kind] for kind in RECIPIENT_TYPES],
    }
    for field in DecisionProfile._fields[4:]:
        params[field] = [float(getattr(p, field)) for p in profiles]
    params["recipient_slots"] = [
        k for team_id in team_ids for k in slots(dict(enumerate(TEAM_RECIPIENTS[team_id])), SLOTS)
    ]
    params["purpose_slots"] = [
        purpose
        for team_id in team_ids
        for purpose in slots({p: 1 for p in TEAM_PURPOSES[team_id]}, SLOTS)
    ]
    params["consent_slots"] = [
        value
        for p in profiles
        for value in slots(zip(CONSENT_VALUES, STYLE_CONSENT[p.style], strict=True), SLOTS)
    ]
    params["family_slots"] = [
        value
        for p in profiles
        for value in slots(
            zip(FAMILY_INFORMED_VALUES, STYLE_FAMILY_INFORMED[p.style], strict=True), SLOTS
        )
    ]
    for name, weighted in DECISION_LISTS.items():
        if name != "emergency_recipients":
            params[name] = slots(weighted)
    params.update(staff_pools(staff, start, end))
    return days, params


def staff_pools(
    staff: list[StaffMember], start: datetime.date, end: datetime.date
) -> dict[str, object]:
    """Who may decide and who may authorise, per team and month, among staff in post all month.

    Pools are laid end to end in team-major order; a pool is found by its offset and count.
    """
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    pools: dict[str, list] = {
        "deciders": [],
        "decider_offsets": [],
        "decider_counts": [],
        "authorisers": [],
        "authoriser_offsets": [],
        "authoriser_counts": [],
    }
    for team_id in TEAM_DECISIONS:
        team_staff = [s for s in staff if s.team_id == team_id and s.role != BSO]
        for month in months:
            first = max(month, start)
            last = min(add_months(month, 1) - datetime.timedelta(days=1), end)
            in_post = [
                s
                for s in team_staff
                if s.start_date <= first and (s.end_date is None or s.end_date >= last)
            ]
            deciders = [s.staff_id for s in in_post if s.is_decision_maker] or [
                s.staff_id for s in in_post
            ]
            authorisers = [s.staff_id for s in in_post if s.role in AUTHORISER_ROLES] or deciders
            for name, chosen in (("decider", deciders), ("authoriser", authorisers)):
                pools[f"{name}_offsets"].append(len(pools[f"{name}s"]))
                pools[f"{name}_counts"].append(len(chosen))
                pools[f"{name}s"].extend(chosen)
    return {
        **pools,
        "n_months": len(months),
        "first_month": start.year * 12 + start.month - 1,
    }


def write_decisions(
    out_dir: pathlib.Path, seed: int, scale: float, end: datetime.date, staff: list[StaffMember]
) -> list[pathlib.Path]:
    """One decisions_YYYY.csv per calendar year, written by DuckDB."""
    days, params = decision_inputs(seed, scale, end, staff)
    query = (SQL_DIR / "generate_decisions.sql").read_text().strip().rstrip(";")
    paths = []
    with tempfile.TemporaryDirectory() as spill, duckdb.connect() as con:
        con.execute("set enable_progress_bar = false")
        con.execute(f"set temp_directory = '{escape_sql(spill)}'")
        con.register("gen_days_frame", days)
        con.execute("create temp table gen_days as select * from gen_days_frame")
        con.unregister("gen_days_frame")
        for year in range(window_start(end).year, end.year + 1):
            path = out_dir / f"decisions_{year}.csv"
            con.execute(
                f"copy ({query}) to '{escape_sql(str(path))}' (header, delimiter ',')",
                {**params, "year": year},
            )
            paths.append(path)
    return paths


def escape_sql(text: str) -> str:
    """A string safe inside single quotes in SQL."""
    return text.replace("'", "''")


def write_csv(
    path: pathlib.Path,
    header: list[str],
    rows: list[list[str]],
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\n",
) -> None:
    """Write rows as CSV text in an exact encoding, separator and line ending."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_teams(out_dir: pathlib.Path) -> pathlib.Path:
    """teams.csv: UTF-8, comma."""
    path = out_dir / "teams.csv"
    rows = [
        [team_id, name, directorate, "no" if team_id in CLOSED_TEAMS else "yes"]
        for team_id, (name, directorate) in TEAMS.items()
    ]
    write_csv(path, ["team_id", "team_name", "directorate", "active"], rows)
    return path


def staff_row(s: StaffMember) -> list[str]:
    """One staff.csv row as Excel would show it."""
    return [
        s.staff_id,
        s.team_id,
        s.role,
        s.name,
        "Yes" if s.is_decision_maker else "No",
        uk_date(s.start_date),
        uk_date(s.end_date),
        uk_date(s.exempt_until),
    ]


def write_staff(out_dir: pathlib.Path, staff: list[StaffMember], with_errors: bool) -> pathlib.Path:
    """staff.csv as Excel on Windows saves it: Windows-1252, semicolons, CRLF, UK dates."""
    path = out_dir / "staff.csv"
    rows = [staff_row(s) for s in staff]
    if with_errors:
        bad = [BLANK_START_STAFF_ID, "MASH", SW, "Sam Taylor", "No", "", "", ""]
        rows.insert(0, bad)
    header = [
        "Staff ID",
        "Team ID",
        "Role",
        "Name",
        "Is decision maker",
        "Start date",
        "End date",
        "Exempt until",
    ]
    write_csv(path, header, rows, encoding="cp1252", delimiter=";", newline="\r\n")
    return path


def write_courses(out_dir: pathlib.Path) -> pathlib.Path:
    """courses.xlsx, byte-identical from run to run."""
    path = out_dir / "courses.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Courses"
    sheet.append(["Course ID", "Title", "Refresh months", "Required for", "ICO step"])
    for row in COURSES:
        sheet.append(list(row))
    fixed = datetime.datetime(2026, 1, 1)
    book.properties.creator = ORGANISATION
    book.properties.created = fixed
    book.properties.modified = fixed
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(fixed_zip(buffer.getvalue()))
    return path


def fixed_zip(data: bytes) -> bytes:
    """The same XLSX with fixed entry times and fixed document timestamps."""
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = stamp.sub(rb"\g<1>" + FIXED_XLSX_STAMP.encode() + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def write_policies(out_dir: pathlib.Path, policies: list[PolicyVersion]) -> pathlib.Path:
    """policies.csv: UTF-8 with BOM, comma, CRLF (Excel's "CSV UTF-8"), ISO dates."""
    path = out_dir / "policies.csv"
    rows = [
        [
            p.policy_id,
            p.title,
            str(p.ico_step),
            p.owner,
            str(p.version),
            iso_date(p.approved_on),
            iso_date(p.review_due),
        ]
        for p in policies
    ]
    header = ["policy_id", "title", "ico_step", "owner", "version", "approved_on", "review_due"]
    write_csv(path, header, rows, encoding="utf-8-sig", newline="\r\n")
    return path


def write_coverage(out_dir: pathlib.Path, coverage: list[Attestation]) -> pathlib.Path:
    """coverage.csv: Windows-1252, semicolons, CRLF, UK dates."""
    path = out_dir / "coverage.csv"
    rows = [
        [a.team_id, a.policy_id, a.status, uk_date(a.attested_on), a.evidence] for a in coverage
    ]
    header = ["Team ID", "Policy ID", "Status", "Attested on", "Evidence"]
    write_csv(path, header, rows, encoding="cp1252", delimiter=";", newline="\r\n")
    return path


def write_training(
    out_dir: pathlib.Path,
    training: list[Completion],
    staff: list[StaffMember],
    end: datetime.date,
    with_errors: bool,
) -> pathlib.Path:
    """training.csv: UTF-8, comma, completed_on as dd/mm/yyyy."""
    path = out_dir / "training.csv"
    rows = [
        [
            r.staff_id,
            r.course_id,
            uk_date(r.completed_on),
            r.result,
            "" if r.score is None else str(r.score),
        ]
        for r in training
    ]
    if with_errors:
        day = window_start(end) + datetime.timedelta(days=10)
        unknown = [UNKNOWN_STAFF_ID, "DP-ANNUAL", uk_date(day), "pass", "88"]
        rows[0:0] = [unknown, too_high_score_row(training, staff, end)]
    write_csv(path, ["staff_id", "course_id", "completed_on", "result", "score"], rows)
    return path


def too_high_score_row(
    training: list[Completion], staff: list[StaffMember], end: datetime.date
) -> list[str]:
    """A training row whose only fault is a score of 150 (its key is new, the person in post)."""
    taken = {(r.staff_id, r.course_id, r.completed_on) for r in training}
    day = window_start(end) + datetime.timedelta(days=20)
    member = next(
        s
        for s in staff
        if s.start_date < day and s.end_date is None and (s.staff_id, "DP-ANNUAL", day) not in taken
    )
    return [member.staff_id, "DP-ANNUAL", uk_date(day), "pass", "150"]


def plant_decision_errors(path: pathlib.Path, end: datetime.date) -> None:
    """Insert five bad rows after line 2 of a decision file, each a variant of line 2."""
    with path.open(encoding="utf-8", newline="") as source:
        header_line = source.readline()
        first_line = source.readline()
        header = next(csv.reader([header_line]))
        first = next(csv.reader([first_line]))
        variants = [
            ("decision_id", first[header.index("decision_id")]),
            ("team_id", UNKNOWN_TEAM_ID),
            ("decided_at", f"31/02/{end.year} 10:00"),
            ("decision", "maybe"),
            ("decided_at", "2099-06-01 10:00"),
        ]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for number, (column, value) in enumerate(variants):
            row = list(first)
            if column != "decision_id":
                row[header.index("decision_id")] = f"NBD-ERR-{number}"
            row[header.index(column)] = value
            if column == "decided_at":
                row[header.index("request_received")] = ""
                row[header.index("recorded_at")] = ""
            writer.writerow(row)
        staged = path.with_name(path.name + ".tmp")
        with staged.open("w", encoding="utf-8", newline="") as target:
            target.write(header_line + first_line + buffer.getvalue())
            shutil.copyfileobj(source, target)
    staged.replace(path)


def generate(
    out_dir: pathlib.Path,
    seed: int = 42,
    scale: float = 1.0,
    with_errors: bool = False,
    end: datetime.date = DEMO_END,
) -> list[pathlib.Path]:
    """Write the demo organisation's files into out_dir and return their paths.

    scale multiplies the number of decision rows only (25,000 at scale 1); every other file is
    the same at any scale. The same arguments give byte-identical files.
    """
    if not scale > 0:
        raise ValueError(f"scale must be a number above 0, not {scale}")
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staff = build_staff(seed, end)
    policies = build_policies(seed, end)
    paths = [
        write_teams(out_dir),
        write_staff(out_dir, staff, with_errors),
        write_courses(out_dir),
        write_policies(out_dir, policies),
        write_coverage(out_dir, build_coverage(seed, policies, end)),
        write_training(out_dir, build_training(seed, staff, end), staff, end, with_errors),
    ]
    decision_paths = write_decisions(out_dir, seed, scale, end, staff)
    if with_errors:
        plant_decision_errors(out_dir / f"decisions_{end.year}.csv", end)
    return paths + decision_paths
