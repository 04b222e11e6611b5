"""The Actions page, the Overview's overdue actions and the audit log (AppTest)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from appstore.actions import NewAction, actions_frame, add_action
from appstore.audit import audit_frame
from appstore.store import opened
from core.settings import ACCESS_MODE_ENV
from tests.fixture_org import APP, MAIN_PARAMS, run_page
from tests.test_access import AUTH


def store_file() -> Path:
    """The app store the page tests write (tests/conftest.py, fixture_app_env)."""
    return Path(os.environ["COMPLIANCE_APP_STORE"])


def test_an_action_is_added_changed_and_its_history_shown(fixture_app_env: Path) -> None:
    at = run_page("actions", MAIN_PARAMS)
    assert not at.exception
    assert at.title[0].value == "Actions"
    assert at.info[0].value == "No action recorded for the teams selected."
    at.text_input(key="add_title").input("Refresh the MASH DPIA")
    at.selectbox(key="add_team").select("MASH")
    at.selectbox(key="add_step").select(6)
    at.text_input(key="add_owner").input("Head of MASH")
    at.date_input(key="add_due").set_value(dt.date(2030, 1, 31))
    at.button(key="add_submit").click().run()
    assert not at.exception
    assert at.success[0].value == "Action 1 added for Multi-agency safeguarding hub."
    shown = at.dataframe[0].value
    assert shown[["Id", "Action", "Team", "ICO step", "Owner", "Status", "By"]].values.tolist() == [
        [
            1,
            "Refresh the MASH DPIA",
            "Multi-agency safeguarding hub",
            "6. Data sharing agreement",
            "Head of MASH",
            "open",
            "local user",
        ]
    ]
    at.selectbox(key="status_1").select("done")
    at.button(key="change_submit").click().run()
    assert not at.exception
    assert at.success[0].value == "Action 1: status changed."
    assert at.dataframe[0].value["Status"].tolist() == ["done"]
    history = at.dataframe[1].value
    # six fields at creation, then the status
    assert history[["Who", "Field", "From", "To"]].values.tolist() == [
        ["local user", "team id", "", "MASH"],
        ["local user", "title", "", "Refresh the MASH DPIA"],
        ["local user", "ico step", "", "6"],
        ["local user", "owner", "", "Head of MASH"],
        ["local user", "due on", "", "2030-01-31"],
        ["local user", "status", "", "open"],
        ["local user", "status", "open", "done"],
    ]
    assert len(history) == 7


def test_a_blank_title_is_refused_with_a_message(fixture_app_env: Path) -> None:
    at = run_page("actions", MAIN_PARAMS)
    at.text_input(key="add_owner").input("Someone")
    at.date_input(key="add_due").set_value(dt.date(2030, 1, 31))
    at.button(key="add_submit").click().run()
    assert not at.exception
    assert at.error[0].value == (
        "The action was not added: title is blank: say what is to be done."
    )
    with opened(store_file()) as con:
        assert actions_frame(con).empty


def test_the_overview_lists_overdue_actions(fixture_app_env: Path) -> None:
    today = dt.date.today()
    with opened(store_file()) as con:
        due = today - dt.timedelta(days=3)
        add_action(con, NewAction("Chase DPIA", "MASH", "DPO", due, ico_step=5), "a", None)
        add_action(con, NewAction("Train", "CP-N", "TM", today), "a", None)  # due today: not yet
        add_action(con, NewAction("Old", "EDS", "TM", due, status="done"), "a", None)
    at = run_page(None, MAIN_PARAMS)
    assert not at.exception
    # the early warnings come first (issue 11: where to look), then the overdue actions
    assert [s.value for s in at.subheader][:2] == ["Early warnings", "Overdue actions"]
    assert at.warning[0].value == "1 of 2 open actions for these teams are past their due date."
    assert at.dataframe[0].value.values.tolist() == [
        ["Chase DPIA", "Multi-agency safeguarding hub", "5", "DPO", due, 3]
    ]
    # the same actions, only CP-N's selected: one open, not yet due
    at = run_page(None, {**MAIN_PARAMS, "teams": "CP-N"})
    assert "Overdue actions" not in [s.value for s in at.subheader]
    assert "No overdue action for these teams (1 open, 1 recorded)." in [
        c.value for c in at.caption
    ]


def test_the_overview_says_when_no_action_is_recorded(fixture_app_env: Path) -> None:
    at = run_page(None, MAIN_PARAMS)
    assert not at.exception
    assert (
        "No action is recorded for these teams: record what governance meetings agree on the "
        "Actions page."
    ) in [c.value for c in at.caption]
    assert "Overdue actions" not in [s.value for s in at.subheader]


def test_page_views_and_their_scope_are_audited(fixture_app_env: Path) -> None:
    run_page("sharing", {**MAIN_PARAMS, "teams": "MASH"})
    at = run_page("status", {})
    assert not at.exception
    with opened(store_file()) as con:
        log = audit_frame(con)
    assert log[["who", "event", "page", "period_start", "period_end", "teams"]].values.tolist() == [
        ["local user", "page_view", "status", None, None, "all"],
        ["local user", "page_view", "sharing", "2025-07-01", "2026-06-30", "MASH"],
    ]
    # the status page shows it to a viewer who sees everything (local mode)
    assert "Audit log" in [s.value for s in at.subheader]
    shown = at.dataframe[-1].value
    assert shown["page"].tolist() == ["status", "sharing"]


def test_an_unwritable_store_warns_and_the_page_still_renders(
    fixture_app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("COMPLIANCE_APP_STORE", str(tmp_path / "not-a-folder" / "s.sqlite"))
    at = run_page(None, MAIN_PARAMS)
    assert not at.exception
    assert at.warning[0].value.startswith("This page view could not be recorded in the audit log")
    assert at.title[0].value == "Overview"
    assert len(at.metric) == 5  # the tiles are drawn all the same


ROLES = """
[[viewer]]
email = "dcs@example.gov.uk"
everything = true

