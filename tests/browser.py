"""A real Streamlit server on loopback and Debian's Chromium, for the end-to-end tests.

Never a skip: if chromium or playwright is missing, these fixtures fail with how to fix it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from exports.board_pack import CHROMIUM, CHROMIUM_ARGS  # one launch recipe for pack and tests

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SERVER_START_SECONDS = 60
SERVER_STOP_SECONDS = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(
    db: Path, port: int, log: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """`streamlit run dashboard/app.py` on 127.0.0.1:port against db (with env added to the
    environment); waits until healthy."""
    env = {**os.environ, **(env or {}), "COMPLIANCE_DB": str(db)}
    with log.open("wb") as fh:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "dashboard" / "app.py"),
                "--server.address=127.0.0.1",
                f"--server.port={port}",
                "--server.headless=true",
                "--browser.gatherUsageStats=false",
                "--server.fileWatcherType=none",
            ],
            cwd=ROOT,
            env=env,
            stdout=fh,
            stderr=subprocess.STDOUT,
        )
    return wait_healthy(proc, port, log)


def wait_healthy(proc: subprocess.Popen[bytes], port: int, log: Path) -> subprocess.Popen[bytes]:
    """proc, once the server on 127.0.0.1:port answers its health check; stopped, with its log
    in the error, when it exits early or does not answer within SERVER_START_SECONDS."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    stop_streamlit(proc)
    raise RuntimeError(
        f"streamlit did not become healthy in {SERVER_START_SECONDS}s:\n{log.read_text()}"
    )


def stop_streamlit(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the server, and kill it if it has not gone after SERVER_STOP_SECONDS."""
    proc.terminate()
    try:
        proc.wait(timeout=SERVER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def served(
    folder: Path, build: Callable[[Path], None], env: dict[str, str] | None = None
) -> Iterator[str]:
    """`streamlit run` on a free loopback port against a database build(path) makes in folder,
    without a settings file (defaults) and with env added; its base URL. Stopped (terminated,
    then killed) at the end of the block."""
    db = folder / "compliance.duckdb"
    build(db)
    port = free_port()
    settings = {"COMPLIANCE_SETTINGS": str(folder / "no-settings.toml")}
    proc = start_streamlit(db, port, folder / "streamlit.log", env=settings | (env or {}))
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_streamlit(proc)


# Each test module that imports `browser` registers the fixture anew, and Playwright's sync API
# runs once per thread: the first registration starts Chromium, the others share it.
_RUNNING: list[object] = []


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; fails (never skips) when it is missing."""
    if _RUNNING:
        yield _RUNNING[0]
        return
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run `make test` (it apt-installs chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        _RUNNING.append(instance)
        try:
            yield instance
        finally:
            _RUNNING.clear()
            instance.close()


def open_page(
    browser: object, url: str, errors: list[str], requests: list[str] | None = None
) -> object:
    """A new page at url with console errors collected into errors, each as `text [url]` (a
    failed load names the resource only in its location), and the URL of every request it
    makes into requests; waits for the app to run and draw."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda msg: (
            errors.append(f"{msg.text} [{msg.location.get('url', '')}]")
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    wait_for_app(page)
    return page


# Drawn: no lazy-loaded element still shows its placeholder, and every Plotly chart has its SVG.
DRAWN_JS = """() => !document.querySelector("[data-testid='stSkeleton']")
    && [...document.querySelectorAll("[data-testid='stPlotlyChart']")].every(
        (chart) => chart.querySelector('.js-plotly-plot .main-svg'))"""


def wait_for_app(page: object) -> None:
    """Wait until Streamlit has run the script to its end and the browser has drawn it all.

    The app root's `data-test-script-state` goes initial -> running -> notRunning; after a
    widget change it may still say notRunning for a moment, so callers also wait for what the
    change should show (the URL, a tile).
    """
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )
    page.wait_for_function(DRAWN_JS, timeout=30_000)


def screenshot(page: object, name: str, whole: bool = True) -> Path:
    """artifacts/screenshots/<name>.png: the whole page, or (whole=False) what the window shows.

    Streamlit scrolls its main section, not the document, so a Playwright "full page" shot is
    only the window: for the whole page the window is made as tall as the section's content.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    window = page.viewport_size
    height = page.evaluate(
        "() => document.querySelector(\"[data-testid='stMain']\")?.scrollHeight ?? 0"
    )
    if whole and height > window["height"]:
        page.set_viewport_size({"width": window["width"], "height": height})
        page.wait_for_function(DRAWN_JS, timeout=30_000)
        page.wait_for_timeout(300)  # Plotly redraws on a resize
        page.screenshot(path=str(path))
        page.set_viewport_size(window)
    else:
        page.screenshot(path=str(path))
    return path
