"""`python -m pipelines export`: the administrators' export, for a person or a scheduled job.

Values are checked here rather than by argparse so that every mistake is one line on stderr
and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from core.settings import db_path, load_settings
from exports.columns import FORMATS
from metrics.filters import DEFAULT_PRESET, PRESETS, Filters, preset_period

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


def period_of(text: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The period `--period` stands for: a preset or FROM..TO."""
    if RANGE_SEPARATOR in text:
        start_text, end_text = text.split(RANGE_SEPARATOR, 1)
        start, end = _date(start_text, "--period start"), _date(end_text, "--period end")
        if start > end:
            raise ExportArgumentError(f"--period {text} starts after it ends")
        if end > today:
            raise ExportArgumentError(f"--period {text} ends after today ({today})")
        return start, end
    if text not in PRESETS or text == "custom":
        presets = ", ".join(p for p in PRESETS if p != "custom")
        raise ExportArgumentError(
            f"--period '{text}' is not one of {presets} or a range FROM..TO like "
            "2025-04-01..2026-03-31"
        )
    return preset_period(text, today)


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


def filters_of(args: argparse.Namespace, teams: list[tuple[str, str]], today: dt.date) -> Filters:
    """The Filters the options stand for, checked against the teams in the database.

    teams are (team_id, directorate) pairs. Administrators see every team: no `allowed`.
    """
    start, end = period_of(args.period, today)
    as_of = _date(args.as_of, "--as-of") if args.as_of else end
    if as_of > today:
        raise ExportArgumentError(f"--as-of {as_of} is after today ({today})")
    directorates = sorted({d for _, d in teams})
    directorate = args.directorate.strip() if args.directorate else None
    if directorate is not None and directorate not in directorates:
        raise ExportArgumentError(
            f"--directorate '{directorate}' is not a directorate in the database: use one of "
            + ", ".join(directorates)
        )
    chosen = tuple(t.strip() for t in (args.teams or "").split(",") if t.strip())
    known = {t for t, d in teams if directorate is None or d == directorate}
    unknown = [t for t in chosen if t not in known]
    if unknown:
        where = f" in {directorate}" if directorate else ""
        raise ExportArgumentError(
            f"--teams: no team{where} with id {', '.join(unknown)}; known ids: "
            + ", ".join(sorted(known))
        )
    return Filters(
        period_start=start,
        period_end=end,
        as_of=as_of,
        directorate=directorate,
        teams=chosen,
    )


def run_export(args: argparse.Namespace, today: dt.date | None = None) -> int:
    """Write the export into --out; the exit status."""
    import duckdb

    from exports.board_pack import BoardPackError
    from exports.build import build_export
    from metrics.org import team_list
    from pipelines.store import connect_readonly

    today = today or dt.date.today()
    db = args.db or db_path()
    try:
        formats = formats_of(args.format)
        generated_at = generated_at_of(args.generated_at)
        if not Path(db).exists():
            raise ExportArgumentError(f"{db}: no such database (load data with `ingest` first)")
        con = connect_readonly(Path(db))
        try:
            teams = team_list(con)
            pairs = list(zip(teams["team_id"], teams["directorate"], strict=True))
            f = filters_of(args, pairs, today)
            files = build_export(
                con,
                f,
                external=args.external,
                formats=formats,
                generated_at=generated_at,
                settings=load_settings(),
            )
        finally:
            con.close()
    except ExportArgumentError as error:
        print(f"export: {error}", file=sys.stderr)
        return USAGE_ERROR
    except duckdb.Error as error:
        first = str(error).strip().splitlines()[0]
        print(f"export: cannot read the database {db}: {first}", file=sys.stderr)
        return FAILED
    except (BoardPackError, ValueError) as error:
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
    return 0
