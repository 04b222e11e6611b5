"""The fixture organisation (tests/fixture_org.py) with an agreements register, and its main
period's shares marked routine and citing agreements, for the register's measures and page.

The shared fixture's decisions are all one-off with no agreement cited; rather than change rows
other tests count on, this builds its own copy. Main period P = 2025-07-01..2026-06-30, as of
X = 2026-06-30. The routine shares ICO step 6 counts (share, not an emergency, routine yes or
blank), as each stands on the day it was made:

| decision | team | day | cites | on the day |
|---|---|---|---|---|
| D01 | MASH | 2025-07-03 | DSA-MASH-01 | in force, DPIA not yet (2025-08-01) |
| D02 | MASH | 2025-08-14 | dsa-mash-01 (any case) | in force, DPIA |
| D03 | MASH | 2025-09-02 | none (social care) | no agreement covers the partner |
| D05 | MASH | 2026-01-15 | DSA-EDU-02 | not in force: signed 2026-02-01 |
| D07 | MASH | 2026-06-30 | DSA-MASH-01 | in force, DPIA, 91 days past review (2026-03-31) |
| D08 | CP-N | 2025-07-20 | DSA-MASH-01 | in force, DPIA not yet |
| D11 | CP-N | 2026-04-22 | DSA-LA-04 | not in force: a draft |
| D13 | EDS | 2025-09-15 | DSA-XX-99 | not in the register; no agreement covers social care |
| D14 | EDS | 2025-12-01 | DSA-VOL-03 (routine blank) | not in force: ended 2025-11-30 |

D06 is routine but an emergency, D04 a refusal: neither is counted. D17 (2025-06-30) and D22
(2026-07-02) cite DSA-MASH-01 outside the period.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.store import writer
from tests.fixture_org import build_fixture_db

AGREEMENTS = [
    # dsa_ref, title, partners, partner_types, scope, status, signed_on, review_due, ended_on,
    # dpia_ref, dpia_date
    (
        "DSA-MASH-01",
        "MASH information sharing",
        "Northbridge Police|Northbridge NHS Trust",
        "police|health",
        "Referrals and strategy discussions at the front door",
        "active",
        "2024-04-01",
        "2026-03-31",
        None,
        "DPIA-01",
        "2025-08-01",
    ),
    (
        "DSA-EDU-02",
        "Schools safeguarding",
        "Northbridge schools",
        "education",
        "Concerns raised by schools",
        "active",
        "2026-02-01",
        "2027-01-31",
        None,
        None,
        None,
    ),
    (
        "DSA-VOL-03",
        "Youth charity referrals",
        "Northbridge Youth Trust",
        "voluntary_sector",
        "Mentoring referrals",
        "ended",
        "2023-01-01",
        "2025-01-01",
        "2025-11-30",
        "DPIA-02",
        "2022-12-01",
    ),
    (
        "DSA-LA-04",
        "Housing support",
        "Northbridge Housing",
        "local_authority",
        "Housing needs of families",
        "draft",
        None,
        None,
        None,
        None,
        None,
    ),
]

ROUTINE_FIELDS = [
    # decision_id, routine, dsa_ref, recipient_org
    ("D01", True, "DSA-MASH-01", "Northbridge Police"),
    ("D02", True, "dsa-mash-01", "Northbridge NHS Trust"),
    ("D03", True, None, "Northbridge Children's Services"),
    ("D05", True, "DSA-EDU-02", "Northbridge Academy"),
    ("D06", True, None, "Northbridge Police"),
    ("D07", True, "DSA-MASH-01", "Northbridge NHS Trust"),
    ("D08", True, "DSA-MASH-01", "Northbridge Police"),
    ("D11", True, "DSA-LA-04", "Northbridge Housing"),
    ("D13", True, "DSA-XX-99", None),
    ("D14", None, "DSA-VOL-03", "Northbridge Youth Trust"),
    ("D17", True, "DSA-MASH-01", "Northbridge Police"),
    ("D22", True, "DSA-MASH-01", "Northbridge Police"),
]


def build_agreements_db(path: Path) -> None:
    """The fixture organisation with the register above and its shares' routine fields."""
    build_fixture_db(path)
    with writer(path) as con:
        con.executemany(
            "insert into agreements (dsa_ref, title, partners, partner_types, scope, status,"
            " signed_on, review_due, ended_on, dpia_ref, dpia_date)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            AGREEMENTS,
        )
        con.executemany(
            "update decisions set routine = ?, dsa_ref = ?, recipient_org = ?"
            " where decision_id = ?",
            [(*row[1:], row[0]) for row in ROUTINE_FIELDS],
        )
