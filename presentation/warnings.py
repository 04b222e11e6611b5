"""Early warnings in words: severity in words and symbol, and a link to the page that explains
each, keeping the viewer's filters (the link's query string)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

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
