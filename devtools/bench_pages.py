"""What each page asks the database for one filter change, and how long that takes.

Each page runs once under streamlit.testing.v1.AppTest for each filter setting, with
metrics.query.run wrapped to record the query names and bound parameters it runs (the result
cache is cleared first, so every query is seen). The recorded queries are then replayed on a
fresh read-only connection to the database being measured, and a page's time for a setting is
the sum of its queries' times: the work one filter change asks of the database, without
Streamlit's drawing, which the browser figures measure. The queries a page runs depend on the
filters, not on the size of the data, so one recording (on the smallest database) serves every
size.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import statistics
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from metrics import query
from pipelines.store import connect_readonly

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
# (title, views file): every page in the navigation, in its order.
PAGES = (
    ("Overview", "overview"),
    ("ICO ten steps", "ico_steps"),
    ("Policy coverage", "coverage"),
    ("Training", "training"),
    ("Sharing", "sharing"),
    ("Agreements register", "register"),
    ("Actions", "actions"),
    ("Export", "export"),
    ("Data status", "status"),
)
LIMITED_VIEWERS = 4  # of the settings, this many are replayed again for a viewer of some teams
Recorded = list[tuple[str, dict[str, Any]]]


def filter_settings(con: duckdb.DuckDBPyConnection, last_day: dt.date) -> list[dict[str, str]]:
    """Twenty varied links' query parameters: presets, custom periods of many lengths, mid-month
    as-of dates, each directorate, single teams and pairs of teams, around the data's last day."""
    teams = con.execute("select team_id, directorate from teams order by team_id").fetchall()
    directorates = sorted({d for _, d in teams})
    month = last_day.replace(day=1)

    def custom(start: dt.date, end: dt.date, **extra: str) -> dict[str, str]:
        return {"period": "custom", "from": start.isoformat(), "to": end.isoformat(), **extra}

    year_ago = month.replace(year=month.year - 1)
    settings = [
        {"period": "12m"},
        {"period": "fy"},
        {"period": "lq"},
        custom(year_ago, last_day),
        custom(month.replace(year=month.year - 2), last_day),
        custom(month, last_day),
        custom(year_ago + dt.timedelta(days=14), last_day - dt.timedelta(days=45)),
        custom(dt.date(year_ago.year, 1, 1), dt.date(year_ago.year, 12, 31)),
        custom(year_ago, last_day, asof=(month - dt.timedelta(days=75)).isoformat()),
        custom(month.replace(year=month.year - 3), last_day),
        {"period": "12m", "asof": (last_day - dt.timedelta(days=200)).isoformat()},
        {"period": "lq", "asof": (last_day - dt.timedelta(days=17)).isoformat()},
    ]
    settings += [{"period": "12m", "directorate": d} for d in directorates[:4]]
    settings += [{"period": "12m", "teams": team} for team, _ in teams[:3]]
    settings += [{"period": "fy", "teams": ",".join(t for t, _ in teams[3:5])}]
    settings += [custom(month.replace(month=1), last_day, directorate=directorates[0])]
    return settings


@contextmanager
def recording(into: Recorded) -> Iterator[None]:
    """metrics.query.run, wherever a metric module imported it, records what it runs."""
    original = query.run
    import metrics

    for info in pkgutil.iter_modules(metrics.__path__):  # every module a page may call
        importlib.import_module(f"metrics.{info.name}")

    def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> Any:
        # Only what reaches the database: a metrics.query.QueryMemo answers a query it has run
        # before from memory, and runs the others through this same function with its con.
        if isinstance(con, duckdb.DuckDBPyConnection):
            into.append((name, {k: params[k] for k in query.parameters(name) if k in params}))
        return original(con, name, params)

    modules = [m for n, m in sys.modules.items() if n.startswith("metrics.")]
    patched = [m for m in modules if getattr(m, "run", None) is original]
    for module in patched:
        module.run = run
    # metrics.status runs its queries itself (a cursor for freshness, DataFrames from DuckDB)
    from metrics import status

    frame, freshness = status._frame, status.freshness

    def status_frame(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> Any:
        into.append((name, dict(params)))
        return frame(con, name, params)

    def status_freshness(con: duckdb.DuckDBPyConnection, today: dt.date) -> dict:
        into.append(("status_freshness", {"today": today}))
        return freshness(con, today)

    status._frame, status.freshness = status_frame, status_freshness
    try:
        yield
    finally:
        for module in patched:
            module.run = original
        status._frame, status.freshness = frame, freshness


def record_page(page: str, params: dict[str, str]) -> Recorded:
    """The queries one page runs, with their parameters, opened by a link with params."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if "_" in page:
        # AppTest finds a page whose url path (ico-steps) is not its file name only once
        # st.navigation has registered it: without this run it ran the Overview instead.
        at.run()
    st.cache_data.clear()
    at.switch_page(f"views/{page}.py")
    recorded: Recorded = []
    with recording(recorded):
        at.run()
    if at.exception or at.error:
        problem = at.exception[0].message if at.exception else at.error[0].value
        raise RuntimeError(f"page {page} failed under AppTest with {params}: {problem}")
    return recorded


def apply_app_config() -> None:
    """Streamlit's options as `python -m dashboard` gives them (AppTest reads no config file)."""
    from streamlit import config

    path = APP.parent / ".streamlit" / "config.toml"
    for section, options in tomllib.loads(path.read_text(encoding="utf-8")).items():
        for option, value in options.items():
            config.set_option(f"{section}.{option}", value, str(path))
    # AppTest runs the pages without a server: Streamlit logs a "missing ScriptRunContext" and
    # "No runtime found" warning for each cached call, which would bury the bench's progress.
    from streamlit.logger import set_log_level

    set_log_level("error")


def record_all(settings: list[dict[str, str]]) -> dict[str, list[Recorded]]:
    """Per page title, the recorded queries of each setting."""
    apply_app_config()
    return {title: [record_page(page, s) for s in settings] for title, page in PAGES}


def for_viewer(recorded: Recorded, allowed: list[str]) -> Recorded:
    """The same queries for a viewer who may see only the teams allowed."""
    return [(name, {**p, "allowed": allowed} if "allowed" in p else p) for name, p in recorded]


def replay_seconds(db: Path, recorded: dict[str, list[Recorded]]) -> dict[str, list[float]]:
    """Per page, the seconds its queries take for each recorded setting, then for the first
    LIMITED_VIEWERS settings again as a viewer limited to every other team, on a fresh
    read-only connection."""
    con = connect_readonly(db)
    try:
        teams = [t for (t,) in con.execute("select team_id from teams order by 1").fetchall()]
        times: dict[str, list[float]] = {}
        for title, runs in recorded.items():
            limited = [for_viewer(r, teams[::2]) for r in runs[:LIMITED_VIEWERS]]
            times[title] = [_run_all(con, r) for r in runs + limited]
        return times
    finally:
        con.close()


def _run_all(con: duckdb.DuckDBPyConnection, recorded: Recorded) -> float:
    start = time.perf_counter()
    for name, params in recorded:
        query.duckdb_frame(con, name, params)  # as metrics.query.run runs it
    return time.perf_counter() - start


def summary(seconds: list[float]) -> tuple[float, float]:
    """Median and 95th percentile (nearest rank) of a page's times, in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return 1000 * statistics.median(ordered), 1000 * p95
