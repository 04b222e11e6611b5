"""The demo organisation end to end: generate, ingest, and the status page shows what failed."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.settings import DEFAULTS
from demo.generate import DEMO_END, PLANTED_ERROR_LINES, PLANTED_ERRORS, generate
from demo.organisation import DSA_REFS
from metrics.agreements import agreement_warnings, agreements_past_review, agreements_register
from metrics.filters import Filters
from metrics.policy import policy_coverage_by_team
from metrics.sharing import decision_times
from metrics.training import assignment_history, training_completion_by_team
from metrics.warnings import early_warnings
from pipelines.ingest import ingest
from pipelines.store import connect_readonly

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"


@pytest.fixture(scope="module")
def demo_with_errors(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, list[str]]:
    folder = tmp_path_factory.mktemp("demo")
    generate(folder / "files", scale=0.05, with_errors=True)
    db = folder / "db" / "compliance.duckdb"
    err = io.StringIO()
    status = ingest([folder / "files"], db, out=io.StringIO(), err=err)
    return db, status, err.getvalue().splitlines()


def test_clean_demo_loads_every_row(tmp_path: Path) -> None:
    generate(tmp_path / "files", scale=0.05)
    err = io.StringIO()
    assert ingest([tmp_path / "files"], tmp_path / "c.duckdb", out=io.StringIO(), err=err) == 0
    assert err.getvalue() == ""


def test_planted_errors_are_each_refused_at_their_line_and_column(
    demo_with_errors: tuple[Path, int, list[str]],
) -> None:
    _, status, problems = demo_with_errors
    assert status == 1
    where = sorted(
        (Path(p.split(":")[0]).name, int(p.split(":")[1]), p.split(":")[2]) for p in problems
    )
    expected = sorted(
        (name, line, column)
        for (name, column, _), line in zip(PLANTED_ERRORS, PLANTED_ERROR_LINES, strict=True)
    )
    assert where == expected


def test_status_page_shows_the_planted_errors(
    demo_with_errors: tuple[Path, int, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _, _ = demo_with_errors
    monkeypatch.setenv("COMPLIANCE_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("views/status.py")
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("8 problems in the latest load of")
    grouped = at.dataframe[1].value
    assert int(grouped["problems"].sum()) == 8
    assert set(zip(grouped["kind"], grouped["column_name"], strict=True)) == {
        ("staff", "start_date"),
        ("training", "staff_id"),
        ("training", "score"),
        ("decisions", "decision_id"),
        ("decisions", "team_id"),
        ("decisions", "decided_at"),
        ("decisions", "decision"),
    }


def test_demo_shows_a_closed_team_with_history_and_record_gaps(tmp_path: Path) -> None:
    generate(tmp_path / "files", scale=0.05)
    db = tmp_path / "c.duckdb"
    assert ingest([tmp_path / "files"], db, out=io.StringIO(), err=io.StringIO()) == 0
    con = connect_readonly(db)

    def eh_c(as_of: dt.date) -> tuple[list, list]:
        f = Filters(dt.date(2024, 1, 1), as_of, as_of, teams=("EH-C",))
        training = training_completion_by_team(con, f)[["in_date", "required"]]
        policies = policy_coverage_by_team(con, f)[["in_place", "applies"]]
        return training.values.tolist(), policies.values.tolist()

    # Early Help Central closed on 2024-09-30 (its last day): measured until then, not after.
    # The reference files do not depend on scale, so these counts are fixed for seed 42.
    assert eh_c(dt.date(2024, 6, 30)) == ([[17, 18]], [[6, 10]])
    assert eh_c(dt.date(2024, 9, 30)) == ([[17, 17]], [[8, 10]])
    assert eh_c(dt.date(2024, 10, 1)) == ([], [])
    assert assignment_history(con).values.tolist() == [[48, 24]]
    # some emergency decisions have no record time: counted as not recorded
    year = Filters(dt.date(2025, 11, 1), dt.date(2026, 10, 31), dt.date(2026, 10, 31))
    assert decision_times(con, year).iloc[-1]["emergency_not_recorded"] > 0


def test_demo_register_plants_an_expired_agreement_still_used(tmp_path: Path) -> None:
    generate(tmp_path / "files", scale=0.05)
    db = tmp_path / "c.duckdb"
    assert ingest([tmp_path / "files"], db, out=io.StringIO(), err=io.StringIO()) == 0
    con = connect_readonly(db)
    end = dt.date(2026, 10, 31)
    quarter = Filters(dt.date(2026, 8, 1), end, end)
    register = agreements_register(con, quarter).set_index("dsa_ref")
    # every reference the demo's routine shares cite is in the register (DSA_REFS), plus a draft
    assert sorted(register.index) == sorted([*DSA_REFS.values(), "DSA-ACAD-2026-01"])
    # the health partners' protocol ended 120 days before the end (3 Jul 2026), yet routine
    # shares in the last quarter still cite it; the schools agreement is 40 days past review
    health = register.loc["DSA-HLTH-2022-11"]
    assert (bool(health["in_force"]), health["ended_on"]) == (False, dt.date(2026, 7, 3))
    assert health["shares_not_in_force"] == health["routine_shares"] > 0
    past = agreements_past_review(con, quarter)
    assert past[["dsa_ref", "days_overdue"]].values.tolist() == [["DSA-EDU-2020-07", 40]]
    settings = copy.deepcopy(DEFAULTS)
    settings["agreements"]["min_shares"] = 1
    warned = agreement_warnings(con, quarter, settings)
    not_in_force = warned[warned["kind"] == "agreement_not_in_force"]
    assert not not_in_force.empty
    assert all("(DSA-HLTH-2022-11)" in s for s in not_in_force["sentence"])


def test_demo_actions_import_as_make_run_does(tmp_path: Path) -> None:
    from appstore.actions import action_history, actions_frame
    from appstore.store import opened
    from cli import main
    from demo.generate import DEMO_END

    generate(tmp_path / "files", scale=0.02)
    db = tmp_path / "c.duckdb"
    assert ingest([tmp_path / "files"], db, out=io.StringIO(), err=io.StringIO()) == 0
    app = tmp_path / "files" / "app"
    store = tmp_path / "app_state.sqlite"
    args = ["actions", "import", "--db", str(db), "--store", str(store)]
    assert main([*args, str(app / "actions.csv"), str(app / "actions_update.csv")]) == 0
    with opened(store) as con:
        # the day after the data ends, as `make run` shows it
        frame = actions_frame(con, as_of=DEMO_END + dt.timedelta(days=1))
        history = action_history(con, action_id=5)
    assert frame[["team_id", "status", "overdue"]].values.tolist() == [
        ["CP-S", "done", False],  # due 40 days before the end, closed by the update file
        ["EH-W", "open", True],  # due 14 days before: overdue
        ["MASH", "open", False],
        ["EDT", "open", False],
        ["EWS", "open", False],
    ]
    assert history[["field", "old_value", "new_value"]].values.tolist()[-1] == [
        "status",
        "open",
        "done",
    ]


@pytest.mark.slow
def test_demo_shows_each_early_warning(tmp_path: Path) -> None:
    # At scale 1 (a small scale leaves every team too small to test for a fall).
    generate(tmp_path / "files")
    db = tmp_path / "db" / "compliance.duckdb"
    assert ingest([tmp_path / "files"], db, out=io.StringIO(), err=io.StringIO()) == 0
    con = connect_readonly(db)
    try:
        f = Filters(dt.date(2025, 11, 1), DEMO_END, DEMO_END)
        found = early_warnings(con, f, DEFAULTS, 30)
    finally:
        con.close()
    kinds = set(zip(found["kind"], found["team_id"], strict=True))
    assert ("sharing_falling", "EH-W") in kinds
    assert ("emergency_unreviewed", "CP-N") in kinds
    assert {k for k, _ in kinds} >= {
        "sharing_falling",
        "untrained_volume",
        "lapsed_training",
        "emergency_unrecorded",
        "emergency_unreviewed",
        "emergency_no_policy",
    }
    falling = found[found["kind"] == "sharing_falling"].iloc[0]
    assert falling["sentence"].startswith("Early Help West logged ")
    assert " in Aug–Oct 2026 against about " in falling["sentence"]
