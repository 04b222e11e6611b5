"""History is not rewritten by today's state: closed teams keep their past (issue 10, req 1).

A tiny organisation loaded through the ingester: team A (open) and team Z, which closes on
2024-09-30 (its last day) in a later teams file. Z has two staff in post and attestations until
2024-09-22. One course (never expires, required of all) and one policy (v1, 2024-01-01).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.filters import team_label
from metrics.filters import Filters, previous
from metrics.org import team_list
from metrics.policy import policy_coverage_by_team, policy_coverage_trend, policy_status
from metrics.query import filter_params, run
from metrics.training import (
    assignment_history,
    training_completion_by_team,
    training_completion_trend,
    training_status,
)
from pipelines.ingest import ingest
from pipelines.store import connect_readonly, writer
from tests.tiny_db import tiny_con

D = dt.date
FILES = {
    "teams.csv": "team_id,team_name,directorate\nA,Alpha,D\nZ,Zulu,D\n",
    "staff.csv": "staff_id,team_id,start_date\nA1,A,2020-01-01\nZ1,Z,2020-01-01\nZ2,Z,2020-01-01\n",
    "courses.csv": "course_id,title,refresh_months,required_for\nC,Course,0,all\n",
    "training.csv": "staff_id,course_id,completed_on\nA1,C,2024-02-01\nZ1,C,2024-01-10\n",
    "policies.csv": "policy_id,title,ico_step,version,approved_on,review_due\n"
    "P,Policy,3,1,2024-01-01,2026-01-01\n",
    "coverage.csv": "team_id,policy_id,status,attested_on\nA,P,in_place,2024-03-01\n"
    "Z,P,in_place,2024-03-15\nZ,P,in_place,2024-09-22\n",
}
# The 2024-10-01..2024-12-31 quarter; its previous period ends (as of) 2024-09-30.
Q4 = Filters(period_start=D(2024, 10, 1), period_end=D(2024, 12, 31), as_of=D(2024, 12, 31))


def _load(db: Path, folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    err = io.StringIO()
    assert ingest([folder], db, out=io.StringIO(), err=err) == 0, err.getvalue()


def _counts(frame: pd.DataFrame, numerator: str, denominator: str) -> dict[str, tuple[int, int]]:
    return {r.team_id: (getattr(r, numerator), getattr(r, denominator)) for r in frame.itertuples()}


def test_a_closed_team_keeps_its_past_and_leaves_after_its_last_day(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    _load(db, tmp_path / "first", FILES)
    _load(
        db,
        tmp_path / "later",
        {"teams_closing.csv": "team_id,team_name,directorate,closed_on\nZ,Zulu,D,30/09/2024\n"},
    )
    con = connect_readonly(db)
    at = {d: replace(Q4, as_of=d) for d in (D(2024, 6, 30), D(2024, 9, 30), D(2024, 10, 1))}
    # 2024-06-30: Z has Z1 (in date) and Z2 (never trained): 1 of 2; P in place (2024-03-15)
    assert _counts(training_completion_by_team(con, at[D(2024, 6, 30)]), "in_date", "required") == {
        "A": (1, 1),
        "Z": (1, 2),
    }
    assert _counts(policy_coverage_by_team(con, at[D(2024, 6, 30)]), "in_place", "applies") == {
        "A": (1, 1),
        "Z": (1, 1),
    }
    # 2024-09-30 is Z's last day: still counted; 2024-10-01: gone
    assert set(training_completion_by_team(con, at[D(2024, 9, 30)])["team_id"]) == {"A", "Z"}
    assert set(policy_coverage_by_team(con, at[D(2024, 9, 30)])["team_id"]) == {"A", "Z"}
    assert set(training_completion_by_team(con, at[D(2024, 10, 1)])["team_id"]) == {"A"}
    assert set(policy_coverage_by_team(con, at[D(2024, 10, 1)])["team_id"]) == {"A"}
    # the previous period of Q4 is taken as of 2024-09-30: Z is in it
    assert _counts(training_completion_by_team(con, previous(Q4)), "in_date", "required") == {
        "A": (1, 1),
        "Z": (1, 2),
    }


def test_trends_do_not_change_when_a_team_later_closes(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    _load(db, tmp_path / "first", FILES)
    con = connect_readonly(db)
    training_before = training_completion_trend(con, Q4)
    policy_before = policy_coverage_trend(con, Q4)
    con.close()
    _load(
        db,
        tmp_path / "later",
        {"teams_closing.csv": "team_id,team_name,directorate,closed_on\nZ,Zulu,D,2024-09-30\n"},
    )
    con = connect_readonly(db)
    training_after = training_completion_trend(con, Q4)
    policy_after = policy_coverage_trend(con, Q4)
    # January to September 2024 (month ends up to Z's last day) are unchanged
    assert training_after.iloc[:9].equals(training_before.iloc[:9])
    assert policy_after.iloc[:9].equals(policy_before.iloc[:9])
    # September: A1 and Z1 in date, Z2 never trained: 2 in date of 3 required
    assert training_after.iloc[8][["in_date", "required"]].tolist() == [2, 3]
    # October on, only A counts: 1 of 1 (before the closing file: 2 of 3)
    assert training_after.iloc[9:][["in_date", "required"]].values.tolist() == [[1, 1]] * 3
    assert training_before.iloc[9:][["in_date", "required"]].values.tolist() == [[2, 3]] * 3
    assert policy_after.iloc[9:][["in_place", "applies"]].values.tolist() == [[1, 1]] * 3


def test_a_team_counts_from_its_opening_day(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    files = dict(FILES)
    files["teams.csv"] = (
        "team_id,team_name,directorate,opened_on\nA,Alpha,D,\nZ,Zulu,D,2024-07-01\n"
    )
    _load(db, tmp_path / "first", files)
    con = connect_readonly(db)
    assert set(training_completion_by_team(con, replace(Q4, as_of=D(2024, 6, 30)))["team_id"]) == {
        "A"
    }
    assert set(training_completion_by_team(con, replace(Q4, as_of=D(2024, 7, 1)))["team_id"]) == {
        "A",
        "Z",
    }


def test_an_old_file_with_active_no_is_a_team_closed_before_all_data(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    files = dict(FILES)
    files["teams.csv"] = "team_id,team_name,directorate,active\nA,Alpha,D,yes\nZ,Zulu,D,no\n"
    _load(db, tmp_path / "first", files)
    con = connect_readonly(db)
    # stored as given (active false, closed_on blank), and measured at no date
    assert con.execute("select active, closed_on from teams where team_id = 'Z'").fetchall() == [
        (False, None)
    ]
    for as_of in (D(2024, 1, 31), D(2024, 6, 30), D(2024, 12, 31)):
        assert set(training_completion_by_team(con, replace(Q4, as_of=as_of))["team_id"]) == {"A"}
    labels = [team_label(row, D(2026, 12, 3)) for row in team_list(con).itertuples()]
    assert labels == ["Alpha (A)", "Zulu (Z), closed"]


def test_the_team_list_marks_closed_teams_with_their_last_day(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    files = dict(FILES)
    files["teams.csv"] = (
        "team_id,team_name,directorate,closed_on\nA,Alpha,D,\nZ,Zulu,D,2024-09-30\n"
    )
    _load(db, tmp_path / "first", files)
    teams = team_list(connect_readonly(db))
    labels = [team_label(row, D(2026, 12, 3)) for row in teams.itertuples()]
    assert labels == ["Alpha (A)", "Zulu (Z), closed 30 Sep 2024"]
    # a closing date still ahead reads "closes"
    assert [team_label(row, D(2024, 9, 1)) for row in teams.itertuples()][1] == (
        "Zulu (Z), closes 30 Sep 2024"
    )


def test_a_closing_date_before_the_opening_date_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "teams.csv").write_text(
        "team_id,team_name,directorate,opened_on,closed_on\nA,Alpha,D,2024-05-01,2024-04-30\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    assert ingest([folder], tmp_path / "db.duckdb", out=io.StringIO(), err=err) == 1
    assert err.getvalue().splitlines() == [
        f"{folder / 'teams.csv'}:2:closed_on: '2024-04-30' is before opened_on: correct the "
        "closing date or the opening date"
    ]


def test_not_applicable_lapses_when_a_new_version_is_approved(tmp_path: Path) -> None:
    # P v1 approved 2024-01-01, v2 2024-07-01. Team A said "not applicable" on 2024-03-01
    # (before v2), team B on 2024-08-01 (after v2). As of 2024-06-30 A is out of the
    # denominator (B has not attested yet: not started, applies); as of 2024-08-31 A's
    # statement has lapsed (P applies to A, not in place) and B's, made after v2, holds.
    tables = {
        "teams": [{"team_id": t, "team_name": t, "directorate": "D"} for t in ("A", "B")],
        "policies": [
            {
                "policy_id": "P",
                "title": "P",
                "ico_step": 3,
                "version": v,
                "approved_on": on,
                "review_due": "2026-01-01",
            }
            for v, on in (("1", "2024-01-01"), ("2", "2024-07-01"))
        ],
        "coverage": [
            {"team_id": "A", "policy_id": "P", "status": "not_applicable", "attested_on": d}
            for d in ("2024-03-01",)
        ]
        + [
            {
                "team_id": "B",
                "policy_id": "P",
                "status": "not_applicable",
                "attested_on": "2024-08-01",
            }
        ],
    }
    con = tiny_con(tmp_path / "db.duckdb", tables)
    june = replace(Q4, as_of=D(2024, 6, 30))
    august = replace(Q4, as_of=D(2024, 8, 31))
    assert _counts(policy_coverage_by_team(con, june), "in_place", "applies") == {
        "A": (0, 0),
        "B": (0, 1),
    }
    coverage = policy_coverage_by_team(con, august).set_index("team_id")
    assert coverage.loc["A", ["in_place", "applies", "not_applicable_lapsed"]].tolist() == [0, 1, 1]
    assert coverage.loc["B", ["in_place", "applies", "not_applicable"]].tolist() == [0, 0, 1]
    status = policy_status(con, august).set_index("team_id")
    assert status.loc["A", "status"] == "not_applicable_lapsed"
    assert (
        status.loc["A", "out_of_date_reason"] == "said not to apply before version 2 was approved"
    )
    assert status.loc["B", "status"] == "not_applicable"
    # exports keep their columns: the lapsed statement is counted with not started
    export = run(con, "export_policy_coverage_by_team_step", filter_params(august))
    shown = export[["team_id", "not_started", "policies_applying", "not_applicable"]].fillna("all")
    assert shown.values.tolist() == [["A", 1, 1, 0], ["B", 0, 0, 1], ["all", 1, 1, 1]]


ASSIGNMENT_FILES = {
    "teams.csv": "team_id,team_name,directorate\nA,Alpha,D\nB,Bravo,D\n",
    # the roster as of today: M1 manages team B; M2 has no history
    "staff.csv": "staff_id,team_id,role,is_decision_maker,start_date\n"
    "M1,B,Team manager,yes,2020-01-01\nM2,A,Social worker,no,2020-01-01\n",
    "courses.csv": "course_id,title,refresh_months,required_for\nC-ALL,All,0,all\n"
    "C-DM,Deciders,0,decision_makers\nC-TM,Managers,0,role:Team manager\n",
    # M1 was a social worker in team A, then from 2024-07-01 team B's manager
    "staff_assignments_2024.csv": "staff_id,team_id,role,is_decision_maker,from_date\n"
    "M1,A,Social worker,no,2024-01-01\nM1,B,Team manager,yes,01/07/2024\n",
}


def _requirements(con: object, as_of: dt.date) -> list[tuple[str, str, str, str]]:
    status = training_status(con, replace(Q4, as_of=as_of))
    return sorted(zip(status.staff_id, status.team_id, status.role, status.course_id, strict=True))


def test_the_assignment_in_force_wins_over_the_roster(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    _load(db, tmp_path / "first", ASSIGNMENT_FILES)
    con = connect_readonly(db)
    assert con.execute("select count(*) from assignments").fetchall() == [(2,)]
    # 2023-12-31: no assignment in force yet, so M1 is where the roster puts them (B, manager)
    assert _requirements(con, D(2023, 12, 31)) == [
        ("M1", "B", "Team manager", "C-ALL"),
        ("M1", "B", "Team manager", "C-DM"),
        ("M1", "B", "Team manager", "C-TM"),
        ("M2", "A", "Social worker", "C-ALL"),
    ]
    # 2024-06-30: M1 is a social worker in team A, not a decision maker: only C-ALL
    assert _requirements(con, D(2024, 6, 30)) == [
        ("M1", "A", "Social worker", "C-ALL"),
        ("M2", "A", "Social worker", "C-ALL"),
    ]
    # 2024-07-01, the day the move takes effect: team B's manager again
    assert _requirements(con, D(2024, 7, 1)) == _requirements(con, D(2023, 12, 31))
    assert _counts(
        training_completion_by_team(con, replace(Q4, as_of=D(2024, 6, 30))), "in_date", "required"
    ) == {"A": (0, 2)}
    assert assignment_history(con).values.tolist() == [[2, 1]]


def test_an_assignment_for_an_unknown_member_or_team_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("teams.csv", "staff.csv"):
        (folder / name).write_text(ASSIGNMENT_FILES[name], encoding="utf-8")
    (folder / "assignments.csv").write_text(
        "staff_id,team_id,role,from_date\nM9,A,Social worker,2024-01-01\nM1,Z,,2024-01-01\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    assert ingest([folder], tmp_path / "db.duckdb", out=io.StringIO(), err=err) == 1
    path = folder / "assignments.csv"
    assert err.getvalue().splitlines() == [
        f"{path}:2:staff_id: 'M9' is not a known staff_id in staff: add it to the staff file "
        "and load that first, or correct the value",
        f"{path}:3:team_id: 'Z' is not a known team_id in teams: add it to the teams file and "
        "load that first, or correct the value",
    ]


def test_a_database_made_before_team_lifetimes_gains_the_new_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    old = duckdb.connect(str(db))
    old.execute(
        "create table teams (team_id varchar, team_name varchar, directorate varchar, "
        "active boolean, primary key (team_id))"
    )
    old.execute("insert into teams values ('Z', 'Zulu', 'D', false)")
    old.close()
    with writer(db):
        pass
    con = connect_readonly(db)
    assert con.execute("select team_id, active, opened_on, closed_on from teams").fetchall() == [
        ("Z", False, None, None)
    ]
    assert team_list(con)["closed_before_data"].tolist() == [True]


def test_decision_makers_and_their_training_follow_the_assignment_in_force(tmp_path: Path) -> None:
    # M1 was a social worker in team A (not a decision maker) from 2024-01-01, and team B's
    # manager and a decision maker from 2024-07-01; the roster only knows today's B manager.
    files = {
        **ASSIGNMENT_FILES,
        # M1 passed the course everyone needs, never the deciders' or managers' ones
        "training.csv": "staff_id,course_id,completed_on\nM1,C-ALL,2023-06-01\n",
        "decisions.csv": "decision_id,team_id,decided_at,decision,recipient_type,decided_by\n"
        "X1,A,2024-03-01 10:00,shared,police,M1\n"
        "X2,B,2024-07-15 10:00,shared,police,M1\n",
    }
    db = tmp_path / "db.duckdb"
    _load(db, tmp_path / "in", files)
    con = connect_readonly(db)
    spring = Filters(period_start=D(2024, 1, 1), period_end=D(2024, 6, 30), as_of=D(2024, 6, 30))
    summer = replace(spring, period_start=D(2024, 6, 1), period_end=D(2024, 7, 31))
    params = filter_params(summer) | {"grace_days": 30}
    trained = run(con, "decision_maker_training", params).set_index("decision_id")
    # X1 (1 Mar): a social worker, who needs only C-ALL, which M1 has: trained on the day.
    # X2 (15 Jul): team B's manager, who also needs C-DM and C-TM: not trained on the day.
    # (By the roster, X1 too was made by an untrained manager.)
    spring_params = filter_params(spring) | {"grace_days": 30}
    x1 = run(con, "decision_maker_training", spring_params).set_index("decision_id")
    assert bool(x1.loc["X1", "trained_on_the_day"]) is True
    assert bool(trained.loc["X2", "trained_on_the_day"]) is False
    # Decision makers in the team at any time in the period: none in Jan-Jun (M1 was not one
    # then); M1 in team B once Jul is in the period. The roster said B had one all along.
    makers = {
        f: {
            "all" if pd.isna(team) else team: n
            for team, n in run(con, "decision_makers_in_period", filter_params(f)).values.tolist()
        }
        for f in (spring, summer)
    }
    assert makers[spring] == {"all": 0}
    assert makers[summer] == {"B": 1, "all": 1}
