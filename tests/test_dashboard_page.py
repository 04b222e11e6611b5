"""What every page does first (dashboard/page.py): the organisation's name, and in a shared
store of several organisations, the choice of one (AppTest runs open_page alone, no measure)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest


def opened_page() -> None:
    """open_page as the Data status page calls it; AppTest runs this function as a script."""
    import streamlit as st

    from dashboard.filters import remember_organisation
    from dashboard.page import open_page

    organisation, allowed = open_page("Coverage", "status", "What the page is for.")
    remember_organisation("status", organisation.id)
    serves = getattr(organisation.con, "organisation", "the database file")
    st.write(f"id={organisation.id} allowed={allowed} serves={serves}")


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
    assert at.title[0].value == "Coverage"
    assert at.sidebar.caption[0].value == "Northbridge City Council"
    assert not at.sidebar.selectbox
    assert not at.sidebar.header


@pytest.mark.slow
def test_a_shared_store_offers_its_organisations_by_name(
    fixture_app_env: Path, spark_store: Path, spark: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPLIANCE_ENGINE", "spark")
    monkeypatch.setenv("COMPLIANCE_STORE", str(spark_store))
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
    at.selectbox(key="f_org").select("northbridge").run()
    assert at.markdown[0].value == "id=northbridge allowed=None serves=northbridge"
    assert dict(at.query_params) == {"period": "12m", "org": "northbridge"}
    assert at.title[0].value == "Coverage · Northbridge Borough Council"
