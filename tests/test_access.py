"""Sign-in and team-scoped access: roles file, and what each kind of viewer is shown."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from core.settings import ACCESS_MODE_ENV
from dashboard.access import (
    SECRETS_FILE,
    Role,
    RolesError,
    allowed_organisations,
    allowed_teams,
    load_roles,
)
from tests.fixture_org import APP, MAIN_PARAMS

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret-of-at-least-32-characters",
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

[[viewer]]
email = "register.lead@example.gov.uk"
everything = true
organisations = ["register"]
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
        (
            '[[viewer]]\nemail = "a@b"\nteam = ["X"]\n',
            "line 3, column 1, viewer entry 1: unknown key team; use ",
        ),
        ("[[viewer]]\nteams = []\n", "line 1, viewer entry 1: has no email"),
        (
            '[[viewer]]\nemail = "a@b"\norganisations = "register"\n',
            "line 3, column 1, viewer entry 1: organisations must be a list of names in quotes",
        ),
        (
            '[[viewer]]\nemail = "a@b"\nteams = "MASH"\n',
            "line 3, column 1, viewer entry 1: teams must be a list of names in quotes",
        ),
        (
            '[[viewer]]\nemail = "a@b"\nteams = ["MASH", 7]\n',
            "line 3, column 1, viewer entry 1: teams must be a list of names in quotes",
        ),
        ("[[viewer]\n", "Expected ']]' at the end of an array declaration (at line 1, column 9)"),
        # bool("false") is True: today this grants every team.
        (
            '[[viewer]]\nemail = "a@b"\neverything = "false"\n',
            'line 3, column 1, viewer entry 1: everything = "false" is not true or false; '
            "write everything = true or everything = false, without quotes",
        ),
        (
            '[[viewer]]\nemail = "a@b"\n  "everything" = 1\n',
            "line 3, column 3, viewer entry 1: everything = 1 is not true or false",
        ),
        ("[[viewer]]\nemail = 7\n", "line 2, column 1, viewer entry 1: email must be text"),
        # The second entry for one person: today it silently replaces the first.
        (
            '[[viewer]]\nemail = "a@b.uk"\nteams = ["MASH"]\n\n'
            '[[viewer]]\nemail = "c@d.uk"\n\n'
            '[[viewer]]\neverything = true\nemail = " A@B.uk"\n',
            "line 10, column 1, viewer entry 3: a@b.uk is listed again (first at line 1, "
            "viewer entry 1); give each person one entry",
        ),
        # A misspelt table name would otherwise leave every viewer without a role, silently.
        (
            '[[viewer]]\nemail = "a@b"\n\n[[viewers]]\nemail = "c@d"\n',
            "line 4: unknown section or key viewers; the roles file holds only [[viewer]]",
        ),
        ('viewer = "a@b"\n', "line 1: viewer must be [[viewer]] entries"),
        # Inline tables have no header lines to point at: the entry is still named.
        (
            'viewer = [{email = "a@b", everything = "yes"}]\n',
            'viewer entry 1: everything = "yes" is not true or false',
        ),
    ],
)
def test_bad_roles_files_are_explained(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "roles.toml"
    path.write_text(text)
    with pytest.raises(RolesError) as caught:
        load_roles(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_the_example_roles_file_is_valid() -> None:
    roles = load_roles(Path(__file__).resolve().parent.parent / "roles.example.toml")
    assert sorted(roles) == [
        "director.childrens@northbridge.gov.uk",
        "head.early.help@northbridge.gov.uk",
        "mash.manager@northbridge.gov.uk",
    ]
    assert [r.everything for r in roles.values()] == [True, False, False]


def test_a_role_may_name_organisations_and_by_default_has_every_one(tmp_path: Path) -> None:
    path = tmp_path / "roles.toml"
    path.write_text(ROLES)
    roles = load_roles(path)
    assert roles["register.lead@example.gov.uk"].organisations == ("register",)
    assert roles["dcs@example.gov.uk"].organisations is None
    held = {"northbridge": "Northbridge Borough Council", "register": "Register Borough Council"}
    assert allowed_organisations(roles["register.lead@example.gov.uk"], held) == {
        "register": "Register Borough Council"
    }
    assert allowed_organisations(roles["dcs@example.gov.uk"], held) == held
    assert allowed_organisations(None, held) == held  # local single-user mode
    assert allowed_organisations(Role("a", organisations=()), held) == {}


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
    monkeypatch.setenv(ACCESS_MODE_ENV, "sign_in")
    return fixture_db


def run_as(
    user: dict | None,
    page: str | None = None,
    params: dict | None = None,
    auth: dict | None = None,
) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = AUTH if auth is None else auth
    if user is not None:
        at.user = user
    for key, value in (params or MAIN_PARAMS).items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"views/{page}.py")
    return at.run()


def team_table(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value.iloc[:, 0])


def test_local_single_user_mode_chosen_explicitly_shows_every_team(
    fixture_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("COMPLIANCE_DB", str(fixture_db))
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(tmp_path / "none.toml"))
    monkeypatch.setenv(ACCESS_MODE_ENV, "local")
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in MAIN_PARAMS.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert any("Local single-user mode" in c.value for c in at.sidebar.caption)
    assert len(team_table(at)) == 4


@pytest.fixture
def secrets_files() -> Iterator[list[str]]:
    """The secrets files Streamlit reads, as a list the test fills (put back afterwards)."""
    before = streamlit_config.get_option("secrets.files")
    files: list[str] = []
    streamlit_config.set_option("secrets.files", files)
    yield files
    streamlit_config.set_option("secrets.files", before)


def run_unconfigured(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, auth: dict | None = None
) -> AppTest:
    """The app with the fixture database, default settings and env, no user signed in."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(APP), default_timeout=60)
    if auth is not None:
        at.secrets["auth"] = auth
    for key, value in MAIN_PARAMS.items():
        at.query_params[key] = value
    return at.run()


