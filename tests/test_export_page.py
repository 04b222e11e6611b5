"""The Export page on the fixture organisation (AppTest): the same files as the function."""

from __future__ import annotations

from pathlib import Path

from appstore.store import store_path
from core.settings import load_settings
from exports.build import build_export
from exports.sources import governance_sources
from pipelines.store import connect_readonly
from tests.fixture_org import MAIN, MAIN_PARAMS, run_page

PREPARED = "_export_prepared"


def test_page_offers_the_options_before_anything_is_made(fixture_app_env: Path) -> None:
    at = run_page("export", MAIN_PARAMS)
    assert not at.exception
    assert at.title[0].value == "Export"
    assert at.toggle(key="export_external").value is False
    assert at.multiselect(key="export_formats").value == ["csv", "xlsx", "pdf"]
    assert at.button(key="export_prepare").label == "Prepare export"
    assert len(at.get("download_button")) == 0
    assert "1 Jul 2025 to 30 Jun 2026" in at.markdown[0].value


def test_prepared_files_are_the_functions_for_the_pages_filters(
    fixture_app_env: Path,
) -> None:
    at = run_page("export", MAIN_PARAMS)
    at.multiselect(key="export_formats").set_value(["csv", "xlsx"])
    at.toggle(key="export_external").set_value(True)
    at.button(key="export_prepare").click()
    at.run()
    assert not at.exception
    prepared = at.session_state[PREPARED]
    f = prepared["key"][0]
    assert (f.period_start, f.period_end, f.as_of, f.teams) == (
        MAIN.period_start,
        MAIN.period_end,
        MAIN.as_of,
        (),
    )
    con = connect_readonly(fixture_app_env)
    expected = build_export(
        con,
        f,
        external=True,
        formats={"csv", "xlsx"},
        generated_at=prepared["generated_at"],
        settings=load_settings(),
        governance=governance_sources(
            con, f, load_settings(), store_path(load_settings()), prepared["generated_at"].date()
        ),
    )
    con.close()
    assert prepared["files"] == expected
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == [
        "Download everything (zip)",
        "About this export (manifest.csv)",
        "Column guide (column_guide.csv)",
        "Team summary (team_summary.csv)",
        "Sharing by month and team (sharing_by_month_and_team.csv)",
        "Training by team and course (training_by_team_and_course.csv)",
        "Policy coverage by team and ICO step (policy_coverage_by_team_and_step.csv)",
        "Record gaps by team (record_gaps_by_team.csv)",
        "ICO ten steps by team (ico_steps_by_team.csv)",
        "ICO ten steps: 12-month trend (ico_steps_by_month.csv)",
        # the fixture has no agreements register (left out, named in the manifest), and the
        # open actions are internal only
        "Early warnings (warnings.csv)",
        "Excel workbook (governance_summaries_external.xlsx)",
    ]
    assert at.success[0].value.endswith("for outside the organisation: 11 files.")


def test_an_internal_export_warns_that_it_names_staff(fixture_app_env: Path) -> None:
    at = run_page("export", MAIN_PARAMS)
    at.multiselect(key="export_formats").set_value(["csv"])
    at.button(key="export_prepare").click()
    at.run()
    assert not at.exception
    assert "overdue_training.csv" in at.session_state[PREPARED]["files"]
    assert at.warning[0].value.startswith("Internal export: it names staff")
    labels = [b.label for b in at.get("download_button")]
    assert "Overdue or never trained (internal only) (overdue_training.csv)" in labels


def test_choosing_no_format_asks_for_one(fixture_app_env: Path) -> None:
    at = run_page("export", MAIN_PARAMS)
    at.multiselect(key="export_formats").set_value([])
    at.button(key="export_prepare").click()
    at.run()
    assert not at.exception
    assert at.warning[0].value == "Choose at least one format."
    assert PREPARED not in at.session_state
