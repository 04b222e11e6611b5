"""The demo organisation: files as real exports are, a believable shape, same seed same bytes."""

import csv
import datetime
import io
import pathlib
import re

import duckdb
import openpyxl
import pytest

from demo import organisation
from demo.generate import (
    DEMO_END,
    PLANTED_ERROR_LINES,
    PLANTED_ERRORS,
    QUIET_TEAM,
    TEAMS,
    falling_quarter,
    generate,
    quiet_quarter,
)

SMALL = 0.05
FILE_NAMES = [
    "teams.csv",
    "staff.csv",
    "staff_assignments.csv",
    "courses.xlsx",
    "policies.csv",
    "coverage.csv",
    "agreements.csv",
    "training.csv",
    "decisions_2023.csv",
    "decisions_2024.csv",
    "decisions_2025.csv",
    "decisions_2026.csv",
]
# The demo's actions, for the app store (`make run` imports them): not read by ingest.
ACTION_FILES = ["actions.csv", "actions_update.csv"]
DECISION_HEADER = (
    "decision_id,team_id,decided_at,request_received,recorded_at,decided_by,authorised_by,"
    "child_ref,decision,recipient_type,recipient_org,purpose,data_categories,routine,"
    "lawful_basis,statutory_gateway,special_category,art9_condition,criminal_offence_data,"
    "art10_condition,consent,"
    "family_informed,emergency,dsa_ref,dpo_consulted,reason,reviewed_by,reviewed_on"
)
UK_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
ISO_MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def read_rows(path: pathlib.Path, encoding: str = "utf-8", delimiter: str = ",") -> list[dict]:
    """A CSV file's rows as dicts keyed by its header."""
    text = path.read_bytes().decode(encoding)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def uk(text: str) -> datetime.date:
    """A dd/mm/yyyy date."""
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def decisions(folder: pathlib.Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the folder's decision files as view d, every column text."""
    con = duckdb.connect()
    pattern = str(folder / "decisions_*.csv")
    con.execute(f"create view d as select * from read_csv('{pattern}', all_varchar = true)")
    return con


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The demo organisation at scale 1."""
    folder = tmp_path_factory.mktemp("org")
    generate(folder)
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The demo organisation at a small scale."""
    folder = tmp_path_factory.mktemp("small")
    generate(folder, scale=SMALL)
    return folder


@pytest.fixture(scope="module")
def with_errors(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The small organisation with the planted errors."""
    folder = tmp_path_factory.mktemp("errors")
    generate(folder, scale=SMALL, with_errors=True)
    return folder


def test_returns_every_file_it_writes_and_prints_nothing(
    tmp_path: pathlib.Path, capfd: pytest.CaptureFixture[str]
) -> None:
    paths = generate(tmp_path, scale=SMALL)
    assert [p.name for p in paths] == [*FILE_NAMES, *ACTION_FILES]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*FILE_NAMES, "app"])
    assert sorted(p.name for p in (tmp_path / "app").iterdir()) == ACTION_FILES
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("scale", [0, -1.0, float("nan")])
def test_scale_must_be_above_zero(tmp_path: pathlib.Path, scale: float) -> None:
    with pytest.raises(ValueError, match="scale must be a number above 0"):
        generate(tmp_path, scale=scale)
    assert list(tmp_path.iterdir()) == []


def test_same_arguments_give_the_same_bytes(small: pathlib.Path, tmp_path: pathlib.Path) -> None:
    generate(tmp_path, scale=SMALL)
    for name in FILE_NAMES:
        assert (tmp_path / name).read_bytes() == (small / name).read_bytes(), name


def test_another_seed_gives_another_organisation(
    small: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    generate(tmp_path, seed=43, scale=SMALL)
    assert (tmp_path / "teams.csv").read_bytes() == (small / "teams.csv").read_bytes()
    for name in ("staff.csv", "training.csv", "coverage.csv", "policies.csv"):
        assert (tmp_path / name).read_bytes() != (small / name).read_bytes(), name
    for name in FILE_NAMES[8:]:
        assert (tmp_path / name).read_bytes() != (small / name).read_bytes(), name


def test_scale_multiplies_the_decisions_only(org: pathlib.Path, small: pathlib.Path) -> None:
    for name in FILE_NAMES[:8]:
        assert (org / name).read_bytes() == (small / name).read_bytes(), name
    assert decisions(org).execute("select count(*) from d").fetchone() == (25_000,)
    assert decisions(small).execute("select count(*) from d").fetchone() == (1_250,)


def test_row_counts_at_scale_1(org: pathlib.Path) -> None:
    teams = read_rows(org / "teams.csv")
    staff = read_rows(org / "staff.csv", "cp1252", ";")
    assert len(teams) == len(TEAMS) == 16
    # one team closed (Early Help Central), on the last day of the window's tenth month
    assert [(t["team_id"], t["closed_on"]) for t in teams if t["closed_on"]] == [
        ("EH-C", "2024-09-30")
    ]
    assert all(t["opened_on"] == "" for t in teams)
    assert {t["directorate"] for t in teams} == {
        "Children's Social Care",
        "Early Help and Prevention",
        "Education and Inclusion",
    }
    assert 540 <= len(staff) <= 660
    assert len({s["Staff ID"] for s in staff}) == len(staff)
    assert 0.3 <= sum(s["Is decision maker"] == "Yes" for s in staff) / len(staff) <= 0.45
    assert 100 <= sum(s["End date"] != "" for s in staff) <= 300
    assert sum(s["Exempt until"] != "" for s in staff) == 12
    assert 2000 <= len(read_rows(org / "training.csv")) <= 5000
    assert 500 <= len(read_rows(org / "coverage.csv", "cp1252", ";")) <= 1200


def test_policies_cover_every_ico_step_with_version_history(org: pathlib.Path) -> None:
    policies = read_rows(org / "policies.csv", "utf-8-sig")
    assert {int(p["ico_step"]) for p in policies} == set(range(1, 11))
    versions: dict[str, list[dict]] = {}
    for p in policies:
        versions.setdefault(p["policy_id"], []).append(p)
    assert len(versions) == 15
    assert {len(v) for v in versions.values()} == {1, 2, 3}
    current = [max(v, key=lambda p: int(p["version"])) for v in versions.values()]
    stale = [p for p in current if p["review_due"] < DEMO_END.isoformat()]
    assert 1 <= len(stale) <= 5
    assert all(p["approved_on"] <= DEMO_END.isoformat() for p in policies)
    assert all(p["approved_on"] < p["review_due"] for p in policies)


def test_every_status_decision_and_recipient_appears(org: pathlib.Path) -> None:
    coverage = read_rows(org / "coverage.csv", "cp1252", ";")
    assert {c["Status"] for c in coverage} == {
        "in_place",
        "partial",
        "not_started",
        "not_applicable",
    }
    con = decisions(org)
    assert con.execute("select distinct decision from d order by 1").fetchall() == [
        ("not_shared",),
        ("partially_shared",),
        ("shared",),
    ]
    assert {r[0] for r in con.execute("select distinct recipient_type from d").fetchall()} == {
        "police",
        "health",
        "social_care",
        "education",
        "local_authority",
        "voluntary_sector",
        "other",
    }
    bases = {r[0] for r in con.execute("select distinct lawful_basis from d").fetchall()}
    assert {"public_task", "vital_interests", "consent", "recognised_legitimate_interests"} <= bases
    assert {"legitimate_interests", "legal_obligation", None} <= bases
    # a council is not a competent authority: no DPA 2018 Part 3 processing
    assert "law_enforcement" not in bases
    # criminal offence data shared with an Art 10 condition, mostly; gateways cited on some
    shared_criminal = con.execute(
        "select count(*), count(art10_condition) from d"
        " where criminal_offence_data = 'yes' and decision <> 'not_shared'"
    ).fetchone()
    assert 0.85 < shared_criminal[1] / shared_criminal[0] < 1
    gateways = {r[0] for r in con.execute("select distinct statutory_gateway from d").fetchall()}
    assert {"Children Act 1989 s47", "Crime and Disorder Act 1998 s115", None} <= gateways


def test_the_quiet_team_logs_nothing_for_a_quarter(org: pathlib.Path) -> None:
    con = duckdb.connect()
    # DEMO_END 2026-10-31: the quarter April to June 2026
    start, until = quiet_quarter(DEMO_END)
    assert (start, until) == (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    counts = con.execute(
        "select count(*) filter (where decided_at::date between ? and ?), count(*)"
        " from read_csv(?, all_varchar = true) where team_id = ?",
        [start, until, str(org / "decisions_*.csv"), QUIET_TEAM],
    ).fetchone()
    assert counts[0] == 0 and counts[1] > 0


def test_coverage_improves_but_not_everywhere(org: pathlib.Path) -> None:
    coverage = read_rows(org / "coverage.csv", "cp1252", ";")
    by_year: dict[int, list[str]] = {}
    for c in coverage:
        by_year.setdefault(uk(c["Attested on"]).year, []).append(c["Status"])
    in_place = {y: s.count("in_place") / len(s) for y, s in by_year.items()}
    assert in_place[2026] > in_place[2024]
    assert by_year[2026].count("not_started") > 0


def test_staff_is_written_as_excel_on_windows_writes_it(org: pathlib.Path) -> None:
    raw = (org / "staff.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    lines = text.split("\r\n")
    assert lines[0] == (
        "Staff ID;Team ID;Role;Name;Is decision maker;Start date;End date;Exempt until"
    )
    assert lines[-1] == ""
    assert "\n" not in text.replace("\r\n", "")
    assert any(ch in text for ch in "éëâ’")
    rows = read_rows(org / "staff.csv", "cp1252", ";")
    assert all(UK_DATE.match(r["Start date"]) for r in rows)
    assert {r["Is decision maker"] for r in rows} == {"Yes", "No"}
    assert all(r["End date"] == "" or uk(r["End date"]) >= uk(r["Start date"]) for r in rows)
    assert all(r["Team ID"] in TEAMS for r in rows)


def test_other_files_are_in_their_export_formats(org: pathlib.Path) -> None:
    assert (
        (org / "teams.csv")
        .read_text(encoding="utf-8")
        .startswith(
            "team_id,team_name,directorate,opened_on,closed_on\n"
            "MASH,Multi-Agency Safeguarding Hub,Children's Social Care,,\n"
        )
    )
    assert (
        (org / "policies.csv")
        .read_bytes()
        .startswith(
            b"\xef\xbb\xbfpolicy_id,title,ico_step,owner,version,approved_on,review_due\r\n"
        )
    )
    coverage = (org / "coverage.csv").read_bytes()
    assert coverage.startswith(b"Team ID;Policy ID;Status;Attested on;Evidence\r\n")
    assert "’".encode("cp1252") in coverage
    training = (org / "training.csv").read_text(encoding="utf-8")
    assert training.startswith("staff_id,course_id,completed_on,result,score\n")
    assert all(UK_DATE.match(r["completed_on"]) for r in read_rows(org / "training.csv"))


def test_courses_workbook_opens_with_numbers_as_numbers(org: pathlib.Path) -> None:
    sheet = openpyxl.load_workbook(org / "courses.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Course ID", "Title", "Refresh months", "Required for", "ICO step")
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["DP-ANNUAL"][2:] == (12, "all", 1)
    assert by_id["INFO-SHARE"][2:] == (24, "decision_makers", 3)
    assert by_id["EMERG-SHARE"][2:] == (0, "decision_makers", 9)
    assert by_id["ICO-CODE"][2:] == (36, "role:Team manager|team:MASH", 10)
    assert by_id["CALDICOTT"][2:] == (24, "team:SN", 5)


def test_training_is_only_for_known_staff_and_courses_while_in_post(org: pathlib.Path) -> None:
    staff = {r["Staff ID"]: r for r in read_rows(org / "staff.csv", "cp1252", ";")}
    training = read_rows(org / "training.csv")
    courses = {"DP-ANNUAL", "INFO-SHARE", "EMERG-SHARE", "ICO-CODE", "CALDICOTT"}
    for row in training:
        member = staff[row["staff_id"]]
        done = uk(row["completed_on"])
        assert row["course_id"] in courses
        assert uk(member["Start date"]) <= done <= DEMO_END
        assert member["End date"] == "" or done <= uk(member["End date"])
        assert row["score"] == "" or 0 <= int(row["score"]) <= 100
    results = [r["result"] for r in training]
    assert 0 < results.count("fail") < results.count("pass") / 10
    keys = [(r["staff_id"], r["course_id"], r["completed_on"]) for r in training]
    assert len(set(keys)) == len(keys)


def test_decisions_are_valid_and_time_ordered(org: pathlib.Path) -> None:
    for name in FILE_NAMES[8:]:
        assert (org / name).read_text(encoding="utf-8").split("\n", 1)[0] == DECISION_HEADER
    con = decisions(org)
    row = con.execute(
        """
        select
            count(*) filter (where team_id not in (select unnest($teams))),
            count(*) filter (where decided_at::timestamp > $last),
            count(*) filter (where recorded_at::timestamp > $last),
            count(*) filter (where request_received::timestamp > decided_at::timestamp),
            count(*) filter (where recorded_at::timestamp < decided_at::timestamp),
            count(*) filter (where not regexp_full_match(decided_at, $minute)),
            count(*) filter (where not regexp_full_match(child_ref, 'NB[0-9]{7}')),
            count(*) - count(distinct decision_id),
            count(*) filter (where emergency not in ('yes', 'no') or routine not in ('yes', 'no'))
        from d
        """,
        {
            "teams": list(TEAMS),
            "last": datetime.datetime(2026, 10, 31, 23, 59),
            "minute": ISO_MINUTE.pattern[1:-1],
        },
    ).fetchone()
    assert row == (0, 0, 0, 0, 0, 0, 0, 0, 0)
    out_of_order = con.execute(
        "select count(*) from (select decided_at, lag(decided_at) over (order by decision_id) "
        "as before from d) where decided_at < before"
    ).fetchone()
    assert out_of_order == (0,)


def test_decisions_have_believable_rates(org: pathlib.Path) -> None:
    con = decisions(org)
    rates = con.execute(
        """
        select
            avg((lawful_basis is null)::int) filter (where decision <> 'not_shared'),
            avg((art9_condition is null)::int)
                filter (where decision <> 'not_shared' and special_category = 'yes'),
            avg((reason is null)::int),
            avg((purpose is null)::int) filter (where decision <> 'not_shared'),
            avg((special_category = 'yes')::int),
            avg((dsa_ref is not null)::int) filter (where routine = 'yes'),
            avg((decision = 'shared')::int),
            count(distinct child_ref) / count(child_ref)
        from d
        """
    ).fetchone()
    lawful_gap, art9_gap, reason_gap, purpose_gap, special, dsa, shared, children = rates
    # Gaps shrink over the three years and differ by team (best teams' records are ~98 %
    # complete, the weakest ~90 %), so the whole-history rates are:
    assert 0.01 <= lawful_gap <= 0.025
    assert 0.03 <= art9_gap <= 0.07
    assert 0.015 <= reason_gap <= 0.03
    assert 0.01 <= purpose_gap <= 0.025
    assert 0.25 <= special <= 0.35
    assert dsa >= 0.8
    assert 0.75 <= shared <= 0.9
    assert 0.25 <= children <= 0.5


def test_decisions_follow_the_school_year_and_the_duty_rota(org: pathlib.Path) -> None:
    con = decisions(org)
    by_month = dict(
        con.execute("select month(decided_at::timestamp), count(*) from d group by 1").fetchall()
    )
    assert by_month[8] < 0.7 * by_month[10]
    assert by_month[12] < by_month[11]
    night_teams = con.execute(
        "select team_id, count(*) from d where hour(decided_at::timestamp) not between 8 and 17 "
        "group by 1 order by 2 desc limit 1"
    ).fetchone()
    assert night_teams[0] == "EDT"
    busiest = con.execute(
        "select team_id from d group by 1 order by count(*) desc limit 3"
    ).fetchall()
    assert {t for (t,) in busiest} <= {"MASH", "CP-N", "CP-S", "EDT"}
    assert con.execute("select max(decided_at) from d where team_id = 'EH-C'").fetchone()[0] < (
        "2024-10-01"
    )


def test_decision_makers_are_staff_of_the_team_in_post(org: pathlib.Path) -> None:
    staff = read_rows(org / "staff.csv", "cp1252", ";")
    con = decisions(org)
    con.execute(
        "create table staff as select * from (values "
        + ", ".join("(?, ?, ?, ?)" for _ in staff)
        + ") t(staff_id, team_id, start_date, end_date)",
        [
            value
            for s in staff
            for value in (
                s["Staff ID"],
                s["Team ID"],
                uk(s["Start date"]),
                uk(s["End date"]) if s["End date"] else None,
            )
        ],
    )
    for column in ("decided_by", "authorised_by"):
        wrong = con.execute(
            f"""
            select count(*)
            from d left join staff as s on s.staff_id = d.{column}
            where d.{column} is not null and (
                s.staff_id is null
                or s.team_id <> d.team_id
                or d.decided_at::date < s.start_date
                or d.decided_at::date > coalesce(s.end_date, date '2099-12-31')
            )
            """
        ).fetchone()
        assert wrong == (0,), column


def test_with_errors_plants_exactly_the_planted_errors(
    small: pathlib.Path, with_errors: pathlib.Path
) -> None:
    planted: dict[str, list[int]] = {}
    for (name, _, _), line in zip(PLANTED_ERRORS, PLANTED_ERROR_LINES, strict=True):
        planted.setdefault(name, []).append(line)
    for name in FILE_NAMES:
        clean = (small / name).read_bytes()
        dirty = (with_errors / name).read_bytes()
        if name not in planted:
            assert dirty == clean, name
            continue
        newline = b"\r\n" if name == "staff.csv" else b"\n"
        dirty_lines = dirty.split(newline)
        lines = sorted(set(planted[name]))
        kept = [line for n, line in enumerate(dirty_lines, start=1) if n not in lines]
        assert newline.join(kept) == clean, name


def test_planted_errors_are_in_the_named_columns(with_errors: pathlib.Path) -> None:
    def line(name: str, number: int, encoding: str = "utf-8", delimiter: str = ",") -> dict:
        return read_rows(with_errors / name, encoding, delimiter)[number - 2]

    staff = read_rows(with_errors / "staff.csv", "cp1252", ";")
    decision_file = f"decisions_{DEMO_END.year}.csv"
    found = {
        ("staff.csv", 2): line("staff.csv", 2, "cp1252", ";")["Start date"] == "",
        ("training.csv", 2): line("training.csv", 2)["staff_id"]
        not in {s["Staff ID"] for s in staff},
        ("training.csv", 3): line("training.csv", 3)["score"] == "150",
        (decision_file, 3): line(decision_file, 3) == line(decision_file, 2),
        (decision_file, 4): line(decision_file, 4)["team_id"] not in TEAMS,
        (decision_file, 5): line(decision_file, 5)["decided_at"] == "31/02/2026 10:00",
        (decision_file, 6): line(decision_file, 6)["decision"] == "maybe",
        (decision_file, 7): line(decision_file, 7)["decided_at"].startswith("2099-"),
    }
    expected = {
        (name, n) for (name, _, _), n in zip(PLANTED_ERRORS, PLANTED_ERROR_LINES, strict=True)
    }
    assert set(found) == expected
    assert all(found.values()), found
    columns = [column for _, column, _ in PLANTED_ERRORS]
    assert columns == [
        "start_date",
        "staff_id",
        "score",
        "decision_id",
        "team_id",
        "decided_at",
        "decision",
        "decided_at",
    ]


def test_end_moves_the_three_years(tmp_path: pathlib.Path) -> None:
    end = datetime.date(2025, 3, 15)
    names = [p.name for p in generate(tmp_path, scale=0.02, end=end)]
    assert names[8:-2] == [f"decisions_{y}.csv" for y in (2022, 2023, 2024, 2025)]
    con = decisions(tmp_path)
    first, last = con.execute("select min(decided_at), max(decided_at) from d").fetchone()
    assert first >= "2022-03-16 00:00"
    assert last <= "2025-03-15 23:59"
    completions = [uk(r["completed_on"]) for r in read_rows(tmp_path / "training.csv")]
    attestations = [
        uk(r["Attested on"]) for r in read_rows(tmp_path / "coverage.csv", "cp1252", ";")
    ]
    assert max(completions) <= end
    assert max(attestations) <= end


def test_assignments_history_moves_and_promotes_staff_now_in_post(org: pathlib.Path) -> None:
    staff = {s["Staff ID"]: s for s in read_rows(org / "staff.csv", "cp1252", ";")}
    rows = read_rows(org / "staff_assignments.csv")
    by_member: dict[str, list[dict]] = {}
    for row in rows:
        by_member.setdefault(row["staff_id"], []).append(row)
    # 12 moved team within their directorate, 12 promoted; two rows each
    assert len(rows) == 48 and len(by_member) == 24
    moves = promotions = 0
    for staff_id, (before, now) in by_member.items():
        member = staff[staff_id]
        # the first from their start date; the latest is where the roster puts them today
        assert uk(member["Start date"]).isoformat() == before["from_date"] < now["from_date"]
        assert (now["team_id"], now["role"]) == (member["Team ID"], member["Role"])
        assert now["is_decision_maker"] == member["Is decision maker"].lower()
        assert member["End date"] == ""
        if before["team_id"] != now["team_id"]:
            moves += 1
            assert before["role"] == now["role"]
            assert TEAMS[before["team_id"]][1] == TEAMS[now["team_id"]][1]
        else:
            promotions += 1
            assert (before["role"], now["role"]) in {
                ("Social worker", "Senior practitioner"),
                ("Senior practitioner", "Team manager"),
            }
    assert (moves, promotions) == (12, 12)


def test_the_falling_team_shares_less_in_the_last_three_months(org: pathlib.Path) -> None:
    # DEMO_END 2026-10-31: Aug-Oct 2026, against the same months a year before.
    assert falling_quarter(DEMO_END) == (datetime.date(2026, 8, 1), datetime.date(2026, 10, 31))
    assert falling_quarter(datetime.date(2026, 12, 2))[1] == datetime.date(2026, 11, 30)
    now, before = (
        decisions(org)
        .execute(
            "select count(*) filter (where decided_at::date between '2026-08-01' and '2026-10-31'),"
            " count(*) filter (where decided_at::date between '2025-08-01' and '2025-10-31')"
            " from d where team_id = ?",
            [organisation.FALLING_TEAM],
        )
        .fetchone()
    )
    # About 40 % of its usual work stays with it (60 % moves to its neighbour).
    assert 0.3 < now / before < 0.55


def test_emergencies_are_reviewed_after_the_event_except_the_planted_ones(
    org: pathlib.Path,
) -> None:
    rows = (
        decisions(org)
        .execute(
            "select team_id, emergency, reviewed_by is null, reviewed_on::date - decided_at::date,"
            " reviewed_by is null or reviewed_by in (decided_by, authorised_by)"
            " from d where decided_at::date < ?::date - 30",
            [DEMO_END],
        )
        .fetchall()
    )
    assert {r[3] for r in rows if r[1] == "yes" and not r[2]} == set(range(1, 22))
    assert all(r[2] for r in rows if r[1] == "no")
    assert all(r[4] for r in rows)
    unreviewed = {r[0] for r in rows if r[1] == "yes" and r[2]}
    # Some of the planted team's emergencies, and any with nobody named to review them.
    assert organisation.UNREVIEWED_TEAM in unreviewed
    share = sum(r[2] for r in rows if r[0] == organisation.UNREVIEWED_TEAM and r[1] == "yes") / sum(
        r[1] == "yes" for r in rows if r[0] == organisation.UNREVIEWED_TEAM
    )
    assert 0.1 < share < 0.3
