"""The agreements register's measures and warning 5 (metrics/agreements.py), checked by hand
on the fixture organisation with a register (tests/fixture_agreements.py, whose table lists
each routine share and how it stands on the day)."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from core.settings import DEFAULTS
from metrics.agreements import (
    WARNING_COLUMNS,
    agreement_shares_by_team,
    agreement_warnings,
    agreements_past_review,
    agreements_register,
    past_review_of,
)
from metrics.filters import Filters
from pipelines.store import connect_readonly, writer
from tests.fixture_agreements import build_agreements_db
from tests.fixture_org import MAIN

D = dt.date
SETTINGS = copy.deepcopy(DEFAULTS)
# The agreed warnings frame (metrics/warnings.py owns the name; the same columns, in order).
AGREED_COLUMNS = [
    "severity",
    "kind",
    "team_id",
    "team_name",
    "sentence",
    "page",
    "observed",
    "expected",
    "p_value",
]


@pytest.fixture(scope="session")
def agreements_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("agreements_org") / "compliance.duckdb"
    build_agreements_db(path)
    return path


@pytest.fixture(scope="module")
def con(agreements_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect_readonly(agreements_db)
    yield connection
    connection.close()


def changed(agreements_db: Path, tmp_path: Path, *statements: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a copy of the register's database after statements."""
    path = tmp_path / "compliance.duckdb"
    shutil.copyfile(agreements_db, path)
    with writer(path) as w:
        for statement in statements:
            w.execute(statement)
    return connect_readonly(path)


def rows(frame: pd.DataFrame) -> list[list[object]]:
    """frame's rows as lists, a missing value as None."""
    return [[None if pd.isna(v) else v for v in row] for row in frame.values.tolist()]


def settings(**agreements: int) -> dict:
    merged = copy.deepcopy(SETTINGS)
    merged["agreements"].update(agreements)
    return merged


def test_register_at_the_as_of_date(con: duckdb.DuckDBPyConnection) -> None:
    frame = agreements_register(con, MAIN)
    # Ordered by review date (a draft's blank last). At X = 2026-06-30: VOL-03 ended
    # 2025-11-30 (not in force); MASH-01 in force, review 2026-03-31 passed 91 days before;
    # EDU-02 in force (signed 2026-02-01), review 2027-01-31; LA-04 a draft.
    # Routine shares in P citing each: MASH-01 D01 D02 D07 D08 (4), of which D07 was made past
    # review; EDU-02 D05 (before signing), VOL-03 D14 (after ending), LA-04 D11 (a draft).
    columns = [
        "dsa_ref",
        "in_force",
        "past_review",
        "days_past_review",
        "routine_shares",
        "shares_not_in_force",
        "shares_past_review",
    ]
    assert rows(frame[columns]) == [
        ["DSA-VOL-03", False, False, None, 1, 1, 0],
        ["DSA-MASH-01", True, True, 91, 4, 0, 1],
        ["DSA-EDU-02", True, False, -215, 1, 1, 0],
        ["DSA-LA-04", False, False, None, 1, 1, 0],
    ]


def test_agreements_past_review_interface(con: duckdb.DuckDBPyConnection) -> None:
    frame = agreements_past_review(con, MAIN)
    assert list(frame.columns) == [
        "dsa_ref",
        "title",
        "partners",
        "review_due",
        "days_overdue",
        "routine_shares",
    ]
    # MASH-01 only: review 2026-03-31, X 2026-06-30 = 30 (Apr) + 31 (May) + 30 (Jun) = 91 days
    assert frame.values.tolist() == [
        [
            "DSA-MASH-01",
            "MASH information sharing",
            "Northbridge Police|Northbridge NHS Trust",
            D(2026, 3, 31),
            91,
            4,
        ]
    ]


def test_past_review_is_taken_at_the_as_of_date(con: duckdb.DuckDBPyConnection) -> None:
    # As of 2026-03-31 MASH-01's review date is that day: not yet past. As of 2026-04-01 it is
    # one day overdue; in the period 2025-07-01..2026-04-01 it is cited by D01 D02 D08 (3).
    on_the_day = Filters(
        period_start=D(2025, 7, 1), period_end=D(2026, 3, 31), as_of=D(2026, 3, 31)
    )
    assert agreements_past_review(con, on_the_day).empty
    day_after = Filters(period_start=D(2025, 7, 1), period_end=D(2026, 4, 1), as_of=D(2026, 4, 1))
    assert agreements_past_review(con, day_after)[
        ["dsa_ref", "days_overdue", "routine_shares"]
    ].values.tolist() == [["DSA-MASH-01", 1, 3]]


