"""Every measure is defined, documented and backed by a query (metrics/definitions.py)."""

from __future__ import annotations

import re

from metrics.definitions import AS_OF, MEASURES, PERIOD, measures_markdown
from metrics.query import SQL_DIR, composed_sql, parameters, sql_text


def test_every_measure_is_complete() -> None:
    names = [m.name for m in MEASURES]
    assert len(names) == len(set(names))
    for m in MEASURES:
        assert m.numerator and m.denominator and m.unit, m.name
        assert m.timing in {PERIOD, AS_OF}, m.name
        assert (SQL_DIR / f"{m.query}.sql").exists(), m.name


def test_kpis_are_defined_with_their_timing() -> None:
    timing = {m.name: m.timing for m in MEASURES}
    assert timing["Policy coverage"] == AS_OF
    assert timing["Training completion"] == AS_OF
    assert timing["Decisions logged"] == PERIOD
    assert timing["Share rate"] == PERIOD
    assert timing["Record completeness"] == PERIOD


def test_markdown_table_has_one_row_per_measure() -> None:
    rows = [line for line in measures_markdown().splitlines() if line.startswith("| ")]
    assert rows[0] == "| measure | numerator | denominator | counted | unit | notes |"
    assert len(rows) == 1 + len(MEASURES)
    assert "| Share rate | decisions in the period that were `shared` or `partially_shared` |" in (
        measures_markdown()
    )


def test_sql_files_follow_the_house_shape() -> None:
    for path in sorted(SQL_DIR.glob("*.sql")):
        text = sql_text(path.stem)
        body = "\n".join(x for x in text.splitlines() if not x.lstrip().startswith("--"))
        assert body.strip().startswith("with "), path.name
        assert body.rstrip().endswith("select * from final"), path.name
        assert "{" not in body, f"{path.name}: values are bound as $name, never pasted in"
        # every parameter is a known filter or setting
        assert parameters(path.stem) <= {
            "period_start",
            "period_end",
            "as_of_dates",
            "directorate",
            "teams",
            "allowed",
            "grace_days",
            "review_window_days",
            "review_grace_days",  # setting agreements.review_grace_days
            "today",  # the Data status page's queries
            "limit",
        }, path.name


def test_uses_are_composed_as_ctes() -> None:
    sql = composed_sql("training_completion_by_team")
    assert re.match(
        r"with training_status as \(\nwith training_status|with training_status as", sql
    )
    assert "scope_teams as (" in sql
