"""`python -m pipelines export`: the administrators' export, for a person or a scheduled job.

Values are checked here rather than by argparse so that every mistake is one line on stderr
and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path

from core.settings import db_path, load_settings
from exports.columns import FORMATS
from metrics.filters import DEFAULT_PRESET, PRESETS, Filters, Problem, filters_from_choices

USAGE_ERROR, FAILED = 2, 1
RANGE_SEPARATOR = ".."


class ExportArgumentError(ValueError):
    """A value on the command line that cannot be used; the message says what to write."""


def add_export_parser(sub: argparse._SubParsersAction) -> None:
    """The `export` subcommand and its options."""
    presets = ", ".join(p for p in PRESETS if p != "custom")
    exp = sub.add_parser("export", help="write the governance summaries (CSV, XLSX, PDF)")
    exp.add_argument("--db", type=Path, help="database file (default $COMPLIANCE_DB or data/)")
    exp.add_argument("--out", type=Path, required=True, help="folder to write the files into")
    exp.add_argument(
        "--period",
        default=DEFAULT_PRESET,
        help=f"{presets} (as on the dashboard, ending no later than today) or FROM..TO, e.g. "
        f"2025-04-01..2026-03-31 (default {DEFAULT_PRESET})",
    )
    exp.add_argument("--as-of", help="date for policy coverage and training (default: period end)")
    exp.add_argument("--directorate", help="only this directorate's teams")
    exp.add_argument("--teams", help="only these team ids, comma-separated, e.g. MASH,CP-N")
    exp.add_argument(
        "--organisation",
        help="with the Spark engine, this organisation of the shared store (default: the "
        "setting organisation.id)",
    )
    exp.add_argument(
        "--external",
        action="store_true",
        help="for use outside the organisation: suppress small numbers, leave out staff lists",
    )
    exp.add_argument(
        "--format", default=",".join(FORMATS), help=f"comma-separated: {', '.join(FORMATS)}"
    )
    exp.add_argument(
        "--generated-at",
        help="the time to stamp the files with, ISO (default now): the same time and data "
        "give the same bytes",
    )


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ExportArgumentError(
            f"{option} '{text}' is not a date: write it as 2026-03-31"
        ) from None


def _period_choice(text: str) -> tuple[str, tuple[dt.date, dt.date] | None]:
    """The preset `--period` names, or `custom` and the range FROM..TO it gives."""
    if RANGE_SEPARATOR not in text:
        return text, None
    start_text, end_text = text.split(RANGE_SEPARATOR, 1)
    return "custom", (_date(start_text, "--period start"), _date(end_text, "--period end"))


def _refusal(
    problem: Problem, period: str, today: dt.date, f: Filters, known_teams: Mapping[str, str]
) -> str:
    """A problem with the options, put to the person who typed them (period: `--period`)."""
    if problem.choice == "period" and problem.reason == "reversed":
        return f"--period {period} starts after it ends"
    if problem.choice == "period" and problem.reason == "future":
        return f"--period {period} ends after today ({today})"
    if problem.choice == "period":  # unknown, or `custom` without a range
        presets = ", ".join(p for p in PRESETS if p != "custom")
        return (
            f"--period '{period}' is not one of {presets} or a range FROM..TO like "
            "2025-04-01..2026-03-31"
        )
    if problem.choice == "as_of":
        return f"--as-of {problem.value} is after today ({today})"
    if problem.choice == "directorate":
        return (
            f"--directorate '{problem.value}' is not a directorate in the database: use one of "
            + ", ".join(sorted(set(known_teams.values())))
        )
    where = f" in {f.directorate}" if f.directorate else ""
    known = sorted(t for t, d in known_teams.items() if f.directorate in (None, d))
    return f"--teams: no team{where} with id {problem.value}; known ids: " + ", ".join(known)


def period_of(text: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The period `--period` stands for: a preset or FROM..TO."""
    preset, custom = _period_choice(text)
    _, f, problems = filters_from_choices(preset=preset, today=today, custom=custom)
    if problems:
        raise ExportArgumentError(_refusal(problems[0], text, today, f, {}))
    return f.period_start, f.period_end


