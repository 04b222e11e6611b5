"""The Overview page on the fixture organisation: tiles, team table, trends (AppTest)."""

from __future__ import annotations

from pathlib import Path

from presentation.tables import csv_bytes
from tests.fixture_org import MAIN_PARAMS, metrics_shown, run_page


def test_overview_is_the_default_page_and_shows_the_kpis(fixture_app_env: Path) -> None:
    at = run_page(None, MAIN_PARAMS)
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert metrics_shown(at) == {
        # 10 of 15 in place at X against 4 of 15 at Z: +40 points
        "Policy coverage": ("66.6 %", "+40.0 pts", "10 in place, of 15 that apply"),
        # 10/16 = 62.5 % against 10/18 = 55.6 %: +6.9 points
        "Training completion": ("62.5 %", "+6.9 pts", "10 in date, of 16 required"),
        "Decisions logged": ("16", "+12", ""),
        # 12/16 against 4/4
        "Share rate": ("75 %", "-25.0 pts", "12 shared, of 16 decisions"),
        # over decisions, refusals included: 9/16 = 56.2 % against 3/4 = 75 %: -18.7 (cut
        # toward zero)
        "Complete records": ("56.2 %", "-18.7 pts", "9 complete, of 16 decisions"),
    }
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    # coverage 66.6 % < 80 % red, training 62.5 % < 85 % red, completeness 56.2 % < 90 % red
    assert len(badges) == 3
    assert all("■ Red" in b for b in badges)


def test_team_table_shows_each_status_with_its_label(fixture_app_env: Path) -> None:
    at = run_page(None, MAIN_PARAMS)
    table = at.dataframe[0].value
    assert table.values.tolist() == [
        # CP-N: 2/4 = 50 % < 80 % red; 2/2 green; 2 of 5 decisions complete (D10 D12) < 90 %
        # red: D09, a refusal with no reason, counts against the team
        [
            "Child protection north",
            "■ Red",
            "■ 50 % (2 of 4)",
            "● 100 % (2 of 2)",
            "■ 40 % (2 of 5)",
            5,
            "60 % (3 of 5)",
        ],
        # FH shared nothing: no data, left out of the overall status (not red)
        [
            "Family help",
            "● Green",
            "● 100 % (1 of 1)",
            "● 100 % (1 of 1)",
            "○ No data",
            0,
            "no data (0 of 0)",
        ],
        [
            "Multi-agency safeguarding hub",
            "■ Red",
            "■ 60 % (3 of 5)",
            "■ 62.5 % (5 of 8)",
            "■ 57.1 % (4 of 7)",
            7,
            "85.7 % (6 of 7)",
        ],
        # EDS: 4/5 = 80 % is amber (>= 0.80)
        [
            "Education safeguarding",
            "■ Red",
            "▲ 80 % (4 of 5)",
            "■ 40 % (2 of 5)",
            "■ 75 % (3 of 4)",
            4,
            "75 % (3 of 4)",
        ],
    ]
    # the CSV offered is exactly the table shown
    assert csv_bytes(table).decode("utf-8-sig").splitlines()[:2] == [
        "Team,Overall,Policy coverage,Training,Record completeness,Decisions,Share rate",
        "Child protection north,■ Red,■ 50 % (2 of 4),"
        "● 100 % (2 of 2),■ 40 % (2 of 5),5,60 % (3 of 5)",
    ]
    # the risk matrix, the trend lines and decisions per month
    assert len(at.get("plotly_chart")) == 3
    # the warnings, the risk matrix, the team table and the two trends
    assert len(at.get("download_button")) == 5


def test_as_of_in_the_link_moves_the_stock_measures(fixture_app_env: Path) -> None:
    at = run_page(None, {**MAIN_PARAMS, "asof": "2025-12-31"})
    assert not at.exception
    shown = metrics_shown(at)
    # as of Y: coverage 6 of 12, training 12 of 18; decisions still over the period
    assert shown["Policy coverage"][::2] == ("50 %", "6 in place, of 12 that apply")
    assert shown["Training completion"][::2] == ("66.6 %", "12 in date, of 18 required")
    assert shown["Decisions logged"][0] == "16"


