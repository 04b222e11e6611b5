"""The docs stay true to the code: generated sections, settings and links (devtools/docs.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from core.settings import DEFAULTS, load_settings
from devtools.docs import DOCS, README, ROOT, SECTIONS, stale_sections, write_docs

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_every_generated_section_matches_the_code() -> None:
    assert stale_sections() == [], "generated docs are out of date: run `make docs`"


def test_write_docs_rewrites_only_between_the_markers(tmp_path: Path) -> None:
    for section in SECTIONS:
        shutil.copyfile(DOCS / section.page, tmp_path / section.page)
    page = tmp_path / "measures.md"
    page.write_text(
        "# Measures\n\nBy hand.\n\n<!-- measures:start -->\n| old |\n<!-- measures:end -->\n"
        "\nEnd.\n",
        encoding="utf-8",
    )
    assert stale_sections(tmp_path) == ["docs/measures.md: measures"]
    write_docs(tmp_path)
    assert stale_sections(tmp_path) == []
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Measures\n\nBy hand.\n\n<!-- measures:start -->\n| measure |")
    assert text.endswith(".\n<!-- measures:end -->\n\nEnd.\n")


def test_a_page_without_its_markers_is_an_error(tmp_path: Path) -> None:
    for section in SECTIONS:
        shutil.copyfile(DOCS / section.page, tmp_path / section.page)
    (tmp_path / "exports.md").write_text("# Exports\n", encoding="utf-8")
    assert stale_sections(tmp_path) == ["docs/exports.md: export-columns"]
    with pytest.raises(ValueError, match=r"exports\.md: the markers <!-- export-columns:start"):
        write_docs(tmp_path)


@pytest.mark.parametrize("page", [README, *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_every_link_to_a_file_resolves(page: Path) -> None:
    targets = [t for t in LINK.findall(page.read_text(encoding="utf-8")) if "://" not in t]
    missing = [t for t in targets if not (page.parent / t).exists()]
    assert missing == [], f"{page.relative_to(ROOT)} links to files that do not exist"


def test_readme_links_every_docs_page() -> None:
    linked = {Path(t).name for t in LINK.findall(README.read_text(encoding="utf-8"))}
    assert {p.name for p in DOCS.glob("*.md")} <= linked


def test_every_setting_is_documented_with_its_default() -> None:
    text = README.read_text(encoding="utf-8").split("\n## Settings\n")[1].split("\n## ")[0]
    documented = dict(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| ([^|]+) \|", text, re.M))
    expected = {f"{s}.{k}": v for s, values in DEFAULTS.items() for k, v in values.items()}
    assert set(documented) == set(expected)
    for name, default in expected.items():
        assert (
            float(documented[name]) == default
            if not isinstance(default, str)
            else (documented[name].strip() == default)
        ), name


def test_settings_file_uses_only_known_settings() -> None:
    assert load_settings() == DEFAULTS
