"""What every page does first (dashboard/page.py): the organisation's name, and in a shared
store of several organisations, the choice of one (AppTest runs open_page alone, no measure)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.settings import ACCESS_MODE_ENV
from tests.test_access import AUTH, ROLES


def opened_page() -> None:
    """open_page as the Data status page calls it; AppTest runs this function as a script."""
    import streamlit as st

    from dashboard.appstate import app_store_path
    from dashboard.filters import remember_organisation
    from dashboard.page import open_page

    organisation, allowed = open_page("Coverage", "status", "What the page is for.")
    remember_organisation("status", organisation.id)
    serves = getattr(organisation.con, "organisation", "the database file")
    st.write(f"id={organisation.id} allowed={allowed} serves={serves}")
    st.write(f"actions and audit in {app_store_path().name}")


def _opened(params: dict[str, str]) -> AppTest:
    at = AppTest.from_function(opened_page, default_timeout=600)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_a_database_of_one_organisation_shows_no_choice(fixture_app_env: Path) -> None:
    at = _opened({"period": "12m", "org": "register"})
    assert not at.exception
    # nothing to choose, and a link's `org` is ignored: the settings name the organisation
    assert at.markdown[0].value == "id=None allowed=None serves=the database file"
    assert at.markdown[1].value == "actions and audit in app_state.sqlite"
    assert at.title[0].value == "Coverage"
    assert at.sidebar.caption[0].value == "Northbridge City Council"
    assert not at.sidebar.selectbox
    assert not at.sidebar.header


@pytest.mark.slow
def test_a_shared_store_offers_its_organisations_by_name(
    fixture_app_env: Path, on_spark: Path
) -> None:
    at = _opened({"period": "12m", "org": "register"})
    assert not at.exception
    choice = at.selectbox(key="f_org")
    assert (choice.label, choice.value) == ("Organisation", "register")
    assert choice.options == ["Northbridge Borough Council", "Register Borough Council"]
    # the heading and the sidebar's first line name the manifest's organisation, not the
    # setting organisation.name (Northbridge City Council)
    assert at.title[0].value == "Coverage · Register Borough Council"
    assert at.sidebar.caption[0].value == "Register Borough Council"
    assert at.markdown[0].value == "id=register allowed=None serves=register"
    # each organisation's actions and audit log are its own: both hold a team MASH
    assert at.markdown[1].value == "actions and audit in app_state-register.sqlite"
    at.selectbox(key="f_org").select("northbridge").run()
    assert at.markdown[0].value == "id=northbridge allowed=None serves=northbridge"
    assert at.markdown[1].value == "actions and audit in app_state-northbridge.sqlite"
    assert dict(at.query_params) == {"period": "12m", "org": "northbridge"}
    assert at.title[0].value == "Coverage · Northbridge Borough Council"


@pytest.mark.slow
def test_a_viewer_chooses_only_among_the_organisations_their_role_grants(
    fixture_app_env: Path, on_spark: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roles = fixture_app_env.parent / "org-roles.toml"
    roles.write_text(ROLES)
    settings = Path(os.environ["COMPLIANCE_SETTINGS"])
    settings.write_text(f'[access]\nroles_file = "{roles}"\n')
    monkeypatch.setenv(ACCESS_MODE_ENV, "sign_in")
    at = AppTest.from_function(opened_page, default_timeout=600)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "register.lead@example.gov.uk"}
    # a link cannot open an organisation the role does not grant, nor say that it exists
    at.query_params["org"] = "northbridge"
    at.run()
    assert not at.exception
    assert at.selectbox(key="f_org").options == ["Register Borough Council"]
    assert [w.value for w in at.sidebar.warning] == [
        "No organisation with id “northbridge” here: showing Register Borough Council."
    ]
    assert at.markdown[0].value == "id=register allowed=None serves=register"
