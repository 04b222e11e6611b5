"""The shared filters: a link's query parameters are applied, kept across pages, and written
back when the user changes a filter (AppTest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from metrics.filters import last_quarter
from tests.fixture_org import MAIN_PARAMS, metrics_shown, run_page


def test_directorate_in_the_url_is_applied(fixture_app_env: Path) -> None:
    at = run_page(None, {**MAIN_PARAMS, "directorate": "Education"})
    assert not at.exception
    assert at.selectbox(key="f_directorate").value == "Education"
    # only EDS is active in Education: 4 of 5 policies, 2 of 5 trained, 4 decisions
    assert at.dataframe[0].value["Team"].tolist() == ["Education safeguarding"]
    shown = metrics_shown(at)
    assert shown["Policy coverage"][::2] == ("80 %", "4 in place, of 5 that apply")
    assert shown["Training completion"][::2] == ("40 %", "2 in date, of 5 required")
    assert shown["Decisions logged"][0] == "4"


def test_teams_in_the_url_are_applied(fixture_app_env: Path) -> None:
    at = run_page("training", {**MAIN_PARAMS, "teams": "MASH,CP-N"})
    assert not at.exception
    assert at.multiselect(key="f_teams").value == ["MASH", "CP-N"]
    # MASH 5 of 8 + CP-N 2 of 2
    assert metrics_shown(at)["Training completion"][::2] == ("70 %", "7 in date, of 10 required")


def test_changing_a_filter_writes_the_url(fixture_app_env: Path) -> None:
    at = run_page(None, MAIN_PARAMS)
    at.selectbox(key="f_directorate").select("Children's Social Care").run()
    at.multiselect(key="f_teams").select("FH").run()
    assert not at.exception
    assert dict(at.query_params) == {
        **MAIN_PARAMS,
        "directorate": "Children's Social Care",
        "teams": "FH",
    }
    at.date_input(key="f_asof").set_value(dt.date(2025, 12, 31)).run()
    assert at.query_params["asof"] == "2025-12-31"
    # FH as of Y: P-DP in place of 1 that applies
    assert metrics_shown(at)["Policy coverage"][::2] == ("100 %", "1 in place, of 1 that apply")


def test_filters_survive_moving_between_pages(fixture_app_env: Path) -> None:
    at = run_page(None, {**MAIN_PARAMS, "directorate": "Education", "asof": "2025-12-31"})
    # st.navigation drops the query parameters when the user moves page
    at.query_params.clear()
    at.switch_page("views/sharing.py").run()
    assert not at.exception
    assert at.selectbox(key="f_directorate").value == "Education"
    assert dict(at.query_params) == {
        **MAIN_PARAMS,
        "directorate": "Education",
        "asof": "2025-12-31",
    }
    assert metrics_shown(at)["Decisions logged"][0] == "4"
    at.query_params.clear()
    at.switch_page("views/coverage.py").run()
    # EDS as of Y: P-DP and P-EMERG in place of 4
    assert metrics_shown(at)["Policy coverage"][::2] == ("50 %", "2 in place, of 4 that apply")


def test_changing_the_period_moves_the_as_of_date(fixture_app_env: Path) -> None:
    at = run_page(None, {**MAIN_PARAMS, "asof": "2025-12-31"})
    at.selectbox(key="f_period").select("lq").run()
    assert not at.exception
    end = last_quarter(dt.date.today())[1]
    assert at.date_input(key="f_asof").value == end
    assert dict(at.query_params) == {"period": "lq"}


def test_a_bad_link_is_explained_not_a_traceback(fixture_app_env: Path) -> None:
    params = {**MAIN_PARAMS, "directorate": "Adults", "teams": "NOPE", "asof": "31/12/2025"}
    at = run_page(None, params)
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "`asof=31/12/2025` in the link is not a date like 2026-03-31: ignored.",
        "There is no directorate called “Adults”: showing all.",
        "No team with id NOPE: left out of the filter.",
    ]
    assert at.selectbox(key="f_directorate").value == "All directorates"
    assert metrics_shown(at)["Decisions logged"][0] == "16"
    assert dict(at.query_params) == MAIN_PARAMS


def organisation_sidebar() -> None:
    """A page's sidebar over a store of three organisations (the fixture's teams in each), the
    setting organisation.id being `northbridge`: AppTest runs this function as a script."""
    import datetime as dt
    import os
    from pathlib import Path

    import streamlit as st

    from dashboard.filters import sidebar_filters, sidebar_organisation
    from pipelines.store import connect_readonly

    held = {
        "northbridge": "Northbridge Borough Council",
        "register": "Register Borough Council",
        "acme": "Acme Trust",
    }
    organisation = sidebar_organisation(held, st.session_state.get("preferred", "northbridge"), "p")
    con = connect_readonly(Path(os.environ["COMPLIANCE_DB"]))
    f = sidebar_filters(con, "p", dt.date(2026, 6, 30), None, organisation)
    con.close()
    st.write(f"organisation={f.organisation}")


def _organisation_page(params: dict[str, str], preferred: str = "northbridge") -> AppTest:
    at = AppTest.from_function(organisation_sidebar, default_timeout=60)
    at.session_state["preferred"] = preferred
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_the_organisation_choice_defaults_to_the_setting_then_the_first_by_name(
    fixture_app_env: Path,
) -> None:
    at = _organisation_page(MAIN_PARAMS)
    assert not at.exception
    choice = at.selectbox(key="f_org")
    assert (choice.label, choice.value) == ("Organisation", "northbridge")
    # ordered by name, ids in the link
    assert choice.options == [
        "Acme Trust",
        "Northbridge Borough Council",
        "Register Borough Council",
    ]
    assert at.markdown[0].value == "organisation=northbridge"
    assert dict(at.query_params) == {**MAIN_PARAMS, "org": "northbridge"}
    # the setting names an organisation the store does not hold: Acme Trust comes first
    assert _organisation_page(MAIN_PARAMS, "elsewhere").selectbox(key="f_org").value == "acme"


def test_the_organisation_round_trips_through_the_url(fixture_app_env: Path) -> None:
    at = _organisation_page({**MAIN_PARAMS, "org": "register", "teams": "MASH"})
    assert not at.exception
    assert at.selectbox(key="f_org").value == "register"
    assert at.markdown[0].value == "organisation=register"
    at.selectbox(key="f_org").select("acme").run()
    # the other filters stay (MASH is a team of every organisation here)
    assert dict(at.query_params) == {**MAIN_PARAMS, "teams": "MASH", "org": "acme"}
    assert at.markdown[0].value == "organisation=acme"


def test_an_unknown_organisation_in_the_url_falls_back_with_a_notice(
    fixture_app_env: Path,
) -> None:
    at = _organisation_page({**MAIN_PARAMS, "org": "gone"})
    assert not at.exception
    assert [w.value for w in at.sidebar.warning] == [
        "No organisation with id “gone” here: showing Northbridge Borough Council."
    ]
    assert at.selectbox(key="f_org").value == "northbridge"
    assert at.query_params["org"] == "northbridge"
