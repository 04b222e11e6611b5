"""Publish a validated database as a Parquet store that Spark (or DuckDB) reads.

Each table is written with DuckDB's COPY ... (FORMAT parquet, PARTITION_BY ...), under
`<table>/organisation=<id>/` (decisions also under `decided_month=YYYY-MM/`), one file per
partition. The rows are sorted and written by one thread, so the same database gives the same
bytes. The files are written to a staging folder first; a partition is replaced only when its
bytes differ, and a partition of this organisation the database no longer has is removed, so
re-publishing the same database changes nothing and a newer one replaces exactly the partitions
that changed. Other organisations' partitions in a shared store are never touched.

`manifest.json` lists every file with its sha256 and rows, each table's columns and partition
columns, the store's schema version and when it last changed. Left out: the child pseudonym
(no measure reads it: data minimisation, UK GDPR Art 5(1)(c)) and the load log's file paths.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

import duckdb

from core.settings import ORGANISATION_ID
from pipelines.rollups import ROLLUP_TABLES
from pipelines.schema import SOURCES
from pipelines.store import connect_readonly

STORE_SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
ORGANISATION = "organisation"
DECISION_MONTH = "decided_month"
# The data tables, the load log (the exports' "data as of" and the Data status page), and the
# rollups of the decision log the metric SQL reads (built at every load, published as they are).
TABLES = (*(s.kind for s in SOURCES), "ingest_runs", "rejected_rows", *ROLLUP_TABLES)
LEFT_OUT = {"decisions": ("child_pseudonym",), "ingest_runs": ("path",)}


class PublishError(ValueError):
    """Something the person publishing can fix; the message says what."""


def check_organisation(organisation: str) -> str:
    """The organisation id, if usable as a folder name in a shared store."""
    if not ORGANISATION_ID.match(organisation or ""):
        raise PublishError(
            f"organisation id {organisation!r} is not usable: give a short code of lower-case "
            "letters, digits and hyphens, e.g. northbridge (the setting organisation.id, or "
            "--organisation)"
        )
    return organisation


def partition_columns(table: str) -> list[str]:
    """The columns a table's files are partitioned by in the store."""
    return [ORGANISATION, DECISION_MONTH] if table == "decisions" else [ORGANISATION]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[list[str]]:
    """[name, DuckDB type] of each column a table publishes, partition columns last."""
    described = con.execute(f"describe {table}").fetchall()
    kept = [
        [name, str(type_)] for name, type_, *_ in described if name not in LEFT_OUT.get(table, ())
    ]
    extra = [[c, "VARCHAR"] for c in partition_columns(table)]
    return kept + extra


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _copy_table(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[list[str]], to: Path
) -> int:
    """Write one table into to/<table>/; its row count."""
    names = [name for name, _ in columns if name not in partition_columns(table)]
    select = ", ".join(f'"{n}"' for n in names)
    month = ", strftime(decided_at, '%Y-%m') as decided_month" if table == "decisions" else ""
    rows = con.execute(f"select count(*) from {table}").fetchone()[0]
    if rows:
        parts = ", ".join(partition_columns(table))
        con.execute(
            f"copy (select {select}, getvariable('organisation') as organisation{month} "
            f"from {table} order by all) to {_quoted(to / table)} "
            f"(format parquet, partition_by ({parts}))"
        )
    return int(rows)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_staging(db: Path, staging: Path, organisation: str) -> dict[str, Any]:
    """Write every table into staging; each table's columns and rows."""
    tables: dict[str, Any] = {}
    with closing(connect_readonly(db)) as con:
        # One thread: one file per partition, rows in the sorted order, the same bytes each time.
        con.execute("set threads = 1")
        con.execute("set variable organisation = ?", [organisation])
        present = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        for table in TABLES:
            if table not in present:
                continue
            columns = table_columns(con, table)
            tables[table] = {"columns": columns, "rows": _copy_table(con, table, columns, staging)}
    return tables