def formats_of(text: str) -> set[str]:
    """The formats `--format` asks for."""
    chosen = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(chosen - set(FORMATS))
    if unknown or not chosen:
        raise ExportArgumentError(
            f"--format '{text}': use one or more of {', '.join(FORMATS)}, comma-separated"
        )
    return chosen


def generated_at_of(text: str | None) -> dt.datetime:
    """`--generated-at`, or now, as an aware time."""
    if text is None:
        return dt.datetime.now().astimezone().replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ExportArgumentError(
            f"--generated-at '{text}' is not a time: write it as 2026-11-26T09:30:00+00:00"
        ) from None
    return moment if moment.tzinfo else moment.astimezone()


def filters_of(args: argparse.Namespace, known_teams: Mapping[str, str], today: dt.date) -> Filters:
    """The Filters the options stand for, checked against the teams in the database.

    known_teams maps team id to directorate. Administrators see every team: no `allowed`.
    """
    preset, custom = _period_choice(args.period)
    try:
        as_of = _date(args.as_of, "--as-of") if args.as_of else None
    except ExportArgumentError:
        period_of(args.period, today)  # options are checked in order: --period's mistakes first
        raise
    _, f, problems = filters_from_choices(
        preset=preset,
        today=today,
        custom=custom,
        as_of=as_of,
        directorate=args.directorate.strip() if args.directorate else None,
        teams=[t.strip() for t in (args.teams or "").split(",") if t.strip()],
        known_teams=known_teams,
    )
    if problems:
        # One line for the first mistake, as for every other option.
        raise ExportArgumentError(_refusal(problems[0], args.period, today, f, known_teams))
    return f


def run_export(args: argparse.Namespace, today: dt.date | None = None) -> int:
    """Write the export into --out; the exit status."""
    import duckdb

    from appstore.store import StoreError
    from cli.source import SourceError, app_store_of, measures_connection, unreadable
    from exports.board_pack import BoardPackError
    from exports.build import build_export
    from exports.sources import governance_sources
    from metrics.org import team_list

    today = today or dt.date.today()
    db = args.db or db_path()
    try:
        formats = formats_of(args.format)
        generated_at = generated_at_of(args.generated_at)
        con = measures_connection(Path(db), args.organisation)
        try:
            store = app_store_of(con, Path(db))
            teams = team_list(con)
            known = dict(zip(teams["team_id"], teams["directorate"], strict=True))
            f = filters_of(args, known, today)
            settings = load_settings()
            files = build_export(
                con,
                f,
                external=args.external,
                formats=formats,
                generated_at=generated_at,
                settings=settings,
                governance=governance_sources(con, f, settings, store, generated_at.date()),
            )
        finally:
            con.close()
    except (ExportArgumentError, SourceError) as error:
        print(f"export: {error}", file=sys.stderr)
        return USAGE_ERROR
    except duckdb.Error as error:
        print(f"export: {unreadable(db, error)}", file=sys.stderr)
        return FAILED
    except (BoardPackError, StoreError, ValueError) as error:
        print(f"export: {error}", file=sys.stderr)
        return FAILED
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            path = args.out / name
            path.write_bytes(data)
            print(path)
    except OSError as error:
        print(f"export: cannot write into {args.out}: {error.strerror}", file=sys.stderr)
        return FAILED
    _audit(store, f, list(files))
    return 0


def _audit(store: Path, f: Filters, names: list[str]) -> None:
    """One audit event per file written, with the export's filter scope."""
    from appstore.audit import AuditEvent
    from cli.actions import audit_export, command_line_user

    for name in names:
        event = AuditEvent(
            who=command_line_user(),
            event="export",
            teams=f.teams or None,
            page="export",
            file=name,
            period_start=f.period_start,
            period_end=f.period_end,
            as_of=f.as_of,
            directorate=f.directorate,
        )
        audit_export(store, event)
