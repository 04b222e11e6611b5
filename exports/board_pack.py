"""The A4 board pack: HTML from a template, printed to PDF by headless Chromium.

Every figure comes from the export's tables after disclosure control, so the pack never shows
what the CSV files hide. The page loads nothing: styles and charts (inline SVG) are in the
HTML, and every request the page might make is refused.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from exports.columns import (
    COVERAGE_BY_STEP,
    OVERDUE_TRAINING,
    RECORD_GAPS,
    SHARING_BY_MONTH,
    TEAM_SUMMARY,
    TRAINING_BY_COURSE,
    Summary,
)
from exports.context import ExportContext, rag_thresholds_text
from exports.disclosure import SUPPRESSED
from exports.summaries import Collected, Kpi, Shown, Trend
from exports.svg import RateBar, rag_symbol, rate_bars, stacked_months, trend_line
from metrics.filters import previous
from metrics.rag import COLOURS, LABELS, NO_DATA, Thresholds, rag_status
from presentation.formatting import percent_value, points_change, ratio

TEMPLATES = Path(__file__).parent / "templates"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RENDER_TIMEOUT_MS = 60_000
# Data older than this on the day of the pack is flagged, as on the Data status page.
AGE_WARNING_DAYS = 45
STATUS_WORDS = {"green": "green", "amber": "amber", "red": "red", "no data": NO_DATA}
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[+-Z][0-9']*\)")
# A KPI's counts in words: `46 in place, of 50 that apply`.
KPI_WORDING = {
    "Policy coverage": ("in place", "that apply"),
    "Training completion": ("in date", "required"),
    "Share rate": ("shared", "decisions"),
    "Record completeness": ("complete", "shares"),
}


@dataclass(frozen=True)
class TeamMeasure:
    """A RAG-rated measure's columns in the team summary (and record gaps) table."""

    label: str
    pct: str
    numerator: str
    denominator: str
    status: str
    band: str  # the attribute of Thresholds


COVERAGE = TeamMeasure(
    "Policy coverage",
    "policy_coverage_pct",
    "policies_in_place",
    "policies_applying",
    "policy_coverage_rag",
    "coverage",
)
TRAINING = TeamMeasure(
    "Training completion",
    "training_completion_pct",
    "training_in_date",
    "training_required",
    "training_rag",
    "training",
)
COMPLETENESS = TeamMeasure(
    "Record completeness",
    "record_completeness_pct",
    "complete_records",
    "shares",
    "record_completeness_rag",
    "completeness",
)


class BoardPackError(RuntimeError):
    """The PDF could not be printed (Chromium missing or failing)."""


def _day(value: dt.date | None) -> str:
    return "–" if value is None else f"{value.day} {value:%b %Y}"


