"""The Training page on the fixture organisation (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixture_org import MAIN_PARAMS, metrics_shown, run_page
from tests.tiny_db import build_db


def test_training_page_shows_tiles_and_lists(fixture_app_env: Path) -> None:
    at = run_page("training", MAIN_PARAMS)
    assert not at.exception
    assert at.title[0].value == "Training"
    assert metrics_shown(at) == {
        "Training completion": ("62.5 %", "", "10 in date, of 16 required"),
        "Overdue": ("3", "", ""),  # S02 x2, S09
        "Never trained": ("3", "", ""),  # S03 C-CODE, S08 C-SHARE, S10 C-DP
        "Expiring within 30 days": ("1", "", ""),  # S04 C-DP on 2026-07-10
    }
    per_team, per_course, chase, expiring = (at.dataframe[i].value for i in range(4))
    assert per_team[["Team", "Completion"]].values.tolist() == [
        ["Child protection north", "● Green · 100 % (2 of 2)"],
        ["Family help", "● Green · 100 % (1 of 1)"],
        ["Multi-agency safeguarding hub", "■ Red · 62.5 % (5 of 8)"],
        ["Education safeguarding", "■ Red · 40 % (2 of 5)"],
    ]
    # team x course, the symbol and the counts in each cell (pivot: teams by name)
    assert per_course.columns.tolist() == [
        "Team",
        "The data sharing code",
        "Data protection essentials",
        "Information sharing for safeguarding",
    ]
    assert per_course.values.tolist() == [
        ["Child protection north", "not required", "● 100 % (1 of 1)", "● 100 % (1 of 1)"],
        ["Education safeguarding", "● 100 % (1 of 1)", "■ 33.3 % (1 of 3)", "■ 0 % (0 of 1)"],
        ["Family help", "not required", "● 100 % (1 of 1)", "not required"],
        [
            "Multi-agency safeguarding hub",
            "■ 66.6 % (2 of 3)",
            "■ 66.6 % (2 of 3)",
            "■ 50 % (1 of 2)",
        ],
    ]
    assert chase[["Status", "Name", "Role", "Course"]].values.tolist() == [
        ["overdue", "Ben Brown", "Team manager", "Information sharing for safeguarding"],
        ["overdue", "Ben Brown", "Team manager", "Data protection essentials"],
        ["overdue", "Ivy Irons", "Education officer", "Data protection essentials"],
        [
            "never trained",
            "Hal Hill",
            "Designated safeguarding lead",
            "Information sharing for safeguarding",
        ],
        ["never trained", "Jo Jones", "Education officer", "Data protection essentials"],
        ["never trained", "Cal Cole", "Business support", "The data sharing code"],
    ]
    assert expiring[["Staff ID", "Expires", "Days left"]].values.tolist() == [
        ["S04", "expires within 30 days", 10],
        ["S08", "expires within 60 days", 51],
        ["S01", "expires within 90 days", 63],
    ]
    assert "New starters count from 30 days after they start" in at.markdown[0].value
    # the fixture has no assignments history: the page says whose team and role it uses
    assert at.markdown[1].value == (
        "Staff are counted in the team and role the roster gives them today: load an "
        "assignments history to measure past dates with the team and role staff had then."
    )


def test_with_an_assignments_history_the_roster_sentence_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db.duckdb"
    build_db(
        db,
        {
            "teams": [{"team_id": "T", "team_name": "Team", "directorate": "D"}],
            "staff": [{"staff_id": "S", "team_id": "T", "start_date": "2020-01-01"}],
            "assignments": [{"staff_id": "S", "team_id": "T", "from_date": "2020-01-01"}],
        },
    )
    monkeypatch.setenv("COMPLIANCE_DB", str(db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "no-settings.toml"))
    at = run_page("training", MAIN_PARAMS)
    assert not at.exception
    assert not any("roster gives them today" in m.value for m in at.markdown)


def test_grace_days_setting_is_applied(
    fixture_app_env: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[training]\ngrace_days = 0\n", encoding="utf-8")
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(settings))
    at = run_page("training", MAIN_PARAMS)
    assert not at.exception
    # S05 (started 2026-06-10) now counts: C-DP in date, C-SHARE never -> 11 of 18
    assert metrics_shown(at)["Training completion"] == ("61.1 %", "", "11 in date, of 18 required")


def test_training_page_says_so_when_nobody_had_to_be_trained(
    fixture_app_env: Path,
) -> None:
    # nobody in the fixture had started by the end of 2014 (the first start is 2015-01-01)
    at = run_page("training", {"period": "custom", "from": "2014-01-01", "to": "2014-12-31"})
    assert not at.exception
    assert metrics_shown(at)["Training completion"] == ("no data", "", "0 in date, of 0 required")
    assert [i.value for i in at.info] == [
        "No member of staff in the teams selected had to be trained on 31 Dec 2014.",
        "No member of staff in the teams selected had to take a course on 31 Dec 2014.",
        "No member of staff in the teams selected had to be trained in the last 12 months.",
        "No member of staff in the teams selected had to be trained on 31 Dec 2014.",
        "No member of staff in the teams selected had to be trained on 31 Dec 2014.",
    ]
    assert len(at.dataframe) == 0