def test_a_team_that_decided_nothing_says_so_in_amber(fixture_app_env: Path) -> None:
    # December 2025: only D14 (EDS). CP-N and MASH have decision makers in post (S04 S07, S01
    # S02) and logged nothing: "No decisions logged", amber; FH has nobody who decides: no data.
    at = run_page(None, {"period": "custom", "from": "2025-12-01", "to": "2025-12-31"})
    assert not at.exception
    table = at.dataframe[0].value.set_index("Team")
    assert table["Record completeness"].to_dict() == {
        "Child protection north": "▲ No decisions logged",
        "Family help": "○ No data",
        "Multi-agency safeguarding hub": "▲ No decisions logged",
        "Education safeguarding": "■ 0 % (0 of 1)",
    }
    assert [w.value for w in at.warning] == [
        "No decisions logged 1 Dec 2025 to 31 Dec 2025 by Child protection north, "
        "Multi-agency safeguarding hub: these teams have staff who make sharing decisions, yet "
        "recorded none, to share or not to share. Silence is not compliance: find out whether "
        "the decisions were made and not logged, or never made."
    ]


def test_warnings_list_at_the_top_links_to_the_page_that_explains_each(
    fixture_app_env: Path,
) -> None:
    at = run_page(None, MAIN_PARAMS)
    assert not at.exception
    assert at.subheader[0].value == "Early warnings"
    listed = at.markdown[1].value.splitlines()
    query = "period=custom&from=2025-07-01&to=2026-06-30"
    # 8 warnings: D10 (CP-N's one emergency) has no recorded_at, no review, and CP-N had no
    # step-9 policy in place on 2026-02-10; D15 (EDS) and D06 (MASH) have no review; decisions
    # by staff never trained or lapsed on the day: CP-N 2 of 5, EDS 4 of 4, MASH 1 of 7
    # (tests/test_metrics_sharing.py's decision maker training counts).
    assert len(listed) == 8
    assert listed[0] == (
        "- **■ High** · Emergency decisions by Child protection north from 1 Jul 2025 to "
        "30 Jun 2026: 1 of 1 not recorded within 2 days of the decision (1 never recorded). "
        f"[See Sharing](sharing?{query})"
    )
    assert listed[1] == (
        "- **▲ Medium** · Decisions by Child protection north from 1 Jul 2025 to 30 Jun 2026: "
        "2 of 5 made or authorised by staff whose required training had lapsed, or was never "
        f"done, on the day. [See Training](training?{query})"
    )
    assert listed[-1].endswith(f"[See Policy coverage](coverage?{query})")
    # Every team is too small to test for a fall (at most 7 decisions in 15 months); FH logged
    # nothing: none of them is shown as cleared.
    assert at.markdown[2].value == (
        ":material/help: **Not cleared by the early warnings:** Child protection north (too few "
        "decisions to tell a fall in sharing from chance); Education safeguarding (too few "
        "decisions to tell a fall in sharing from chance); Family help (no decision logged in "
        "the period); Multi-agency safeguarding hub (too few decisions to tell a fall in "
        "sharing from chance). No warning for these teams does not mean all is well."
    )


def test_no_warnings_says_what_was_checked_and_a_silent_team_is_not_cleared(
    fixture_app_env: Path,
) -> None:
    # FH logged no decision and has no emergency, no lapsed decision maker: no warning.
    at = run_page(None, {**MAIN_PARAMS, "teams": "FH"})
    assert not at.exception
    assert at.info[0].value == (
        "No early warnings. Checked for each team in scope: decisions in Apr–Jun 2026 against "
        "its previous 12 months (a fall, and a rise in refusals); decisions made while its "
        "decision makers' training was below 85% or had lapsed on the day; emergency decisions "
        "not recorded within 2 days, not reviewed within 30 days, or made without the step-9 "
        "policy in place; and record completeness against the previous period."
    )
    assert at.markdown[1].value == (
        ":material/help: **Not cleared by the early warnings:** Family help (no decision logged "
        "in the period). No warning for these teams does not mean all is well."
    )
