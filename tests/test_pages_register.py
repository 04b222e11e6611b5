"""The Agreements register page on the fixture organisation with a register (AppTest).

The numbers are worked out by hand in tests/fixture_agreements.py and
tests/test_metrics_agreements.py; here the page must show them, flag a past review with a word
and a symbol, and say so when the filters leave nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixture_agreements import build_agreements_db
from tests.fixture_org import MAIN_PARAMS, metrics_shown, run_page


@pytest.fixture(scope="module")
def register_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("register_org") / "compliance.duckdb"
    build_agreements_db(path)
    return path


@pytest.fixture
def register_env(
    register_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    monkeypatch.setenv("COMPLIANCE_DB", str(register_db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "no-settings.toml"))
    yield register_db


def test_register_page_lists_agreements_reviews_and_reliance(register_env: Path) -> None:
    at = run_page("register", MAIN_PARAMS)
    assert not at.exception
    assert at.title[0].value == "Agreements register"
    assert metrics_shown(at) == {
        # MASH-01 and EDU-02 in force at X; MASH-01 91 days past review
        "Agreements in force": ("2", "", ""),
        "Past their review date": ("1", "", "■ Past review"),
        # routine shares in P: D01 D02 D03 D05 D07 D08 D11 D13 D14 (9); in force on the day:
        # D01 D02 D07 D08 (4)
        "Routine shares covered": ("4 of 9", "", ""),
    }
    # the default agreements.min_shares (3): no team has that many of one kind
    assert at.info[0].value.startswith("No team made 3 or more routine shares 1 Jul 2025 to")
    past, register, reliance = (at.dataframe[i].value for i in range(3))
    # MASH-01: review 2026-03-31, 91 days before X; cited by D01 D02 D07 D08
    assert past.values.tolist() == [
        [
            "DSA-MASH-01",
            "MASH information sharing",
            dt.date(2026, 3, 31),
            "■ Past review · 91 days overdue",
            4,
        ]
    ]
    assert register[["Reference", "Status", "Review", "Routine shares"]].values.tolist() == [
        ["DSA-VOL-03", "ended", "○ Not in force", 1],
        ["DSA-MASH-01", "active", "■ Past review · 91 days overdue", 4],
        ["DSA-EDU-02", "active", "● In date · review in 215 days", 1],
        ["DSA-LA-04", "draft", "○ Not in force", 1],
    ]
    assert register["Partners"].tolist()[1] == "Northbridge Police, Northbridge NHS Trust"
    assert reliance.values.tolist() == [
        ["DSA-EDU-02", "yes", "Multi-agency safeguarding hub", 1, 0, 0, 0],
        ["DSA-LA-04", "yes", "Child protection north", 1, 0, 0, 0],
        ["DSA-MASH-01", "yes", "Child protection north", 1, 1, 0, 0],
        ["DSA-MASH-01", "yes", "Multi-agency safeguarding hub", 3, 3, 2, 1],
        ["DSA-VOL-03", "yes", "Education safeguarding", 1, 0, 0, 0],
        ["DSA-XX-99", "no", "Education safeguarding", 1, 0, 0, 0],
        ["(none cited)", "no", "Multi-agency safeguarding hub", 1, 0, 0, 0],
    ]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Download agreements past review (CSV)",
        "Download agreements register (CSV)",
        "Download sharing by agreement and team (CSV)",
    ]


def test_register_page_says_so_when_no_routine_share_matches(register_env: Path) -> None:
    # Family help made no share in the period: every agreement is listed, none relied on
    at = run_page("register", MAIN_PARAMS | {"teams": "FH"})
    assert not at.exception
    assert metrics_shown(at)["Routine shares covered"] == ("0 of 0", "", "")
    # MASH-01 is still past review (the register is the organisation's), relied on by none
    assert at.dataframe[0].value["Routine shares in the period"].tolist() == [0]
    assert at.dataframe[1].value["Routine shares"].tolist() == [0, 0, 0, 0]
    assert [i.value for i in at.info][1:] == [
        "No routine share was made 1 Jul 2025 to 30 Jun 2026 by the teams selected."
    ]


def test_register_page_without_a_register_says_how_to_load_one(fixture_app_env: Path) -> None:
    at = run_page("register", MAIN_PARAMS)
    assert not at.exception
    assert metrics_shown(at)["Agreements in force"] == ("0", "", "")
    assert [i.value for i in at.info][1:] == [
        "No agreement in force on 30 Jun 2026 is past its review date.",
        "No agreement is in the register: load an agreements file (see docs/input-formats.md).",
        "No routine share was made 1 Jul 2025 to 30 Jun 2026 by the teams selected.",
    ]


def test_register_page_lists_the_warnings_at_the_settings_thresholds(
    register_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[agreements]\nmin_shares = 1\n", encoding="utf-8")
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(settings))
    at = run_page("register", MAIN_PARAMS)
    assert not at.exception
    warnings = at.dataframe[0].value
    # tests/test_metrics_agreements.py: six warnings, one per team and kind
    assert warnings[["Severity", "Team"]].values.tolist() == [
        ["■ High", "Child protection north"],
        ["■ High", "Education safeguarding"],
        ["■ High", "Education safeguarding"],
        ["■ High", "Multi-agency safeguarding hub"],
        ["▲ Medium", "Multi-agency safeguarding hub"],
        ["■ High", "Multi-agency safeguarding hub"],
    ]
    assert warnings["Warning"].tolist()[0] == (
        "Child protection north made 1 routine share between 1 Jul 2025 and 30 Jun 2026 under "
        "an agreement that was not in force on the day (DSA-LA-04)."
    )
