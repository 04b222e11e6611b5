"""Who may see which teams: optional sign-in (st.login, OIDC) and a roles file.

Without an `[auth]` section in `.streamlit/secrets.toml` the app runs in local single-user mode
and says so. With one, every page asks the viewer to sign in, then shows only the teams their
entry in the roles file grants: everything, whole directorates, or listed teams. A signed-in
viewer with no entry sees nothing and is told why. Scope comes from the role, never from a link.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from core.settings import REPO_ROOT, load_settings
from dashboard.data import team_list

ROLE_KEYS = {"email", "everything", "directorates", "teams"}


class RolesError(Exception):
    """The roles file cannot be used; the message names the file and says how to fix it."""


@dataclass(frozen=True)
class Role:
    """What one viewer may see."""

    email: str
    everything: bool = False
    directorates: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()


def roles_path() -> Path:
    """The roles file named in settings (relative paths from the repository's top)."""
    path = Path(load_settings()["access"]["roles_file"])
    return path if path.is_absolute() else REPO_ROOT / path


def load_roles(path: Path) -> dict[str, Role]:
    """Roles by lower-cased email, from a TOML file of `[[viewer]]` entries."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise RolesError(
            f"{path}: no roles file. Copy roles.example.toml to {path.name} and list who may "
            "see what."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise RolesError(f"{path}: {exc}. Correct the file and reload the page.") from None
    roles: dict[str, Role] = {}
    for number, entry in enumerate(data.get("viewer", []), start=1):
        where = f"{path}: viewer entry {number}"
        unknown = set(entry) - ROLE_KEYS
        if unknown:
            raise RolesError(
                f"{where}: unknown key {', '.join(sorted(unknown))}; use email, everything, "
                "directorates or teams"
            )
        email = str(entry.get("email", "")).strip().lower()
        if not email:
            raise RolesError(f"{where}: has no email")
        for key in ("directorates", "teams"):
            if not isinstance(entry.get(key, []), list):
                raise RolesError(f'{where}: {key} must be a list, e.g. {key} = ["MASH"]')
        roles[email] = Role(
            email=email,
            everything=bool(entry.get("everything", False)),
            directorates=tuple(entry.get("directorates", [])),
            teams=tuple(entry.get("teams", [])),
        )
    return roles


def allowed_teams(role: Role, teams: pd.DataFrame) -> tuple[str, ...] | None:
    """The team ids a role grants (None: everything), given the teams table."""
    if role.everything:
        return None
    chosen = teams["directorate"].isin(role.directorates) | teams["team_id"].isin(role.teams)
    return tuple(sorted(teams.loc[chosen, "team_id"]))


def auth_configured() -> bool:
    """Whether `.streamlit/secrets.toml` has an `[auth]` section (st.login's settings)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return False


def _providers() -> list[str | None]:
    auth = st.secrets["auth"]
    named = [name for name, value in auth.items() if hasattr(value, "keys")]
    return named or [None]


def viewer_scope(con: duckdb.DuckDBPyConnection) -> tuple[str, ...] | None:
    """The teams this viewer may see (None: everything); stops the page when they may see none."""
    if not auth_configured():
        st.sidebar.caption(
            ":material/person: Local single-user mode: sign-in is not configured, so anyone "
            "who can open this address sees every team."
        )
        return None
    if not st.user.get("is_logged_in"):
        st.info("Sign in to see your teams' compliance.", icon=":material/lock:")
        for provider in _providers():
            label = "Sign in" if provider is None else f"Sign in with {provider.title()}"
            st.button(label, on_click=st.login, args=() if provider is None else (provider,))
        st.stop()
    email = str(st.user.get("email") or "").strip().lower()
    try:
        role = load_roles(roles_path()).get(email)
    except RolesError as exc:
        st.error(f"Access cannot be checked, so nothing is shown. {exc}")
        st.stop()
    with st.sidebar:
        st.caption(f":material/person: Signed in as {email}")
        st.button("Sign out", on_click=st.logout)
    if role is None:
        st.error(
            f"You are signed in as {email}, but you have no role in this dashboard, so it "
            "shows you nothing. Ask its administrator to add you to the roles file."
        )
        st.stop()
    allowed = allowed_teams(role, team_list(con))
    if allowed is not None and not allowed:
        st.error(
            f"Your role ({email}) names no team or directorate that exists in the data, so "
            "nothing is shown. Ask the administrator to correct the roles file."
        )
        st.stop()
    return allowed
