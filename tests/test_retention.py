"""Retention: decisions past the retention period go at the next ingest, and the purge is logged."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from pipelines.ingest import ingest
from pipelines.retention import purge_expired, retention_cutoff
from pipelines.store import connect_readonly, writer


@pytest.mark.parametrize(
    ("today", "years", "cutoff"),
    [
        (dt.date(2026, 11, 26), 6, dt.date(2020, 11, 26)),
        (dt.date(2028, 2, 29), 1, dt.date(2027, 2, 28)),
    ],
)
def test_retention_cutoff(today: dt.date, years: int, cutoff: dt.date) -> None:
    assert retention_cutoff(today, years) == cutoff


def test_purge_expired_keeps_the_cutoff_day(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    with writer(db) as con:
        con.execute("insert into teams (team_id, team_name, directorate) values ('A', 'A', 'D')")
        for i, when in enumerate(["2020-11-25 23:59", "2020-11-26 00:00", "2026-01-01 09:00"]):
            con.execute(
                "insert into decisions (decision_id, team_id, decided_at, decision, "
                "recipient_type) values (?, 'A', ?, 'shared', 'police')",
                [f"D{i}", when],
            )
        assert purge_expired(con, dt.date(2026, 11, 26), 6) == 1
        assert purge_expired(con, dt.date(2026, 11, 26), 6) == 0
    con = connect_readonly(db)
    assert con.execute("select decision_id from decisions order by 1").fetchall() == [
        ("D1",),
        ("D2",),
    ]
    assert con.execute("select cutoff, decisions_purged from retention_purges").fetchall() == [
        (dt.date(2020, 11, 26), 1)
    ]


def test_ingest_applies_the_retention_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[privacy]\nretention_years = 1\n")
    monkeypatch.setenv("COMPLIANCE_SETTINGS", str(settings))
    recent = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    (tmp_path / "teams.csv").write_text("team_id,team_name,directorate\nA,Alpha,D\n")
    (tmp_path / "decisions.csv").write_text(
        "decision_id,team_id,decided_at,decision,recipient_type\n"
        f"OLD,A,2001-05-01,shared,police\nNEW,A,{recent},shared,police\n"
    )
    out = io.StringIO()
    db = tmp_path / "db" / "c.duckdb"
    assert ingest([tmp_path], db, out=out, err=io.StringIO()) == 0
    cutoff = retention_cutoff(dt.date.today(), 1)
    assert (
        f"retention: deleted 1 decision(s) decided before {cutoff:%d/%m/%Y} "
        "(retention period 1 years)"
    ) in out.getvalue().splitlines()
    rows = connect_readonly(db).execute("select decision_id from decisions").fetchall()
    assert rows == [("NEW",)]
