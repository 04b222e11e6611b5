"""Early warnings: where a governance meeting should look first, one plain sentence each.

A fall or a rise is judged by a test for counts, never by a bare difference, so that a small
team does not fire on noise. Sharing falling compares a team's decisions in the latest 3 whole
months of the period with its own previous 12 months by the conditional binomial test for two
Poisson counts, the expected share of the 15 months' decisions that fall in the latest 3 being
taken from the organisation's own calendar (school terms and holidays) over all its history
before them. A rate that rises or slips (refusals, incomplete records) is judged by Fisher's
exact test against the earlier period. docs/measures.md ("Early warnings") gives the method in
words a data protection officer can check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pandas as pd
from scipy import stats

from core.dates import add_months, month_end
from core.settings import DEFAULTS
from metrics.agreements import agreement_warnings
from metrics.filters import MIN_DATE, Filters, previous
from metrics.query import filter_params, run
from metrics.sharing import decision_maker_training_by_team, decisions_by_month, decisions_by_team
from metrics.warning_frame import WARNING_COLUMNS

HIGH, MEDIUM = "high", "medium"
RECENT_MONTHS = 3
BASELINE_MONTHS = 12
# The order warnings of one severity are listed in: the sharing itself first.
KIND_ORDER = (
    "sharing_falling",
    "not_shared_rising",
    "untrained_volume",
    "lapsed_training",
    "emergency_unrecorded",
    "emergency_unreviewed",
    "emergency_no_policy",
    "records_slipping",
    "agreement_not_in_force",
    "agreement_past_review",
    "no_agreement",
)
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class WarningSettings:
    """The `[warnings]` settings section, typed."""

    alpha: float
    alpha_high: float
    min_expected: float
    min_decisions: int
    high_volume_per_month: float
    decision_maker_training: float
    emergency_record_days: int
    emergency_review_days: int


def warning_settings(settings: Mapping[str, Any]) -> WarningSettings:
    """The warnings' thresholds from the whole settings (load_settings()) or its section."""
    section = settings.get("warnings", settings)
    return WarningSettings(
        alpha=float(section["alpha"]),
        alpha_high=float(section["alpha_high"]),
        min_expected=float(section["min_expected"]),
        min_decisions=int(section["min_decisions"]),
        high_volume_per_month=float(section["high_volume_per_month"]),
        decision_maker_training=float(section["decision_maker_training"]),
        emergency_record_days=int(section["emergency_record_days"]),
        emergency_review_days=int(section["emergency_review_days"]),
    )


@dataclass(frozen=True)
class Windows:
    """The latest 3 whole months of a period, and the 12 months before them."""

    recent_start: dt.date
    recent_end: dt.date
    baseline_start: dt.date
    baseline_end: dt.date

    @property
    def recent_label(self) -> str:
        """`Sep–Nov 2026` (`Dec 2025–Feb 2026` across a year end)."""
        return months_label(self.recent_start, self.recent_end)


def months_label(start: dt.date, end: dt.date) -> str:
    """Whole months from start's to end's: `Sep–Nov 2026`."""
    if start.year == end.year:
        return f"{start:%b}–{end:%b %Y}"
    return f"{start:%b %Y}–{end:%b %Y}"


def count_windows(f: Filters) -> Windows:
    """The 3 whole months ending with the period's last day, or with the month before it when
    the period ends part-way through a month (a part month would look like a fall)."""
    end = f.period_end
    if end != month_end(end):
        end = end.replace(day=1) - dt.timedelta(days=1)
    recent_start = add_months(end.replace(day=1), -(RECENT_MONTHS - 1))
    baseline_start = add_months(recent_start, -BASELINE_MONTHS)
    return Windows(recent_start, end, baseline_start, recent_start - dt.timedelta(days=1))


def chance_phrase(p_value: float) -> str:
    """How often chance alone gives a result this extreme, in words."""
    if p_value < 0.001:
        return "less than 1 time in 1,000"
    if p_value < 0.01:
        return "less than 1 time in 100"
    return f"about 1 time in {max(1, round(1 / p_value)):,}"


def severity(p_value: float, ws: WarningSettings) -> str:
    """high below alpha_high, else medium."""
    return HIGH if p_value < ws.alpha_high else MEDIUM