@pytest.mark.parametrize(
    "f",
    [
        MAIN,
        Filters(period_start=D(2025, 7, 1), period_end=D(2026, 3, 31), as_of=D(2026, 3, 31)),
        Filters(period_start=D(2026, 7, 1), period_end=D(2027, 6, 30), as_of=D(2027, 6, 30)),
    ],
    ids=["main", "none-past-review", "two-past-review"],
)
def test_past_review_from_the_register_is_the_query(
    con: duckdb.DuckDBPyConnection, f: Filters
) -> None:
    # The Agreements register page takes the past-review table from the register's frame
    # instead of running the register's query a second time: the same frame, row for row.
    derived = past_review_of(agreements_register(con, f))
    pd.testing.assert_frame_equal(derived, agreements_past_review(con, f))
    if f.as_of == D(2027, 6, 30):
        # most overdue first: MASH-01 2026-03-31 -> 2027-06-30 = 365 + 91 = 456 days;
        # EDU-02 2027-01-31 -> 2027-06-30 = 28 + 31 + 30 + 31 + 30 = 150 days
        assert derived[["dsa_ref", "days_overdue"]].values.tolist() == [
            ["DSA-MASH-01", 456],
            ["DSA-EDU-02", 150],
        ]


def test_shares_per_agreement_and_team(con: duckdb.DuckDBPyConnection) -> None:
    frame = agreement_shares_by_team(con, MAIN)
    # In force / with a DPIA dated by the day (DPIA-01 2025-08-01: D01 and D08 before it) /
    # past review. DSA-XX-99 is not in the register; D03 cites nothing (null last).
    assert rows(frame) == [
        ["DSA-EDU-02", True, "MASH", "Multi-agency safeguarding hub", 1, 0, 0, 0],
        ["DSA-LA-04", True, "CP-N", "Child protection north", 1, 0, 0, 0],
        ["DSA-MASH-01", True, "CP-N", "Child protection north", 1, 1, 0, 0],
        ["DSA-MASH-01", True, "MASH", "Multi-agency safeguarding hub", 3, 3, 2, 1],
        ["DSA-VOL-03", True, "EDS", "Education safeguarding", 1, 0, 0, 0],
        ["DSA-XX-99", False, "EDS", "Education safeguarding", 1, 0, 0, 0],
        [None, False, "MASH", "Multi-agency safeguarding hub", 1, 0, 0, 0],
    ]


def test_shares_are_limited_to_the_teams_in_scope(con: duckdb.DuckDBPyConnection) -> None:
    cp_n = Filters(
        period_start=MAIN.period_start,
        period_end=MAIN.period_end,
        as_of=MAIN.as_of,
        allowed=("CP-N",),
    )
    # Only D08 cites MASH-01 from CP-N; every agreement is still listed.
    register = agreements_register(con, cp_n)
    assert dict(zip(register["dsa_ref"], register["routine_shares"], strict=True)) == {
        "DSA-VOL-03": 0,
        "DSA-MASH-01": 1,
        "DSA-EDU-02": 0,
        "DSA-LA-04": 1,
    }
    assert agreements_past_review(con, cp_n)["routine_shares"].tolist() == [1]


def test_agreement_warnings_fire_on_the_fixture(con: duckdb.DuckDBPyConnection) -> None:
    frame = agreement_warnings(con, MAIN, settings(min_shares=1))
    assert list(frame.columns) == AGREED_COLUMNS == list(WARNING_COLUMNS)
    # CP-N: D11 under the draft LA-04. EDS: D14 under VOL-03 the day after it ended; D13 cites
    # XX-99 (unknown) to social care, which no agreement covers. MASH: D05 under EDU-02 before
    # its signing; D07 under MASH-01 91 days past review; D03 to social care, citing nothing.
    assert frame[["severity", "kind", "team_id", "observed", "page"]].values.tolist() == [
        ["high", "agreement_not_in_force", "CP-N", 1, "register"],
        ["high", "agreement_not_in_force", "EDS", 1, "register"],
        ["high", "no_agreement", "EDS", 1, "register"],
        ["high", "agreement_not_in_force", "MASH", 1, "register"],
        ["medium", "agreement_past_review", "MASH", 1, "register"],
        ["high", "no_agreement", "MASH", 1, "register"],
    ]
    assert frame["expected"].isna().all() and frame["p_value"].isna().all()
    assert frame["sentence"].tolist()[2:4] == [
        "Education safeguarding made 1 routine share between 1 Jul 2025 and 30 Jun 2026 to a "
        "partner with no agreement in force on the day (social care).",
        "Multi-agency safeguarding hub made 1 routine share between 1 Jul 2025 and 30 Jun 2026 "
        "under an agreement that was not in force on the day (DSA-EDU-02).",
    ]
    assert frame["sentence"].tolist()[5] == (
        "Multi-agency safeguarding hub made 1 routine share between 1 Jul 2025 and 30 Jun 2026 "
        "to a partner with no agreement in force on the day (Northbridge Children's Services)."
    )


