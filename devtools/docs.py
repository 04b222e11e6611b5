"""The generated parts of docs/: one generator (`make docs`) and one test keep them true.

Each generated section sits in a docs page between `<!-- NAME:start -->` and `<!-- NAME:end -->`
and is rendered from the declaration that the code itself runs on: measures from
metrics/definitions.py, input formats from pipelines/schema.py, export columns from
exports/columns.py. Everything outside the markers is written by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from exports.columns import columns_markdown
from metrics.definitions import measures_markdown
from pipelines.schema import SOURCES, TYPE_DOCS, Column

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"


@dataclass(frozen=True)
class Section:
    """A generated section: the page it lives in, its marker name and what renders it."""

    page: str
    name: str
    render: Callable[[], str]

    @property
    def start(self) -> str:
        """`<!-- measures:start -->`."""
        return f"<!-- {self.name}:start -->"

    @property
    def end(self) -> str:
        """`<!-- measures:end -->`."""
        return f"<!-- {self.name}:end -->"


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
            f"### `{source.kind}`: {source.doc}\n\n"
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


SECTIONS: tuple[Section, ...] = (
    Section("measures.md", "measures", measures_markdown),
    Section("input-formats.md", "formats", formats_markdown),
    Section("exports.md", "export-columns", columns_markdown),
)


def rendered(section: Section) -> str:
    """What the generator writes between a section's markers now, ending in a newline."""
    body = section.render()
    return body if body.endswith("\n") else body + "\n"


def section_on_disk(text: str, section: Section) -> str | None:
    """The text between a section's markers in a page, or None when a marker is missing."""
    match = re.search(re.escape(section.start) + r"\n(.*?)" + re.escape(section.end), text, re.S)
    return match.group(1) if match else None


def stale_sections(docs: Path = DOCS) -> list[str]:
    """`page: name` for every generated section that differs from what the code renders now."""
    stale = []
    for section in SECTIONS:
        path = docs / section.page
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if section_on_disk(text, section) != rendered(section):
            stale.append(f"docs/{section.page}: {section.name}")
    return stale


def write_docs(docs: Path = DOCS) -> list[Path]:
    """Rewrite every generated section in place; the pages written."""
    written = []
    for section in SECTIONS:
        path = docs / section.page
        text = path.read_text(encoding="utf-8")
        if section_on_disk(text, section) is None:
            raise ValueError(
                f"{path}: the markers {section.start} and {section.end} are missing; put them "
                "back (on lines of their own) where the generated text belongs"
            )
        new = f"{section.start}\n{rendered(section)}{section.end}"
        pattern = re.escape(section.start) + r"\n.*?" + re.escape(section.end)
        # A function, not a string, as the replacement: the body's backslashes stay as they are.
        text = re.sub(pattern, lambda _, new=new: new, text, count=1, flags=re.S)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for page in write_docs():
        print(page.relative_to(ROOT))
