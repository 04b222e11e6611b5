"""Red / amber / green statuses: thresholds from settings, and never shown by colour alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

GREEN, AMBER, RED, NO_DATA = "green", "amber", "red", "no_data"
# Worst first: a team's overall status is the worst of its measures'.
SEVERITY = (RED, AMBER, GREEN)
LABELS = {GREEN: "● Green", AMBER: "▲ Amber", RED: "■ Red", NO_DATA: "○ No data"}
# A team with staff who decide, in post in the period, and no decision logged in it: silence is
# not compliance, and not "no data" either. Shown amber, with these words.
NO_DECISIONS_LOGGED = "No decisions logged"
NO_DECISIONS_CELL = f"▲ {NO_DECISIONS_LOGGED}"
# Float ratios such as 57/60 may land a hair under the threshold they equal.
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Band:
    """The lowest value that is green, and the lowest that is amber."""

    green: float
    amber: float


@dataclass(frozen=True)
class Thresholds:
    """RAG bands for the measures that have one."""

    training: Band
    coverage: Band
    completeness: Band


def thresholds_from_settings(rag: dict[str, Any]) -> Thresholds:
    """The bands from the `[rag]` settings section."""
    return Thresholds(
        training=Band(float(rag["training_green"]), float(rag["training_amber"])),
        coverage=Band(float(rag["coverage_green"]), float(rag["coverage_amber"])),
        completeness=Band(float(rag["completeness_green"]), float(rag["completeness_amber"])),
    )


def rag_status(numerator: int, denominator: int, band: Band) -> str:
    """green / amber / red for numerator/denominator, or no_data when nothing is counted."""
    if denominator == 0:
        return NO_DATA
    value = numerator / denominator
    if value >= band.green - TOLERANCE:
        return GREEN
    if value >= band.amber - TOLERANCE:
        return AMBER
    return RED


def decisions_status(complete: int, decisions: int, decision_makers: int, band: Band) -> str:
    """Record completeness's status: amber when decision makers in post logged no decision in
    the period, otherwise rag_status(complete, decisions)."""
    if decisions == 0 and decision_makers > 0:
        return AMBER
    return rag_status(complete, decisions, band)


def no_decisions_logged(decisions: int, decision_makers: int) -> bool:
    """Whether a team with decision makers in post logged no decision in the period."""
    return decisions == 0 and decision_makers > 0


def worst(statuses: list[str]) -> str:
    """The worst status; measures with no data are left out, and none at all is no_data."""
    for status in SEVERITY:
        if status in statuses:
            return status
    return NO_DATA