def test_min_shares_threshold(con: duckdb.DuckDBPyConnection) -> None:
    # Every team has 1 share of each kind: min_shares 1 fires all six, 2 (just above) none,
    # and nor does the default (3).
    assert DEFAULTS["agreements"]["min_shares"] == 3
    assert len(agreement_warnings(con, MAIN, settings(min_shares=1))) == 6
    assert agreement_warnings(con, MAIN, settings(min_shares=2)).empty
    assert agreement_warnings(con, MAIN, SETTINGS).empty
    # MASH over 2025-07-01..2026-07-02 also has D22 (MASH-01, 93 days past review): 2 past
    # review, so min_shares 2 fires that one warning alone.
    longer = Filters(period_start=D(2025, 7, 1), period_end=D(2026, 7, 2), as_of=D(2026, 7, 2))
    fired = agreement_warnings(con, longer, settings(min_shares=2))
    assert fired[["kind", "team_id", "observed"]].values.tolist() == [
        ["agreement_past_review", "MASH", 2]
    ]
    assert fired["sentence"].tolist() == [
        "Multi-agency safeguarding hub made 2 routine shares between 1 Jul 2025 and 2 Jul 2026 "
        "under an agreement past its review date on the day (DSA-MASH-01)."
    ]


def test_review_grace_days_threshold(con: duckdb.DuckDBPyConnection) -> None:
    # D07 was made 91 days after MASH-01's review date: a grace of 90 days fires, 91 does not.
    def past_review(grace: int) -> list[str]:
        frame = agreement_warnings(con, MAIN, settings(min_shares=1, review_grace_days=grace))
        return frame.loc[frame["kind"] == "agreement_past_review", "team_id"].tolist()

    assert past_review(90) == ["MASH"]
    assert past_review(91) == []


def test_in_force_includes_its_first_and_last_day(agreements_db: Path, tmp_path: Path) -> None:
    # EDU-02 signed on D05's day and VOL-03 ending on D14's day: both in force on the day, so
    # neither share is under an agreement not in force. D14 is then 334 days past VOL-03's
    # review (2025-01-01 to 2025-12-01): past review instead.
    con = changed(
        agreements_db,
        tmp_path,
        "update agreements set signed_on = '2026-01-15' where dsa_ref = 'DSA-EDU-02'",
        "update agreements set ended_on = '2025-12-01' where dsa_ref = 'DSA-VOL-03'",
    )
    frame = agreement_warnings(con, MAIN, settings(min_shares=1))
    assert frame[["kind", "team_id"]].values.tolist() == [
        ["agreement_not_in_force", "CP-N"],
        ["agreement_past_review", "EDS"],
        ["no_agreement", "EDS"],
        ["agreement_past_review", "MASH"],
        ["no_agreement", "MASH"],
    ]
    con.close()


def test_a_partner_covered_by_an_agreement_is_not_without_one(
    agreements_db: Path, tmp_path: Path
) -> None:
    # D03 names a MASH-01 partner (any case and spacing), and an agreement in force from
    # 2025-01-01 covers social care by type: neither D03 nor D13 is without an agreement
    # (D13 still cites an unknown reference: a gap on steps 5 and 6, not a warning).
    con = changed(
        agreements_db,
        tmp_path,
        "update decisions set recipient_org = ' northbridge police' where decision_id = 'D03'",
        "insert into agreements (dsa_ref, title, partner_types, status, signed_on, review_due)"
        " values ('DSA-SC-05', 'Social care', 'Social Care', 'active', '2025-01-01',"
        " '2027-01-01')",
    )
    frame = agreement_warnings(con, MAIN, settings(min_shares=1))
    assert "no_agreement" not in frame["kind"].tolist()
    con.close()