def seasonal_ratio(org_months: pd.DataFrame, w: Windows) -> float:
    """Decisions expected in the latest 3 months for each decision in the 12 before them, from
    the organisation's mean count in each calendar month over its history before them (months
    with no decision counted as zero; a calendar month never seen weighs the overall mean)."""
    months = pd.DataFrame(
        {"month": pd.date_range(w.baseline_start, w.baseline_end, freq="MS").date}
    )
    if not org_months.empty:
        first = min(org_months["month"])
        months = pd.DataFrame({"month": pd.date_range(first, w.baseline_end, freq="MS").date})
    totals = org_months.groupby("month")["decisions"].sum()
    months["decisions"] = [int(totals.get(m, 0)) for m in months["month"]]
    months["calendar_month"] = [m.month for m in months["month"]]
    mean = months.groupby("calendar_month")["decisions"].mean()
    overall = float(months["decisions"].mean()) if len(months) else 0.0

    def weight(day: dt.date) -> float:
        return float(mean.get(day.month, overall))

    recent = sum(weight(m) for m in pd.date_range(w.recent_start, w.recent_end, freq="MS").date)
    base = sum(weight(m) for m in pd.date_range(w.baseline_start, w.baseline_end, freq="MS").date)
    return recent / base if base else RECENT_MONTHS / BASELINE_MONTHS


def _teams_through(con: duckdb.DuckDBPyConnection, f: Filters, w: Windows) -> pd.DataFrame:
    """Teams in scope that existed from the first day of the 12 months to the last of the 3."""
    teams = run(con, "scope_teams", filter_params(f))
    whole = [
        (start is None or start <= w.baseline_start) and (end is None or end >= w.recent_end)
        for start, end in zip(teams["existed_from"], teams["existed_to"], strict=True)
    ]
    return teams.loc[whole, ["team_id", "team_name"]].reset_index(drop=True)


def window_counts(con: duckdb.DuckDBPyConnection, f: Filters, w: Windows) -> pd.DataFrame:
    """Per team that existed throughout: decisions and refusals in the 12 months and the 3."""
    by_month = decisions_by_month(
        con, replace(f, period_start=w.baseline_start, period_end=w.recent_end)
    )
    by_month["recent"] = [m >= w.recent_start for m in by_month["month"]]
    counts = _teams_through(con, f, w)
    for column, recent, source in (
        ("baseline", False, "decisions"),
        ("recent", True, "decisions"),
        ("baseline_refusals", False, "not_shared"),
        ("recent_refusals", True, "not_shared"),
    ):
        part = by_month[by_month["recent"] == recent].groupby("team_id")[source].sum()
        counts[column] = [int(part.get(t, 0)) for t in counts["team_id"]]
    return counts


def sharing_fall_tests(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: Mapping[str, Any]
) -> pd.DataFrame:
    """Per team that existed throughout: decisions in the latest 3 months (recent) and the 12
    before (baseline), the expected recent count, the one-sided p-value of a fall that large,
    and whether the team was big enough to test (expected at least min_expected)."""
    ws = warning_settings(settings)
    w = count_windows(f)
    history = replace(f, period_start=MIN_DATE, period_end=w.baseline_end, directorate=None)
    ratio = seasonal_ratio(decisions_by_month(con, replace(history, teams=())), w)
    counts = window_counts(con, f, w)
    counts["expected"] = counts["baseline"] * ratio
    # Given the 15 months' total, the latest 3 hold a binomial share ratio / (1 + ratio) of it.
    counts["p_value"] = [
        float(stats.binom.cdf(r, r + b, ratio / (1 + ratio))) if r + b else 1.0
        for r, b in zip(counts["recent"], counts["baseline"], strict=True)
    ]
    counts["tested"] = counts["expected"] >= ws.min_expected
    return counts


def _row(
    sev: str,
    kind: str,
    team: Any,
    sentence: str,
    page: str,
    observed: int,
    expected: float | None = None,
    p_value: float | None = None,
) -> dict[str, Any]:
    return {
        "severity": sev,
        "kind": kind,
        "team_id": team.team_id,
        "team_name": team.team_name,
        "sentence": sentence,
        "page": page,
        "observed": int(observed),
        "expected": expected,
        "p_value": p_value,
    }


