"""The demo organisation: three years of Northbridge City Council's files, as real exports look.

Reference files (teams, staff, courses, policies, coverage, training) are small and built in
Python from `random.Random` streams seeded by (seed, part), so they never depend on `scale` and a
change to one part does not reshuffle another. The decision log is built entirely in DuckDB
(`generate_decisions.sql`) from `hash(row, seed, salt)`: ten million rows take minutes and the
same arguments give the same bytes on any number of threads.

Event dates (start and end of employment, completions, approvals, attestations, decisions) never
fall after `end`; due dates (`review_due`, `exempt_until`) may, as they do in real registers.

With `with_errors=True` the good rows are all kept and these bad rows are added at fixed lines
(header = line 1), whatever the seed or scale; `PLANTED_ERRORS[k]` is at `PLANTED_ERROR_LINES[k]`:

- `staff.csv` line 2, start_date: a new staff row with a blank start date
- `training.csv` line 2, staff_id: a staff id that is not in staff.csv
- `training.csv` line 3, score: a score of 150
- `decisions_YYYY.csv` (YYYY = end.year) line 3, decision_id: a copy of line 2
- same file line 4, team_id: a team that is not in teams.csv
- same file line 5, decided_at: `31/02/YYYY 10:00`, a day that does not exist
- same file line 6, decision: `maybe`
- same file line 7, decided_at: `2099-06-01 10:00`, in the future
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

import duckdb
import openpyxl
import pandas as pd

ORGANISATION = "Northbridge City Council"
DEMO_END = datetime.date(2026, 10, 31)
WINDOW_YEARS = 3
DECISIONS_AT_SCALE_1 = 25_000
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


@dataclasses.dataclass(frozen=True)
class TeamSpec:
    """A team, its posts, and how its decisions and records behave."""

    team_id: str
    name: str
    directorate: str
    posts: tuple[tuple[str, int], ...]
    weekday_weight: int
    weekend_weight: int
    style: str
    p_emergency: float
    p_routine: float
    p_special: float
    p_criminal: float
    p_not_shared: float
    p_partial: float
    p_dsa: float
    gap_mult: float
    on_time: float
    maturity: float
    improvement: float
    recipients: tuple[tuple[str, int], ...]
    purposes: tuple[str, ...]
    closes: bool = False


CSC = "Children's Social Care"
EHP = "Early Help and Prevention"
EDI = "Education and Inclusion"
TM, SP, SW, BSO = "Team manager", "Senior practitioner", "Social worker", "Business support officer"
FSW, EHW = "Family support worker", "Early help practitioner"
DSL = "Designated safeguarding lead"

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
SOCIAL_RECIPIENTS = (
    ("police", 22),
    ("health", 25),
    ("education", 22),
    ("social_care", 12),
    ("local_authority", 8),
    ("voluntary_sector", 7),
    ("other", 4),
)
EARLY_HELP_RECIPIENTS = (
    ("education", 30),
    ("health", 20),
    ("voluntary_sector", 20),
    ("local_authority", 15),
    ("social_care", 10),
    ("police", 5),
)

TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec(
        "MASH",
        "Multi-Agency Safeguarding Hub",
        CSC,
        ((TM, 2), (SP, 4), (SW, 18), (BSO, 4)),
        230,
        120,
        "social",
        0.08,
        0.45,
        0.30,
        0.15,
        0.09,
        0.10,
        0.92,
        1.0,
        0.93,
        0.8,
        0.6,
        (
            ("police", 30),
            ("health", 25),
            ("education", 20),
            ("social_care", 10),
            ("local_authority", 8),
            ("voluntary_sector", 5),
            ("other", 2),
        ),
        (
            "Screening of a referral",
            "Strategy discussion",
            "Section 47 child protection enquiry",
            "Multi-agency risk assessment (MARAC)",
            "Child in need assessment (section 17)",
        ),
    ),
    TeamSpec(
        "CP-N",
        "Child Protection North",
        CSC,
        ((TM, 3), (SP, 5), (SW, 38), (FSW, 4), (BSO, 3)),
        125,
        50,
        "social",
        0.06,
        0.30,
        0.32,
        0.12,
        0.07,
        0.10,
        0.90,
        1.0,
        0.88,
        0.6,
        0.5,
        SOCIAL_RECIPIENTS,
        SOCIAL_PURPOSES,
    ),
    TeamSpec(
        "CP-S",
        "Child Protection South",
        CSC,
        ((TM, 3), (SP, 4), (SW, 36), (FSW, 4), (BSO, 3)),
        120,
        50,
        "social",
        0.07,
        0.30,
        0.32,
        0.13,
        0.08,
        0.11,
        0.80,
        1.5,
        0.72,
        0.4,
        0.25,
        SOCIAL_RECIPIENTS,
        SOCIAL_PURPOSES,
    ),
    TeamSpec(
        "CIC",
        "Children in Care",
        CSC,
        ((TM, 3), (SP, 4), (SW, 34), ("Independent reviewing officer", 9), (BSO, 3)),
        80,
        20,
        "social",
        0.03,
        0.40,
        0.40,
        0.05,
        0.06,
        0.08,
        0.90,
        0.9,
        0.90,
        0.6,
        0.5,
        (
            ("health", 30),
            ("education", 25),
            ("social_care", 20),
            ("police", 8),
            ("local_authority", 7),
            ("voluntary_sector", 5),
            ("other", 5),
        ),
        (
            "Care planning and review",
            "Placement planning",
            "Statutory health assessment",
            "Personal education plan",
            "Pathway planning for a care leaver",
        ),
    ),
    TeamSpec(
        "CWD",
        "Children with Disabilities",
        CSC,
        ((TM, 1), (SP, 2), (SW, 12), (FSW, 5), ("Occupational therapist", 2), (BSO, 1)),
        40,
        0,
        "social",
        0.02,
        0.40,
        0.60,
        0.02,
        0.05,
        0.08,
        0.88,
        0.9,
        0.90,
        0.5,
        0.45,
        (
            ("health", 40),
            ("education", 25),
            ("social_care", 15),
            ("local_authority", 10),
            ("voluntary_sector", 8),
            ("other", 2),
        ),
        (
            "Child in need assessment (section 17)",
            "Short breaks planning",
            "Health and care planning",
            "Transition to adult services",
        ),
    ),
    TeamSpec(
        "LADO",
        "Local Authority Designated Officer",
        CSC,
        ((TM, 1), ("LADO officer", 3), (BSO, 1)),
        15,
        0,
        "justice",
        0.03,
        0.05,
        0.20,
        0.45,
        0.15,
        0.15,
        0.70,
        0.6,
        0.97,
        0.7,
        0.6,
        (("police", 35), ("education", 25), ("other", 20), ("social_care", 10), ("health", 10)),
        (
            "Allegation against a person who works with children",
            "Position of trust evaluation",
            "Allegation management meeting",
        ),
    ),
    TeamSpec(
        "EDT",
        "Emergency Duty Team",
        CSC,
        ((TM, 1), (SP, 2), (SW, 9)),
        35,
        700,
        "social",
        0.55,
        0.05,
        0.35,
        0.20,
        0.05,
        0.06,
        0.60,
        2.0,
        0.70,
        0.3,
        0.3,
        (("police", 45), ("health", 30), ("social_care", 15), ("local_authority", 5), ("other", 5)),
        (
            "Out-of-hours safeguarding response",
            "Police protection follow-up",
            "Emergency placement",
        ),
    ),
    TeamSpec(
        "EH-E",
        "Early Help East",
        EHP,
        ((TM, 2), (SP, 2), (EHW, 18), (FSW, 6), (BSO, 1)),
        65,
        0,
        "early_help",
        0.01,
        0.30,
        0.25,
        0.03,
        0.08,
        0.08,
        0.85,
        0.8,
        0.90,
        0.6,
        0.5,
        EARLY_HELP_RECIPIENTS,
        EARLY_HELP_PURPOSES,
    ),
    TeamSpec(
        "EH-W",
        "Early Help West",
        EHP,
        ((TM, 2), (SP, 2), (EHW, 15), (FSW, 4), (BSO, 1)),
        55,
        0,
        "early_help",
        0.01,
        0.30,
        0.25,
        0.03,
        0.08,
        0.08,
        0.78,
        1.2,
        0.85,
        0.5,
        0.35,
        EARLY_HELP_RECIPIENTS,
        EARLY_HELP_PURPOSES,
    ),
    TeamSpec(
        "EH-C",
        "Early Help Central (closed, merged into East and West)",
        EHP,
        ((TM, 1), (EHW, 7), (FSW, 3)),
        30,
        0,
        "early_help",
        0.01,
        0.25,
        0.25,
        0.03,
        0.09,
        0.08,
        0.70,
        1.4,
        0.80,
        0.3,
        0.2,
        EARLY_HELP_RECIPIENTS,
        EARLY_HELP_PURPOSES,
        closes=True,
    ),
    TeamSpec(
        "FFS",
        "Family Support Service",
        EHP,
        ((TM, 1), (SP, 1), (FSW, 19), (BSO, 1)),
        40,
        0,
        "early_help",
        0.01,
        0.25,
        0.22,
        0.03,
        0.07,
        0.07,
        0.80,
        1.0,
        0.88,
        0.5,
        0.4,
        (
            ("voluntary_sector", 25),
            ("education", 25),
            ("health", 20),
            ("local_authority", 15),
            ("social_care", 10),
            ("police", 5),
        ),
        ("Family support plan", "Parenting support referral", "Team around the family meeting"),
    ),
    TeamSpec(
        "SN",
        "School Nursing (0-19 health service)",
        EHP,
        ((TM, 2), ("School nurse", 26), ("Healthcare assistant", 6), (BSO, 1)),
        50,
        0,
        "education",
        0.02,
        0.50,
        0.70,
        0.02,
        0.05,
        0.12,
        0.95,
        0.5,
        0.95,
        0.8,
        0.6,
        (("health", 50), ("education", 30), ("social_care", 15), ("other", 5)),
        (
            "Health needs assessment",
            "School health referral",
            "Health information for a child protection conference",
        ),
    ),
    TeamSpec(
        "EWS",
        "Education Welfare Service",
        EDI,
        ((TM, 1), (SP, 2), ("Education welfare officer", 14), (DSL, 2), (BSO, 1)),
        45,
        0,
        "education",
        0.01,
        0.60,
        0.12,
        0.03,
        0.06,
        0.06,
        0.75,
        1.1,
        0.85,
        0.5,
        0.4,
        (
            ("education", 55),
            ("social_care", 15),
            ("local_authority", 15),
            ("police", 5),
            ("health", 5),
            ("other", 5),
        ),
        ("Attendance enquiry", "Child missing education enquiry", "Elective home education check"),
    ),
    TeamSpec(
        "SEND",
        "Special Educational Needs and Disabilities",
        EDI,
        ((TM, 2), ("SEND caseworker", 22), ("Educational psychologist", 8), (BSO, 2)),
        35,
        0,
        "education",
        0.00,
        0.55,
        0.55,
        0.01,
        0.06,
        0.10,
        0.90,
        0.9,
        0.80,
        0.4,
        0.3,
        (
            ("education", 45),
            ("health", 35),
            ("social_care", 10),
            ("local_authority", 5),
            ("other", 5),
        ),
        (
            "Education, health and care needs assessment",
            "Annual review of an EHC plan",
            "Placement consultation with a school",
        ),
    ),
    TeamSpec(
        "VS",
        "Virtual School",
        EDI,
        ((TM, 1), (DSL, 1), ("Education adviser", 8), (BSO, 1)),
        25,
        0,
        "education",
        0.01,
        0.50,
        0.25,
        0.04,
        0.05,
        0.06,
        0.92,
        0.7,
        0.92,
        0.7,
        0.6,
        (("education", 60), ("social_care", 25), ("health", 10), ("other", 5)),
        (
            "Personal education plan",
            "Pupil premium plus allocation",
            "School admission for a child in care",
        ),
    ),
    TeamSpec(
        "YJS",
        "Youth Justice Service",
        EHP,
        ((TM, 1), (SP, 4), ("Youth justice officer", 15), (BSO, 1)),
        40,
        40,
        "justice",
        0.03,
        0.40,
        0.30,
        0.80,
        0.08,
        0.10,
        0.85,
        1.1,
        0.75,
        0.4,
        0.35,
        (("police", 45), ("other", 20), ("education", 15), ("health", 10), ("social_care", 10)),
        (
            "Youth justice assessment",
            "Out of court disposal panel",
            "Pre-sentence report",
            "Resettlement planning",
        ),
    ),
)

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

# Family style of each team: (consent weights, family_informed weights).
STYLE_SLOTS: dict[str, tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]] = {
    "social": (
        (
            ("not_sought_risk", 55),
            ("not_sought_other", 15),
            ("given", 15),
            ("refused", 5),
            ("not_applicable", 10),
        ),
        (("yes", 50), ("no_risk", 25), ("not_yet", 12), ("no_other", 5), ("not_applicable", 8)),
    ),
    "early_help": (
        (
            ("given", 75),
            ("refused", 5),
            ("not_sought_other", 5),
            ("not_applicable", 10),
            ("not_sought_risk", 5),
        ),
        (("yes", 85), ("not_yet", 5), ("no_other", 5), ("not_applicable", 5)),
    ),
    "education": (
        (
            ("given", 45),
            ("not_applicable", 35),
            ("not_sought_other", 10),
            ("not_sought_risk", 5),
            ("refused", 5),
        ),
        (("yes", 65), ("not_applicable", 20), ("not_yet", 8), ("no_other", 5), ("no_risk", 2)),
    ),
    "justice": (
        (("not_applicable", 40), ("not_sought_other", 25), ("not_sought_risk", 25), ("given", 10)),
        (("yes", 40), ("no_risk", 20), ("no_other", 15), ("not_applicable", 20), ("not_yet", 5)),
    ),
}

RECIPIENT_ORGS: dict[str, tuple[tuple[str, ...], str]] = {
    "police": (
        (
            "Northshire Police",
            "Northshire Police Public Protection Unit",
            "British Transport Police",
        ),
        "DSA-MASH-2021-04",
    ),
    "health": (
        (
            "Northbridge University Hospitals NHS Trust",
            "Northbridge Community Health NHS Trust",
            "North Riding Integrated Care Board",
            "Castlegate Medical Practice",
            "Northbridge CAMHS",
        ),
        "DSA-HLTH-2022-11",
    ),
    "social_care": (
        (
            "Southmoor Borough Council children's services",
            "Eastdale County Council children's services",
            "Brightpath Fostering",
            "Northbridge adult social care",
        ),
        "DSA-REG-2023-02",
    ),
    "education": (
        (
            "Northbridge Academy",
            "St Anne's CE Primary School",
            "Riverside Primary School",
            "Northbridge College",
            "Hillcrest Pupil Referral Unit",
            "Oakfield Special School",
        ),
        "DSA-EDU-2020-07",
    ),
    "local_authority": (
        (
            "Northbridge City Council housing",
            "Northbridge City Council revenues and benefits",
            "Northbridge City Council community safety",
        ),
        "ISP-NCC-2019-15",
    ),
    "voluntary_sector": (
        (
            "Northbridge Women's Aid",
            "Young Carers Northbridge",
            "Riverside Family Centre",
            "Northbridge Food Bank",
        ),
        "DSA-VCS-2024-19",
    ),
    "other": (
        (
            "Cafcass",
            "Probation Service",
            "Northbridge Magistrates' Court",
            "Ofsted",
            "Moorland Homes housing association",
        ),
        "DSA-CJS-2022-20",
    ),
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

HOUR_WEIGHTS: dict[str, dict[int, int]] = {
    "office": {8: 3, 9: 8, 10: 10, 11: 10, 12: 7, 13: 8, 14: 10, 15: 10, 16: 8, 17: 4, 18: 2},
    "night": {
        17: 3,
        18: 6,
        19: 7,
        20: 7,
        21: 6,
        22: 5,
        23: 4,
        0: 3,
        1: 2,
        2: 2,
        3: 1,
        4: 1,
        5: 1,
        6: 2,
        7: 3,
    },
    "allday": {h: (2 if h < 7 else 4 if h < 9 else 6) for h in range(24)},
    "weekend_day": {9: 3, 10: 5, 11: 5, 12: 4, 13: 4, 14: 5, 15: 5, 16: 4, 17: 3, 18: 2},
}

COURSES: tuple[tuple[str, str, int, str, int], ...] = (
    ("DP-ANNUAL", "Data protection and information governance (annual)", 12, "all", 1),
    ("INFO-SHARE", "Information sharing to safeguard children", 24, "decision_makers", 3),
    ("EMERG-SHARE", "Sharing information in an emergency", 0, "decision_makers", 9),
    ("ICO-CODE", "ICO data sharing code: practitioner briefing", 36, f"role:{TM}|team:MASH", 10),
    ("CALDICOTT", "Caldicott principles and health records", 24, "team:SN", 5),
)
COURSE_LAUNCH_DAYS = {"ICO-CODE": 90}
UNSCORED_COURSES = ("ICO-CODE",)

# (policy_id, title, ico_step, owner, review_months, versions, stale at end, team ids or "all")
POLICIES: tuple[tuple[str, str, int, str, int, int, bool, tuple[str, ...]], ...] = (
    ("POL01", "Data protection policy", 1, "Data Protection Officer", 24, 3, False, ("all",)),
    (
        "POL02",
        "Information sharing purposes and data minimisation procedure",
        2,
        "Head of Information Governance",
        24,
        2,
        False,
        ("all",),
    ),
    ("POL03", "Information sharing policy", 3, "Data Protection Officer", 24, 3, False, ("all",)),
    (
        "POL04",
        "Information security and secure email policy",
        3,
        "Senior Information Risk Owner",
        36,
        2,
        False,
        ("all",),
    ),
    (
        "POL05",
        "Privacy notice for children and families",
        4,
        "Data Protection Officer",
        12,
        3,
        True,
        ("all",),
    ),
    (
        "POL06",
        "Individual rights and subject access procedure",
        4,
        "Head of Information Governance",
        36,
        1,
        False,
        ("all",),
    ),
    (
        "POL07",
        "Data protection impact assessment procedure",
        5,
        "Data Protection Officer",
        24,
        2,
        False,
        ("all",),
    ),
    (
        "POL08",
        "Caldicott and health records protocol",
        5,
        "Caldicott Guardian",
        24,
        2,
        True,
        ("SN", "CWD", "CIC"),
    ),
    (
        "POL09",
        "Multi-agency safeguarding hub information sharing agreement",
        6,
        "Head of Service, MASH",
        36,
        2,
        False,
        ("MASH", "CP-N", "CP-S", "EDT", "LADO", "YJS"),
    ),
    (
        "POL10",
        "Schools and education data sharing agreement",
        6,
        "Head of Education and Inclusion",
        36,
        1,
        True,
        ("EWS", "SEND", "VS", "SN", "EH-E", "EH-W", "EH-C", "FFS"),
    ),
    (
        "POL11",
        "Records management and retention policy",
        7,
        "Head of Information Governance",
        36,
        2,
        False,
        ("all",),
    ),
    (
        "POL12",
        "Lawful basis and special category guidance",
        8,
        "Data Protection Officer",
        24,
        2,
        False,
        ("all",),
    ),
    (
        "POL13",
        "Emergency and out-of-hours information sharing protocol",
        9,
        "Head of Service, Children's Social Care",
        24,
        2,
        False,
        ("MASH", "CP-N", "CP-S", "CIC", "CWD", "EDT", "YJS", "LADO"),
    ),
    (
        "POL14",
        "ICO data sharing code implementation plan",
        10,
        "Data Protection Officer",
        12,
        3,
        False,
        ("all",),
    ),
    (
        "POL15",
        "Youth justice information sharing protocol",
        6,
        "Head of Youth Justice",
        24,
        2,
        False,
        ("YJS",),
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

FIRST_NAMES = (
    "Aisha",
    "Amelia",
    "Amir",
    "Ben",
    "Charlotte",
    "Chloe",
    "Claire",
    "Daniel",
    "David",
    "Ella",
    "Emily",
    "Fatima",
    "Gemma",
    "Grace",
    "Hannah",
    "Harry",
    "Helen",
    "Imran",
    "Jack",
    "James",
    "Jessica",
    "Joanne",
    "Karen",
    "Kate",
    "Laura",
    "Liam",
    "Lucy",
    "Mark",
    "Michelle",
    "Mohammed",
    "Nadia",
    "Natalie",
    "Oliver",
    "Paul",
    "Peter",
    "Priya",
    "Rachel",
    "Rebecca",
    "Ruth",
    "Sarah",
    "Simon",
    "Sophie",
    "Stephen",
    "Tom",
    "Usha",
    "Victoria",
    "Wendy",
    "Yusuf",
    "Zainab",
)
ACCENTED_FIRST_NAMES = (
    "Zoë",
    "Chloë",
    "Renée",
    "Siân",
    "José",
    "Amélie",
    "Anaïs",
    "Noémie",
    "Élodie",
    "François",
    "Ciarán",
    "Seán",
)
LAST_NAMES = (
    "Ahmed",
    "Ali",
    "Bailey",
    "Begum",
    "Brown",
    "Clarke",
    "Cooper",
    "Davies",
    "Evans",
    "Green",
    "Hall",
    "Harris",
    "Hughes",
    "Hussain",
    "Jackson",
    "Johnson",
    "Jones",
    "Kaur",
    "Khan",
    "King",
    "Kowalski",
    "Lewis",
    "Martin",
    "Mensah",
    "Mitchell",
    "Moore",
    "Nowak",
    "Okafor",
    "Patel",
    "Roberts",
    "Robinson",
    "Shah",
    "Singh",
    "Smith",
    "Taylor",
    "Thomas",
    "Thompson",
    "Turner",
    "Walker",
    "Ward",
    "White",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
)
ACCENTED_LAST_NAMES = (
    "O’Brien",
    "O’Connor",
    "O’Neill",
    "D’Souza",
    "Brontë",
    "Müller",
    "Gómez",
    "Lefèvre",
    "Núñez",
)
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


def slots(weights: tuple[tuple[str, int], ...] | dict, size: int = 100) -> list:
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
    return f"{rng.choice(first_pool)} {rng.choice(last_pool)}"


def build_staff(seed: int, end: datetime.date) -> list[StaffMember]:
    """The roster: every post's holders over the window, leavers and joiners included."""
    rng = part_rng(seed, "staff")
    start = window_start(end)
    closed_on = closure_date(end)
    rows: list[tuple[datetime.date, str, int, StaffMember]] = []
    post_number = 0
    for team in TEAMS:
        last_day = closed_on if team.closes else end
        for role, count in team.posts:
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
                    if team.closes and leaves >= closed_on:
                        end_date = closed_on
                    elif leaves <= end:
                        end_date = leaves
                    member = StaffMember(
                        staff_id="",
                        team_id=team.team_id,
                        role=role,
                        name=person_name(rng),
                        is_decision_maker=is_decision_maker(rng, team.team_id, role),
                        start_date=holder_start,
                        end_date=end_date,
                    )
                    rows.append((holder_start, team.team_id, post_number, member))
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
    on_time = {t.team_id: t.on_time for t in TEAMS}
    records: list[Completion] = []
    for member in staff:
        reliability = min(0.99, max(0.3, on_time[member.team_id] + rng.uniform(-0.1, 0.1)))
        last_day = min(member.end_date or end, end)
        for course_id, _, refresh, rule, _ in COURSES:
            if not required_for(rule, member) or rng.random() < 0.02:
                continue
            launched = start + datetime.timedelta(days=COURSE_LAUNCH_DAYS.get(course_id, -3650))
            first_day = max(member.start_date, launched)
            if refresh and first_day < history_start:
                period_days = refresh * 30
                done = history_start + datetime.timedelta(days=rng.randint(0, period_days))
            elif first_day < start - datetime.timedelta(days=400):
                done = first_day + datetime.timedelta(days=rng.randint(5, 400))
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
                if refresh == 0 or rng.random() < 0.03:
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
    for team in TEAMS:
        last_day = closed_on if team.closes else end
        for policy_id, *_, applies in POLICIES:
            first_approved = approvals[policy_id][0]
            applicable = "all" in applies or team.team_id in applies
            if not applicable and rng.random() < 0.15:
                continue
            level = rng.choices(
                (0, 1, 2), weights=(0.4 - 0.3 * team.maturity, 0.4, 0.2 + 0.4 * team.maturity)
            )[0]
            day = max(
                start + datetime.timedelta(days=rng.randint(0, 150)),
                first_approved + datetime.timedelta(days=rng.randint(14, 90)),
            )
            previous = None
            while day <= last_day:
                if applicable:
                    if previous and any(previous < a <= day for a in approvals[policy_id]):
                        if level == 2 and rng.random() < 0.4:
                            level = 1
                    elif previous and rng.random() < team.improvement:
                        level = min(2, level + 1)
                    elif previous and rng.random() < 0.05:
                        level = max(0, level - 1)
                    status = STATUS_BY_LEVEL[level]
                else:
                    status = "not_applicable"
                rows.append(
                    Attestation(team.team_id, policy_id, status, day, rng.choice(EVIDENCE[status]))
                )
                if not applicable and rng.random() < 0.5:
                    break
                previous = day
                day += datetime.timedelta(days=rng.randint(180, 365))
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


