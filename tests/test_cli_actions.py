"""`python -m pipelines actions import|export` and the audit of command-line exports."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from appstore.actions import actions_frame
from appstore.audit import audit_frame
from appstore.store import opened
from cli import main

CSV = (
    "title,team_id,owner,due_on,ico_step,status\n"
    "Refresh the MASH DPIA,MASH,DPO,31/07/2026,5,\n"
    '=HYPERLINK("x"),CP-N,Team manager,2026-08-01,,done\n'
)


def test_import_then_export_csv_and_xlsx(
    fixture_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "app_state.sqlite"
    file = tmp_path / "actions.csv"
    file.write_text(CSV, encoding="utf-8")
    common = ["--db", str(fixture_db), "--store", str(store)]
    assert main(["actions", "import", *common, str(file)]) == 0
    assert capsys.readouterr().out == f"{file}: 2 actions added, 0 changed\n"
    with opened(store) as con:
        assert actions_frame(con)["title"].tolist() == ["Refresh the MASH DPIA", '=HYPERLINK("x")']
    out = tmp_path / "out" / "actions.csv"
    assert main(["actions", "export", *common, "--out", str(out)]) == 0
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "action_id,title,team_id,ico_step,owner,due_on,status,overdue,updated_at,updated_by"
    )
    # the formula is neutralised by the safe writer
    assert lines[1].startswith("1,Refresh the MASH DPIA,MASH,5,DPO,2026-07-31,open,")
    assert lines[2].startswith('2,"\'=HYPERLINK(""x"")",CP-N,,Team manager,2026-08-01,done,')
    # an exported file loads back unchanged
    assert main(["actions", "import", *common, str(out)]) == 0
    assert capsys.readouterr().out.endswith(f"{out}: 0 actions added, 0 changed\n")
    xlsx = tmp_path / "actions.xlsx"
    assert main(["actions", "export", *common, "--out", str(xlsx)]) == 0
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    assert [c.value for c in sheet[3]][:7] == [
        2,
        '\'=HYPERLINK("x")',
        "CP-N",
        None,
        "Team manager",
        sheet[3][5].value,
        "done",
    ]
    assert sheet[3][1].data_type == "s"
    with opened(store) as con:
        log = audit_frame(con)
    assert log[["event", "file"]].values.tolist() == [
        ["export", "actions.xlsx"],
        ["export", "actions.csv"],
    ]


def test_a_bad_file_is_refused_whole_with_each_problem(
    fixture_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "app_state.sqlite"
    file = tmp_path / "actions.csv"
    file.write_text(
        "title,team_id,owner,due_on\nGood,MASH,DPO,2026-07-31\nBad,NOPE,DPO,2026-13-01\n",
        encoding="utf-8",
    )
    assert (
        main(["actions", "import", "--db", str(fixture_db), "--store", str(store), str(file)]) == 1
    )
    assert capsys.readouterr().err.splitlines() == [
        f"{file}:3:due_on: '2026-13-01' is not a date: write it as 2026-03-31 or 31/03/2026",
        f"{file}:3:team_id: no team with id NOPE in the database: use a team_id from the teams "
        "file",
        f"{file}: not imported (2 problems)",
    ]
    with opened(store) as con:
        assert actions_frame(con).empty  # the good row was not imported either


def test_export_is_recorded_in_the_audit_log(
    fixture_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "app_state.sqlite"
    monkeypatch.setenv("COMPLIANCE_APP_STORE", str(store))
    args = ["export", "--db", str(fixture_db), "--out", str(tmp_path / "x"), "--format", "csv"]
    args += ["--period", "2025-07-01..2026-06-30", "--teams", "MASH"]
    assert main(args) == 0
    with opened(store) as con:
        log = audit_frame(con)
    assert set(log["event"]) == {"export"}
    assert set(log["teams"]) == {"MASH"}
    assert set(log["period_start"]) == {"2025-07-01"}
    assert "manifest.csv" in set(log["file"])
    assert sorted(log["file"]) == sorted(p.name for p in (tmp_path / "x").iterdir())


def test_an_unwritable_audit_log_does_not_fail_the_export(
    fixture_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("COMPLIANCE_APP_STORE", str(tmp_path / "file" / "s.sqlite"))
    args = ["export", "--db", str(fixture_db), "--out", str(tmp_path / "x"), "--format", "csv"]
    assert main([*args, "--period", "2025-07-01..2026-06-30"]) == 0
    assert "export: warning: not recorded in the audit log" in capsys.readouterr().err


def test_an_xlsx_file_loads_back_and_its_problems_name_sheet_lines(
    fixture_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "app_state.sqlite"
    common = ["--db", str(fixture_db), "--store", str(store)]
    file = tmp_path / "actions.csv"
    file.write_text(CSV, encoding="utf-8")
    assert main(["actions", "import", *common, str(file)]) == 0
    xlsx = tmp_path / "out.xlsx"
    assert main(["actions", "export", *common, "--out", str(xlsx)]) == 0
    capsys.readouterr()
    # the exported workbook loads back unchanged (dates as date cells, the formula as text)
    assert main(["actions", "import", *common, str(xlsx)]) == 0
    assert capsys.readouterr().out == f"{xlsx}: 0 actions added, 0 changed\n"
    book = openpyxl.load_workbook(xlsx)
    book.worksheets[0]["G3"] = "finished"  # row 3 of the sheet: action 2's status
    book.save(xlsx)
    assert main(["actions", "import", *common, str(xlsx)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{xlsx}:3:status: 'finished' is not one of open, done, dropped",
        f"{xlsx}: not imported (1 problem)",
    ]


@pytest.mark.slow
def test_in_a_shared_store_each_organisation_has_its_own_actions(
    on_spark: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Both organisations of the store hold a team MASH: an action imported for `register` is
    # in register's own app store, and `northbridge` (the settings' organisation) sees none.
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "none.toml"))
    monkeypatch.setenv("COMPLIANCE_APP_STORE", str(tmp_path / "app_state.sqlite"))
    file = tmp_path / "actions.csv"
    file.write_text(CSV, encoding="utf-8")
    assert main(["actions", "import", "--organisation", "register", str(file)]) == 0
    assert capsys.readouterr().out == f"{file}: 2 actions added, 0 changed\n"
    assert sorted(p.name for p in tmp_path.glob("app_state*.sqlite")) == [
        "app_state-register.sqlite"
    ]
    out = tmp_path / "northbridge.csv"
    assert main(["actions", "export", "--out", str(out)]) == 0
    assert out.read_bytes().decode("utf-8-sig").splitlines()[1:] == []
    out = tmp_path / "register.csv"
    assert main(["actions", "export", "--organisation", "register", "--out", str(out)]) == 0
    assert len(out.read_bytes().decode("utf-8-sig").splitlines()[1:]) == 2
    # an organisation the store does not hold is named with those it does
    assert main(["actions", "export", "--organisation", "southmoor", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"actions: --organisation 'southmoor' is not in the store at {on_spark}: use one of "
        "northbridge, register\n"
    )


def test_a_database_file_serves_only_the_settings_organisation(
    fixture_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "actions.csv"
    file.write_text(CSV, encoding="utf-8")
    args = ["actions", "import", "--db", str(fixture_db), "--organisation", "register", str(file)]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "actions: --organisation 'register': the database file holds one organisation, "
        "northbridge (organisation.id); to choose among several, use a shared store "
        "(COMPLIANCE_ENGINE=spark)\n"
    )
    assert not list(tmp_path.glob("*.sqlite"))
