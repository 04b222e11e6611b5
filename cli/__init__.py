"""The command line at the top of the house: `python -m pipelines
generate|ingest|export|actions|publish` (also `python -m cli`).
It imports the layers it runs, and only when it runs them."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cli.actions import add_actions_parser, run_actions
from cli.export import add_export_parser, run_export
from cli.publish import add_publish_parser, run_publish
from core.settings import db_path
from pipelines.schema import KINDS


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date: write it as 2026-10-31"
        ) from None


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number above 0, e.g. 1 or 0.5")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m pipelines",
        description="Load safeguarding information-sharing records into the compliance database.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="write the demo organisation's files")
    gen.add_argument("--out", type=Path, required=True, help="folder to write into")
    gen.add_argument("--seed", type=int, default=42, help="same seed, same bytes (default 42)")
    gen.add_argument("--scale", type=_positive, default=1.0, help="multiplies the decision rows")
    gen.add_argument("--with-errors", action="store_true", help="plant a few bad rows")
    gen.add_argument("--end", type=_date, help="last day of the data (default 2026-10-31)")

    ing = sub.add_parser("ingest", help="load files or folders into the database")
    ing.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="files or folders")
    ing.add_argument("--db", type=Path, help="database file (default $COMPLIANCE_DB or data/)")
    ing.add_argument("--kind", choices=KINDS, help="kind of every file (default: from its name)")

    add_export_parser(sub)
    add_actions_parser(sub)
    add_publish_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "generate":
        from demo.generate import DEMO_END, generate

        written = generate(
            args.out,
            seed=args.seed,
            scale=args.scale,
            with_errors=args.with_errors,
            end=args.end or DEMO_END,
        )
        for path in written:
            print(path)
        return 0
    if args.command == "ingest":
        from pipelines.ingest import ingest

        return ingest(args.paths, args.db or db_path(), kind=args.kind)
    if args.command == "export":
        return run_export(args)
    if args.command == "actions":
        return run_actions(args)
    if args.command == "publish":
        return run_publish(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
