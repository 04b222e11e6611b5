"""The one function that makes an export: file name -> bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

import duckdb

from core.settings import __version__
from exports.board_pack import board_pack_html, pdf_bytes
from exports.columns import COLUMN_GUIDE, FORMATS, MANIFEST
from exports.context import (
    TITLE,
    ExportContext,
    column_guide_rows,
    cover_rows,
    manifest_rows,
    summaries_for,
)
from exports.governance import SOURCES, Governance
from exports.summaries import collect, shown_tables
from exports.writers import table_rows, xlsx_bytes, zip_bytes
from metrics.filters import Filters
from metrics.org import organisation_name
from metrics.rag import thresholds_from_settings
from presentation.tables import csv_bytes

__all__ = ["FORMATS", "Governance", "build_export", "bundle_name", "export_zip", "file_names"]


def file_names(
    external: bool, formats: Collection[str], absent: Collection[str] = ()
) -> tuple[str, ...]:
    """The files an export holds, in order: the manifest always, then each format's (no file
    for a source named in absent)."""
    names = [MANIFEST.file_name]
    if "csv" in formats:
        summaries = summaries_for(external, absent)
        names += [COLUMN_GUIDE.file_name, *(s.file_name for s in summaries)]
    audience = "external" if external else "internal"
    if "xlsx" in formats:
        names.append(f"governance_summaries_{audience}.xlsx")
    if "pdf" in formats:
        names.append(f"board_pack_{audience}.pdf")
    return tuple(names)


def bundle_name(f: Filters, external: bool) -> str:
    """The zip's name: `governance_export_external_2025-07-01_to_2026-06-30.zip` (with the
    organisation's id first, `governance_export_register_external_...`, when one of a shared
    store's several was chosen)."""
    audience = "external" if external else "internal"
    who = f"{f.organisation}_" if f.organisation else ""
    return f"governance_export_{who}{audience}_{f.period_start}_to_{f.period_end}.zip"


def build_export(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    *,
    external: bool,
    formats: Collection[str],
    generated_at: dt.datetime,
    settings: dict[str, dict[str, Any]],
    governance: Governance | None = None,
) -> dict[str, bytes]:
    """The export of f (its `allowed` teams only) as file name -> bytes; disclosure control
    when external. governance: the optional sources (warnings, agreements past review,
    actions); those not given are named as not available. Same arguments, same bytes
    (Chromium's version aside, for the PDF)."""
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        raise ValueError(
            f"unknown export format {', '.join(unknown) or '(none)'}: use {', '.join(FORMATS)}"
        )
    thresholds = thresholds_from_settings(settings["rag"])
    grace_days = int(settings["training"]["grace_days"])
    threshold = int(settings["privacy"]["suppression_threshold"])
    collected = collect(con, f, thresholds, grace_days, governance)
    shown, tables = shown_tables(collected, external, threshold)
    names = file_names(external, formats, collected.absent)
    ctx = ExportContext(
        organisation=organisation_name(con, str(settings["organisation"]["name"])),
        external=external,
        threshold=threshold,
        thresholds=thresholds,
        grace_days=grace_days,
        generated_at=generated_at,
        version=__version__,
        f=f,
        teams_in_scope=collected.teams_in_scope,
        data_as_of=collected.data_as_of,
        files=names,
        not_available=tuple(SOURCES[name] for name in collected.absent),
    )
    summaries = summaries_for(external, collected.absent)
    files = {MANIFEST.file_name: csv_bytes(MANIFEST.column_names, manifest_rows(ctx))}
    if "csv" in formats:
        files[COLUMN_GUIDE.file_name] = csv_bytes(
            COLUMN_GUIDE.column_names, column_guide_rows(summaries)
        )
        for summary in summaries:
            files[summary.file_name] = csv_bytes(summary.column_names, table_rows(tables[summary]))
    for name in names:
        if name.endswith(".xlsx"):
            files[name] = xlsx_bytes(
                cover_rows(ctx, summaries), tables, generated_at, f"{ctx.organisation}: {TITLE}"
            )
        elif name.endswith(".pdf"):
            files[name] = pdf_bytes(board_pack_html(collected, shown, tables, ctx), ctx)
    return {name: files[name] for name in names}


def export_zip(files: dict[str, bytes], generated_at: dt.datetime) -> bytes:
    """Every file of an export in one zip, dated generated_at."""
    return zip_bytes(files, generated_at)
