"""The columns of an early-warnings frame, shared by every source of warnings (metrics.warnings,
metrics.agreements) and by the exports that read them (exports.governance)."""

from __future__ import annotations

WARNING_COLUMNS = (
    "severity",
    "kind",
    "team_id",
    "team_name",
    "sentence",
    "page",
    "observed",
    "expected",
    "p_value",
)
