"""A tiny organisation whose every measure can be worked out by hand.

Directorates and teams: Children's Social Care (MASH, CP-N, FH) and Education (EDS, and OLD,
inactive). The dates that matter in the tests:
X = 2026-06-30 (main as-of date; period 2025-07-01..2026-06-30, 365 days),
Y = 2025-12-31 (a month end of the trend), Z = 2025-06-30 (X moved back 365 days: the previous
period's as-of date, period 2024-07-01..2025-06-30).
The hand computations sit next to each assertion in tests/test_metrics_*.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from metrics.filters import Filters
from pipelines.store import writer

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
# The main period as a link's query parameters.
MAIN_PARAMS = {"period": "custom", "from": "2025-07-01", "to": "2026-06-30"}

X = dt.date(2026, 6, 30)
Y = dt.date(2025, 12, 31)
Z = dt.date(2025, 6, 30)
MAIN = Filters(period_start=dt.date(2025, 7, 1), period_end=X, as_of=X)

TEAMS = [
    # team_id, team_name, directorate, active
    ("MASH", "Multi-agency safeguarding hub", "Children's Social Care", True),
    ("CP-N", "Child protection north", "Children's Social Care", True),
    ("FH", "Family help", "Children's Social Care", True),
    ("EDS", "Education safeguarding", "Education", True),
    ("OLD", "Old admissions team", "Education", False),
]

STAFF = [
    # staff_id, team_id, role, name, is_decision_maker, start_date, end_date, exempt_until
    ("S01", "MASH", "Social worker", "Ada Abbott", True, "2020-01-01", None, None),
    ("S02", "MASH", "Team manager", "Ben Brown", True, "2019-05-01", None, None),
    ("S03", "MASH", "Business support", "Cal Cole", False, "2021-03-01", None, None),
    ("S04", "CP-N", "Social worker", "Dee Dunn", True, "2022-01-10", None, None),
    # new starter: grace ends 2026-07-10, after X
    ("S05", "CP-N", "Social worker", "Eve Ely", True, "2026-06-10", None, None),
    # exempt (secondment) until after X
    (
        "S06",
        "CP-N",
        "Designated safeguarding lead",
        "Fay Fox",
        False,
        "2018-09-01",
        None,
        "2026-07-31",
    ),
    # leaver: in post at Y and Z, gone at X
    ("S07", "CP-N", "Social worker", "Gus Gray", True, "2015-01-01", "2026-03-31", None),
    ("S08", "EDS", "Designated safeguarding lead", "Hal Hill", True, "2021-09-01", None, None),
    ("S09", "EDS", "Education officer", "Ivy Irons", False, "2023-01-09", None, None),
    ("S10", "EDS", "Education officer", "Jo Jones", False, "2024-02-01", None, None),
    ("S11", "OLD", "Social worker", "Kit King", False, "2015-01-01", "2024-12-31", None),
    ("S12", "FH", "Family support worker", "Lou Lee", False, "2020-01-01", None, None),
]

COURSES = [
    # course_id, title, refresh_months, required_for, ico_step
    ("C-DP", "Data protection essentials", 12, "all", 1),
    ("C-SHARE", "Information sharing for safeguarding", 24, "decision_makers", 3),
    ("C-CODE", "The data sharing code", 0, "role:Designated safeguarding lead|team:MASH", 10),
]

TRAINING = [
    # staff_id, course_id, completed_on, result
    ("S01", "C-DP", "2025-09-01", "pass"),  # expires 2026-09-01
    ("S01", "C-SHARE", "2025-01-15", "pass"),  # expires 2027-01-15
    ("S01", "C-CODE", "2024-03-01", "pass"),  # never expires
    ("S02", "C-DP", "2025-06-15", "pass"),  # expires 2026-06-15
    ("S02", "C-DP", "2026-06-20", "fail"),  # a fail does not renew
    ("S02", "C-SHARE", "2024-06-01", "pass"),  # expires 2026-06-01
    ("S02", "C-CODE", "2023-01-10", "pass"),
    ("S03", "C-DP", "2024-12-01", "pass"),  # expires 2025-12-01
    ("S03", "C-DP", "2026-01-20", "pass"),  # expires 2027-01-20
    ("S04", "C-DP", "2025-07-10", "pass"),  # expires 2026-07-10
    ("S04", "C-SHARE", "2026-02-01", "pass"),  # expires 2028-02-01
    ("S05", "C-DP", "2026-06-20", "pass"),
    ("S06", "C-DP", "2024-01-01", "pass"),
    ("S07", "C-DP", "2025-05-01", "pass"),  # expires 2026-05-01
    ("S08", "C-DP", "2025-08-20", "pass"),  # expires 2026-08-20
    ("S08", "C-SHARE", "2026-07-05", "pass"),  # after X: not counted at X
    ("S08", "C-CODE", "2022-11-01", "pass"),
    ("S09", "C-DP", "2025-06-30", "pass"),  # expires 2026-06-30 = X: overdue at X
    ("S10", "C-DP", "2026-04-01", "fail"),
    ("S12", "C-DP", "2025-01-05", "pass"),  # expires 2026-01-05
    ("S12", "C-DP", "2026-01-05", "pass"),  # expires 2027-01-05
]

POLICIES = [
    # policy_id, title, ico_step, owner, version, approved_on, review_due
    ("P-DP", "Data protection policy", 3, "DPO", "1", "2023-01-01", "2025-01-01"),
    ("P-DP", "Data protection policy", 3, "DPO", "2", "2025-03-01", "2027-03-01"),
    ("P-TRANS", "Privacy notice for families", 4, "DPO", "1", "2024-01-01", "2027-12-31"),
    ("P-DPIA", "DPIA procedure", 5, "DPO", "1", "2024-04-01", "2026-08-15"),
    ("P-DSA", "Data sharing agreements register", 6, "Legal", "1", "2026-01-15", "2028-01-15"),
    ("P-EMERG", "Emergency sharing procedure", 9, "Caldicott", "1", "2023-06-01", "2026-05-31"),
]

COVERAGE = [
    # team_id, policy_id, status, attested_on
    ("MASH", "P-DP", "in_place", "2024-02-01"),
    ("MASH", "P-DP", "in_place", "2025-09-10"),
    ("MASH", "P-DPIA", "in_place", "2024-05-01"),
    ("MASH", "P-EMERG", "in_place", "2023-07-01"),
    ("MASH", "P-TRANS", "partial", "2025-02-01"),
    ("MASH", "P-DSA", "in_place", "2026-02-01"),
    ("CP-N", "P-DP", "in_place", "2024-03-01"),
    ("CP-N", "P-DPIA", "not_started", "2025-01-10"),
    ("CP-N", "P-DPIA", "in_place", "2026-03-15"),
    ("CP-N", "P-TRANS", "not_applicable", "2024-06-01"),
    ("CP-N", "P-DSA", "in_place", "2026-06-30"),
    ("EDS", "P-DP", "in_place", "2025-05-01"),
    ("EDS", "P-DPIA", "in_place", "2026-01-05"),
    ("EDS", "P-EMERG", "in_place", "2024-09-01"),
    ("EDS", "P-TRANS", "in_place", "2026-04-01"),
    ("EDS", "P-DSA", "in_place", "2026-03-01"),
    ("FH", "P-DP", "in_place", "2025-10-01"),
    ("FH", "P-DPIA", "not_applicable", "2025-10-01"),
    ("FH", "P-EMERG", "not_applicable", "2025-10-01"),
    ("FH", "P-TRANS", "not_applicable", "2025-10-01"),
    ("FH", "P-DSA", "not_applicable", "2026-02-01"),
    ("OLD", "P-DP", "in_place", "2024-01-01"),
]

PUBLIC_TASK, LEGAL, VITAL = "public_task", "legal_obligation", "vital_interests"
ART9 = "DPA 2018 Sch 1 para 18"
DECISIONS = [
    # decision_id, team_id, decided_at, request_received, recorded_at, decision,
    # recipient_type, purpose, lawful_basis, special_category, art9_condition,
    # reason_recorded, emergency
    # MASH in the main period: 7 decisions, 6 shares, 3 complete
    (
        "D01",
        "MASH",
        "2025-07-03 10:00",
        "2025-07-03 08:00",
        None,
        "shared",
        "police",
        "Assess risk",
        PUBLIC_TASK,
        False,
        None,
        True,
        False,
    ),
    (
        "D02",
        "MASH",
        "2025-08-14 16:00",
        "2025-08-13 16:00",
        None,
        "shared",
        "health",
        "Health assessment",
        LEGAL,
        True,
        ART9,
        True,
        False,
    ),
    (
        "D03",
        "MASH",
        "2025-09-02 09:30",
        "2025-09-02 09:00",
        None,
        "partially_shared",
        "social_care",
        "Strategy meeting",
        PUBLIC_TASK,
        True,
        None,
        True,
        False,
    ),
    (
        "D04",
        "MASH",
        "2025-10-20 11:00",
        "2025-10-18 11:00",
        None,
        "not_shared",
        "police",
        "Police enquiry",
        None,
        None,
        None,
        True,
        False,
    ),
    (
        "D05",
        "MASH",
        "2026-01-15 14:00",
        "2026-01-15 13:00",
        None,
        "shared",
        "education",
        None,
        PUBLIC_TASK,
        False,
        None,
        True,
        False,
    ),
    (
        "D06",
        "MASH",
        "2026-03-03 02:00",
        "2026-03-03 01:30",
        "2026-03-04 09:00",
        "shared",
        "police",
        "Immediate protection",
        VITAL,
        False,
        None,
        True,
        True,
    ),
    (
        "D07",
        "MASH",
        "2026-06-30 23:30",
        "2026-06-29 23:30",
        None,
        "shared",
        "health",
        "Referral",
        "consent",
        False,
        None,
        False,
        False,
    ),
    # CP-N in the main period: 5 decisions, 3 shares, 2 complete
    (
        "D08",
        "CP-N",
        "2025-07-20 10:00",
        "2025-07-19 10:00",
        None,
        "shared",
        "police",
        "Joint visit",
        None,
        False,
        None,
        True,
        False,
    ),
    (
        "D09",
        "CP-N",
        "2025-11-05 15:00",
        "2025-11-05 09:00",
        None,
        "not_shared",
        "health",
        None,
        None,
        None,
        None,
        False,
        False,
    ),
    (
        "D10",
        "CP-N",
        "2026-02-10 12:00",
        "2026-02-10 11:00",
        None,
        "shared",
        "police",
        "Immediate protection",
        VITAL,
        True,
        ART9,
        True,
        True,
    ),
    (
        "D11",
        "CP-N",
        "2026-04-22 09:00",
        None,
        None,
        "partially_shared",
        "local_authority",
        "Housing",
        LEGAL,
        None,
        None,
        True,
        False,
    ),
    (
        "D12",
        "CP-N",
        "2026-05-30 10:00",
        "2026-05-28 10:00",
        None,
        "not_shared",
        "voluntary_sector",
        "Support offer",
        None,
        None,
        None,
        True,
        False,
    ),
    # EDS in the main period: 4 decisions, 3 shares, 2 complete
    (
        "D13",
        "EDS",
        "2025-09-15 10:00",
        "2025-09-12 10:00",
        None,
        "shared",
        "social_care",
        "Referral",
        "legitimate_interests",
        False,
        None,
        True,
        False,
    ),
    (
        "D14",
        "EDS",
        "2025-12-01 10:00",
        "2025-12-01 06:00",
        None,
        "shared",
        "social_care",
        None,
        None,
        True,
        None,
        False,
        False,
    ),
    (
        "D15",
        "EDS",
        "2026-02-20 13:00",
        "2026-02-20 12:00",
        "2026-02-20 19:00",
        "partially_shared",
        "health",
        "Hospital admission",
        VITAL,
        False,
        None,
        True,
        True,
    ),
    (
        "D16",
        "EDS",
        "2026-06-01 10:00",
        "2026-05-31 22:00",
        None,
        "not_shared",
        "police",
        "Police enquiry",
        None,
        None,
        None,
        True,
        False,
    ),
    # the previous period (2024-07-01..2025-06-30): 4 decisions, 4 shares, 3 complete
    (
        "D17",
        "MASH",
        "2025-06-30 18:00",
        "2025-06-30 17:00",
        None,
        "shared",
        "police",
        "Assess risk",
        PUBLIC_TASK,
        False,
        None,
        True,
        False,
    ),
    (
        "D18",
        "CP-N",
        "2025-01-10 10:00",
        None,
        None,
        "partially_shared",
        "health",
        "Health assessment",
        LEGAL,
        False,
        None,
        True,
        False,
    ),
    (
        "D19",
        "EDS",
        "2024-11-11 10:00",
        None,
        None,
        "shared",
        "education",
        None,
        PUBLIC_TASK,
        False,
        None,
        True,
        False,
    ),
    (
        "D20",
        "MASH",
        "2024-07-01 00:00",
        None,
        None,
        "shared",
        "health",
        "Referral",
        "consent",
        False,
        None,
        True,
        False,
    ),
    # outside both periods
    (
        "D21",
        "OLD",
        "2024-05-01 10:00",
        None,
        None,
        "shared",
        "education",
        "Admissions",
        PUBLIC_TASK,
        False,
        None,
        True,
        False,
    ),
    (
        "D22",
        "MASH",
        "2026-07-02 10:00",
        None,
        None,
        "shared",
        "police",
        "Assess risk",
        PUBLIC_TASK,
        False,
        None,
        True,
        False,
    ),
]


# Who made each decision (decided_by). Every decision names its decision maker, so that the
# record completeness figures turn only on the gaps in DECISIONS; criminal_offence_data is
# written `no` on every row for the same reason (a blank would be a gap).
DECIDED_BY = {
    **dict.fromkeys(("D01", "D03", "D05", "D07", "D17", "D22"), "S01"),
    **dict.fromkeys(("D02", "D04", "D06", "D20"), "S02"),
    **dict.fromkeys(("D08", "D10", "D11", "D12"), "S04"),
    **dict.fromkeys(("D09", "D18"), "S07"),
    **dict.fromkeys(("D13", "D14", "D15", "D16", "D19"), "S08"),
    "D21": "S11",
}


def build_fixture_db(path: Path) -> None:
    """Write the tiny organisation above to a database file at path."""
    with writer(path) as con:
        con.executemany(
            "insert into teams (team_id, team_name, directorate, active) values (?, ?, ?, ?)",
            TEAMS,
        )
        con.executemany(
            "insert into staff (staff_id, team_id, role, name, is_decision_maker, start_date,"
            " end_date, exempt_until) values (?, ?, ?, ?, ?, ?, ?, ?)",
            STAFF,
        )
        con.executemany(
            "insert into courses (course_id, title, refresh_months, required_for, ico_step)"
            " values (?, ?, ?, ?, ?)",
            COURSES,
        )
        con.executemany(
            "insert into training (staff_id, course_id, completed_on, result) values (?, ?, ?, ?)",
            TRAINING,
        )
        con.executemany(
            "insert into policies (policy_id, title, ico_step, owner, version, approved_on,"
            " review_due) values (?, ?, ?, ?, ?, ?, ?)",
            POLICIES,
        )
        con.executemany(
            "insert into coverage (team_id, policy_id, status, attested_on) values (?, ?, ?, ?)",
            COVERAGE,
        )
        con.executemany(
            "insert into decisions (decision_id, team_id, decided_at, request_received,"
            " recorded_at, decision, recipient_type, purpose, lawful_basis, special_category,"
            " art9_condition, reason_recorded, emergency, routine, criminal_offence_data,"
            " decided_by, child_pseudonym)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, false, ?, 'c-' || ?)",
            [(*row, DECIDED_BY[row[0]], row[0]) for row in DECISIONS],
        )


def run_page(page: str | None, params: dict[str, str]) -> AppTest:
    """The app run once on a page (None: the default page) with a link's query parameters."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(f"views/{page}.py")
    return at.run()


def metrics_shown(at: AppTest) -> dict[str, tuple[str, str, str]]:
    """Each KPI tile's label: (value, change, counts line) as shown."""
    shown = {}
    for column in at.columns:
        captions = [c.value for c in column.caption]
        for m in column.metric:
            shown[m.label] = (m.value, m.delta, captions[0] if captions else "")
    return shown