def _org_files(root: Path, organisation: str) -> dict[str, Path]:
    """The store's Parquet files of one organisation, by path relative to root."""
    found = {p.relative_to(root).as_posix(): p for p in root.glob(f"*/{ORGANISATION}=*/**/*")}
    mine = f"/{ORGANISATION}={organisation}/"
    return {rel: p for rel, p in found.items() if mine in rel and p.suffix == ".parquet"}


def _swap_in(staging: Path, out: Path, organisation: str) -> dict[str, str]:
    """Move staged files whose bytes differ into out; remove this organisation's files the
    database no longer has. The sha256 of every file of this organisation now in out."""
    staged = _org_files(staging, organisation)
    current = _org_files(out, organisation)
    hashes = {}
    for rel, path in sorted(staged.items()):
        hashes[rel] = _sha256(path)
        target = out / rel
        if rel in current and _sha256(target) == hashes[rel]:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    for rel in sorted(current.keys() - staged.keys()):
        current[rel].unlink()
        _remove_empty_dirs(current[rel].parent, out)
    return hashes


def _remove_empty_dirs(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The store's manifest, or None for a new store."""
    path = out / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _file_rows(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    query = f"select sum(num_rows) from parquet_file_metadata({_quoted(path)})"
    return int(con.execute(query).fetchone()[0])


def _manifest(
    old: dict[str, Any] | None,
    out: Path,
    organisation: str,
    tables: dict[str, Any],
    hashes: dict[str, str],
) -> dict[str, Any]:
    """The manifest after this publish, without published_at: this organisation's files
    replaced, other organisations' kept."""
    entries = dict((old or {}).get("tables", {}))
    with closing(duckdb.connect()) as con:
        for table, info in tables.items():
            prefix = f"{table}/{ORGANISATION}={organisation}/"
            files = entries.get(table, {}).get("files", {})
            files = {r: v for r, v in files.items() if not r.startswith(prefix)}
            for rel in sorted(r for r in hashes if r.startswith(prefix)):
                files[rel] = {"sha256": hashes[rel], "rows": _file_rows(con, out / rel)}
            entries[table] = {
                "columns": info["columns"],
                "partition_by": partition_columns(table),
                "rows": sum(f["rows"] for f in files.values()),
                "files": dict(sorted(files.items())),
            }
    return {"schema_version": STORE_SCHEMA_VERSION, "tables": dict(sorted(entries.items()))}


def _check_owner(old: dict[str, Any] | None, organisation: str, name: str) -> None:
    """Refuse an id a shared store already holds for another organisation's name."""
    owner = (old or {}).get("organisations", {}).get(organisation)
    if owner is not None and owner != name:
        raise PublishError(
            f"the store already holds organisation id {organisation!r} for {owner!r}, not "
            f"{name!r}: give this organisation its own id (the setting organisation.id)"
        )


def publish(
    db: Path, out: Path, organisation: str, name: str, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Publish db's tables into the store at out as organisation (id) called name; the
    manifest. It is rewritten (with published_at) only when a file, a table's columns or an
    organisation changed."""
    check_organisation(organisation)
    if not db.is_file():
        raise PublishError(f"{db}: no database there: load files with `ingest` first, or give --db")
    out.mkdir(parents=True, exist_ok=True)
    old = read_manifest(out)
    _check_owner(old, organisation, name)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        tables = _write_staging(db, staging, organisation)
        hashes = _swap_in(staging, out, organisation)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    manifest = _manifest(old, out, organisation, tables, hashes)
    owners = dict((old or {}).get("organisations", {})) | {organisation: name}
    manifest["organisations"] = dict(sorted(owners.items()))
    if old is not None and {k: v for k, v in old.items() if k != "published_at"} == manifest:
        return old
    when = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    manifest = {"published_at": when, **manifest}
    written = out / f".{MANIFEST}.writing"
    written.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(written, out / MANIFEST)
    return manifest
