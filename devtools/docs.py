"""README sections generated from declarations, so the docs cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

from pipelines.schema import SOURCES, TYPE_DOCS, Column

README = Path(__file__).resolve().parent.parent / "README.md"
FORMATS_START, FORMATS_END = "<!-- formats:start -->", "<!-- formats:end -->"
MEASURES_START, MEASURES_END = "<!-- measures:start -->", "<!-- measures:end -->"


def _type_text(col: Column) -> str:
    if col.type == "enum":
        return "one of " + ", ".join(f"`{v}`" for v in col.values)
    text = TYPE_DOCS[col.type]
    if col.minimum is not None and col.maximum is not None:
        text += f", {col.minimum} to {col.maximum}"
    elif col.minimum is not None:
        text += f", {col.minimum} or more"
    return text


def _notes(col: Column) -> str:
    notes = []
    if col.references:
        notes.append(f"must exist in {col.references.replace('.', ' (')})")
    if col.default is not None:
        notes.append(f"blank = `{col.default}`")
    if col.not_future:
        notes.append("not in the future")
    if col.doc:
        notes.append(col.doc)
    return "; ".join(notes)


def formats_markdown() -> str:
    """One table per source: column, required, type and notes."""
    parts = []
    for source in SOURCES:
        names = ", ".join(f"`{n}*`" for n in (source.kind, *source.aliases))
        parts.append(
            f"#### `{source.kind}`: {source.doc}\n\n"
            f"File names starting {names}. Key: {' + '.join(source.key)}.\n\n"
            "| column | required | type | notes |\n|---|---|---|---|"
        )
        for col in source.columns:
            cells = [_type_text(col), _notes(col)]
            type_text, notes = (c.replace("|", "\\|") for c in cells)
            required = "**yes**" if col.required else ""
            parts[-1] += f"\n| `{col.name}` | {required} | {type_text} | {notes} |"
        for column, _, reason in source.checks:
            parts[-1] += f"\n\nA row is refused when `{column}` {reason.split(':')[0]}."
    return "\n\n".join(parts) + "\n"


def readme_section(text: str, start: str, end: str) -> str:
    """The text between two markers in README."""
    match = re.search(re.escape(start) + r"\n(.*?)" + re.escape(end), text, re.S)
    return match.group(1) if match else ""


def generated_sections() -> dict[tuple[str, str], str]:
    """Each generated README section's markers and its text."""
    from metrics.definitions import measures_markdown

    return {
        (FORMATS_START, FORMATS_END): formats_markdown(),
        (MEASURES_START, MEASURES_END): measures_markdown(),
    }


def update_readme(path: Path = README) -> None:
    """Rewrite README's generated sections in place."""
    text = path.read_text(encoding="utf-8")
    for (start, end), body in generated_sections().items():
        body = body if body.endswith("\n") else body + "\n"
        pattern = re.escape(start) + r".*?" + re.escape(end)
        new = f"{start}\n{body}{end}"
        text = re.sub(pattern, lambda _, new=new: new, text, flags=re.S)
    path.write_text(text, encoding="utf-8")
