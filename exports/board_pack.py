"""The A4 board pack: HTML from a template, printed to PDF by headless Chromium.

Every figure comes from the export's tables after disclosure control, so the pack never shows
what the CSV files hide. The charts are the pages' own Plotly figures (presentation.charts),
drawn in the page by one inlined copy of plotly.js. The page loads nothing: styles, script and
data are in the HTML, and every request the page might make is refused.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from exports.columns import (
    ALL_TEAMS,
    COVERAGE_BY_STEP,
    OPEN_ACTIONS,
    OVERDUE_TRAINING,
    RECORD_GAPS,
    SHARING_BY_MONTH,
    TEAM_SUMMARY,
    TRAINING_BY_COURSE,
    Summary,
)
from exports.context import ExportContext, rag_thresholds_text
from exports.disclosure import NO_DECISIONS, SUPPRESSED
from exports.pack_sections import (
    actions_section,
    agreements_section,
    ten_steps,
    warnings_section,
)
from exports.summaries import Collected, Kpi, Shown, Trend
from metrics.filters import Filters, previous
from metrics.rag import AMBER, LABELS, NO_DATA, NO_DECISIONS_CELL, Thresholds, rag_status
from presentation import charts
from presentation.formatting import percent, percent_value, points_change, ratio
from presentation.palette import COLOURS

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
# A static picture: nothing to hover, zoom or click on paper, and no size taken from the window.
PLOTLY_CONFIG = {"staticPlot": True, "displayModeBar": False, "responsive": False}
# Chart heights in px (96 per inch) that keep each section on its own A4 page.
TREND_HEIGHT, MONTHS_HEIGHT = 180, 270
# Data older than this on the day of the pack is flagged, as on the Data status page.
AGE_WARNING_DAYS = 45
STATUS_WORDS = {
    "green": "green",
    "amber": "amber",
    "red": "red",
    "no data": NO_DATA,
    NO_DECISIONS: AMBER,
}
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[+-Z][0-9']*\)")
# A KPI's counts in words: `46 in place, of 50 that apply`.
KPI_WORDING = {
    "Policy coverage": ("in place", "that apply"),
    "Training completion": ("in date", "required"),
    "Share rate": ("shared", "decisions"),
    "Record completeness": ("complete", "decisions"),
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
    "decisions",
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
    if word == NO_DECISIONS:
        return NO_DECISIONS_CELL
    return f"{_symbol(_status(word))} {text}"


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


class Figures:
    """The pack's figures, each placed in the page as an empty div that the script at the end of
    the page draws with the one inlined copy of plotly.js."""

    def __init__(self) -> None:
        self.figures: dict[str, go.Figure] = {}

    def place(self, name: str, fig: go.Figure, height: int) -> Markup:
        """The div where fig is drawn, height px high and as wide as the page's text."""
        self.figures[name] = charts.for_print(fig, height)
        return Markup('<div class="chart" id="{}" role="img" aria-label="{}"></div>').format(
            name, name.replace("-", " ")
        )

    def script(self) -> Markup:
        """plotly.js, then a script drawing every figure and setting window.chartsDrawn to
        `drawn` (or to the error) when all are drawn, which _print waits for."""
        figures = {name: json.loads(fig.to_json()) for name, fig in self.figures.items()}
        # `<` escaped, so no text in a figure can close the script element.
        data = json.dumps(figures, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
        config = json.dumps(PLOTLY_CONFIG)
        return Markup(
            f"<script>{get_plotlyjs()}</script>\n<script>\nconst FIGURES = {data};\n"
            # Through a promise, so that a figure (or plotly.js) failing is reported, not hung.
            "Promise.all(Object.entries(FIGURES).map(([id, fig]) => Promise.resolve().then(\n"
            f"  () => Plotly.newPlot(id, fig.data, fig.layout, {config}))))\n"
            '  .then(() => { window.chartsDrawn = "drawn"; },\n'
            "        (error) => { window.chartsDrawn = String(error); });\n</script>"
        )


def _symbol(status: str) -> str:
    """`●`, `▲`, `■` or `○`."""
    return LABELS[status].split(" ")[0]


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


def _rate_chart(
    rows: list[dict[str, Any]], m: TeamMeasure, t: Thresholds, figures: Figures
) -> Markup:
    """A rated measure by team as bars with their figures; nothing when no team is shown."""
    if not rows:
        return Markup("")
    bars = []
    for r in rows:
        status = _status(r[m.status])
        if status == SUPPRESSED:
            text = "c (small numbers)"
        elif not isinstance(r[m.pct], int | float):
            text = LABELS[NO_DATA]
        else:
            text = f"{_symbol(status)} {_rated_cell(r, m)}"
        bars.append(
            {
                "team": r["team_name"],
                "value": r[m.pct],
                "status": None if status == SUPPRESSED else status,
                "text": text,
            }
        )
    fig = charts.rate_by_team_figure(pd.DataFrame(bars), getattr(t, m.band))
    return figures.place(f"{m.band}-by-team", fig, int(fig.layout.height))


def _trend_chart(trend: Trend, shown: Shown, name: str, figures: Figures) -> Markup:
    """A measure of all teams in scope as of each month end, each point with its RAG status."""
    rows = []
    for day, n, d in zip(trend.as_of, trend.numerators, trend.denominators, strict=True):
        num, den = shown.number(n), shown.number(d)
        if SUPPRESSED in (num, den):
            rows.append((day, None, SUPPRESSED, None))
        elif not den:
            rows.append((day, None, "no data", NO_DATA))
        else:
            num, den = int(num), int(den)
            rows.append((day, num / den, percent(num, den), rag_status(num, den, trend.band)))
    frame = pd.DataFrame(rows, columns=["as_of", "value", "shown", "status"])
    fig = charts.completion_trend_figure(frame, trend.measure, trend.band)
    # On paper every month is named short, so that twelve fit side by side unturned.
    fig.update_xaxes(ticktext=charts.trend_tick_labels(list(trend.as_of), year="%y"))
    fig.update_yaxes(title=None, dtick=25)
    fig.update_layout(showlegend=False, margin={"t": 10, "r": 80, "b": 10, "l": 10})
    return figures.place(name, fig, TREND_HEIGHT)


def _months_chart(every_month: list[dict[str, Any]], figures: Figures) -> Markup:
    """Decisions per month of all teams in scope, stacked by outcome, each month's total over
    its bar; nothing when the period has no month."""
    if not every_month:
        return Markup("")
    frame = pd.DataFrame(every_month).assign(
        team=ALL_TEAMS,
        month=[dt.date.fromisoformat(r["month"] + "-01") for r in every_month],
    )
    fig = charts.decisions_per_month_figure(frame, totals=True)
    # The section's heading names the scope: no panel title under the legend.
    fig.layout.annotations = ()
    fig.update_layout(margin={"t": 40})
    return figures.place("decisions-per-month", fig, MONTHS_HEIGHT)


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
    if ctx.scoped:
        return rows  # when data was loaded is not the viewer's teams' fact (exports/summaries)
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


def _scope(f: Filters, ctx: ExportContext) -> str:
    """Which teams the pack covers, in words."""
    directorate, chosen, viewer = ctx.scope()
    if chosen != "all":
        names = dict(ctx.teams_in_scope)
        return "Teams: " + ", ".join(f"{names.get(x, x)}" for x in f.teams)
    if directorate != "all":
        return f"Directorate: {directorate}"
    return "All teams" if viewer == "all teams" else "All the teams you may see"


def _cover(f: Filters, ctx: ExportContext) -> dict[str, Any]:
    """What the cover says: who, what, when, for whom."""
    before = previous(f)
    return {
        "org": ctx.organisation,
        "external": ctx.external,
        "disclosure": ctx.disclosure,
        "threshold": ctx.threshold,
        "period": f"{_day(f.period_start)} to {_day(f.period_end)}",
        "as_of": _day(f.as_of),
        "before": f"{_day(before.period_start)} to {_day(before.period_end)}",
        "before_as_of": _day(before.as_of),
        "scope": _scope(f, ctx),
        "teams_in_scope": len(ctx.teams_in_scope),
        "generated": f"{_day(ctx.generated_at.date())} {ctx.generated_at:%H:%M}"
        + (f" {ctx.generated_at.tzname()}" if ctx.generated_at.tzinfo else ""),
        "version": ctx.version,
        "last_load": None if ctx.scoped else _freshness(ctx)[-1]["date"],
    }


def _summary(
    collected: Collected, shown: Shown, team_rows: list[dict[str, Any]], t: Thresholds
) -> dict[str, Any]:
    """The executive summary (tiles, teams at a glance) and the teams in red, and why."""
    reasons = {r["team_name"]: _red_reasons(r, t) for r in team_rows}
    red = [{"team": team, "reasons": why} for team, why in reasons.items() if why]
    return {
        "tiles": [_kpi_tile(k, shown) for k in collected.kpis],
        "overall_counts": {
            LABELS[s]: sum(1 for r in team_rows if _status(r["overall_rag"]) == s)
            for s in ("red", "amber", "green", NO_DATA)
        },
        "suppressed_overall": sum(1 for r in team_rows if r["overall_rag"] == SUPPRESSED),
        "team_count": len(team_rows),
        "red_count": len(red),
        "red": red,
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
    }


def _coverage_and_training(
    collected: Collected,
    shown: Shown,
    tables: dict[Summary, list[tuple[Any, ...]]],
    team_rows: list[dict[str, Any]],
    ctx: ExportContext,
    figures: Figures,
) -> dict[str, Any]:
    """The policy coverage and training pages: by team, over 12 months, by step and by course."""
    t = ctx.thresholds
    coverage_trend, training_trend = collected.trends
    steps = _records(COVERAGE_BY_STEP, tables[COVERAGE_BY_STEP])
    courses = _records(TRAINING_BY_COURSE, tables[TRAINING_BY_COURSE])
    overdue = tables.get(OVERDUE_TRAINING)
    return {
        "coverage_chart": _rate_chart(team_rows, COVERAGE, t, figures),
        "coverage_trend": _trend_chart(coverage_trend, shown, "coverage-trend", figures),
        "steps": [
            {
                **r,
                "coverage": _rated(r["coverage_pct"], r["in_place"], r["policies_applying"]),
                "badge": _badge(r["coverage_rag"]),
            }
            for r in steps
            if r["team_id"] is None
        ],
        "training_chart": _rate_chart(team_rows, TRAINING, t, figures),
        "training_trend": _trend_chart(training_trend, shown, "training-trend", figures),
        "courses": [
            {
                **r,
                "completion": _rated(r["completion_pct"], r["staff_in_date"], r["staff_required"]),
                "badge": _badge(r["completion_rag"]),
            }
            for r in courses
            if r["team_id"] is None
        ],
        "overdue_count": None if overdue is None else len(overdue),
        "grace_days": ctx.grace_days,
    }


def _sharing_and_quality(
    tables: dict[Summary, list[tuple[Any, ...]]], t: Thresholds, figures: Figures
) -> dict[str, Any]:
    """The sharing and record quality pages: decisions per month, and each team's figures."""
    sharing = _records(SHARING_BY_MONTH, tables[SHARING_BY_MONTH])
    gaps = _records(RECORD_GAPS, tables[RECORD_GAPS])
    return {
        "sharing_chart": _months_chart([r for r in sharing if r["team_id"] is None], figures),
        "sharing_teams": [
            {
                "team": r["team_name"],
                "decisions": _count(r["decisions"]),
                "shares": _count(r["shares"]),
                "rate": _rated(r["share_rate_pct"], r["shares"], r["decisions"]),
            }
            for r in _records(TEAM_SUMMARY, tables[TEAM_SUMMARY])
        ],
        "completeness_chart": _rate_chart(
            [r for r in gaps if r["team_id"] is not None], COMPLETENESS, t, figures
        ),
        "gaps": [
            {
                **{k: _count(v) for k, v in r.items()},
                "completeness": _rated(
                    r["record_completeness_pct"], r["complete_records"], r["decisions"]
                ),
                "total": r["team_id"] is None,
            }
            for r in gaps
        ],
    }


def _refused_rows(ctx: ExportContext) -> str | None:
    """The refused rows as the pack states them: `1,234`, `0`, `c` when external and from 1 to
    the threshold (refused decision rows are decisions about children), or None when left out
    for a team-scoped viewer."""
    refused = ctx.data_as_of.refused_rows
    if refused is None:
        return None
    if ctx.external and 1 <= refused <= ctx.threshold:
        return SUPPRESSED
    return f"{refused:,}"


def _reading_notes(ctx: ExportContext) -> dict[str, Any]:
    """The last page: how fresh the data is, and how the figures are made."""
    return {
        "freshness": _freshness(ctx),
        "age_warning_days": AGE_WARNING_DAYS,
        "refused_rows": _refused_rows(ctx),
        "rag_thresholds": rag_thresholds_text(ctx.thresholds),
    }


def board_pack_html(
    collected: Collected,
    shown: Shown,
    tables: dict[Summary, list[tuple[Any, ...]]],
    ctx: ExportContext,
) -> str:
    """The board pack as one self-contained HTML page (A4, one section per page)."""
    teams = _records(TEAM_SUMMARY, tables[TEAM_SUMMARY])
    team_rows = [r for r in teams if r["team_id"] is not None]
    figures = Figures()
    view = {
        **_cover(collected.f, ctx),
        **_summary(collected, shown, team_rows, ctx.thresholds),
        **_coverage_and_training(collected, shown, tables, team_rows, ctx, figures),
        **_sharing_and_quality(tables, ctx.thresholds, figures),
        **ten_steps(tables, figures),
        **warnings_section(tables),
        **agreements_section(tables),
        **actions_section(collected.tables.get(OPEN_ACTIONS.name), ctx.external),
        **_reading_notes(ctx),
    }
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["badge"] = _badge
    env.filters["with_symbol"] = _with_symbol
    # The charts' script goes last: every figure's div is in the page by then.
    return env.get_template("board_pack.html").render(**view, charts_script=figures.script())


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
                # Everything is inline: refuse any request, so nothing leaves the machine, and
                # note it, since a pack that asks for anything is a bug (it would print blank).
                asked: list[str] = []
                page.route("**/*", lambda route: asked.append(route.request.url) or route.abort())
                page.set_content(html, wait_until="load", timeout=RENDER_TIMEOUT_MS)
                drawn = page.wait_for_function(
                    "() => window.chartsDrawn", timeout=RENDER_TIMEOUT_MS
                ).json_value()
                if drawn != "drawn":
                    raise BoardPackError(f"could not draw the board pack's charts: {drawn}")
                pdf = page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=footer,
                    margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                )
                if asked:
                    raise BoardPackError(
                        f"the board pack asked for {asked[0]}: it must load nothing"
                    )
                return pdf
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


def printed(html: str, footer: str) -> bytes:
    """The HTML printed to PDF by Chromium, in a thread of its own."""
    # Playwright's sync API refuses to run in a thread with an event loop: use a fresh one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print, html, footer).result()


def pdf_bytes(html: str, ctx: ExportContext) -> bytes:
    """The HTML printed to an A4 PDF, dated generated_at (so the same pack gives the same
    bytes)."""
    pdf = printed(html, _footer(ctx))
    stamp = _pdf_date(ctx.generated_at)

    def same_length(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        new = b"/" + match.group(1) + b" (" + stamp + b")"
        # Same length keeps the cross-reference offsets right.
        return new if len(new) == len(old) else old

    return PDF_DATE.sub(same_length, pdf)
