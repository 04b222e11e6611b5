"""Who may see which teams: sign-in (st.login, OIDC) and a roles file, or, chosen explicitly,
local single-user mode.

The mode is the setting `access.mode` (or `COMPLIANCE_ACCESS_MODE`; `python -m dashboard
--local` sets it): `sign_in` by default. In sign-in mode every page asks the viewer to sign in,
then shows only the teams their entry in the roles file grants: everything, whole directorates,
or listed teams. A signed-in viewer with no entry sees nothing and is told why. Scope comes from
the role, never from a link. Anything wrong with the set-up (a secrets file that cannot be read,
an incomplete `[auth]` section, local mode on a non-loopback address) stops every page with what
to fix: the app fails closed, never into local mode.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import duckdb
import pandas as pd
import streamlit as st
from streamlit.logger import get_logger

from core.settings import (
    LOOPBACK,
    REPO_ROOT,
    SECRETS_FILE,
    STREAMLIT_DIR,
    access_mode,
    load_settings,
)
from dashboard.data import team_list

ROLE_KEYS = {"email", "everything", "directorates", "teams", "organisations"}
LOCAL, SIGN_IN = "local", "sign_in"
STREAMLIT_CONFIG = STREAMLIT_DIR / "config.toml"
OLD_SECRETS_FILE = REPO_ROOT / ".streamlit" / "secrets.toml"  # read only when started from here
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
COOKIE_SECRET_MIN = 32
# Entra ID's shared endpoints accept accounts from any tenant (or personal accounts).
MULTI_TENANT = re.compile(
    r"^https://login\.microsoftonline\.com/(common|organizations|consumers)/", re.IGNORECASE
)
VERIFIED_CLAIMS = ("email_verified", "xms_edov")
_LOGGER = get_logger(__name__)
_logged: dict[str, str] = {}


class RolesError(Exception):
    """The roles file cannot be used; the message names the file and says how to fix it."""


@dataclass(frozen=True)
class Role:
    """What one viewer may see."""

    email: str
    everything: bool = False
    directorates: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    # The organisations of a shared store whose teams the role grants (None: every one).
    organisations: tuple[str, ...] | None = None


def roles_path() -> Path:
    """The roles file named in settings (relative paths from the repository's top)."""
    path = Path(load_settings()["access"]["roles_file"])
    return path if path.is_absolute() else REPO_ROOT / path


class _Lines:
    """Where things are in a roles file's text: tomllib gives no position for a value it parsed
    (only for a syntax error), so entries and keys are found by scanning the lines."""

    HEADER = re.compile(r"""^\s*(\[\[\s*["']?viewer["']?\s*\]\])""")

    def __init__(self, text: str, entries: int) -> None:
        self.lines = text.splitlines()
        starts = [i for i, line in enumerate(self.lines) if self.HEADER.match(line)]
        # `viewer = [{...}]` (inline tables) has no headers: then only the entry is named.
        self.starts = starts if len(starts) == entries else []

    def entry(self, number: int) -> str:
        """`line 4, viewer entry 2` (or `viewer entry 2` when the line is not known)."""
        if not self.starts:
            return f"viewer entry {number}"
        return f"line {self.starts[number - 1] + 1}, viewer entry {number}"

    def key(self, number: int, key: str) -> str:
        """`line 6, column 1, viewer entry 2` for key in that entry (its header if not found)."""
        if self.starts:
            start = self.starts[number - 1]
            end = self.starts[number] if number < len(self.starts) else len(self.lines)
            pattern = re.compile(rf"""^\s*(["']?{re.escape(key)}["']?)\s*=""")
            for i in range(start + 1, end):
                found = pattern.match(self.lines[i])
                if found:
                    return f"line {i + 1}, column {found.start(1) + 1}, viewer entry {number}"
        return self.entry(number)

    def top_level(self, key: str) -> str:
        """`line 3` where a top-level key or table starts (empty when not found)."""
        pattern = re.compile(rf"""^\s*(\[*\s*["']?{re.escape(key)}["']?\s*[\].=])""")
        for i, line in enumerate(self.lines):
            if pattern.match(line):
                return f"line {i + 1}: "
        return ""


def _toml(value: object) -> str:
    """A value as it was written: text in double quotes."""
    return f'"{value}"' if isinstance(value, str) else str(value)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def load_roles(path: Path) -> dict[str, Role]:
    """Roles by lower-cased email, from a TOML file of `[[viewer]]` entries.

    Strict, because a mistake here widens access: `everything` must be a TOML boolean (the text
    "false" is an error, not true), an unknown key or section and an email listed twice are
    errors naming the line, never skipped or resolved by the last entry winning.
    """
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise RolesError(
            f"{path}: no roles file. Copy roles.example.toml to {path.name} and list who may "
            "see what."
        ) from None
    except UnicodeDecodeError:
        raise RolesError(f"{path}: not UTF-8 text. Save it as UTF-8 and reload the page.") from None
    except tomllib.TOMLDecodeError as exc:
        raise RolesError(f"{path}: {exc}. Correct the file and reload the page.") from None
    viewers = data.get("viewer", [])
    lines = _Lines(text, len(viewers) if isinstance(viewers, list) else 0)
    unknown_sections = sorted(set(data) - {"viewer"})
    if unknown_sections:
        section = unknown_sections[0]
        raise RolesError(
            f"{path}: {lines.top_level(section)}unknown section or key {section}; the roles "
            "file holds only [[viewer]] entries"
        )
    if not isinstance(viewers, list) or not all(isinstance(v, dict) for v in viewers):
        raise RolesError(
            f"{path}: {lines.top_level('viewer')}viewer must be [[viewer]] entries, one per "
            "person (see roles.example.toml)"
        )
    roles: dict[str, Role] = {}
    first_seen: dict[str, str] = {}
    for number, entry in enumerate(viewers, start=1):
        unknown = sorted(set(entry) - ROLE_KEYS)
        if unknown:
            raise RolesError(
                f"{path}: {lines.key(number, unknown[0])}: unknown key {', '.join(unknown)}; "
                "use email, everything, directorates, teams or organisations"
            )
        raw_email = entry.get("email", "")
        if not isinstance(raw_email, str):
            raise RolesError(
                f"{path}: {lines.key(number, 'email')}: email must be text in quotes, e.g. "
                'email = "name@example.gov.uk"'
            )
        email = raw_email.strip().lower()
        if not email:
            raise RolesError(f"{path}: {lines.entry(number)}: has no email")
        everything = entry.get("everything", False)
        if not isinstance(everything, bool):
            raise RolesError(
                f"{path}: {lines.key(number, 'everything')}: everything = {_toml(everything)} is "
                "not true or false; write everything = true or everything = false, without "
                "quotes"
            )
        for key in ("directorates", "teams", "organisations"):
            if not _strings(entry.get(key, [])):
                raise RolesError(
                    f"{path}: {lines.key(number, key)}: {key} must be a list of names in "
                    f'quotes, e.g. {key} = ["MASH"]'
                )
        if email in roles:
            raise RolesError(
                f"{path}: {lines.key(number, 'email')}: {email} is listed again (first at "
                f"{first_seen[email]}); give each person one entry, with every team they may "
                "see"
            )
        first_seen[email] = lines.entry(number)
        roles[email] = Role(
            email=email,
            everything=everything,
            directorates=tuple(entry.get("directorates", [])),
            teams=tuple(entry.get("teams", [])),
            organisations=tuple(entry["organisations"]) if "organisations" in entry else None,
        )
    return roles


def allowed_organisations(role: Role | None, held: Mapping[str, str]) -> dict[str, str]:
    """The organisations of held (id -> name) a role grants (None: local mode, all of them)."""
    if role is None or role.organisations is None:
        return dict(held)
    return {k: v for k, v in held.items() if k in role.organisations}


def allowed_teams(role: Role, teams: pd.DataFrame) -> tuple[str, ...] | None:
    """The team ids a role grants (None: everything), given the teams table."""
    if role.everything:
        return None
    chosen = teams["directorate"].isin(role.directorates) | teams["team_id"].isin(role.teams)
    return tuple(sorted(teams.loc[chosen, "team_id"]))


def _stop(message: str) -> NoReturn:
    """Show why nothing is shown, and stop the page (never a traceback, never a fallback)."""
    st.error(message, icon=":material/lock:")
    st.stop()


def secrets_problem(files: list[str]) -> str | None:
    """Why the secrets Streamlit reads cannot be trusted as they are (None: they can).

    Streamlit merges every secrets file it finds: `~/.streamlit/`, the current directory's
    `.streamlit/` and the script's `dashboard/.streamlit/`. Started from `/tmp`, a file there
    would be merged in, so only the project's own file is accepted. Each file is parsed here,
    so that a syntax error names its line and column instead of reading as "no secrets".
    """
    existing = [Path(f) for f in files if Path(f).exists()]
    for path in existing:
        if path.suffix != ".toml":
            continue
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            return (
                f"{path}: {exc}. This file holds the sign-in settings, so nothing is shown until "
                "it can be read: correct it (text values in double quotes, one [section] "
                "header per table) and reload the page."
            )
    if OLD_SECRETS_FILE.exists():
        return (
            f"{OLD_SECRETS_FILE}: sign-in settings now live in {SECRETS_FILE}, where Streamlit "
            "finds them whatever directory the dashboard is started from. Move the file there."
        )
    for path in existing:
        if path.resolve() != SECRETS_FILE.resolve():
            return (
                f"{path}: Streamlit would read sign-in settings from this file, but the "
                f"dashboard takes them only from {SECRETS_FILE}. Move what the dashboard needs "
                "there and delete or rename this file, then restart the dashboard."
            )
    if SECRETS_FILE.exists() and SECRETS_FILE.resolve() not in [p.resolve() for p in existing]:
        return (
            f"{SECRETS_FILE} is not among the secrets files Streamlit was told to read "
            f"({', '.join(files) or 'none'}). Start the dashboard with `python -m dashboard`."
        )
    return None


def auth_problem(auth: object) -> str | None:
    """What is missing or unsafe in the `[auth]` section (None: Streamlit can sign people in)."""
    where = f"{SECRETS_FILE}, section [auth]"
    if not isinstance(auth, Mapping):
        return f"{where}: [auth] must be a table of settings (see docs/access.md)."
    missing = [k for k in AUTH_KEYS if not isinstance(auth.get(k), str) or not auth[k].strip()]
    if missing:
        return f"{where}: {' and '.join(missing)} missing or empty (see docs/access.md)."
    if len(auth["cookie_secret"]) < COOKIE_SECRET_MIN:
        return (
            f"{where}: cookie_secret is shorter than {COOKIE_SECRET_MIN} characters, so a "
            "sign-in cookie could be forged. Use a random one, e.g. the output of "
            '`python -c "import secrets; print(secrets.token_hex(32))"`.'
        )
    providers = {name: value for name, value in auth.items() if isinstance(value, Mapping)}
    for name, section in providers.items() or [("", auth)]:
        table = f"{SECRETS_FILE}, section [auth.{name}]" if name else where
        if "_" in name:
            return f"{table}: a provider's name cannot hold an underscore; rename it."
        absent = [k for k in PROVIDER_KEYS if not isinstance(section.get(k), str) or not section[k]]
        if absent:
            return f"{table}: {', '.join(absent)} missing or empty (see docs/access.md)."
        url = section["server_metadata_url"]
        if not url.startswith("https://"):
            return f"{table}: server_metadata_url must be an https:// address."
        if MULTI_TENANT.search(url):
            return (
                f"{table}: server_metadata_url is Entra ID's multi-tenant address, so an "
                "account in any organisation's tenant could sign in with an email address it "
                "chose. Put your own tenant's ID (or domain) in place of "
                f"{MULTI_TENANT.search(url).group(1)} (see docs/access.md)."
            )
    return None


def _auth_section() -> object | None:
    """The `[auth]` section Streamlit will sign people in with (None: there is none)."""
    try:
        return st.secrets.get("auth")
    except st.errors.StreamlitSecretNotFoundError:
        return None  # no secrets file at all: syntax errors were caught by secrets_problem


def _log_once(mode: str, text: str) -> None:
    if _logged.get(mode) != text:
        _logged[mode] = text
        if mode == LOCAL:
            _LOGGER.warning(text)
        else:
            _LOGGER.info(text)


def access_mode_or_stop() -> str:
    """`local` or `sign_in`, once the launch is safe; otherwise stop with what to fix.

    Fails closed: a secrets file that cannot be read, an incomplete `[auth]` section, an
    address other than this machine in local mode, or a clash between the mode chosen and the
    secrets found stops the page; nothing ever falls back to local single-user mode.
    """
    try:
        mode, source = access_mode(load_settings())
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        _stop(f"The dashboard's settings cannot be used, so nothing is shown. {exc}")
    address = st.get_option("server.address")
    if not address:
        _stop(
            "Streamlit is serving this page on every network interface: the dashboard's own "
            f"Streamlit settings ({STREAMLIT_CONFIG}) were not applied, so nothing is shown. "
            "Start it with `python -m dashboard` (or `make run`)."
        )
    problem = secrets_problem([str(f) for f in st.get_option("secrets.files")])
    if problem:
        _stop(f"Sign-in cannot be checked, so nothing is shown. {problem}")
    auth = _auth_section()
    if mode == LOCAL:
        if auth is not None:
            _stop(
                f"Local single-user mode is chosen ({source}), but {SECRETS_FILE} configures "
                "sign-in ([auth]), so nothing is shown. Choose one: for sign-in, set "
                'access.mode = "sign_in" and start the dashboard without --local; for one '
                "person on this machine, remove the [auth] section."
            )
        if address not in LOOPBACK:
            _stop(
                f"Local single-user mode shows every team to whoever opens the page, but "
                f"Streamlit is listening on {address}, not only on this machine, so nothing "
                "is shown. Start it with `python -m dashboard --local` (it listens on "
                "127.0.0.1), or configure sign-in (docs/access.md)."
            )
        _log_once(
            mode,
            f"local single-user mode, chosen by {source}: whoever opens "
            f"http://{address}:{st.get_option('server.port')} sees every team",
        )
        return LOCAL
    if auth is None:
        _stop(
            f"Sign-in is required ({source} is sign_in), but {SECRETS_FILE} has no [auth] "
            "section, so nothing is shown. Configure sign-in (docs/access.md) or, for one "
            "person on this machine only, start the dashboard with `python -m dashboard "
            "--local`."
        )
    problem = auth_problem(auth)
    if problem:
        _stop(f"Sign-in is not configured completely, so nothing is shown. {problem}")
    _log_once(mode, f"sign-in mode, chosen by {source}; roles from {roles_path()}")
    return SIGN_IN


def _providers() -> list[str | None]:
    auth = st.secrets["auth"]
    named = [name for name, value in auth.items() if isinstance(value, Mapping)]
    return named or [None]


def unverified_email_claim(user: Mapping[str, object]) -> str | None:
    """The claim by which the provider says the email is not verified (None: it does not).

    Google sends `email_verified`; Entra ID sends `xms_edov` (email domain owner verified) when
    the app registration asks for it. A claim that is absent proves nothing either way, which
    is why docs/access.md says which tenant settings are safe.
    """
    for claim in VERIFIED_CLAIMS:
        if claim in user and str(user[claim]).lower() != "true":
            return claim
    return None


def viewer_role() -> Role | None:
    """The signed-in viewer's role (None: local single-user mode, everything); stops the page
    with what to do when sign-in or the roles file does not give one."""
    if access_mode_or_stop() == LOCAL:
        st.sidebar.caption(
            ":material/person: Local single-user mode: anyone who can open this address on "
            "this machine sees every team."
        )
        return None
    if not st.user.get("is_logged_in"):
        st.info("Sign in to see your teams' compliance.", icon=":material/lock:")
        for provider in _providers():
            label = "Sign in" if provider is None else f"Sign in with {provider.title()}"
            st.button(label, on_click=st.login, args=() if provider is None else (provider,))
        st.stop()
    email = str(st.user.get("email") or "").strip().lower()
    with st.sidebar:
        st.caption(f":material/person: Signed in as {email}")
        st.button("Sign out", on_click=st.logout)
    claim = unverified_email_claim(st.user)
    if claim:
        _stop(
            f"Your identity provider says the email address {email} is not verified "
            f"({claim}), so it cannot be matched to a role and nothing is shown. Verify the "
            "address with your provider and sign in again, or ask the dashboard's "
            "administrator."
        )
    try:
        role = load_roles(roles_path()).get(email)
    except RolesError as exc:
        _stop(f"Access cannot be checked, so nothing is shown. {exc}")
    if role is None:
        _stop(
            f"You are signed in as {email}, but you have no role in this dashboard, so it "
            "shows you nothing. Ask its administrator to add you to the roles file."
        )
    return role


def viewer_organisations(role: Role | None, held: Mapping[str, str]) -> dict[str, str]:
    """The organisations of the data (id -> name) the viewer may see; stops the page when none."""
    allowed = allowed_organisations(role, held)
    if role is not None and not allowed:
        _stop(
            f"Your role ({role.email}) names no organisation whose data this dashboard holds "
            f"(it holds {', '.join(sorted(held))}), so nothing is shown. Ask the administrator "
            "to correct the roles file."
        )
    return allowed


def viewer_teams(role: Role | None, con: duckdb.DuckDBPyConnection) -> tuple[str, ...] | None:
    """The teams of con's data that role grants (None: everything); stops the page when none."""
    if role is None:
        return None
    allowed = allowed_teams(role, team_list(con))
    if allowed is not None and not allowed:
        _stop(
            f"Your role ({role.email}) names no team or directorate that exists in the data, so "
            "nothing is shown. Ask the administrator to correct the roles file."
        )
    return allowed
