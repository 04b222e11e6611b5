"""README stays true to the code: input formats and settings."""

from __future__ import annotations

import re

from core.settings import DEFAULTS, load_settings
from devtools.docs import README, generated_sections, readme_section


def test_readme_generated_sections_match_the_code() -> None:
    text = README.read_text(encoding="utf-8")
    for (start, end), body in generated_sections().items():
        body = body if body.endswith("\n") else body + "\n"
        assert readme_section(text, start, end) == body, (
            f"README's section {start} is out of date: run `make docs`"
        )


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
