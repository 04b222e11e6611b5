"""Started from another directory, as a person might: the dashboard finds its own settings,
listens on 127.0.0.1 only, and in local mode on a network address shows nothing.

The server tests really start Streamlit with /tmp's own folder as the current directory and
read the kernel's table of listening sockets to see the address it bound.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from core.settings import ACCESS_MODE_ENV
from dashboard.__main__ import launch_environment, streamlit_command
from dashboard.access import SECRETS_FILE
from exports.board_pack import CHROMIUM, CHROMIUM_ARGS
from tests.browser import (
    ROOT,
    free_port,
    open_page,
    stop_streamlit,
    wait_healthy,
)
from tests.fixture_org import MAIN_PARAMS

TCP_LISTEN = "0A"
QUERY = "?" + "&".join(f"{k}={v}" for k, v in MAIN_PARAMS.items())


def listening_addresses(port: int) -> set[str]:
    """The addresses with a socket listening on port, from /proc/net/tcp and tcp6."""
    found = set()
    for table, size in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state != TCP_LISTEN or int(hex_port, 16) != port:
                continue
            raw = bytes.fromhex(address)
            # The kernel writes each 32-bit word in host (little-endian) order.
            words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            found.add(
                ".".join(str(b) for b in words)
                if size == 4
                else ("::" if not any(words) else words.hex())
            )
    return found


@pytest.fixture
def elsewhere() -> Iterator[Path]:
    """An empty folder under /tmp, not the project, to start from."""
    folder = Path(tempfile.mkdtemp(prefix="launch-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def start(command: list[str], cwd: Path, env: dict[str, str], port: int) -> subprocess.Popen:
    """Start command in cwd; wait until the server on port answers on loopback."""
    log = cwd / "server.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=fh, stderr=subprocess.STDOUT)
    return wait_healthy(proc, port, log)


def base_env(**extra: str) -> dict[str, str]:
    """The test's environment without a mode chosen, plus extra."""
    env = {k: v for k, v in os.environ.items() if k != ACCESS_MODE_ENV}
    return {**env, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **extra}


def _shown(url: str) -> str:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = open_page(chromium, url, [])
            return " ".join(page.inner_text("[data-testid='stApp']").split())
        finally:
            chromium.close()


def page_text(port: int) -> str:
    """What the Overview page shows in Chromium, on one line. In a thread of its own, as the
    board pack prints: the session's browser (tests/browser.py) holds this thread's Playwright."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_shown, f"http://127.0.0.1:{port}/{QUERY}").result()


@pytest.mark.browser
def test_the_launcher_from_tmp_serves_loopback_only_with_paths_from_where_it_was_run(
    elsewhere: Path,
    fixture_db: Path,
) -> None:
    shutil.copyfile(fixture_db, elsewhere / "compliance.duckdb")
    port = free_port()
    env = base_env(COMPLIANCE_DB="compliance.duckdb", COMPLIANCE_SETTINGS="none.toml")
    command = [sys.executable, str(ROOT / "dashboard"), "--local", f"--port={port}"]
    proc = start(command, elsewhere, env, port)
    try:
        assert listening_addresses(port) == {"127.0.0.1"}
        text = page_text(port)
        assert "Local single-user mode" in text
        # The fixture organisation, from the database named relative to /tmp: 16 decisions in
        # the main period (tests/test_pages_overview.py counts them).
        assert "Decisions logged 16 +12" in text
    finally:
        stop_streamlit(proc)
    log = (elsewhere / "server.log").read_text()
    assert "dashboard: local single-user mode (--local): no sign-in, every team; " in log
    assert (
        "local single-user mode, chosen by the environment variable COMPLIANCE_ACCESS_MODE: "
        f"whoever opens http://127.0.0.1:{port} sees every team"
    ) in log


@pytest.mark.browser
def test_plain_streamlit_run_from_tmp_listens_on_loopback_only(
    elsewhere: Path,
    fixture_db: Path,
) -> None:
    # Today: no .streamlit/config.toml in /tmp, so Streamlit listens on every interface.
    port = free_port()
    env = base_env(COMPLIANCE_DB=str(fixture_db), **{ACCESS_MODE_ENV: "local"})
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard" / "app.py"),
        f"--server.port={port}",
    ]
    proc = start(command, elsewhere, env, port)
    try:
        assert listening_addresses(port) == {"127.0.0.1"}
        assert "Decisions logged 16 +12" in page_text(port)
    finally:
        stop_streamlit(proc)


@pytest.mark.browser
def test_local_mode_on_a_network_address_shows_nothing(
    elsewhere: Path,
    fixture_db: Path,
) -> None:
    port = free_port()
    env = base_env(
        COMPLIANCE_DB=str(fixture_db),
        STREAMLIT_SERVER_ADDRESS="0.0.0.0",
        **{ACCESS_MODE_ENV: "local"},
    )
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard" / "app.py"),
        f"--server.port={port}",
    ]
    proc = start(command, elsewhere, env, port)
    try:
        assert listening_addresses(port) == {"0.0.0.0"}
        text = page_text(port)
    finally:
        stop_streamlit(proc)
    assert "Streamlit is listening on 0.0.0.0, not only on this machine" in text
    assert "Decisions logged" not in text and "Local single-user mode:" not in text


def test_the_launcher_refuses_local_mode_on_a_network_address() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "--local", "--address", "0.0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "--local serves this machine only (every team, no sign-in): it cannot listen on "
        "0.0.0.0. Configure sign-in for a shared server (docs/access.md).\n"
    )


def test_the_launch_names_the_app_address_and_secrets_and_resolves_paths(tmp_path: Path) -> None:
    assert streamlit_command("127.0.0.1", 8600)[3:] == [
        "run",
        str(ROOT / "dashboard" / "app.py"),
        "--server.address=127.0.0.1",
        "--server.port=8600",
        f"--secrets.files={SECRETS_FILE}",
    ]
    env = launch_environment(
        {"COMPLIANCE_DB": "data/x.duckdb", "COMPLIANCE_SETTINGS": "/etc/s.toml", "HOME": "/h"},
        tmp_path,
        local=True,
    )
    assert env == {
        "COMPLIANCE_DB": str(tmp_path / "data" / "x.duckdb"),
        "COMPLIANCE_SETTINGS": "/etc/s.toml",
        "HOME": "/h",
        ACCESS_MODE_ENV: "local",
    }
    assert ACCESS_MODE_ENV not in launch_environment({}, tmp_path, local=False)
