"""Sign-in and team-scoped access: roles file, and what each kind of viewer is shown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.access import Role, RolesError, allowed_teams, load_roles
from tests.fixture_org import APP, MAIN_PARAMS

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "client",
    "client_secret": "secret",
    "server_metadata_url": "https://login.example.com/.well-known/openid-configuration",
}
ROLES = """
[[viewer]]
email = "dcs@example.gov.uk"
everything = true

[[viewer]]
email = "Mash.Manager@example.gov.uk"
teams = ["MASH"]

[[viewer]]
email = "education@example.gov.uk"
directorates = ["Education"]
"""
OTHER_TEAMS = (
    "Child protection north",
    "CP-N",
    "Family help",
    "Education safeguarding",
    "EDS",
    "Old admissions team",
)
TEAMS = pd.DataFrame(
    {
        "team_id": ["MASH", "CP-N", "EDS", "OLD"],
        "directorate": ["Social care", "Social care", "Education", "Education"],
    }
)


def test_roles_file_is_read_by_lower_cased_email(tmp_path: Path) -> None:
    path = tmp_path / "roles.toml"
    path.write_text(ROLES)
    roles = load_roles(path)
    assert roles["mash.manager@example.gov.uk"] == Role(
        email="mash.manager@example.gov.uk", teams=("MASH",)
    )
    assert roles["dcs@example.gov.uk"].everything


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[viewer]]\nemail = "a@b"\nteam = ["X"]\n', "viewer entry 1: unknown key team; use "),
        ("[[viewer]]\nteams = []\n", "viewer entry 1: has no email"),
        ('[[viewer]]\nemail = "a@b"\nteams = "MASH"\n', "viewer entry 1: teams must be a list"),
        ("[[viewer]\n", "Expected ']]' at the end of an array declaration (at line 1, column 9)"),
    ],
)
def test_bad_roles_files_are_explained(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "roles.toml"
    path.write_text(text)
    with pytest.raises(RolesError) as caught:
        load_roles(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_allowed_teams() -> None:
    assert allowed_teams(Role("a", everything=True), TEAMS) is None
    assert allowed_teams(Role("a", teams=("MASH",)), TEAMS) == ("MASH",)
    assert allowed_teams(Role("a", directorates=("Education",), teams=("MASH",)), TEAMS) == (
        "EDS",
        "MASH",
        "OLD",
    )
    assert allowed_teams(Role("a", teams=("NOPE",)), TEAMS) == ()


@pytest.fixture
def signed_in_app(
    fixture_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES)
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[access]\nroles_file = "{roles}"\n')
    monkeypatch.setenv("COMPLIANCE_DB", str(fixture_db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(settings))
    return fixture_db


def run_as(user: dict | None, page: str | None = None, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = AUTH
    if user is not None:
        at.user = user
    for key, value in (params or MAIN_PARAMS).items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"views/{page}.py")
    return at.run()


def team_table(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value.iloc[:, 0])


def test_without_sign_in_configured_the_app_says_it_is_single_user(
    fixture_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("COMPLIANCE_DB", str(fixture_db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "none.toml"))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in MAIN_PARAMS.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert any("Local single-user mode" in c.value for c in at.sidebar.caption)
    assert len(team_table(at)) == 4


def test_a_visitor_must_sign_in_and_sees_no_data(signed_in_app: Path) -> None:
    at = run_as({"is_logged_in": False})
    assert not at.exception
    assert at.info[0].value == "Sign in to see your teams' compliance."
    assert [b.label for b in at.button] == ["Sign in"]
    assert len(at.dataframe) == 0 and len(at.metric) == 0


def test_a_signed_in_viewer_without_a_role_sees_nothing_and_is_told_why(
    signed_in_app: Path,
) -> None:
    at = run_as({"is_logged_in": True, "email": "stranger@example.gov.uk"})
    assert not at.exception
    assert at.error[0].value.startswith(
        "You are signed in as stranger@example.gov.uk, but you have no role in this dashboard"
    )
    assert len(at.dataframe) == 0 and len(at.metric) == 0


def test_a_team_scoped_viewer_sees_only_their_team(signed_in_app: Path) -> None:
    at = run_as({"is_logged_in": True, "email": "mash.manager@example.gov.uk"})
    assert not at.exception
    assert team_table(at) == ["Multi-agency safeguarding hub"]
    assert [o for o in at.sidebar.multiselect[0].options] == [
        "Multi-agency safeguarding hub (MASH)"
    ]
    for page in ("coverage", "training", "sharing"):
        page_run = run_as({"is_logged_in": True, "email": "mash.manager@example.gov.uk"}, page)
        assert not page_run.exception, page
        assert page_run.dataframe, page
        for frame in page_run.dataframe:
            cells = {str(v) for v in frame.value.astype(str).to_numpy().ravel()}
            cells |= {str(c) for c in frame.value.columns}
            for other in OTHER_TEAMS:
                assert not any(other in cell for cell in cells), (page, other)


def test_a_link_cannot_widen_a_viewer_scope(signed_in_app: Path) -> None:
    params = {**MAIN_PARAMS, "teams": "CP-N,MASH"}
    at = run_as({"is_logged_in": True, "email": "mash.manager@example.gov.uk"}, None, params)
    assert not at.exception
    assert team_table(at) == ["Multi-agency safeguarding hub"]
    assert any("CP-N" in w.value for w in at.sidebar.warning)


def test_a_directorate_viewer_sees_its_teams(signed_in_app: Path) -> None:
    at = run_as({"is_logged_in": True, "email": "education@example.gov.uk"})
    assert not at.exception
    assert team_table(at) == ["Education safeguarding"]


def test_status_page_is_for_viewers_who_see_everything(signed_in_app: Path) -> None:
    scoped = run_as({"is_logged_in": True, "email": "mash.manager@example.gov.uk"}, "status")
    assert not scoped.exception
    assert scoped.info[0].value.startswith("This page describes every load into the database")
    assert len(scoped.dataframe) == 0
    everything = run_as({"is_logged_in": True, "email": "dcs@example.gov.uk"}, "status")
    assert not everything.exception
    assert len(everything.dataframe) >= 1
