"""Early warnings (metrics/warnings.py) on a constructed organisation whose counts are flat by
design, so that every expected count and every test statistic can be checked by hand.

Period 2025-12-01..2026-11-30 (as of 2026-11-30): the latest 3 months are Sep-Nov 2026, the
previous 12 Sep 2025-Aug 2026, the previous period 2024-12-01..2025-11-30. Every team logs the
same count in every month from Dec 2024 to Aug 2026, so the organisation's calendar is flat and
the latest 3 months expect 3/12 = 0.25 of a team's previous 12 months.

- ALPHA: 10 a month throughout, 1 refusal a month until Aug 2026, then 3 a month (Sep-Nov).
  Decision makers A1 (trained) and A2 (never trained); A2 made 5 of its decisions.
- CHARLIE: 10 a month until Aug 2026, then 3 a month: sharing falls.
- DELTA: 4 a month throughout; 7 of its 48 records in the period incomplete (none before);
  five emergencies (E1-E5) in the period; its step-9 policy in place from 2026-04-01.
- SMALL: 3 a month until Aug 2026, then none: expected 9, below min_expected 10.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from core.settings import DEFAULTS
from metrics.agreements import agreement_warnings
from metrics.filters import Filters
from metrics.query import QueryMemo, run
from metrics.warnings import (
    WARNING_COLUMNS,
    chance_phrase,
    count_windows,
    early_warnings,
    risk_matrix,
    seasonal_ratio,
    untested_teams,
)
from pipelines.store import connect_readonly, writer

F = Filters(dt.date(2025, 12, 1), dt.date(2026, 11, 30), dt.date(2026, 11, 30))
MONTHS = [dt.date(2024 + (11 + k) // 12, (11 + k) % 12 + 1, 15) for k in range(24)]  # Dec 24..
RECENT = {dt.date(2026, 9, 15), dt.date(2026, 10, 15), dt.date(2026, 11, 15)}
EMERGENCIES = {
    # decision_id: (decided, recorded, reviewed_by, reviewed_on)
    "E1": ("2026-03-15", "2026-03-15", "D1", "2026-04-10"),  # before the policy was in place
    "E2": ("2026-04-15", None, "D1", "2026-05-15"),  # never recorded; reviewed on day 30
    "E3": ("2026-05-15", "2026-05-18", "D1", "2026-06-15"),  # recorded day 3; reviewed day 31
    "E4": ("2026-06-15", "2026-06-17", None, None),  # recorded day 2; never reviewed
    "E5": ("2026-11-15", "2026-11-15", None, None),  # review not due by 2026-11-30
}


def _decisions() -> list[tuple]:
    rows = []

    def add(team: str, day: dt.date, n: int, refusals: int = 0, by: str = "") -> None:
        for i in range(n):
            decision = "not_shared" if i < refusals else "shared"
            rows.append([f"{team}-{day:%Y%m}-{i}", team, day, day, decision, by, True])

    for day in MONTHS:
        recent = day in RECENT
        add("ALPHA", day, 10, 3 if recent else 1, "A1")
        add("CHARLIE", day, 3 if recent else 10, by="C1")
        add("DELTA", day, 4, by="D1")
        add("SMALL", day, 0 if recent else 3, by="S1")
    # A2 (never trained) made five of ALPHA's decisions in the period.
    for row in [r for r in rows if r[1] == "ALPHA" and r[2] >= F.period_start][:5]:
        row[5] = "A2"
    # Seven of DELTA's records in the period have no reason; none before it.
    for row in [r for r in rows if r[1] == "DELTA" and r[2] >= F.period_start][-7:]:
        row[6] = False
    # DELTA's emergencies replace five of its ordinary decisions, one in each of their months.
    for name, (decided, recorded, by, on) in EMERGENCIES.items():
        day = dt.date.fromisoformat(decided)
        row = next(r for r in rows if r[1] == "DELTA" and r[2] == day and len(r) == 7)
        row[0], row[3] = name, None if recorded is None else dt.date.fromisoformat(recorded)
        row.extend([by, on])
    return [tuple([*r, None, None] if len(r) == 7 else r) for r in rows]


def build(path: Path) -> None:
    with writer(path) as con:
        con.executemany(
            "insert into teams (team_id, team_name, directorate) values (?, ?, 'Social care')",
            [("ALPHA", "Alpha"), ("CHARLIE", "Charlie"), ("DELTA", "Delta"), ("SMALL", "Small")],
        )
        con.executemany(
            "insert into staff (staff_id, team_id, role, is_decision_maker, start_date)"
            " values (?, ?, 'Social worker', true, '2020-01-01')",
            [("A1", "ALPHA"), ("A2", "ALPHA"), ("C1", "CHARLIE"), ("D1", "DELTA"), ("S1", "SMALL")],
        )
        con.execute("insert into courses values ('DP', 'Data protection', 0, 'decision_makers', 1)")
        con.executemany(
            "insert into training (staff_id, course_id, completed_on, result)"
            " values (?, 'DP', '2019-12-01', 'pass')",
            [("A1",), ("C1",), ("D1",), ("S1",)],
        )
        con.execute(
            "insert into policies (policy_id, title, ico_step, version, approved_on, review_due)"
            " values ('P9', 'Emergencies', 9, '1', '2024-01-01', '2028-01-01')"
        )
        con.execute("insert into coverage values ('DELTA', 'P9', 'in_place', '2026-04-01', null)")
        con.executemany(
            "insert into decisions (decision_id, team_id, decided_at, recorded_at, decision,"
            " decided_by, reason_recorded, reviewed_by, reviewed_on, recipient_type, purpose,"
            " lawful_basis, special_category, criminal_offence_data, emergency)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'police', 'protect', 'public_task', false,"
            " false, starts_with(?, 'E'))",
            [(*r, r[0]) for r in _decisions()],
        )


@pytest.fixture(scope="module")
def wcon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path_factory.mktemp("warnings") / "compliance.duckdb"
    build(path)
    connection = connect_readonly(path)
    yield connection
    connection.close()


def settings(**changes: float) -> dict:
    return {**DEFAULTS, "warnings": {**DEFAULTS["warnings"], **changes}}


def warnings_of(con: duckdb.DuckDBPyConnection, **changes: float) -> list[tuple]:
    """Warnings 1-4. Warning 5 (agreements) joins the same frame, but it is tested with its
    register in test_metrics_agreements.py: this data has none, so every routine share is
    "to a partner with no agreement"."""
    frame = early_warnings(con, F, settings(**changes), 30)
    frame = frame[~frame["kind"].isin(AGREEMENT_KINDS)]
    return list(frame[["severity", "kind", "team_id", "observed"]].itertuples(index=False))


AGREEMENT_KINDS = ("agreement_not_in_force", "agreement_past_review", "no_agreement")


def test_agreement_warnings_join_the_early_warnings(wcon: duckdb.DuckDBPyConnection) -> None:
    frame = early_warnings(wcon, F, settings(), 30)
    register = agreement_warnings(wcon, F, settings())
    assert len(register) > 0
    joined = frame[frame["kind"].isin(AGREEMENT_KINDS)].reset_index(drop=True)
    assert joined[["kind", "team_id", "observed"]].values.tolist() == (
        register[["kind", "team_id", "observed"]].values.tolist()
    )


def test_windows_are_whole_months_ending_with_the_period() -> None:
    w = count_windows(F)
    assert (w.recent_start, w.recent_end) == (dt.date(2026, 9, 1), dt.date(2026, 11, 30))
    assert (w.baseline_start, w.baseline_end) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    # A period ending on 3 Dec leaves out the part month: still Sep-Nov.
    assert count_windows(Filters(F.period_start, dt.date(2026, 12, 3), F.as_of)) == w
    assert w.recent_label == "Sep–Nov 2026"


def test_seasonal_ratio_follows_the_organisations_calendar() -> None:
    import pandas as pd

    # Sep 2024-Aug 2026: 10 decisions a month, but 2 in each August. Mean per calendar month:
    # Aug 2, every other 10. Latest 3 (Sep-Nov) 30 against the 12 before (11 x 10 + 2 = 112).
    months = [dt.date(2024 + (8 + k) // 12, (8 + k) % 12 + 1, 1) for k in range(24)]
    org = pd.DataFrame({"month": months, "decisions": [2 if m.month == 8 else 10 for m in months]})
    assert seasonal_ratio(org, count_windows(F)) == 30 / 112


def test_each_warning_fires_on_the_constructed_data(wcon: duckdb.DuckDBPyConnection) -> None:
    assert warnings_of(wcon) == [
        # CHARLIE: 9 in Sep-Nov against 120 x 0.25 = 30 expected; P(X <= 9), X ~ Bin(129, 0.2)
        # = 3.4e-05 < 0.001: high.
        ("high", "sharing_falling", "CHARLIE", 9),
        # ALPHA: 120 decisions in the period / 11.99 months = 10.0 a month >= 4, and 1 of its
        # 2 decision makers trained (50% < 85%).
        ("high", "untrained_volume", "ALPHA", 120),
        # DELTA: E2 never recorded, E3 recorded on day 3 (> 2); E4 on day 2 is in time.
        ("high", "emergency_unrecorded", "DELTA", 2),
        # ALPHA: 9 of 30 refusals in Sep-Nov against 12 of 120; Fisher's exact test, one-sided,
        # p = 0.0086: below 0.01, not below 0.001.
        ("medium", "not_shared_rising", "ALPHA", 9),
        # ALPHA: the 5 decisions A2 made, never trained.
        ("medium", "lapsed_training", "ALPHA", 5),
        # DELTA: E3 reviewed on day 31, E4 never; E2 on day 30 is in time; E5 not yet due.
        ("medium", "emergency_unreviewed", "DELTA", 2),
        # DELTA: E1 on 2026-03-15, before the step-9 policy was attested (2026-04-01).
        ("medium", "emergency_no_policy", "DELTA", 1),
        # DELTA: 7 of 48 incomplete against 0 of 48; Fisher one-sided p = 0.0062.
        ("medium", "records_slipping", "DELTA", 7),
    ]


def test_warning_frame_columns_and_sentences(wcon: duckdb.DuckDBPyConnection) -> None:
    frame = early_warnings(wcon, F, DEFAULTS, 30)
    assert list(frame.columns) == list(WARNING_COLUMNS)
    first = frame.iloc[0]
    assert first["sentence"] == (
        "Charlie logged 9 decisions in Sep–Nov 2026 against about 30 expected from its previous "
        "12 months (120); a fall this large happens by chance less than 1 time in 1,000."
    )
    assert (first["page"], first["expected"]) == ("sharing", 30.0)
    assert first["p_value"] == pytest.approx(3.44333e-05, rel=1e-5)
    pages = dict(zip(frame["kind"], frame["page"], strict=True))
    assert pages["untrained_volume"] == "training"
    assert pages["emergency_no_policy"] == "coverage"
    sentences = dict(zip(frame["kind"], frame["sentence"], strict=True))
    assert sentences["emergency_unrecorded"] == (
        "Emergency decisions by Delta from 1 Dec 2025 to 30 Nov 2026: 2 of 5 not recorded within "
        "2 days of the decision (1 never recorded)."
    )
    assert sentences["untrained_volume"] == (
        "Alpha logged 120 decisions from 1 Dec 2025 to 30 Nov 2026 (about 10 a month) while "
        "only 1 of its 2 decision makers held all their required training in date on "
        "30 Nov 2026 (50%, below 85%)."
    )
    assert frame.loc[frame["kind"] == "lapsed_training", "expected"].tolist() == [None]


@pytest.mark.parametrize(
    ("changes", "kind", "observed"),
    [
        # CHARLIE's fall: p = 3.4433e-05; alpha at it is not above it.
        ({"alpha": 3.4433e-05}, "sharing_falling", None),
        # CHARLIE expects 30.0: tested at min_expected 30, not at 30.5.
        ({"min_expected": 30}, "sharing_falling", 9),
        ({"min_expected": 30.5}, "sharing_falling", None),
        # ALPHA refusals p = 0.008588; DELTA records p = 0.006177.
        ({"alpha": 0.0086}, "not_shared_rising", 9),
        ({"alpha": 0.0085}, "not_shared_rising", None),
        ({"alpha": 0.0062}, "records_slipping", 7),
        ({"alpha": 0.006}, "records_slipping", None),
        # ALPHA has 30 decisions in Sep-Nov, DELTA 48 in each period.
        ({"min_decisions": 30}, "not_shared_rising", 9),
        ({"min_decisions": 31}, "not_shared_rising", None),
        ({"min_decisions": 48}, "records_slipping", 7),
        ({"min_decisions": 49}, "records_slipping", None),
        # ALPHA: 120 / 11.9918 = 10.007 decisions a month, 50% trained.
        ({"high_volume_per_month": 10.0}, "untrained_volume", 120),
        ({"high_volume_per_month": 10.01}, "untrained_volume", None),
        ({"decision_maker_training": 0.51}, "untrained_volume", 120),
        ({"decision_maker_training": 0.5}, "untrained_volume", None),
        # E3 recorded on day 3: late at 2 days, in time at 3 (E2, never recorded, still fires).
        ({"emergency_record_days": 3}, "emergency_unrecorded", 1),
        # E3 reviewed on day 31: late at 30 days, in time at 31 (E4 still fires).
        ({"emergency_review_days": 31}, "emergency_unreviewed", 1),
    ],
)
def test_thresholds_fire_at_their_edge_and_not_just_inside(
    wcon: duckdb.DuckDBPyConnection, changes: dict, kind: str, observed: int | None
) -> None:
    found = [w.observed for w in warnings_of(wcon, **changes) if w.kind == kind]
    assert found == ([] if observed is None else [observed])


def test_small_team_does_not_fire_on_noise(wcon: duckdb.DuckDBPyConnection) -> None:
    # SMALL: none in Sep-Nov against 36 x 0.25 = 9 expected, P(X = 0) = 0.8^36 = 0.0003: it
    # would fire, but 9 is below min_expected 10; at min_expected 9 it fires (high).
    assert not [w for w in warnings_of(wcon) if w[2] == "SMALL"]
    assert ("high", "sharing_falling", "SMALL", 0) in warnings_of(wcon, min_expected=9)


def test_risk_matrix_one_point_per_team(wcon: duckdb.DuckDBPyConnection) -> None:
    frame = risk_matrix(wcon, F, DEFAULTS, 30)
    # Decisions in the period: ALPHA 120, CHARLIE 9 x 10 + 9 = 99, DELTA 48, SMALL 9 x 3 = 27.
    assert frame[["team_id", "decisions", "decision_makers_trained", "decision_makers"]].to_dict(
        "split"
    )["data"] == [
        ["ALPHA", 120, 1, 2],
        ["CHARLIE", 99, 1, 1],
        ["DELTA", 48, 1, 1],
        ["SMALL", 27, 1, 1],
    ]
    assert frame["training"].tolist() == [0.5, 1.0, 1.0, 1.0]
    assert frame["at_risk"].tolist() == [True, False, False, False]


def test_the_panel_through_one_memo_runs_each_query_once(
    wcon: duckdb.DuckDBPyConnection,
) -> None:
    # The Overview's panel hands one QueryMemo to the warnings, untested teams and risk matrix:
    # the same frames as with the connection itself, and 10 queries reach DuckDB, not 18.
    reached: list[str] = []

    class Counting:
        organisation = None

        def run(self, name: str, params: dict) -> pd.DataFrame:
            reached.append(name)
            return run(wcon, name, params)

    memo = QueryMemo(Counting())
    pd.testing.assert_frame_equal(
        early_warnings(memo, F, DEFAULTS, 30), early_warnings(wcon, F, DEFAULTS, 30)
    )
    pd.testing.assert_frame_equal(
        untested_teams(memo, F, DEFAULTS), untested_teams(wcon, F, DEFAULTS)
    )
    pd.testing.assert_frame_equal(
        risk_matrix(memo, F, DEFAULTS, 30), risk_matrix(wcon, F, DEFAULTS, 30)
    )
    # scope_teams; decisions by month over all history and over the 15 months; decisions by
    # team in the period and the previous one; trained decision makers; decisions by untrained
    # staff; emergencies and the step-9 policy on their days; agreement warnings.
    assert sorted(reached) == sorted(
        [
            "scope_teams",
            "decisions_by_month",
            "decisions_by_month",
            "decisions_by_team",
            "decisions_by_team",
            "decision_makers_trained_by_team",
            "decision_maker_training_by_team",
            "emergency_decisions",
            "emergency_policy_by_team",
            "agreement_warnings",
        ]
    )


def test_a_memo_hands_out_copies(wcon: duckdb.DuckDBPyConnection) -> None:
    memo = QueryMemo(wcon)
    params = {"directorate": None, "teams": [], "allowed": None}
    first = run(memo, "scope_teams", params)
    first["team_name"] = "changed by a caller"
    assert "changed by a caller" not in run(memo, "scope_teams", params)["team_name"].tolist()


def test_chance_in_words() -> None:
    assert chance_phrase(0.0004) == "less than 1 time in 1,000"
    assert chance_phrase(0.004) == "less than 1 time in 100"
    assert chance_phrase(0.04) == "about 1 time in 25"
