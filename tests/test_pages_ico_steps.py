"""The ICO ten steps page on the ICO fixture organisation (AppTest).

The numbers are worked out by hand in tests/test_metrics_ico_steps.py; here the page must show
them as "■ Red · 66.6 % (4 of 6)", say so when the filters leave nothing, and offer each table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from presentation.tables import csv_bytes
from tests.fixture_org import APP, MAIN_PARAMS
from tests.test_metrics_ico_steps import ico_db  # noqa: F401

G1 = "● Green · 100 % (1 of 1)"
NO = "○ No data"
STEP_COLUMNS = [
    "Team",
    "1 Know the law",
    "2 Objective",
    "3 Policies",
    "4 Transparency",
    "5 Risks",
    "6 Agreements",
    "7 Principles",
    "8 Lawful basis",
    "9 Emergencies",
    "10 Sharing code",
]


@pytest.fixture
def ico_app_env(ico_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: F811
    """Point the dashboard at the ICO fixture database, with default settings."""
    monkeypatch.setenv("COMPLIANCE_DB", str(ico_db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "no-settings.toml"))
    return ico_db


def run_ico_page(params: dict[str, str]) -> AppTest:
    """The app run on the ICO ten steps page with a link's query parameters.

    The page's url_path (`ico-steps`) is not its file name, so AppTest can find it only once
    st.navigation has registered it: the app runs once on the default page first.
    """
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("views/ico_steps.py").run()


def test_matrix_shows_each_teams_headline_per_step(ico_app_env: Path) -> None:
    at = run_ico_page(MAIN_PARAMS)
    assert not at.exception
    assert at.title[0].value == "ICO ten steps"
    assert at.markdown[0].value == (
        "Policies and training **as of 30 Jun 2026**; decisions made **1 Jul 2025 to 30 Jun 2026**."
    )
    assert [i.value for i in at.info] == []
    matrix = at.table[0].value
    assert matrix.columns.tolist() == STEP_COLUMNS
    assert matrix.values.tolist() == [
        [
            "Child protection north",
            G1,
            "● Green · 100 % (3 of 3)",
            "■ Red · 0 % (0 of 1)",  # P-DP attested before v2
            NO,  # P-TRANS not applicable: no data, not red
            G1,
            G1,
            "■ Red · 80 % (4 of 5)",
            "■ Red · 33.3 % (1 of 3)",
            "■ Red · 0 % (0 of 1)",
            NO,
        ],
        ["Family help", G1, NO, G1, NO, NO, NO, NO, NO, NO, NO],
        [
            "Multi-agency safeguarding hub",
            "■ Red · 66.6 % (2 of 3)",
            "■ Red · 66.6 % (4 of 6)",
            G1,
            "■ Red · 0 % (0 of 1)",
            "■ Red · 0 % (0 of 3)",  # steps 5 and 6 against the register (test_metrics_ico_steps)
            "■ Red · 33.3 % (1 of 3)",
            "■ Red · 85.7 % (6 of 7)",
            "■ Red · 83.3 % (5 of 6)",
            "■ Red · 0 % (0 of 1)",
            "■ Red · 66.6 % (2 of 3)",
        ],
        [
            "Education safeguarding",
            "■ Red · 33.3 % (1 of 3)",
            "■ Red · 33.3 % (1 of 3)",
            G1,
            G1,
            "■ Red · 0 % (0 of 1)",
            "■ Red · 0 % (0 of 1)",
            "■ Red · 75 % (3 of 4)",
            "■ Red · 66.6 % (2 of 3)",
            "■ Red · 0 % (0 of 1)",
            G1,
        ],
        [
            "All teams in scope",
            "■ Red · 62.5 % (5 of 8)",
            "■ Red · 66.6 % (8 of 12)",
            "■ Red · 75 % (3 of 4)",
            "■ Red · 50 % (1 of 2)",
            "■ Red · 20 % (1 of 5)",
            "■ Red · 40 % (2 of 5)",
            "■ Red · 81.2 % (13 of 16)",
            "■ Red · 66.6 % (8 of 12)",
            "■ Red · 0 % (0 of 3)",
            "■ Red · 75 % (3 of 4)",
        ],
    ]
    # the CSV a download serves is the table as shown
    assert csv_bytes(matrix).decode("utf-8-sig").splitlines()[2] == (
        "Family help,● Green · 100 % (1 of 1),○ No data,● Green · 100 % (1 of 1)" + ",○ No data" * 7
    )


def test_each_step_explains_itself_and_shows_every_indicator(ico_app_env: Path) -> None:
    at = run_ico_page(MAIN_PARAMS)
    assert [e.label for e in at.expander] == [
        "Step 1 · Be clear how data protection helps you share — all teams: ■ Red · 62.5 % "
        "(5 of 8)",
        "Step 2 · Identify your objective; share what you need — all teams: ■ Red · 66.6 % "
        "(8 of 12)",
        "Step 3 · Clear and secure policies and systems — all teams: ■ Red · 75 % (3 of 4)",
        "Step 4 · Transparency and individual rights — all teams: ■ Red · 50 % (1 of 2)",
        "Step 5 · Assess the risks and share as needed — all teams: ■ Red · 20 % (1 of 5)",
        "Step 6 · Data sharing agreement — all teams: ■ Red · 40 % (2 of 5)",
        "Step 7 · Data protection principles — all teams: ■ Red · 81.2 % (13 of 16)",
        "Step 8 · The right lawful basis — all teams: ■ Red · 66.6 % (8 of 12)",
        "Step 9 · Sharing in an emergency — all teams: ■ Red · 0 % (0 of 3)",
        "Step 10 · Read the data sharing code — all teams: ■ Red · 75 % (3 of 4)",
    ]
    assert at.caption[1].value.startswith(
        "Each cell is the step's headline indicator: 1 step-1 courses in date · 2 purpose and "
        "data categories recorded · 3 step-3 policies in place · 4 step-4 policies in place · "
        "5 routine shares under an agreement with a DPIA · 6 routine shares under an agreement "
        "in force · 7 reason "
        "recorded (all decisions) · 8 lawful basis (and Art 9 / Art 10 conditions) recorded · "
        "9 step-9 policies in place · 10 step-10 courses in date. ● Green · ▲ Amber · ■ Red · "
        "○ No data"
    )
    step6 = [m.value for m in at.expander[5].markdown]
    assert step6[0].startswith("**What the ICO asks.** Where you share routinely")
    assert step6[1] == (
        "**How we measure it.**\n\n- **Routine shares under an agreement in force** (shown in "
        "the matrix): counts routine shares citing an agreement of the register that was in "
        "force on the day of the share (signed, not a draft, not yet ended), out of routine "
        "shares and shares whose record does not say whether they were routine (one-off and "
        "emergency shares are not counted); in the period 1 Jul 2025 to 30 Jun 2026. Green "
        "from 98 %, amber from 90 %, red below. *(ICO step 6: routine shares under an "
        "agreement in force)*\n"
        "- **Step-6 policies in place**: counts step-6 policies in place and in date for the "
        "team, out of step-6 policies that apply to the team (“not applicable” ones left out); "
        "as of 30 Jun 2026. Green at 100 %, amber from 80 %, red below. *(ICO step 6: policies "
        "in place)*\n"
        "- **Step-6 courses in date**: counts step-6 course requirements held in date (passed, "
        "and not expired), out of step-6 course requirements: each step-6 course each member "
        "of staff must hold (in post, past the new-starter grace period and not exempt); as of "
        "30 Jun 2026. Green from 95 %, amber from 85 %, red below. *(ICO step 6: courses in "
        "date)*"
    )
    assert "Green at 100 %, amber from 80 %, red below." in at.expander[2].markdown[1].value
    # one table per step: every indicator per team
    tables = [t.value for t in at.dataframe]
    assert len(tables) == 10
    # step 3: policies, all training, and the step-3 course C-SHARE (decision makers: CP-N
    # S04 in date; MASH S01 in date, S02 expired 2026-06-01; EDS S08's pass is after X)
    assert tables[2].values.tolist() == [
        ["Child protection north", "■ Red · 0 % (0 of 1)", "● Green · 100 % (2 of 2)", G1],
        ["Family help", G1, G1, NO],
        [
            "Multi-agency safeguarding hub",
            G1,
            "■ Red · 62.5 % (5 of 8)",
            "■ Red · 50 % (1 of 2)",
        ],
        ["Education safeguarding", G1, "■ Red · 40 % (2 of 5)", "■ Red · 0 % (0 of 1)"],
        [
            "All teams in scope",
            "■ Red · 75 % (3 of 4)",
            "■ Red · 62.5 % (10 of 16)",
            "■ Red · 50 % (2 of 4)",
        ],
    ]
    assert tables[7].columns.tolist() == [
        "Team",
        "Lawful basis (and Art 9 / Art 10 conditions) recorded",
        "⚑ Consent as the basis",
        "⚑ Legitimate interests as the basis",
        "⚑ Recognised legitimate interests as the basis",
        "Step-8 policies in place",
        "Step-8 courses in date",
    ]
    # no step-8 policy or course exists: no data, never red
    none3, none6 = "none of 3 shares", "none of 6 shares"
    assert tables[7].values.tolist() == [
        ["Child protection north", "■ Red · 33.3 % (1 of 3)", none3, none3, none3, NO, NO],
        ["Family help", NO, "no shares", "no shares", "no shares", NO, NO],
        [
            "Multi-agency safeguarding hub",
            "■ Red · 83.3 % (5 of 6)",
            "⚑ 1 of 6 shares",
            none6,
            none6,
            NO,
            NO,
        ],
        [
            "Education safeguarding",
            "■ Red · 66.6 % (2 of 3)",
            none3,
            "⚑ 1 of 3 shares",
            none3,
            NO,
            NO,
        ],
        [
            "All teams in scope",
            "■ Red · 66.6 % (8 of 12)",
            "⚑ 1 of 12 shares",
            "⚑ 1 of 12 shares",
            "none of 12 shares",
            NO,
            NO,
        ],
    ]
    assert tables[8].values.tolist() == [
        # policies, emergency decisions, median time to decision, median time to record
        # (D10's record time is blank: no time to record, not "0 min"; all: median of 6, 31),
        # and step-9 courses (none exists)
        ["Child protection north", "■ Red · 0 % (0 of 1)", 1, "1.0 h", "–", NO],
        ["Family help", NO, 0, "–", "–", NO],
        ["Multi-agency safeguarding hub", "■ Red · 0 % (0 of 1)", 1, "30 min", "31.0 h", NO],
        ["Education safeguarding", "■ Red · 0 % (0 of 1)", 1, "1.0 h", "6.0 h", NO],
        ["All teams in scope", "■ Red · 0 % (0 of 3)", 3, "1.0 h", "18.5 h", NO],
    ]
    # steps 1-10: each step's own indicators, then its policies and courses not among them
    assert [t.shape for t in tables] == [
        (5, 5),
        (5, 4),
        (5, 4),
        (5, 4),
        (5, 5),  # step 5: the register's DPIA, refusals, step-5 policies and courses
        (5, 4),
        (5, 5),
        (5, 7),
        (5, 6),
        (5, 3),
    ]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download ten steps by team (CSV)"] + [
        f"Download step {n} by team (CSV)" for n in range(1, 11)
    ]


def test_moving_the_as_of_date_moves_the_stock_cells(ico_app_env: Path) -> None:
    at = run_ico_page({**MAIN_PARAMS, "asof": "2025-06-30"})
    assert not at.exception
    matrix = at.table[0].value.set_index("Team")
    # P-DP v2 is in force at 2025-06-30 and only EDS attested after its approval
    assert matrix["3 Policies"].tolist() == [
        "■ Red · 0 % (0 of 1)",
        "■ Red · 0 % (0 of 1)",
        "■ Red · 0 % (0 of 1)",
        G1,
        "■ Red · 25 % (1 of 4)",
    ]
    # C-DP: CP-N counts the leaver S07 (in date) and S04 (not yet passed)
    assert matrix.loc["Child protection north", "1 Know the law"] == "■ Red · 50 % (1 of 2)"
    # decisions are still counted over the period
    assert matrix.loc["All teams in scope", "2 Objective"] == "■ Red · 66.6 % (8 of 12)"


def test_thresholds_come_from_the_settings_by_kind_of_indicator(
    ico_app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[rag]\ncoverage_amber = 0.7\ntraining_amber = 0.6\n")
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(settings))
    at = run_ico_page(MAIN_PARAMS)
    assert not at.exception
    total = at.table[0].value.set_index("Team").loc["All teams in scope"]
    # 62.5 % of courses: amber from 60 %; 75 % of step-3 policies: amber from 70 %;
    # 66.6 % of shares with a lawful basis (CP-N D11's blank special category is a gap): still
    # red below the completeness 90 %
    assert total["1 Know the law"] == "▲ Amber · 62.5 % (5 of 8)"
    assert total["3 Policies"] == "▲ Amber · 75 % (3 of 4)"
    assert total["8 Lawful basis"] == "■ Red · 66.6 % (8 of 12)"


def test_a_team_with_no_decisions_is_told_why_its_record_steps_are_blank(
    ico_app_env: Path,
) -> None:
    at = run_ico_page({**MAIN_PARAMS, "teams": "FH"})
    assert not at.exception
    assert [i.value for i in at.info] == [
        "No decisions were logged 1 Jul 2025 to 30 Jun 2026 by the teams selected, so steps 2, "
        "6, 7 and 8, and the decision-record indicators of steps 4, 5 and 9 show no data. "
        "Policies and training are still measured as of 30 Jun 2026."
    ]
    assert at.table[0].value.values.tolist() == [
        ["Family help", G1, NO, G1, NO, NO, NO, NO, NO, NO, NO],
        ["All teams in scope", G1, NO, G1, NO, NO, NO, NO, NO, NO, NO],
    ]


def test_nothing_to_measure_is_said_in_a_sentence(ico_app_env: Path) -> None:
    # FH in 2019: nobody in post, no policy approved yet, no decisions
    at = run_ico_page({"period": "custom", "from": "2019-01-01", "to": "2019-12-31", "teams": "FH"})
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Nothing to measure for the teams selected: no policy or course applies to them as of "
        "31 Dec 2019, and they logged no decisions 1 Jan 2019 to 31 Dec 2019."
    ]
    assert at.table[0].value.values.tolist() == [
        ["Family help", *[NO] * 10],
        ["All teams in scope", *[NO] * 10],
    ]


def test_filters_that_leave_no_team_say_so(ico_app_env: Path) -> None:
    # OLD is inactive and logged nothing in the period
    at = run_ico_page({**MAIN_PARAMS, "teams": "OLD"})
    assert not at.exception
    assert [i.value for i in at.info] == [
        "No team selected is active or logged a decision 1 Jul 2025 to 30 Jun 2026: choose other "
        "teams or another directorate."
    ]
    assert len(at.table) == 0
    assert len(at.dataframe) == 0
    assert len(at.expander) == 0


def test_a_team_that_decided_nothing_is_amber_on_its_decision_steps(ico_app_env: Path) -> None:
    # December 2025: only D14 (EDS) was decided; CP-N and MASH have decision makers in post.
    at = run_ico_page({"period": "custom", "from": "2025-12-01", "to": "2025-12-31"})
    assert not at.exception
    matrix = at.table[0].value.set_index("Team")
    assert matrix.loc["Child protection north", "2 Objective"] == "▲ No decisions logged"
    assert matrix.loc["Multi-agency safeguarding hub", "8 Lawful basis"] == "▲ No decisions logged"
    # FH has nobody who decides: nothing to count
    assert matrix.loc["Family help", "2 Objective"] == "○ No data"
    assert [w.value for w in at.warning] == [
        "No decisions logged 1 Dec 2025 to 31 Dec 2025 by Child protection north, Multi-agency "
        "safeguarding hub: these teams have staff who make sharing decisions, yet recorded none, "
        "to share or not to share, so their decision-record indicators are amber, not “no "
        "data”. Silence is not compliance."
    ]