def _count(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _status(word: str) -> str:
    """A status code (`c` stays `c`) from the word a table holds."""
    return STATUS_WORDS.get(word, word)


def _badge(word: str) -> Markup:
    status = _status(word)
    if status == SUPPRESSED:
        return Markup('<span class="badge c">c</span>')
    return Markup('<span class="badge" style="background:{}">{}</span>').format(
        COLOURS[status], LABELS[status]
    )


def _with_symbol(text: str, word: str) -> str:
    """`■ 50 % (2 of 4)`: a rated figure after its status symbol, or just `c`."""
    if SUPPRESSED in (text, _status(word)):
        return SUPPRESSED
    return f"{rag_symbol(_status(word))} {text}"


def _rated(value: Any, num: Any, den: Any) -> str:
    """`66.6 % (10 of 15)`, `c`, or `no data`."""
    if SUPPRESSED in (value, num, den):
        return SUPPRESSED
    if value is None:
        return "no data"
    return f"{value:g} % ({num:,} of {den:,})"


def _records(summary: Summary, table: pd.DataFrame) -> list[dict[str, Any]]:
    rows = table.itertuples(index=False, name=None)
    return [dict(zip(summary.column_names, row, strict=True)) for row in rows]


def _kpi_tile(kpi: Kpi, shown: Shown) -> dict[str, Any]:
    """A tile's value, counts, RAG badge and change on the previous period, as shown."""
    num, prev_num = shown.number(kpi.numerator), shown.number(kpi.previous_numerator)
    if kpi.denominator is None:
        change = (
            "change not shown (small numbers)"
            if SUPPRESSED in (num, prev_num)
            else f"{int(num) - int(prev_num):+,} on the previous period ({_count(prev_num)})"
        )
        return {
            "label": kpi.measure,
            "value": _count(num),
            "counts": "decisions",
            "rag": None,
            "change": change,
        }
    den = shown.number(kpi.denominator)
    prev_den = shown.number(kpi.previous_denominator)  # type: ignore[arg-type]
    counted, out_of = KPI_WORDING[kpi.measure]
    counts = f"{_count(num)} {counted}, of {_count(den)} {out_of}"
    if SUPPRESSED in (num, den):
        value, rag = SUPPRESSED, SUPPRESSED
    else:
        value = percent_value(int(num), int(den)) if den else "no data"
        rag = rag_status(int(num), int(den), kpi.band) if kpi.band else None
    if SUPPRESSED in (num, den, prev_num, prev_den):
        change = "change not shown (small numbers)"
    else:
        points = points_change(ratio(int(num), int(den)), ratio(int(prev_num), int(prev_den)))
        if not prev_den:
            change = "no data in the previous period"
        elif points is None:
            change = f"previous period: {percent_value(int(prev_num), int(prev_den))}"
        else:
            before = percent_value(int(prev_num), int(prev_den))
            change = f"{points} on the previous period ({before})"
    badge = None
    if rag is not None:
        badge = _badge("c" if rag == SUPPRESSED else {NO_DATA: "no data"}.get(rag, rag))
    return {"label": kpi.measure, "value": value, "counts": counts, "rag": badge, "change": change}


def _rated_cell(row: dict[str, Any], m: TeamMeasure) -> str:
    """`66.6 % (10 of 15)`, `c` or `no data` for a team's measure."""
    return _rated(row[m.pct], row[m.numerator], row[m.denominator])


def _bars(rows: list[dict[str, Any]], m: TeamMeasure) -> list[RateBar]:
    bars = []
    for r in rows:
        status = _status(r[m.status])
        value = r[m.pct] if isinstance(r[m.pct], int | float) else None
        if status == SUPPRESSED:
            text = "c (small numbers)"
        elif value is None:
            text = LABELS[NO_DATA]
        else:
            text = f"{rag_symbol(status)} {_rated_cell(r, m)}"
        bars.append(RateBar(r["team_name"], value, text, None if status == SUPPRESSED else status))
    return bars


def _chart(rows: list[dict[str, Any]], m: TeamMeasure, t: Thresholds) -> Markup:
    return Markup(rate_bars(_bars(rows, m), getattr(t, m.band), f"{m.label} by team"))


def _trend_points(trend: Trend, shown: Shown) -> list[tuple[dt.date, float | None, str | None]]:
    points = []
    for day, n, d in zip(trend.as_of, trend.numerators, trend.denominators, strict=True):
        num, den = shown.number(n), shown.number(d)
        if SUPPRESSED in (num, den) or not den:
            points.append((day, None, None))
            continue
        points.append((day, 100 * int(num) / int(den), rag_status(int(num), int(den), trend.band)))
    return points


def _red_reasons(team: dict[str, Any], t: Thresholds) -> list[str]:
    """Each measure a team is red on, with its figures and the threshold it is below."""
    return [
        f"{m.label} {_rated_cell(team, m)}: below the amber threshold of "
        f"{100 * getattr(t, m.band).amber:g} %"
        for m in (COVERAGE, TRAINING, COMPLETENESS)
        if team[m.status] == "red"
    ]


def _freshness(ctx: ExportContext) -> list[dict[str, Any]]:
    today = ctx.generated_at.date()
    data = ctx.data_as_of
    rows = []
    for label, day in (
        ("Newest decision", data.newest_decision),
        ("Newest training record", data.newest_training),
        ("Newest policy attestation", data.newest_attestation),
    ):
        age = None if day is None else (today - day).days
        rows.append(
            {
                "label": label,
                "date": _day(day) if day else "none loaded",
                "age": "–" if age is None else f"{age:,} day{'s' if age != 1 else ''}",
                "old": age is not None and age > AGE_WARNING_DAYS,
            }
        )
    last = data.last_ingest
    rows.append(
        {
            "label": "Last data load",
            "date": f"{_day(last.date())} {last:%H:%M}" if last else "never",
            "age": "–" if last is None else f"{(today - last.date()).days:,} days",
            "old": last is not None and (today - last.date()).days > AGE_WARNING_DAYS,
        }
    )
    return rows


def board_pack_html(
    collected: Collected,
    shown: Shown,
    tables: dict[Summary, list[tuple[Any, ...]]],
    ctx: ExportContext,
) -> str:
    """The board pack as one self-contained HTML page (A4, one section per page)."""
    f = collected.f
    before = previous(f)
    before_text = f"{_day(before.period_start)} to {_day(before.period_end)}"
    teams = _records(TEAM_SUMMARY, tables[TEAM_SUMMARY])
    team_rows = [r for r in teams if r["team_id"] is not None]
    overall_counts = {
        LABELS[s]: sum(1 for r in team_rows if _status(r["overall_rag"]) == s)
        for s in ("red", "amber", "green", NO_DATA)
    }
    suppressed_overall = sum(1 for r in team_rows if r["overall_rag"] == SUPPRESSED)
    sharing = _records(SHARING_BY_MONTH, tables[SHARING_BY_MONTH])
    every_month = [r for r in sharing if r["team_id"] is None]
    courses = [
        r for r in _records(TRAINING_BY_COURSE, tables[TRAINING_BY_COURSE]) if r["team_id"] is None
    ]
    steps = [
        r for r in _records(COVERAGE_BY_STEP, tables[COVERAGE_BY_STEP]) if r["team_id"] is None
    ]
    gaps = _records(RECORD_GAPS, tables[RECORD_GAPS])
    gap_rows = [r for r in gaps if r["team_id"] is not None]
    coverage_trend, training_trend = collected.trends
    t = ctx.thresholds
    reasons = {r["team_name"]: _red_reasons(r, t) for r in team_rows}
    red = [{"team": team, "reasons": why} for team, why in reasons.items() if why]
    directorate, chosen, viewer = ctx.scope()
    if chosen != "all":
        names = dict(ctx.teams_in_scope)
        scope = "Teams: " + ", ".join(f"{names.get(x, x)}" for x in f.teams)
    elif directorate != "all":
        scope = f"Directorate: {directorate}"
    else:
        scope = "All teams" if viewer == "all teams" else "All the teams you may see"
    overdue = tables.get(OVERDUE_TRAINING)
    view = {
        "org": ctx.organisation,
        "external": ctx.external,
        "disclosure": ctx.disclosure,
        "threshold": ctx.threshold,
        "period": f"{_day(f.period_start)} to {_day(f.period_end)}",
        "as_of": _day(f.as_of),
        "before": before_text,
        "before_as_of": _day(before.as_of),
        "scope": scope,
        "teams_in_scope": len(ctx.teams_in_scope),
        "generated": f"{_day(ctx.generated_at.date())} {ctx.generated_at:%H:%M}"
        + (f" {ctx.generated_at.tzname()}" if ctx.generated_at.tzinfo else ""),
        "version": ctx.version,
        "tiles": [_kpi_tile(k, shown) for k in collected.kpis],
        "overall_counts": overall_counts,
        "suppressed_overall": suppressed_overall,
        "team_count": len(team_rows),
        "red_count": len(red),
        "glance": [
            {
                "team": r["team_name"],
                "overall": _badge(r["overall_rag"]),
                "coverage": (r[COVERAGE.status], _rated_cell(r, COVERAGE)),
                "training": (r[TRAINING.status], _rated_cell(r, TRAINING)),
                "completeness": (r[COMPLETENESS.status], _rated_cell(r, COMPLETENESS)),
                "decisions": _count(r["decisions"]),
            }
            for r in team_rows
        ],
        "coverage_chart": _chart(team_rows, COVERAGE, t),
        "coverage_trend": Markup(
            trend_line(
                _trend_points(coverage_trend, shown), t.coverage, "Policy coverage, 12 months"
            )
        ),
        "steps": [
            {
                **r,
                "coverage": _rated(r["coverage_pct"], r["in_place"], r["policies_applying"]),
                "badge": _badge(r["coverage_rag"]),
            }
            for r in steps
        ],
        "training_chart": _chart(team_rows, TRAINING, t),
        "training_trend": Markup(
            trend_line(
                _trend_points(training_trend, shown), t.training, "Training completion, 12 months"
            )
        ),
        "courses": [
            {
                **r,
                "completion": _rated(r["completion_pct"], r["staff_in_date"], r["staff_required"]),
                "badge": _badge(r["completion_rag"]),
            }
            for r in courses
        ],
        "overdue_count": None if overdue is None else len(overdue),
        "sharing_chart": Markup(
            stacked_months(
                [r["month"] for r in every_month],
                [[r["shared"], r["partially_shared"], r["not_shared"]] for r in every_month],
                [r["decisions"] for r in every_month],
                "Decisions per month, all teams in scope",
            )
        ),
        "sharing_teams": [
            {
                "team": r["team_name"],
                "decisions": _count(r["decisions"]),
                "shares": _count(r["shares"]),
                "rate": _rated(r["share_rate_pct"], r["shares"], r["decisions"]),
            }
            for r in teams
        ],
        "red": red,
        "completeness_chart": _chart(gap_rows, COMPLETENESS, t),
        "gaps": [
            {
                **{k: _count(v) for k, v in r.items()},
                "completeness": _rated(
                    r["record_completeness_pct"], r["complete_records"], r["shares"]
                ),
                "total": r["team_id"] is None,
            }
            for r in gaps
        ],
        "freshness": _freshness(ctx),
        "age_warning_days": AGE_WARNING_DAYS,
        "refused_rows": ctx.data_as_of.refused_rows,
        "rag_thresholds": rag_thresholds_text(t),
        "grace_days": ctx.grace_days,
    }
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["badge"] = _badge
    env.filters["with_symbol"] = _with_symbol
    return env.get_template("board_pack.html").render(**view)


def _footer(ctx: ExportContext) -> str:
    label = "for sharing: small numbers suppressed" if ctx.external else "INTERNAL"
    return (
        "<div style=\"font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; "
        "font-size: 8px; color: #444; width: 100%; padding: 0 14mm; display: flex; "
        'justify-content: space-between;">'
        f"<span>{Markup.escape(ctx.organisation)} · board pack · {label}</span>"
        '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span>'
        "</span></div>"
    )


def _print(html: str, footer: str) -> bytes:
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                # Everything is inline: refuse any request, so nothing leaves the machine.
                page.route("**/*", lambda route: route.abort())
                page.set_content(html, wait_until="load", timeout=RENDER_TIMEOUT_MS)
                return page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=footer,
                    margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                )
            finally:
                browser.close()
    except Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise BoardPackError(
            f"could not print the board pack with Chromium at {CHROMIUM}: {first}. Install "
            "Debian's chromium (`make chromium`)."
        ) from None


def _pdf_date(moment: dt.datetime) -> bytes:
    offset = moment.utcoffset()
    if offset is None:
        return f"D:{moment:%Y%m%d%H%M%S}".encode()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'".encode()


def pdf_bytes(html: str, ctx: ExportContext) -> bytes:
    """The HTML printed to an A4 PDF, dated generated_at (so the same pack gives the same
    bytes)."""
    # Playwright's sync API refuses to run in a thread with an event loop: use a fresh one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pdf = pool.submit(_print, html, _footer(ctx)).result()
    stamp = _pdf_date(ctx.generated_at)

    def same_length(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        new = b"/" + match.group(1) + b" (" + stamp + b")"
        # Same length keeps the cross-reference offsets right.
        return new if len(new) == len(old) else old

    return PDF_DATE.sub(same_length, pdf)