[[viewer]]
email = "mash.manager@example.gov.uk"
teams = ["MASH"]
"""


@pytest.fixture
def signed_in(fixture_app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES)
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[access]\nroles_file = "{roles}"\n')
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(settings))
    monkeypatch.setenv(ACCESS_MODE_ENV, "sign_in")
    return fixture_app_env


def run_as(email: str, page: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email}
    for key, value in MAIN_PARAMS.items():
        at.query_params[key] = value
    at.switch_page(f"views/{page}.py")
    return at.run()


def test_a_scoped_viewer_sees_and_adds_only_for_their_teams(signed_in: Path) -> None:
    with opened(store_file()) as con:
        add_action(con, NewAction("CP-N's", "CP-N", "TM", dt.date(2030, 1, 1)), "dcs", None)
        add_action(con, NewAction("MASH's", "MASH", "TM", dt.date(2030, 1, 1)), "dcs", None)
    at = run_as("mash.manager@example.gov.uk", "actions")
    assert not at.exception
    assert at.dataframe[0].value["Action"].tolist() == ["MASH's"]
    assert at.selectbox(key="add_team").options == ["Multi-agency safeguarding hub"]
    assert at.selectbox(key="change_action").options == ["2: MASH's"]
    at.selectbox(key="status_2").select("dropped")
    at.button(key="change_submit").click().run()
    assert at.success[0].value == "Action 2: status changed."
    with opened(store_file()) as con:
        frame = actions_frame(con)
    assert frame[["title", "status", "updated_by"]].values.tolist() == [
        ["CP-N's", "open", "dcs"],
        ["MASH's", "dropped", "mash.manager@example.gov.uk"],
    ]


def test_only_everything_scope_viewers_see_the_audit_log(signed_in: Path) -> None:
    scoped = run_as("mash.manager@example.gov.uk", "status")
    assert not scoped.exception
    assert "Audit log" not in [s.value for s in scoped.subheader]
    assert len(scoped.dataframe) == 0
    everything = run_as("dcs@example.gov.uk", "status")
    assert not everything.exception
    assert "Audit log" in [s.value for s in everything.subheader]
    log = everything.dataframe[-1].value
    # newest first: the director's view, then the manager's (recorded with their one team,
    # though the page showed them nothing)
    assert log[["who", "page", "teams"]].values.tolist() == [
        ["dcs@example.gov.uk", "status", "all"],
        ["mash.manager@example.gov.uk", "status", "MASH"],
    ]


def _view_then_download() -> None:
    """A page view with a team filter, then a download button's callback (AppTest runs no
    download button, so the callback is called as the button would)."""
    import datetime as dt

    from dashboard.appstate import record_download, record_page_view
    from metrics.filters import Filters

    day = dt.date(2026, 6, 30)
    record_page_view("sharing", Filters(dt.date(2025, 7, 1), day, day, teams=("MASH",)))
    record_download("decisions_by_team.csv")


def test_a_download_is_recorded_with_the_scope_of_its_page(fixture_app_env: Path) -> None:
    at = AppTest.from_function(_view_then_download).run()
    assert not at.exception
    with opened(store_file()) as con:
        log = audit_frame(con)
    assert log[["who", "event", "page", "file", "as_of", "teams"]].values.tolist() == [
        ["local user", "download", "sharing", "decisions_by_team.csv", "2026-06-30", "MASH"],
        ["local user", "page_view", "sharing", None, "2026-06-30", "MASH"],
    ]