HOLIDAY_FACTOR = {"christmas": 0.55, "easter": 0.72, "summer": 0.65, "half_term": 0.82}


def day_weights(seed: int, end: datetime.date) -> list[tuple[datetime.date, str, float]]:
    """Each day of the window, weekday or weekend, and its share of the year's decisions."""
    rng = part_rng(seed, "days")
    start = window_start(end)
    holidays = {d for year in range(start.year, end.year + 1) for d in bank_holidays(year)}
    days = []
    day = start
    while day <= end:
        years_in = (day - start).days / 365.25
        weight = (1 + 0.05 * years_in) * rng.uniform(0.9, 1.1)
        if day.weekday() >= 5 or day in holidays:
            kind = "weekend"
            weight *= 0.14
        else:
            kind = "weekday"
            holiday = school_holiday(day)
            weight *= HOLIDAY_FACTOR.get(holiday or "", 1.0)
            if holiday == "summer" and day.month == 8:
                weight *= 0.9
            if holiday is None and day.month in (9, 10, 11):
                weight *= 1.15
            weight *= {0: 1.08, 4: 0.9}.get(day.weekday(), 1.0)
        days.append((day, kind, weight))
        day += datetime.timedelta(days=1)
    return days


def decision_inputs(
    seed: int, scale: float, end: datetime.date, staff: list[StaffMember]
) -> tuple[dict[str, pd.DataFrame], dict[str, object]]:
    """The small tables and parameters generate_decisions.sql reads."""
    n_rows = max(1, round(DECISIONS_AT_SCALE_1 * scale))
    closed_on = closure_date(end)
    weights = day_weights(seed, end)
    counts = allocate([w for _, _, w in weights], n_rows)
    day_rows, first_row = [], 0
    for (day, kind, _), count in zip(weights, counts, strict=True):
        if count:
            period = "after" if day > closed_on else "before"
            day_rows.append((day, kind, period, first_row, count))
        first_row += count
    team_slots = []
    for kind in ("weekday", "weekend"):
        for period in ("before", "after"):
            pairs = {
                t.team_id: t.weekday_weight if kind == "weekday" else t.weekend_weight
                for t in TEAMS
            }
            closed = [t.team_id for t in TEAMS if t.closes]
            if period == "after":
                moved = sum(pairs.pop(team_id) for team_id in closed)
                pairs["EH-E"] += moved // 2
                pairs["EH-W"] += moved - moved // 2
            team_slots.append((kind, period, slots({k: v for k, v in pairs.items() if v}, 1000)))
    profiles = []
    for t in TEAMS:
        consent, family = STYLE_SLOTS[t.style]
        profiles.append(
            {
                "team_id": t.team_id,
                "hour_kind_weekday": "night" if t.team_id == "EDT" else "office",
                "hour_kind_weekend": "allday" if t.team_id == "EDT" else "weekend_day",
                "p_emergency": t.p_emergency,
                "p_routine": t.p_routine,
                "p_special": t.p_special,
                "p_criminal": t.p_criminal,
                "p_not_shared": t.p_not_shared,
                "p_partial": t.p_partial,
                "p_dsa": t.p_dsa,
                "gap_mult": t.gap_mult,
                "recipient_slots": slots(t.recipients),
                "purpose_slots": list(t.purposes),
                "consent_slots": slots(consent),
                "family_slots": slots(family),
            }
        )
    tables = {
        "gen_days": pd.DataFrame(
            day_rows, columns=["day", "day_kind", "team_period", "first_row", "n_rows"]
        ),
        "gen_team_slots": pd.DataFrame(
            team_slots, columns=["day_kind", "team_period", "team_slots"]
        ),
        "gen_team_profile": pd.DataFrame(profiles),
        "gen_hour_slots": pd.DataFrame(
            [(kind, slots(w)) for kind, w in HOUR_WEIGHTS.items()],
            columns=["hour_kind", "hours"],
        ),
        "gen_recipients": pd.DataFrame(
            [(kind, list(orgs), dsa) for kind, (orgs, dsa) in RECIPIENT_ORGS.items()],
            columns=["recipient_type", "orgs", "dsa_ref"],
        ),
        "gen_staff_pool": pd.DataFrame(
            staff_pools(staff, end),
            columns=["team_id", "month_start", "deciders", "authorisers"],
        ),
        "gen_lists": pd.DataFrame([{k: slots(v) for k, v in DECISION_LISTS.items()}]),
    }
    n_children = max(1, round(n_rows * 0.38))
    params = {
        "seed": seed,
        "n_rows": n_rows,
        "n_children": n_children,
        "child_window": max(1, n_children // 6),
        "child_offset": part_rng(seed, "children").randrange(10_000_000),
        "last_minute": datetime.datetime.combine(end, datetime.time(23, 59)),
    }
    return tables, params


def staff_pools(
    staff: list[StaffMember], end: datetime.date
) -> list[tuple[str, datetime.date, list[str], list[str]]]:
    """For each team and month, who in post all month may decide and who may authorise."""
    start = window_start(end)
    pools = []
    month = start.replace(day=1)
    while month <= end:
        first = max(month, start)
        last = min(add_months(month, 1) - datetime.timedelta(days=1), end)
        for team in TEAMS:
            in_post = [
                s
                for s in staff
                if s.team_id == team.team_id
                and s.start_date <= first
                and (s.end_date is None or s.end_date >= last)
                and s.role != BSO
            ]
            deciders = [s.staff_id for s in in_post if s.is_decision_maker] or [
                s.staff_id for s in in_post
            ]
            authorisers = [s.staff_id for s in in_post if s.role in AUTHORISER_ROLES] or deciders
            pools.append((team.team_id, month, deciders, authorisers))
        month = add_months(month, 1)
    return pools


def write_decisions(
    out_dir: pathlib.Path, seed: int, scale: float, end: datetime.date, staff: list[StaffMember]
) -> list[pathlib.Path]:
    """One decisions_YYYY.csv per calendar year, written by DuckDB."""
    tables, params = decision_inputs(seed, scale, end, staff)
    query = (SQL_DIR / "generate_decisions.sql").read_text().strip().rstrip(";")
    paths = []
    with tempfile.TemporaryDirectory() as spill, duckdb.connect() as con:
        con.execute(f"set temp_directory = '{escape_sql(spill)}'")
        for name, frame in tables.items():
            con.register(f"{name}_frame", frame)
            con.execute(f"create temp table {name} as select * from {name}_frame")
            con.unregister(f"{name}_frame")
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
    rows = [[t.team_id, t.name, t.directorate, "no" if t.closes else "yes"] for t in TEAMS]
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
