"""What an export is taken over, said once: the manifest, the workbook's cover sheet and the
board pack's cover are all written from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from exports.columns import COLUMN_GUIDE, MANIFEST_FIELDS, SUMMARIES, Summary
from exports.summaries import DataAsOf
from exports.writers import Heading
from metrics.filters import Filters, previous
from metrics.rag import Thresholds

TITLE = "Sharing information to safeguard children: governance summaries"
INTERNAL_WARNING = "INTERNAL: names staff and shows small numbers. Do not share outside {org}."
LEFT_OUT_FOR_SCOPED = (
    "left out: loads are recorded by file, not by team, so only an export of every team says "
    "when data was loaded"
)


@dataclass(frozen=True)
class ExportContext:
    """Who made an export, over what, for whom, from data how recent."""

    organisation: str
    external: bool
    threshold: int
    thresholds: Thresholds
    grace_days: int
    generated_at: dt.datetime
    version: str
    f: Filters
    teams_in_scope: list[tuple[str, str]]
    data_as_of: DataAsOf
    files: tuple[str, ...]
    # The optional sources this export could not include, in words.
    not_available: tuple[str, ...] = ()

    @property
    def scoped(self) -> bool:
        """Whether the viewer may see some teams only (facts about every load are left out)."""
        return self.f.allowed is not None

    @property
    def audience(self) -> str:
        """`external` or `internal`."""
        return "external" if self.external else "internal"

    @property
    def disclosure(self) -> str:
        """How small numbers were protected, in words."""
        if not self.external:
            return INTERNAL_WARNING.format(org=self.organisation)
        return (
            f"Counts of people and of decisions from 1 to {self.threshold} are shown as c; "
            "0 is shown as 0. Where a total is shown, further counts are suppressed (the "
            "smallest first) until no c can be worked out from the other figures. A "
            "percentage or RAG status is c when a count behind it is c. Staff-level lists are "
            "left out. Policy counts are counts of documents, not people, and are shown."
        )

    def scope(self) -> tuple[str, str, str]:
        """The directorate chosen, the teams chosen, and the teams the viewer may see."""
        f = self.f
        viewer = "all teams" if f.allowed is None else ", ".join(sorted(f.allowed)) or "none"
        return f.directorate or "all", ", ".join(f.teams) or "all", viewer


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "none loaded"


def rag_thresholds_text(t: Thresholds) -> str:
    """`policy coverage green at 100 % or more, amber at 80 % or more; ...`."""
    parts = [
        ("policy coverage", t.coverage),
        ("training completion", t.training),
        ("record completeness", t.completeness),
    ]
    return "; ".join(
        f"{name} green at {100 * b.green:g} % or more, amber at {100 * b.amber:g} % or more, "
        "red below"
        for name, b in parts
    )


def manifest_rows(ctx: ExportContext) -> list[tuple[str, str]]:
    """The manifest: one (field, value) per fact, in the order MANIFEST_FIELDS declares."""
    f, before, data = ctx.f, previous(ctx.f), ctx.data_as_of
    directorate, teams, viewer = ctx.scope()
    values = {
        "title": TITLE,
        "organisation": ctx.organisation,
        "audience": ctx.audience,
        "disclosure_control": ctx.disclosure,
        "period_start": f.period_start.isoformat(),
        "period_end": f.period_end.isoformat(),
        "as_of": f.as_of.isoformat(),
        "previous_period": f"{before.period_start.isoformat()} to "
        f"{before.period_end.isoformat()} (as of {before.as_of.isoformat()})",
        "directorate": directorate,
        "teams_chosen": teams,
        "viewer_scope": viewer,
        "teams_in_scope": ", ".join(team_id for team_id, _ in ctx.teams_in_scope) or "none",
        "newest_decision": _day(data.newest_decision),
        "newest_training": _day(data.newest_training),
        "newest_attestation": _day(data.newest_attestation),
        "last_ingest": (
            LEFT_OUT_FOR_SCOPED
            if ctx.scoped
            else data.last_ingest.strftime("%Y-%m-%d %H:%M")
            if data.last_ingest
            else "never"
        ),
        "rag_thresholds": rag_thresholds_text(ctx.thresholds),
        "training_grace_days": str(ctx.grace_days),
        "generated_at": ctx.generated_at.isoformat(timespec="seconds"),
        "tool_version": ctx.version,
        "not_available": "; ".join(ctx.not_available) or "none",
        "files": ", ".join(ctx.files),
    }
    return [(c.name, values[c.name]) for c in MANIFEST_FIELDS]


def column_guide_rows(summaries: list[Summary]) -> list[tuple[str, str, str]]:
    """(file, column, meaning) for every column of the summaries given."""
    return [(s.file_name, c.name, c.meaning) for s in summaries for c in s.columns]


def cover_rows(ctx: ExportContext, summaries: list[Summary]) -> list[tuple[str, ...]]:
    """The workbook's first sheet: the manifest, what each sheet holds, and the columns."""
    rows: list[tuple[str, ...]] = [Heading((f"{ctx.organisation}: {TITLE}",)), ()]
    rows += [(field, value) for field, value in manifest_rows(ctx)]
    rows += [(), Heading(("Sheets",)), Heading(("sheet", "title", "what it holds"))]
    rows += [(s.sheet, s.title, s.description) for s in summaries]
    rows += [(), Heading((COLUMN_GUIDE.title,)), Heading(("sheet", "column", "meaning"))]
    rows += [(s.sheet, c.name, c.meaning) for s in summaries for c in s.columns]
    return rows


def summaries_for(external: bool, absent: Collection[str] = ()) -> list[Summary]:
    """The summaries an audience may have: staff-level lists only internally, and none whose
    source is absent (named in absent)."""
    return [s for s in SUMMARIES if not (external and s.internal_only) and s.name not in absent]
