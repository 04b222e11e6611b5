"""`python -m pipelines publish`: the validated tables as a partitioned Parquet store, for a
shared store that Spark reads (pipelines/publish.py). Every mistake is one line on stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.settings import db_path, load_settings

USAGE_ERROR, FAILED = 2, 1


def add_publish_parser(sub: argparse._SubParsersAction) -> None:
    """The `publish` subcommand and its options."""
    pub = sub.add_parser("publish", help="write the tables as a Parquet store (for Spark)")
    pub.add_argument("--db", type=Path, help="database file (default $COMPLIANCE_DB or data/)")
    pub.add_argument("--out", type=Path, required=True, help="the store's folder")
    pub.add_argument(
        "--organisation",
        help="this organisation's id in the store (default: the setting organisation.id)",
    )


def run_publish(args: argparse.Namespace) -> int:
    """Publish; print one line per table and the manifest's place; the exit status."""
    import duckdb

    from pipelines.publish import MANIFEST, PublishError, publish

    try:
        settings = load_settings()["organisation"]
        organisation = args.organisation or settings["id"]
        manifest = publish(args.db or db_path(), args.out, organisation, settings["name"])
    except (PublishError, ValueError) as error:
        print(f"publish: {error}", file=sys.stderr)
        return USAGE_ERROR
    except (duckdb.Error, OSError) as error:
        print(f"publish: {args.out}: {error}", file=sys.stderr)
        return FAILED
    for table, info in manifest["tables"].items():
        print(f"{table}: {info['rows']} rows in {len(info['files'])} files")
    print(f"{args.out / MANIFEST}: published {manifest['published_at']}")
    return 0
