"""Actions in a real browser: add one, close it, and see both survive a reload and a second
browser context (another person's session), against `streamlit run` on the fixture
organisation with an app store of its own."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import (
    browser,  # noqa: F401
    open_page,
    screenshot,
    served,
    wait_for_app,
)
from tests.fixture_org import build_fixture_db
from tests.test_browser import (
    MAIN_QUERY,
    TEAM_STATUS_HEADER,
    download,
    error_boxes,
    unexpected,
)

pytestmark = pytest.mark.browser

HEADER = "Id,Action,Team,ICO step,Owner,Due,Status,Overdue,Last changed,By"


@pytest.fixture(scope="module")
def served_with_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app against the fixture organisation and an empty app store of its own: its
    address and the store's file."""
    folder = tmp_path_factory.mktemp("browser_actions")
    store = folder / "app_state.sqlite"
    with served(folder, build_fixture_db, {"COMPLIANCE_APP_STORE": str(store)}) as url:
        yield url, store


@pytest.fixture(scope="module")
def server(served_with_store: tuple[str, Path]) -> str:
    return served_with_store[0]


def actions_csv(page: Page) -> list[list[str]]:
    """The actions table as the page's CSV download gives it: (Id, Action, Team, Owner, Due,
    Status, Overdue, By) per row."""
    _, data = download(page, "Download actions (CSV)")
    # Pressing a download button records it in the audit log, which reruns the page: let the
    # rerun start and finish before the next click.
    page.wait_for_timeout(500)
    wait_for_app(page)
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == HEADER
    rows = [line.split(",") for line in lines[1:]]
    return [[r[0], r[1], r[2], r[4], r[5], r[6], r[7], r[9]] for r in rows]


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_an_action_added_and_closed_survives_a_reload_and_another_session(
    server: str,
    browser: Browser,  # noqa: F811
) -> None:
    errors: list[str] = []
    url = f"{server}/actions{MAIN_QUERY}"
    page = open_page(browser, url, errors)
    assert page.locator("h1").first.inner_text() == "Actions"
    page.get_by_label("What is to be done").fill("Refresh the MASH DPIA")
    choose(page, "Team", "Multi-agency safeguarding hub")
    page.get_by_label("Owner").fill("Head of MASH")
    # Streamlit 1.67's date field: one spin button per part, typed into as a person would.
    for part, digits in (("day", "31"), ("month", "01"), ("year", "2030")):
        page.get_by_role("spinbutton", name=f"{part}, Due on").click()
        page.keyboard.type(digits)
    page.get_by_role("button", name="Add action").click()
    page.get_by_text("Action 1 added for Multi-agency safeguarding hub.").wait_for()
    wait_for_app(page)
    assert actions_csv(page) == [
        [
            "1",
            "Refresh the MASH DPIA",
            "Multi-agency safeguarding hub",
            "Head of MASH",
            "2030-01-31",
            "open",
            "",
            "local user",
        ]
    ]
    choose(page, "Status", "done")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Action 1: status changed.").wait_for()
    wait_for_app(page)
    screenshot(page, "actions")
    assert [row[5] for row in actions_csv(page)] == ["done"]

    page.reload()
    wait_for_app(page)
    assert [row[5] for row in actions_csv(page)] == ["done"]
    assert error_boxes(page) == []
    assert unexpected(errors, server, "actions") == []
    page.close()

    # Another browser context: no session, no cookies shared; the store is the same.
    again_errors: list[str] = []
    again = open_page(browser, url, again_errors)
    assert [row[:6] for row in actions_csv(again)] == [
        [
            "1",
            "Refresh the MASH DPIA",
            "Multi-agency safeguarding hub",
            "Head of MASH",
            "2030-01-31",
            "done",
        ]
    ]
    _, history = download(again, "Download action 1 history (CSV)")
    lines = history.decode("utf-8-sig").splitlines()
    assert lines[0] == "When,Who,Field,From,To"
    assert [line.split(",")[1:] for line in lines[1:]] == [
        ["local user", "team id", "", "MASH"],
        ["local user", "title", "", "Refresh the MASH DPIA"],
        ["local user", "ico step", "", ""],
        ["local user", "owner", "", "Head of MASH"],
        ["local user", "due on", "", "2030-01-31"],
        ["local user", "status", "", "open"],
        ["local user", "status", "open", "done"],
    ]
    assert error_boxes(again) == []
    assert unexpected(again_errors, server, "actions") == []
    again.close()


def test_a_csv_downloaded_in_the_browser_arrives_whole_and_is_audited(
    served_with_store: tuple[str, Path],
    browser: Browser,  # noqa: F811
) -> None:
    # The press of a table's download button is recorded in the audit log (dashboard/ui.py).
    url, store = served_with_store
    errors: list[str] = []
    page = open_page(browser, f"{url}/{MAIN_QUERY}", errors)
    name, data = download(page, "Download team status (CSV)")
    page.wait_for_timeout(500)  # the press reruns the page, which records it
    wait_for_app(page)
    page.close()
    assert unexpected(errors, url, "") == []
    assert name == "team_status.csv"
    assert data.decode("utf-8").startswith(f"\ufeff{TEAM_STATUS_HEADER}\n")
    with sqlite3.connect(store) as con:
        files = con.execute("select file from audit_log where event = 'download'").fetchall()
    assert ("team_status.csv",) in files