def shows_nothing(at: AppTest) -> bool:
    """No data, no sign-in button, no page title: only the error."""
    return (
        not at.exception
        and len(at.dataframe) == 0
        and len(at.metric) == 0
        and len(at.button) == 0
        and len(at.title) == 0
        and not any("Local single-user mode" in c.value for c in at.sidebar.caption)
    )


@pytest.fixture
def app_env(fixture_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Fixture database, default settings (access.mode = sign_in), no mode in the environment."""
    monkeypatch.delenv(ACCESS_MODE_ENV)
    return {"COMPLIANCE_DB": str(fixture_db), "COMPLIANCE_SETTINGS": str(tmp_path / "no.toml")}


def test_without_sign_in_configured_the_default_shows_nothing(
    app_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, secrets_files: list[str]
) -> None:
    # Today: no secrets means local single-user mode, every team to anyone.
    at = run_unconfigured(app_env, monkeypatch)
    assert shows_nothing(at)
    assert at.error[0].value.startswith(
        "Sign-in is required (the setting access.mode is sign_in), but "
        f"{SECRETS_FILE} has no [auth] section, so nothing is shown."
    )
    assert "python -m dashboard --local" in at.error[0].value


@pytest.mark.parametrize("mode", ["sign_in", "local"])
def test_a_secrets_file_that_cannot_be_parsed_stops_the_app(
    app_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    secrets_files: list[str],
    tmp_path: Path,
    mode: str,
) -> None:
    # One unclosed quote: today the app falls back to local mode and shows every team.
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "http://127.0.0.1:8501/oauth2callback\n')
    secrets_files.append(str(secrets))
    at = run_unconfigured({**app_env, ACCESS_MODE_ENV: mode}, monkeypatch)
    assert shows_nothing(at)
    assert at.error[0].value.startswith(
        f"Sign-in cannot be checked, so nothing is shown. {secrets}: Illegal character "
        "'\\n' (at line 2, column 53). This file holds the sign-in settings"
    )


def test_secrets_from_outside_the_project_are_refused(
    app_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    secrets_files: list[str],
    tmp_path: Path,
) -> None:
    # Started from /tmp, Streamlit would merge /tmp/.streamlit/secrets.toml in.
    stray = tmp_path / ".streamlit" / "secrets.toml"
    stray.parent.mkdir()
    stray.write_text('[auth]\nredirect_uri = "https://attacker.example/oauth2callback"\n')
    secrets_files.append(str(stray))
    at = run_unconfigured({**app_env, ACCESS_MODE_ENV: "local"}, monkeypatch)
    assert shows_nothing(at)
    assert at.error[0].value == (
        f"Sign-in cannot be checked, so nothing is shown. {stray}: Streamlit would read "
        f"sign-in settings from this file, but the dashboard takes them only from "
        f"{SECRETS_FILE}. Move what the dashboard needs there and delete or rename this file, "
        "then restart the dashboard."
    )


GOOD = "https://login.example.com/.well-known/openid-configuration"


@pytest.mark.parametrize(
    ("auth", "message"),
    [
        (
            {k: v for k, v in AUTH.items() if k != "client_secret"},
            f"{SECRETS_FILE}, section [auth]: client_secret missing or empty",
        ),
        (
            {k: v for k, v in AUTH.items() if k != "cookie_secret"},
            f"{SECRETS_FILE}, section [auth]: cookie_secret missing or empty",
        ),
        (
            {**AUTH, "cookie_secret": "short"},
            f"{SECRETS_FILE}, section [auth]: cookie_secret is shorter than 32 characters",
        ),
        (
            {
                "redirect_uri": AUTH["redirect_uri"],
                "cookie_secret": AUTH["cookie_secret"],
                "google": {"client_id": "x", "server_metadata_url": GOOD},
            },
            f"{SECRETS_FILE}, section [auth.google]: client_secret missing or empty",
        ),
        (
            {
                **AUTH,
                "server_metadata_url": "https://login.microsoftonline.com/common/v2.0/"
                ".well-known/openid-configuration",
            },
            f"{SECRETS_FILE}, section [auth]: server_metadata_url is Entra ID's multi-tenant "
            "address",
        ),
        (
            {**AUTH, "server_metadata_url": "http://login.example.com/.well-known/x"},
            "server_metadata_url must be an https:// address",
        ),
    ],
    ids=["no-client-secret", "no-cookie-secret", "short-cookie", "provider", "common", "http"],
)
def test_an_incomplete_auth_section_stops_the_app(
    signed_in_app: Path, auth: dict, message: str
) -> None:
    # Today: a sign-in button that fails when pressed, or a sign-in open to any tenant.
    at = run_as({"is_logged_in": False}, auth=auth)
    assert shows_nothing(at)
    assert at.error[0].value.startswith(
        "Sign-in is not configured completely, so nothing is shown. "
    )
    assert message in at.error[0].value


def test_local_mode_with_sign_in_configured_is_a_clash(signed_in_app: Path) -> None:
    os.environ[ACCESS_MODE_ENV] = "local"  # monkeypatch (signed_in_app) puts it back
    at = run_as({"is_logged_in": True, "email": "mash.manager@example.gov.uk"})
    assert shows_nothing(at)
    assert at.error[0].value.startswith(
        "Local single-user mode is chosen (the environment variable COMPLIANCE_ACCESS_MODE), "
        f"but {SECRETS_FILE} configures sign-in ([auth]), so nothing is shown."
    )


def test_local_mode_refuses_a_network_address(
    app_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, secrets_files: list[str]
) -> None:
    before = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "0.0.0.0")
    try:
        at = run_unconfigured({**app_env, ACCESS_MODE_ENV: "local"}, monkeypatch)
    finally:
        streamlit_config.set_option("server.address", before)
    assert shows_nothing(at)
    assert at.error[0].value.startswith(
        "Local single-user mode shows every team to whoever opens the page, but Streamlit is "
        "listening on 0.0.0.0, not only on this machine, so nothing is shown."
    )


def test_an_unknown_access_mode_is_explained(
    app_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('[access]\nmode = "open"\n')
    at = run_unconfigured({**app_env, "COMPLIANCE_SETTINGS": str(settings)}, monkeypatch)
    assert shows_nothing(at)
    assert at.error[0].value == (
        "The dashboard's settings cannot be used, so nothing is shown. the setting access.mode "
        'is "open": use "sign_in" (OpenID Connect sign-in and the roles file) or "local" (one '
        "person on this machine sees every team)"
    )


@pytest.mark.parametrize(
    "claims",
    [{"email_verified": False}, {"email_verified": "false"}, {"xms_edov": False}],
    ids=["false", "text-false", "entra-edov"],
)
def test_an_unverified_email_is_refused(signed_in_app: Path, claims: dict) -> None:
    # Today the email is matched to a role whether or not the provider verified it.
    at = run_as({"is_logged_in": True, "email": "dcs@example.gov.uk", **claims})
    assert not at.exception
    assert len(at.dataframe) == 0 and len(at.metric) == 0
    assert at.error[0].value.startswith(
        "Your identity provider says the email address dcs@example.gov.uk is not verified "
        f"({next(iter(claims))}), so it cannot be matched to a role and nothing is shown."
    )


def test_a_verified_email_is_matched_to_its_role(signed_in_app: Path) -> None:
    user = {"is_logged_in": True, "email": "mash.manager@example.gov.uk", "email_verified": True}
    at = run_as(user)
    assert not at.exception
    assert team_table(at) == ["Multi-agency safeguarding hub"]


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


def test_a_viewer_of_another_organisation_sees_nothing_and_is_told_why(
    signed_in_app: Path,
) -> None:
    # the database file holds the setting organisation.id's data, northbridge
    at = run_as({"is_logged_in": True, "email": "register.lead@example.gov.uk"}, "status")
    assert not at.exception
    assert at.error[0].value == (
        "Your role (register.lead@example.gov.uk) names no organisation whose data this "
        "dashboard holds (it holds northbridge), so nothing is shown. Ask the administrator to "
        "correct the roles file."
    )
    assert len(at.dataframe) == 0 and len(at.metric) == 0


def test_status_page_is_for_viewers_who_see_everything(signed_in_app: Path) -> None:
    scoped = run_as({"is_logged_in": True, "email": "mash.manager@example.gov.uk"}, "status")
    assert not scoped.exception
    assert scoped.info[0].value.startswith("This page describes every load into the database")
    assert len(scoped.dataframe) == 0
    everything = run_as({"is_logged_in": True, "email": "dcs@example.gov.uk"}, "status")
    assert not everything.exception
    assert len(everything.dataframe) >= 1
