"""`python -m pipelines actions import|export`: actions between meetings, in and out of files.

An import is checked like any other source: every problem is one `file:line:column: reason`
line on stderr, and a file with any problem is not imported at all (exit status 1).
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sqlite3
import sys
from pathlib import Path

from appstore.actions import actions_frame
from appstore.audit import AuditEvent, record
from appstore.store import StoreError, opened
from appstore.transfer import ImportRefused
from core.settings import db_path

USAGE_ERROR, FAILED = 2, 1
SUFFIXES = (".csv", ".xlsx")


def command_line_user() -> str:
    """Who runs the command: `user@host (command line)`."""
    return f"{getpass.getuser()}@{socket.gethostname()} (command line)"


def add_actions_parser(sub: argparse._SubParsersAction) -> None:
    """The `actions` subcommand: `import FILE...` and `export --out FILE`."""
    act = sub.add_parser("actions", help="import or export the actions (CSV or XLSX)")
    verbs = act.add_subparsers(dest="verb", required=True)
    imp = verbs.add_parser("import", help="add or update actions from CSV or XLSX files")
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE", help="CSV or XLSX files")
    exp = verbs.add_parser("export", help="write every action to a CSV or XLSX file")
    exp.add_argument("--out", type=Path, required=True, help="the file to write (.csv or .xlsx)")
    for parser in (imp, exp):
        parser.add_argument("--db", type=Path, help="database file (default $COMPLIANCE_DB)")
        parser.add_argument(
            "--store", type=Path, help="app store (default $COMPLIANCE_APP_STORE or beside --db)"
        )
        parser.add_argument(
            "--organisation",
            help="with the Spark engine, this organisation of the shared store, whose own app "
            "store is used (default: the setting organisation.id)",
        )


def run_actions(args: argparse.Namespace) -> int:
    """Run `actions import` or `actions export`; the exit status."""
    import duckdb

    from cli.source import SourceError, unreadable

    db = Path(args.db or db_path())
    known: list[str] = []
    path = args.store
    try:
        # An export from a named --store needs no data; otherwise the organisation's teams and
        # its own app store come from the data the command serves.
        if args.verb == "import" or path is None:
            known, path = _teams_and_store(db, args.organisation, args.store)
        with opened(path) as store:
            if args.verb == "import":
                return _import(store, args.files, known)
            return _export(store, args.out)
    except SourceError as error:
        print(f"actions: {error}", file=sys.stderr)
        return USAGE_ERROR
    except StoreError as error:
        print(f"actions: {error}", file=sys.stderr)
        return FAILED
    except duckdb.Error as error:
        print(f"actions: {unreadable(db, error)}", file=sys.stderr)
        return FAILED
    except sqlite3.Error as error:
        print(f"actions: {path}: {error}", file=sys.stderr)
        return FAILED


def _teams_and_store(
    db: Path, organisation: str | None, store: Path | None
) -> tuple[list[str], Path]:
    """The team ids of the organisation the command serves, and its app store (store, if
    given)."""
    from cli.source import app_store_of, measures_connection
    from metrics.org import team_list

    con = measures_connection(db, organisation)
    try:
        return list(team_list(con)["team_id"]), store or app_store_of(con, db)
    finally:
        con.close()


def _import(store: sqlite3.Connection, files: list[Path], known: list[str]) -> int:
    from exports.actions import import_actions_file

    status = 0
    for file in files:
        if not file.is_file():
            print(f"{file}: no such file", file=sys.stderr)
            status = FAILED
            continue
        try:
            added, changed = import_actions_file(
                store, file, str(file), known, command_line_user(), None
            )
        except ImportRefused as refused:
            for problem in refused.problems:
                print(problem, file=sys.stderr)
            count = len(refused.problems)
            print(
                f"{file}: not imported ({count} problem{'s' if count != 1 else ''})",
                file=sys.stderr,
            )
            status = FAILED
            continue
        print(f"{file}: {added} actions added, {changed} changed")
    return status


def _export(store: sqlite3.Connection, out: Path) -> int:
    from exports.actions import actions_csv, actions_xlsx

    if out.suffix.lower() not in SUFFIXES:
        print(f"actions: --out {out}: name the file .csv or .xlsx", file=sys.stderr)
        return USAGE_ERROR
    frame = actions_frame(store)
    data = actions_xlsx(frame) if out.suffix.lower() == ".xlsx" else actions_csv(frame)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as error:
        print(f"actions: cannot write {out}: {error.strerror}", file=sys.stderr)
        return FAILED
    record(store, AuditEvent(who=command_line_user(), event="export", teams=None, file=out.name))
    print(out)
    return 0


def audit_export(path: Path, event: AuditEvent) -> None:
    """Record an export made on the command line in the app store at path; a store that cannot
    be written is a warning on stderr, never a failed export."""
    try:
        with opened(path) as store:
            record(store, event)
    except (StoreError, sqlite3.Error, OSError) as error:
        print(f"export: warning: not recorded in the audit log ({path}: {error})", file=sys.stderr)
