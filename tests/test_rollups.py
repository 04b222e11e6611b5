"""The rollups (pipelines/rollups.py) give exactly the answers counted from the decision log.

tests/rowbased/ holds the queries as they were before the rollups: each counts the rows of
decisions_in_period (directly, or through another row-based query it names on its `-- uses:`
line). Every rollup-based query must return the same frame, on the fixture organisation and on
a generated one, for periods that start and end mid-month, at a month boundary, a mid-month
as-of date, one team, a directorate and a viewer limited to some teams.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from demo.generate import generate
from metrics.filters import Filters
from metrics.query import composed_sql, filter_params, run
from pipelines.ingest import ingest
from pipelines.rollups import ROLLUP_TABLES
from pipelines.store import connect_readonly, writer
from tests.fixture_agreements import build_agreements_db
from tests.fixture_org import MAIN
from tests.test_metrics_ico_steps import build_ico_fixture_db

D = dt.date
ROW_BASED = Path(__file__).parent / "rowbased"
QUERIES = sorted(p.stem for p in ROW_BASED.glob("*.sql"))
# Queries whose rows come in no set order (ico_steps_by_team joins them by team).
UNORDERED = {"ico_step_decisions_by_team", "decision_agreements"}
# The new starters' grace period (training.grace_days) is a setting the rollups cannot know: each
# comparison is made with none, the default and a long one. So is the days an agreement may run
# past its review date before its shares are flagged (agreements.review_grace_days).
GRACES = (0, 30, 400)
REVIEW_GRACE_DAYS = 30


def row_based_sql(name: str) -> str:
    """tests/rowbased/<name>.sql with the queries on its `-- uses:` line (a row-based one where
    tests/rowbased has it, else metrics/sql's) put in front as CTEs, decisions_in_period among
    them at some depth."""
    text = (ROW_BASED / f"{name}.sql").read_text(encoding="utf-8")
    used = [u.strip() for u in text.splitlines()[0].removeprefix("-- uses:").split(",")]
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    head, _, rest = body.partition("with ")
    assert head.strip() == ""
    inputs = [
        row_based_sql(u) if (ROW_BASED / f"{u}.sql").exists() else composed_sql(u) for u in used
    ]
    assert "decisions_in_period" in used or all("decisions_in_period as (" in i for i in inputs)
    ctes = ",\n".join(f"{u} as ({sql})" for u, sql in zip(used, inputs, strict=True))
    return f"with {ctes},\n{rest}"


def row_based(
    con: duckdb.DuckDBPyConnection, name: str, f: Filters, grace_days: int
) -> pd.DataFrame:
    """tests/rowbased/<name>.sql run on con."""
    sql = row_based_sql(name)
    params = filter_params(f) | {"grace_days": grace_days, "review_grace_days": REVIEW_GRACE_DAYS}
    wanted = {k: params[k] for k in params if f"${k}" in sql}
    frame = con.sql(sql, params=wanted).to_arrow_table().to_pandas(date_as_object=True)
    if name == "decision_agreements":
        # one row per share there, one per kind of share (with how many) in the rollup's
        kinds = [c for c in frame.columns if c != "decision_id"]
        frame = frame.groupby(kinds, dropna=False, sort=False).size().rename("shares")
        frame = frame.reset_index().astype({"shares": "int64"})
    return frame


def assert_same(con: duckdb.DuckDBPyConnection, f: Filters) -> None:
    runs = [(q, g) for q in QUERIES for g in (GRACES if "$grace_days" in composed_sql(q) else [30])]
    for name, grace_days in runs:
        expected = row_based(con, name, f, grace_days)
        params = {"grace_days": grace_days, "review_grace_days": REVIEW_GRACE_DAYS}
        actual = run(con, name, filter_params(f) | params)
        if name in UNORDERED:
            expected, actual = (
                frame.sort_values(
                    list(frame.columns) if name == "decision_agreements" else ["team_id"],
                    ignore_index=True,
                )
                for frame in (expected, actual)
            )
        pd.testing.assert_frame_equal(actual, expected, check_dtype=True, obj=name)


FIXTURE_FILTERS = [
    MAIN,
    # a period from mid-month to mid-month, as of mid-month
    Filters(D(2025, 7, 16), D(2026, 3, 14), D(2026, 2, 15)),
    # from a month's last day to a day with a decision at 02:00 on it
    Filters(D(2026, 1, 31), D(2026, 3, 3), D(2026, 3, 1)),
    replace(MAIN, teams=("MASH",)),
    replace(MAIN, directorate="Education"),
    replace(MAIN, allowed=("MASH", "FH")),
    # nothing in the period
    Filters(D(2001, 1, 1), D(2001, 1, 31), D(2001, 1, 31)),
]


@pytest.mark.parametrize("f", FIXTURE_FILTERS, ids=range(len(FIXTURE_FILTERS)))
def test_rollups_agree_with_the_rows_on_the_fixture(
    con: duckdb.DuckDBPyConnection, f: Filters
) -> None:
    assert_same(con, f)


@pytest.fixture(scope="module", params=["ico", "register"])
def with_agreements(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, duckdb.DuckDBPyConnection]]:
    """The fixture organisation with routine shares citing an agreements register: the ICO
    steps' copy (tests/test_metrics_ico_steps.py) and the register's (fixture_agreements)."""
    path = tmp_path_factory.mktemp("agreements") / "db.duckdb"
    build = build_ico_fixture_db if request.param == "ico" else build_agreements_db
    build(path)
    connection = connect_readonly(path)
    yield request.param, connection
    connection.close()


@pytest.mark.parametrize("f", FIXTURE_FILTERS, ids=range(len(FIXTURE_FILTERS)))
def test_rollups_agree_with_the_rows_under_an_agreements_register(
    with_agreements: tuple[str, duckdb.DuckDBPyConnection], f: Filters
) -> None:
    assert_same(with_agreements[1], f)


def test_the_agreement_counts_compared_are_not_all_zero(
    with_agreements: tuple[str, duckdb.DuckDBPyConnection],
) -> None:
    # so that steps 5 and 6 compare counts. MAIN, all teams (under agreement, with DPIA):
    # ICO copy: in force D01 D08, with a DPIA by the day only D08 (test_metrics_ico_steps'
    # steps 5 and 6); register copy (routine yes): in force D01 D02 D07 D08, with a DPIA by
    # the day D02 D07 (D01 and D08 precede the DPIA of 2025-08-01; D14's routine is blank).
    kind, connection = with_agreements
    frame = run(connection, "ico_step_decisions_by_team", filter_params(MAIN))
    total = frame[frame["team_id"].isna()].iloc[0]
    counts = (total["routine_shares_under_agreement"], total["routine_shares_with_dpia"])
    assert counts == {"ico": (2, 1), "register": (4, 2)}[kind]


def test_the_fixture_has_decisions_in_the_compared_periods(con: duckdb.DuckDBPyConnection) -> None:
    # so that the agreement above compares counts, not empty frames. MAIN: D01-D16; 2025-07-16
    # to 2026-03-14: D02 D03 D04 D05 D06 D08 D09 D10 D13 D14 D15; 2026-01-31 to 2026-03-03: D10
    # D15 and D06 (03-03 02:00, the last day); MASH: D01-D07; Education: EDS's D13-D16; viewer
    # of MASH and FH: D01-D07; 2001: none.
    counts = [
        int(run(con, "decisions_by_team", filter_params(f))["decisions"].sum())
        for f in FIXTURE_FILTERS
    ]
    assert counts == [16, 11, 3, 7, 4, 7, 0]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A generated organisation (5,000 decisions ending 2026-10-31) loaded by ingest."""
    folder = tmp_path_factory.mktemp("rollups")
    generate(folder / "demo", scale=0.2, end=D(2026, 10, 31))
    ingest([folder / "demo"], folder / "db.duckdb", out=io.StringIO(), err=io.StringIO())
    connection = connect_readonly(folder / "db.duckdb")
    yield connection
    connection.close()


def generated_filters(con: duckdb.DuckDBPyConnection) -> list[Filters]:
    teams = [t for (t,) in con.execute("select team_id from teams order by 1").fetchall()]
    year = Filters(D(2025, 11, 1), D(2026, 10, 31), D(2026, 10, 31))
    return [
        year,
        Filters(D(2025, 11, 30), D(2026, 10, 1), D(2026, 6, 15)),  # month boundaries
        Filters(D(2026, 3, 17), D(2026, 9, 12), D(2026, 8, 14)),  # mid-month, mid-month as-of
        replace(year, teams=(teams[0],)),
        replace(year, allowed=tuple(teams[::2])),
    ]


def test_rollups_agree_with_the_rows_on_a_generated_organisation(
    generated: duckdb.DuckDBPyConnection,
) -> None:
    for f in generated_filters(generated):
        assert int(run(generated, "decisions_by_team", filter_params(f))["decisions"].sum()) > 0
        assert_same(generated, f)


def test_every_write_refreshes_the_rollups(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with writer(db) as con:
        con.execute("insert into teams (team_id, team_name, directorate) values ('A', 'A', 'D')")
        con.execute(
            "insert into decisions (decision_id, team_id, decided_at, decision, recipient_type) "
            "values ('X1', 'A', '2026-01-05 10:00', 'shared', 'police')"
        )
    with writer(db) as con:
        con.execute("delete from decisions where decision_id = 'X1'")
        con.execute(
            "insert into decisions (decision_id, team_id, decided_at, decision, recipient_type) "
            "values ('X2', 'A', '2026-01-06 10:00', 'not_shared', 'health')"
        )
    reader = connect_readonly(db)
    # X1 deleted, X2 added: one refusal on 6 January and nothing on the 5th
    assert reader.execute(
        "select decided_on, decisions, shares, not_shared from rollup_decisions_daily"
    ).fetchall() == [(D(2026, 1, 6), 1, 0, 1)]
    assert {t for (t,) in reader.execute("show tables").fetchall()} >= set(ROLLUP_TABLES)


def test_rollups_agree_when_people_have_no_role(fixture_db: Path, tmp_path: Path) -> None:
    # The training rollup checks courses once per person, day and post; a post with no role
    # must still find its own passes (a blank compares as unknown in SQL). S01 decides six of the
    # fixture's decisions; S03's data-protection course lapsed from 2025-12-01 to 2026-01-20.
    db = tmp_path / "db.duckdb"
    db.write_bytes(fixture_db.read_bytes())
    with writer(db) as w:
        w.execute("update staff set role = null where staff_id in ('S01', 'S03')")
    con = connect_readonly(db)
    try:
        for f in (MAIN, FIXTURE_FILTERS[1]):
            assert_same(con, f)
    finally:
        con.close()


def test_routine_shares_alike_on_one_day_are_each_counted(tmp_path: Path) -> None:
    # The fixtures rarely have two routine shares alike (team, day, agreement, recipient) on
    # one day, which the rollup keeps as one row of `shares`: here three are, cited as
    # ' dsa-1 ' after DSA-1 ended, and one cites nothing to a partner no agreement covers.
    db = tmp_path / "db.duckdb"
    with writer(db) as con:
        con.execute("insert into teams (team_id, team_name, directorate) values ('A', 'A', 'D')")
        con.execute(
            "insert into agreements (dsa_ref, title, partners, partner_types, status, signed_on,"
            " review_due, ended_on, dpia_date) values ('DSA-1', 'One', 'Northshire Police',"
            " 'police', 'ended', '2025-01-01', '2026-06-01', '2025-12-31', '2024-12-01')"
        )
        insert = (
            "insert into decisions (decision_id, team_id, decided_at, decision, recipient_type,"
            " recipient_org, routine, dsa_ref) values (?, 'A', ?, 'shared', ?, ?, true, ?)"
        )
        con.executemany(
            insert,
            [
                ("X1", "2026-01-05 09:00", "police", "Northshire Police", " dsa-1 "),
                ("X2", "2026-01-05 10:00", "police", "Northshire Police", " dsa-1 "),
                ("X3", "2026-01-05 11:00", "police", "Northshire Police", " dsa-1 "),
                ("X4", "2026-01-06 09:00", "health", "Castlegate Medical Practice", None),
            ],
        )
    reader = connect_readonly(db)
    assert reader.execute(
        "select decided_on, dsa_ref, shares from rollup_routine_shares_daily order by 1"
    ).fetchall() == [(D(2026, 1, 5), "dsa-1", 3), (D(2026, 1, 6), None, 1)]
    f = Filters(D(2026, 1, 1), D(2026, 1, 31), D(2026, 1, 31))
    params = filter_params(f) | {"review_grace_days": 0}
    # X1-X3 under DSA-1 after it ended on 2025-12-31; X4 to a health partner, citing nothing
    warnings = run(reader, "agreement_warnings", params)
    assert [(k, n, list(r)) for k, n, r in warnings[["kind", "observed", "refs"]].values] == [
        ("agreement_not_in_force", 3, ["DSA-1"]),
        ("no_agreement", 1, ["Castlegate Medical Practice"]),
    ]
    register = run(reader, "agreements_register", params)
    assert register[["routine_shares", "shares_not_in_force"]].values.tolist() == [[3, 3]]
    by_team = run(reader, "agreement_shares_by_team", params)
    assert by_team["dsa_ref"].fillna("none").tolist() == ["DSA-1", "none"]
    assert by_team[["routine_shares", "in_force"]].values.tolist() == [[3, 0], [1, 0]]
    assert_same(reader, f)
    reader.close()