def sharing_warnings(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Sharing falling (fear of sharing) and refusals rising, latest 3 months against the 12
    before them."""
    ws = warning_settings(settings)
    w = count_windows(f)
    rows = []
    tests = sharing_fall_tests(con, f, settings)
    for team in tests.itertuples():
        if team.tested and team.p_value < ws.alpha and team.recent < team.expected:
            rows.append(
                _row(
                    severity(team.p_value, ws),
                    "sharing_falling",
                    team,
                    f"{team.team_name} logged {team.recent:,} decisions in {w.recent_label} "
                    f"against about {team.expected:,.0f} expected from its previous 12 months "
                    f"({team.baseline:,}); a fall this large happens by chance "
                    f"{chance_phrase(team.p_value)}.",
                    "sharing",
                    team.recent,
                    float(team.expected),
                    float(team.p_value),
                )
            )
        refusals = _rate_rise(
            team.recent_refusals, team.recent, team.baseline_refusals, team.baseline, ws
        )
        if refusals is not None:
            expected, p_value = refusals
            rows.append(
                _row(
                    severity(p_value, ws),
                    "not_shared_rising",
                    team,
                    f"{team.team_name} decided not to share in {team.recent_refusals:,} of "
                    f"{team.recent:,} decisions in {w.recent_label} "
                    f"({team.recent_refusals / team.recent:.0%}) against "
                    f"{team.baseline_refusals:,} of {team.baseline:,} "
                    f"({team.baseline_refusals / team.baseline:.0%}) in the previous 12 months; "
                    f"a rise this large happens by chance {chance_phrase(p_value)}.",
                    "sharing",
                    team.recent_refusals,
                    expected,
                    p_value,
                )
            )
    return rows


def _rate_rise(
    k_now: int, n_now: int, k_before: int, n_before: int, ws: WarningSettings
) -> tuple[float, float] | None:
    """(expected count now at the earlier rate, one-sided p-value) when the rate k/n rose
    beyond noise by Fisher's exact test, with at least min_decisions in each period; else None."""
    if n_now < ws.min_decisions or n_before < ws.min_decisions:
        return None
    if k_now / n_now <= k_before / n_before:
        return None
    table = [[k_now, n_now - k_now], [k_before, n_before - k_before]]
    p_value = float(stats.fisher_exact(table, alternative="greater").pvalue)
    if p_value >= ws.alpha:
        return None
    return n_now * k_before / n_before, p_value


def records_warnings(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Record keeping slipping: incomplete records in the period against the previous period."""
    ws = warning_settings(settings)
    now = decisions_by_team(con, f)
    before = previous(f)
    earlier = decisions_by_team(con, before).set_index("team_id")
    rows = []
    for team in now.itertuples():
        if team.team_id not in earlier.index:
            continue
        then = earlier.loc[team.team_id]
        n_before, k_before = (
            int(then["decisions"]),
            int(then["decisions"] - then["complete_records"]),
        )
        k_now = int(team.decisions - team.complete_records)
        rise = _rate_rise(k_now, int(team.decisions), k_before, n_before, ws)
        if rise is None:
            continue
        expected, p_value = rise
        rows.append(
            _row(
                severity(p_value, ws),
                "records_slipping",
                team,
                f"{team.team_name} left {k_now:,} of {team.decisions:,} decision records "
                f"incomplete from {f.period_start:%-d %b %Y} to {f.period_end:%-d %b %Y} "
                f"({k_now / team.decisions:.0%}) against {k_before:,} of {n_before:,} "
                f"({k_before / n_before:.0%}) in the previous period; a slip this large happens "
                f"by chance {chance_phrase(p_value)}.",
                "sharing",
                k_now,
                expected,
                p_value,
            )
        )
    return rows


def risk_matrix(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: Mapping[str, Any], grace_days: int
) -> pd.DataFrame:
    """Per team in scope with decisions or decision makers: decisions in the period and per
    month, decision makers holding all required training in date at f.as_of and counted, the
    share trained (None when none is counted: unknown, never "fine"), and whether the team
    sits in the risk quadrant (many decisions, training below the threshold or unknown)."""
    ws = warning_settings(settings)
    volume = decisions_by_team(con, f)[["team_id", "team_name", "decisions"]]
    trained = run(
        con, "decision_makers_trained_by_team", filter_params(f) | {"grace_days": grace_days}
    )
    frame = volume.merge(
        trained[["team_id", "team_name", "decision_makers_trained", "decision_makers"]],
        on="team_id",
        how="outer",
        suffixes=("", "_trained"),
    )
    frame["team_name"] = frame["team_name"].fillna(frame["team_name_trained"])
    frame = frame.drop(columns="team_name_trained")
    for column in ("decisions", "decision_makers_trained", "decision_makers"):
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["decisions_per_month"] = frame["decisions"] / (f.days / DAYS_PER_MONTH)
    frame["training"] = [
        t / n if n else None
        for t, n in zip(frame["decision_makers_trained"], frame["decision_makers"], strict=True)
    ]
    frame["at_risk"] = [
        per_month >= ws.high_volume_per_month
        and (share is None or share < ws.decision_maker_training)
        for per_month, share in zip(frame["decisions_per_month"], frame["training"], strict=True)
    ]
    return frame.sort_values("team_name", ignore_index=True)


def training_warnings(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: Mapping[str, Any], grace_days: int
) -> list[dict[str, Any]]:
    """Many decisions while decision makers' training is below threshold, and decisions made
    or authorised by staff whose required training had lapsed (or was never done) on the day."""
    ws = warning_settings(settings)
    period = f"from {f.period_start:%-d %b %Y} to {f.period_end:%-d %b %Y}"
    rows = []
    for team in risk_matrix(con, f, settings, grace_days).itertuples():
        if not team.at_risk:
            continue
        held = (
            f"only {team.decision_makers_trained:,} of its {team.decision_makers:,} decision "
            f"makers held all their required training in date on {f.as_of:%-d %b %Y} "
            f"({team.training:.0%}, below {ws.decision_maker_training:.0%})"
            if team.decision_makers
            else f"no decision maker's required training was on record on {f.as_of:%-d %b %Y}"
        )
        rows.append(
            _row(
                HIGH,
                "untrained_volume",
                team,
                f"{team.team_name} logged {team.decisions:,} decisions {period} (about "
                f"{team.decisions_per_month:,.0f} a month) while {held}.",
                "training",
                team.decisions,
            )
        )
    lapsed = decision_maker_training_by_team(con, f, grace_days)
    for team in lapsed[lapsed["team_id"].notna()].itertuples():
        if team.decisions_by_untrained_staff == 0:
            continue
        rows.append(
            _row(
                MEDIUM,
                "lapsed_training",
                team,
                f"Decisions by {team.team_name} {period}: {team.decisions_by_untrained_staff:,} "
                f"of {team.decisions:,} made or authorised by staff whose required training had "
                "lapsed, or was never done, on the day.",
                "training",
                team.decisions_by_untrained_staff,
            )
        )
    return rows


def emergency_follow_up(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: Mapping[str, Any]
) -> pd.DataFrame:
    """One row per emergency decision in the period, with whether it was recorded late or never,
    went unreviewed (no reviewer, no review date, or reviewed later than emergency_review_days:
    judged only once that many days have passed by the period's end), and whether the team had
    its step-9 policies in place on the day (none in force or applying counts as not)."""
    ws = warning_settings(settings)
    frame = run(con, "emergency_decisions", filter_params(f))
    frame["unrecorded"] = [
        pd.isna(recorded) or (recorded - decided).days > ws.emergency_record_days
        for recorded, decided in zip(frame["recorded_on"], frame["decided_on"], strict=True)
    ]
    review = dt.timedelta(days=ws.emergency_review_days)
    frame["review_due"] = [d + review <= f.period_end for d in frame["decided_on"]]
    frame["unreviewed"] = [
        due and (pd.isna(by) or pd.isna(on) or on > decided + review)
        for due, by, on, decided in zip(
            frame["review_due"],
            frame["reviewed_by"],
            frame["reviewed_on"],
            frame["decided_on"],
            strict=True,
        )
    ]
    days = sorted(set(frame["decided_on"]))
    policy = run(con, "emergency_policy_by_team", filter_params(f, days)) if days else None
    in_place = set()
    if policy is not None:
        done = policy[(policy["policies_applying"] > 0)]
        done = done[done["policies_in_place"] == done["policies_applying"]]
        in_place = set(zip(done["team_id"], done["as_of"], strict=True))
    frame["no_policy"] = [
        (t, d) not in in_place for t, d in zip(frame["team_id"], frame["decided_on"], strict=True)
    ]
    return frame


EMERGENCY_KINDS = (
    (
        "emergency_unrecorded",
        "unrecorded",
        HIGH,
        "sharing",
        "not recorded within {record_days} days of the decision ({never:,} never recorded)",
    ),
    (
        "emergency_unreviewed",
        "unreviewed",
        MEDIUM,
        "sharing",
        "with no after-the-event review within {review_days} days",
    ),
    (
        "emergency_no_policy",
        "no_policy",
        MEDIUM,
        "coverage",
        "made without the team's step-9 (sharing in an emergency) policies in place on the day",
    ),
)


def emergency_warnings(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Emergencies without follow-up, one warning per team and kind."""
    ws = warning_settings(settings)
    frame = emergency_follow_up(con, f, settings)
    period = f"from {f.period_start:%-d %b %Y} to {f.period_end:%-d %b %Y}"
    rows = []
    for _, team_rows in frame.groupby("team_id", sort=True):
        team = team_rows.iloc[0]
        for kind, column, sev, page, words in EMERGENCY_KINDS:
            count = int(team_rows[column].sum())
            if count == 0:
                continue
            judged = (
                len(team_rows) if column != "unreviewed" else int(team_rows["review_due"].sum())
            )
            what = words.format(
                record_days=ws.emergency_record_days,
                review_days=ws.emergency_review_days,
                never=int(team_rows["recorded_on"].isna().sum()),
            )
            sentence = (
                f"Emergency decisions by {team.team_name} {period}: {count:,} of {judged:,} {what}."
            )
            rows.append(_row(sev, kind, team, sentence, page, count))
    return rows


def early_warnings(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: Mapping[str, Any], grace_days: int
) -> pd.DataFrame:
    """Every early warning for the teams in scope, high severity first: one row each, with the
    sentence a meeting reads, the page that explains it and the numbers behind it."""
    rows = [
        *sharing_warnings(con, f, settings),
        *training_warnings(con, f, settings, grace_days),
        *emergency_warnings(con, f, settings),
        *records_warnings(con, f, settings),
    ]
    # Warning 5, from the agreements register (metrics/agreements.py), in the same frame.
    register = {"agreements": settings.get("agreements", DEFAULTS["agreements"])}
    rows += agreement_warnings(con, f, register).to_dict("records")
    frame = pd.DataFrame(rows, columns=list(WARNING_COLUMNS))
    frame["order"] = [
        (s != HIGH, KIND_ORDER.index(k), str(n))
        for s, k, n in zip(frame["severity"], frame["kind"], frame["team_name"], strict=True)
    ]
    frame = frame.sort_values("order", ignore_index=True).drop(columns="order")
    frame["observed"] = frame["observed"].astype("int64")
    for column in ("expected", "p_value"):
        values = [None if pd.isna(v) else float(v) for v in frame[column]]
        frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def untested_teams(
    con: duckdb.DuckDBPyConnection, f: Filters, settings: Mapping[str, Any]
) -> pd.DataFrame:
    """Teams in scope that the early warnings could not clear, with why: no decision logged in
    the period (silence is not compliance), did not exist for the 15 months compared, or too few
    decisions to tell a fall in sharing from chance."""
    teams = run(con, "scope_teams", filter_params(f))
    logged = set(decisions_by_team(con, f)["team_id"])
    tests = sharing_fall_tests(con, f, settings).set_index("team_id")
    rows = []
    for team in teams.itertuples():
        ended = team.existed_to is not None and not pd.isna(team.existed_to)
        if ended and team.existed_to < f.period_start:
            continue
        if team.team_id not in logged:
            reason = "no decision logged in the period"
        elif team.team_id not in tests.index:
            reason = "did not exist for all of the 15 months compared"
        elif not tests.loc[team.team_id, "tested"]:
            reason = "too few decisions to tell a fall in sharing from chance"
        else:
            continue
        rows.append({"team_id": team.team_id, "team_name": team.team_name, "reason": reason})
    frame = pd.DataFrame(rows, columns=["team_id", "team_name", "reason"])
    return frame.sort_values("team_name", ignore_index=True)
