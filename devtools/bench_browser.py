"""What people wait for: the app's cold start, and twenty viewers opening it at once.

The app is started as a person starts it (`python -m dashboard --local`) and read by Debian's
Chromium through Playwright. A page counts as rendered when Streamlit has run its script to the
end and every chart has drawn (tests/browser.py's rule). A viewer's error is an exception or
error box on a page, a script error in the browser, or a page that never rendered.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from exports.board_pack import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
# The url paths of the pages, in the navigation's order. The first, the default page, is
# served at the app's root: that is the link people are sent.
PAGE_PATHS = (
    "overview",
    "ico-steps",
    "coverage",
    "training",
    "sharing",
    "register",
    "actions",
    "export",
    "status",
)
RENDERED_JS = """() => !!document.querySelector(
        "[data-testid='stApp'][data-test-script-state='notRunning']")
    && [...document.querySelectorAll("[data-testid='stPlotlyChart']")].every(
        (chart) => chart.querySelector('.js-plotly-plot .main-svg'))"""
# An exception or error box, or Streamlit's "Page not found" dialog (a wrong address).
ERRORS_JS = """() => [...document.querySelectorAll(
    "[data-testid='stException'], [data-testid='stAlertContentError'], [role='dialog']")]
    .map((e) => e.innerText)"""
# The page's title: a page reached by the sidebar is rendered once its own title is drawn.
TITLE_JS = """() => document.querySelector('h1')?.innerText || ''"""
PAGE_TIMEOUT_MS = 180_000
SERVER_START_SECONDS = 120


@dataclass
class Viewers:
    """Seconds to each rendered page over every viewer (`opened`: the link, `moved`: a page
    reached by the sidebar), every error seen, and the processor seconds the app's server and
    the browsers used meanwhile: on one machine, the viewers' browsers share its cores."""

    opened: list[float] = field(default_factory=list)
    moved: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    server_cpu_s: float = 0.0
    browsers_cpu_s: float = 0.0

    @property
    def seconds(self) -> list[float]:
        return self.opened + self.moved


def _ticks(stat: str, children: bool) -> int:
    # /proc/PID/stat: after the ")" that ends the command name, utime and stime are the 12th
    # and 13th fields, cutime and cstime (children waited for) the 14th and 15th.
    fields = stat.rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11 : 15 if children else 13])


def cpu_seconds(pids: set[int] | None = None, program: str | None = None) -> float:
    """Processor seconds used so far by the processes pids, or by every process whose program
    file is named program, with their children that have ended: /proc, as `ps` reads it."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if pids is not None and int(entry.name) not in pids:
                continue
            if program is not None and Path(os.readlink(entry / "exe")).name != program:
                continue
            total += _ticks((entry / "stat").read_text(), children=True)
        except OSError:  # the process ended meanwhile
            continue
    return total / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`python -m dashboard --local` on port against db, its output in log."""
    env = {**os.environ, "COMPLIANCE_DB": str(db)}
    env.pop("COMPLIANCE_SETTINGS", None)
    command = [sys.executable, "-m", "dashboard", "--local", "--port", str(port)]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_healthy(proc: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the dashboard exited before it answered")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the dashboard did not answer within {SERVER_START_SECONDS} s")


def stop_app(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


async def _rendered(page: object, url: str) -> float:
    start = time.perf_counter()
    await page.goto(url, timeout=PAGE_TIMEOUT_MS)
    await page.wait_for_function(RENDERED_JS, timeout=PAGE_TIMEOUT_MS, polling=50)
    return time.perf_counter() - start


async def _navigated(page: object, path: str) -> float:
    """Seconds from a click on the page's link in the sidebar to the page rendered: the new
    title drawn, the script run to its end and every chart drawn."""
    before = await page.evaluate(TITLE_JS)
    start = time.perf_counter()
    await page.click(f"[data-testid='stSidebarNav'] a[href$='/{path}']", timeout=PAGE_TIMEOUT_MS)
    await page.wait_for_function(
        f"(before) => ({TITLE_JS})() !== before && ({RENDERED_JS})()",
        arg=before,
        timeout=PAGE_TIMEOUT_MS,
        polling=50,
    )
    return time.perf_counter() - start


async def _viewer(browser: object, base: str, link: str, result: Viewers) -> None:
    """One person: opens the link, then moves through every other page by its link in the
    sidebar, as people do, the filters kept by the session."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.on("pageerror", lambda exc: result.errors.append(f"script error: {exc}"))
    try:
        for number, path in enumerate(PAGE_PATHS):
            try:
                if number == 0:
                    result.opened.append(await _rendered(page, f"{base}/{link}"))
                else:
                    result.moved.append(await _navigated(page, path))
            except Exception as exc:  # a page that never rendered is a viewer's error
                result.errors.append(f"{path}: not rendered ({type(exc).__name__})")
                if number == 0:
                    return
                continue
            result.errors.extend(f"{path}: {text}" for text in await page.evaluate(ERRORS_JS))
    finally:
        await context.close()


async def _measure(db: Path, viewers: int, link: str, log: Path) -> tuple[float, Viewers]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        port = free_port()
        start = time.perf_counter()
        proc = start_app(db, port, log)
        try:
            await asyncio.to_thread(wait_healthy, proc, port)
            base = f"http://127.0.0.1:{port}"
            first = Viewers()
            await _viewer_first_page(browser, base, link, first)
            cold = time.perf_counter() - start
            crowd = Viewers(errors=list(first.errors))
            # Debian's /usr/bin/chromium is a shell script that runs /usr/lib/chromium/chromium.
            server, browsers = cpu_seconds({proc.pid}), cpu_seconds(program="chromium")
            await asyncio.gather(*(_viewer(browser, base, link, crowd) for _ in range(viewers)))
            crowd.server_cpu_s = cpu_seconds({proc.pid}) - server
            crowd.browsers_cpu_s = cpu_seconds(program="chromium") - browsers
            return cold, crowd
        finally:
            stop_app(proc)
            await browser.close()


async def _viewer_first_page(browser: object, base: str, link: str, result: Viewers) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    try:
        result.opened.append(await _rendered(page, f"{base}/{link}"))
        result.errors.extend(f"cold start: {text}" for text in await page.evaluate(ERRORS_JS))
    finally:
        await context.close()


def cold_start_and_viewers(db: Path, viewers: int, link: str, log: Path) -> tuple[float, Viewers]:
    """Seconds from starting the app to its first page rendered in a browser; then `viewers`
    browser sessions opening the link at once and moving through every page."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM}: run `make chromium`")
    return asyncio.run(_measure(db, viewers, link, log))
