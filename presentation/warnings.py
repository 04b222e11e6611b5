"""Early warnings in words: severity in words and symbol, and a link to the page that explains
each, keeping the viewer's filters (the link's query string)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from metrics.warnings import KIND_ORDER

# Severity in words and a symbol, so it is never told by colour alone (the RAG symbols' shapes).
SEVERITY_LABELS = {"high": "■ High", "medium": "▲ Medium"}
# The title of each page a warning can point to, by url path.
PAGE_TITLES = {
    "overview": "Overview",
    "ico-steps": "ICO ten steps",
    "coverage": "Policy coverage",
    "training": "Training",
    "sharing": "Sharing",
    "register": "Agreements register",
    "status": "Data status",
}
# What each kind of warning is about, in a few words, for the summary of a long list; in
# metrics.warnings.KIND_ORDER.
KIND_LABELS = {
    "sharing_falling": "sharing falling",
    "not_shared_rising": "refusals rising",
    "untrained_volume": "many decisions, decision makers' training below the threshold",
    "lapsed_training": "decisions by staff whose training had lapsed",
    "emergency_unrecorded": "emergencies not recorded in time",
    "emergency_unreviewed": "emergencies not reviewed",
    "emergency_no_policy": "emergencies without the emergency policy in place",
    "records_slipping": "record keeping slipping",
    "agreement_not_in_force": "routine shares under an agreement not in force",
    "agreement_past_review": "routine shares under an agreement past review",
    "no_agreement": "routine shares to a partner with no agreement",
}
# Mid-line, these are the characters Streamlit's markdown would read as markup (a sentence never
# starts a line, so list and heading marks at a line's start cannot arise).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$~|])")


def escape_markdown(text: str) -> str:
    """text shown literally in Streamlit markdown (a team called `*Front* [door]` included)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def warning_markdown(row: Mapping[str, object], query: str) -> str:
    """One warning as a markdown list item: severity, sentence, link to its page."""
    page = str(row["page"])
    link = f"{page}?{query}" if query else page
    return (
        f"- **{SEVERITY_LABELS[str(row['severity'])]}** · {escape_markdown(str(row['sentence']))} "
        f"[See {PAGE_TITLES.get(page, page)}]({link})"
    )


def warnings_markdown(warnings: pd.DataFrame, query: str) -> str:
    """Every warning, one list item each, in the frame's order."""
    return "\n".join(warning_markdown(row, query) for row in warnings.to_dict("records"))


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def warnings_summary(warnings: pd.DataFrame) -> str:
    """A long list in one line: how many warnings, for how many teams, how many high, and how
    many teams each kind concerns, in metrics.warnings' order of kinds (the sharing itself
    first; the organisation counts as a team)."""
    teams = warnings["team_id"].fillna("").nunique()
    high = int((warnings["severity"] == "high").sum())
    kinds = warnings.groupby("kind", sort=False)["team_id"].agg(lambda t: t.fillna("").nunique())
    kinds = kinds.sort_index(key=lambda k: k.map(lambda kind: _kind_rank(str(kind))))
    parts = [f"{KIND_LABELS.get(str(kind), str(kind))} {n:,}" for kind, n in kinds.items()]
    return (
        f"**{len(warnings):,} warnings for {teams:,} team{'s' if teams != 1 else ''}, {high:,} "
        f"high.** Teams by kind: {' · '.join(parts)}."
    )


def checks_sentence(recent_label: str, settings: Mapping[str, object]) -> str:
    """What the early warnings check, so that none found never reads as "all is well"."""
    return (
        f"Checked for each team in scope: decisions in {recent_label} against its previous 12 "
        f"months (a fall, and a rise in refusals); decisions made while its decision makers' "
        f"training was below {float(settings['decision_maker_training']):.0%} or had lapsed on "
        f"the day; emergency decisions not recorded within {settings['emergency_record_days']} "
        f"days, not reviewed within {settings['emergency_review_days']} days, or made without "
        "the step-9 policy in place; and record completeness against the previous period."
    )
