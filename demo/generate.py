"""The demo organisation: three years of Northbridge City Council's files, as real exports look.

Reference files (teams, staff, staff assignments, courses, policies, coverage, training) are
small and built in Python from `random.Random` streams seeded by (seed, part), so they never
depend on `scale` and a change to one part does not reshuffle another. The decision log is
built entirely in DuckDB (`sql/generate_decisions.sql`) from `hash(row, seed, salt)`: ten
million rows take minutes and the same arguments give the same bytes on any number of threads.

Event dates (employment, completions, approvals, attestations, decisions) never fall after `end`;
due dates (`review_due`, `exempt_until`) may, as they do in real registers. The organisation
itself (teams, posts, profiles, policies, names) is declared as data in `organisation.py`.
One team (Early Help Central) closes at the end of the window's tenth month and keeps its
history (staff in post and attestations until it closed); `staff_assignments.csv` gives 24 staff
now in post a history (12 moved team within their directorate, 12 promoted).

With `with_errors=True` every good row is kept and these bad rows are added at fixed lines
(header = line 1), whatever the seed or scale; `PLANTED_ERRORS[k]` is at `PLANTED_ERROR_LINES[k]`:

- `staff.csv` line 2, start_date: a new staff row with a blank start date
- `training.csv` line 2, staff_id: a staff id that is not in staff.csv
- `training.csv` line 3, score: a score of 150
- `decisions_YYYY.csv` (YYYY = end.year) line 3, decision_id: an exact copy of line 2
- the same file, line 4, team_id: a team that is not in teams.csv
- the same file, line 5, decided_at: `31/02/YYYY 10:00`, a day that does not exist
- the same file, line 6, decision: `maybe`
- the same file, line 7, decided_at: `2099-06-01 10:00`, in the future
"""

import csv
import dataclasses
import datetime
import io
import math
import pathlib
import random
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

import duckdb
import openpyxl
import pandas as pd

from core.dates import add_months
from demo import organisation
from demo.organisation import (
    ACCENTED_FIRST_NAMES,
    ACCENTED_LAST_NAMES,
    ACCENTED_SHARE,
    AGREEMENTS,
    ALL_DECIDE_TEAMS,
    ASSIGNMENT_MOVES,
    ASSIGNMENT_PROMOTIONS,
    AUGUST_FACTOR,
    AUTHORISER_ROLES,
    AUTUMN_TERM_FACTOR,
    BSO,
    CASE_MONTHS,
    CHILDREN_PER_DECISION,
    CLOSED_TEAMS,
    CONSENT_VALUES,
    COURSE_LAUNCH_DAYS,
    COURSES,
    DAY_FROM,
    DAY_UNTIL,
    DECISION_LISTS,
    DECISION_MAKER_SHARE,
    DEFAULT_LEAVE_RATE,
    DEMO_ACTION_CLOSED,
    DEMO_ACTIONS,
    DSA_REFS,
    EVIDENCE,
    FAMILY_INFORMED_VALUES,
    FIRST_NAMES,
    HOLIDAY_FACTOR,
    HOUR_WEIGHTS,
    LAST_NAMES,
    LEAVE_RATE,
    ORGANISATION,
    POLICIES,
    PROMOTED_FROM,
    QUIET_COVER,
    QUIET_TEAM,
    RECIPIENT_ORGS,
    RECIPIENT_TYPES,
    SP,
    STATUS_BY_LEVEL,
    STYLE_CONSENT,
    STYLE_FAMILY_INFORMED,
    SW,
    TEAM_DECISIONS,
    TEAM_POSTS,
    TEAM_PURPOSES,
    TEAM_RECIPIENTS,
    TEAM_RECORDS,
    TEAMS,
    UNSCORED_COURSES,
    WEEKEND_FACTOR,
    YEARLY_GROWTH,
    DecisionProfile,
    DemoAgreement,
)

DEMO_END = datetime.date(2026, 10, 31)
WINDOW_YEARS = 3
DECISIONS_AT_SCALE_1 = 25_000
DAY_KINDS = ("weekday", "weekend")
SQL_DIR = pathlib.Path(__file__).parent / "sql"
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_XLSX_STAMP = "2026-01-01T00:00:00Z"
# How finely generate_decisions.sql's weighted lookup lists divide a day, the teams, a list.
MINUTE_SLOTS = 2880
TEAM_SLOTS = 1000
SLOTS = 120

PLANTED_ERRORS: list[tuple[str, str, str]] = [
    ("staff.csv", "start_date", "blank required start_date"),
    ("training.csv", "staff_id", "unknown staff_id"),
    ("training.csv", "score", "score 150 is above 100"),
    (f"decisions_{DEMO_END.year}.csv", "decision_id", "duplicate decision_id"),
    (f"decisions_{DEMO_END.year}.csv", "team_id", "unknown team_id"),
    (f"decisions_{DEMO_END.year}.csv", "decided_at", "impossible date 31 February"),
    (f"decisions_{DEMO_END.year}.csv", "decision", "invalid decision value 'maybe'"),
    (f"decisions_{DEMO_END.year}.csv", "decided_at", "decided_at in the future (2099)"),
]
PLANTED_ERROR_LINES: tuple[int, ...] = (2, 2, 3, 3, 4, 5, 6, 7)
UNKNOWN_STAFF_ID = "E999999"
BLANK_START_STAFF_ID = "E999998"
UNKNOWN_TEAM_ID = "ZZZ"


@dataclasses.dataclass
class StaffMember:
    """One row of the staff roster, plus when a long absence began (not exported)."""

    staff_id: str
    team_id: str
    role: str
    name: str
    is_decision_maker: bool
    start_date: datetime.date
    end_date: datetime.date | None
    exempt_until: datetime.date | None = None
    absent_from: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class Completion:
    """One training attempt."""

    staff_id: str
    course_id: str
    completed_on: datetime.date
    result: str
    score: int | None


@dataclasses.dataclass(frozen=True)
class PolicyVersion:
    """One version of one policy."""

    policy_id: str
    title: str
    ico_step: int
    owner: str
    version: int
    approved_on: datetime.date
    review_due: datetime.date


@dataclasses.dataclass(frozen=True)
class Attestation:
    """One team's statement about one policy on one day."""

    team_id: str
    policy_id: str
    status: str
    attested_on: datetime.date
    evidence: str


def window_start(end: datetime.date) -> datetime.date:
    """First day of the three years that end on end."""
    return add_months(end, -12 * WINDOW_YEARS) + datetime.timedelta(days=1)


def closure_date(end: datetime.date) -> datetime.date:
    """Last day of the closed team: the end of the tenth month of the window."""
    first_of_month = add_months(window_start(end).replace(day=1), 11)
    return first_of_month - datetime.timedelta(days=1)


def quiet_quarter(end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The calendar quarter, ending at least three months before end, in which QUIET_TEAM logs
    no decision."""
    start = datetime.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
    start = add_months(start, -6)
    return start, add_months(start, 3) - datetime.timedelta(days=1)


def falling_quarter(end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last three whole months up to end (end's month counts when end is its last day), in
    which FALLING_TEAM's sharing falls: the early warnings' latest 3 months for a period
    ending on end or the day after."""
    last = end
    if (end + datetime.timedelta(days=1)).day != 1:
        last = end.replace(day=1) - datetime.timedelta(days=1)
    return add_months(last.replace(day=1), -2), last


def warning_params(end: datetime.date) -> dict[str, object]:
    """The bound parameters of generate_decisions.sql that plant the early warnings."""
    team_ids = list(TEAM_DECISIONS)
    return {
        "falling_team": team_ids.index(organisation.FALLING_TEAM),
        "falling_cover": team_ids.index(organisation.FALLING_COVER),
        "falling_from": falling_quarter(end)[0],
        "falling_until": falling_quarter(end)[1],
        "falling_moved": organisation.FALLING_SHARE_MOVED,
        "unreviewed_team": team_ids.index(organisation.UNREVIEWED_TEAM),
        "unreviewed_share": organisation.UNREVIEWED_SHARE,
        "review_days_max": organisation.REVIEW_DAYS_MAX,
    }


def part_rng(seed: int, part: str) -> random.Random:
    """An independent random stream for one part of the organisation."""
    return random.Random(f"{seed}:{part}")


def uk_date(day: datetime.date | None) -> str:
    """A date as dd/mm/yyyy, or blank."""
    return day.strftime("%d/%m/%Y") if day else ""


def iso_date(day: datetime.date | None) -> str:
    """A date as yyyy-mm-dd, or blank."""
    return day.isoformat() if day else ""


def slots(weights: Mapping[Any, float] | Iterable[tuple[Any, float]], size: int = 100) -> list:
    """Each value repeated in proportion to its weight, size values in all (largest remainder)."""
    pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
    counts = allocate([float(w) for _, w in pairs], size)
    return [value for (value, _), count in zip(pairs, counts, strict=True) for _ in range(count)]


def allocate(weights: list[float], total: int) -> list[int]:
    """Whole numbers proportional to weights that add up to total (largest remainder)."""
    weight_sum = sum(weights)
    exact = [w * total / weight_sum for w in weights]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda k: (-(exact[k] - counts[k]), k))
    for k in order[: total - sum(counts)]:
        counts[k] += 1
    return counts


def is_decision_maker(rng: random.Random, team_id: str, role: str) -> bool:
    """Whether a new post holder makes sharing decisions."""
    if role == SW and team_id in ALL_DECIDE_TEAMS:
        return True
    return rng.random() < DECISION_MAKER_SHARE.get(role, 0.0)


def person_name(rng: random.Random) -> str:
    """A fictional name, now and then with a letter outside ASCII that Windows-1252 holds."""
    first_pool = ACCENTED_FIRST_NAMES if rng.random() < ACCENTED_SHARE else FIRST_NAMES
    last_pool = ACCENTED_LAST_NAMES if rng.random() < ACCENTED_SHARE else LAST_NAMES
    return f"{rng.choice(first_pool.split())} {rng.choice(last_pool.split())}"


def build_staff(seed: int, end: datetime.date) -> list[StaffMember]:
    """The roster: every post's holders over the window, leavers and joiners included."""
    rng = part_rng(seed, "staff")
    start = window_start(end)
    closed_on = closure_date(end)
    rows: list[tuple[datetime.date, str, int, StaffMember]] = []
    post_number = 0
    for team_id, posts in TEAM_POSTS.items():
        closes = team_id in CLOSED_TEAMS
        last_day = closed_on if closes else end
        for role, count in posts:
            rate = LEAVE_RATE.get(role, DEFAULT_LEAVE_RATE)
            for _ in range(count):
                post_number += 1
                tenure_years = rng.expovariate(1 / 6.5)
                if tenure_years > 30:
                    tenure_years = rng.uniform(15, 30)
                tenure_days = int(tenure_years * 365.25) + 1
                holder_start = start - datetime.timedelta(days=tenure_days)
                while holder_start <= last_day:
                    from_day = max(holder_start, start)
                    stay = datetime.timedelta(days=int(rng.expovariate(rate) * 365.25))
                    leaves = from_day + stay
                    end_date = None
                    if closes and leaves >= closed_on:
                        end_date = closed_on
                    elif leaves <= end:
                        end_date = leaves
                    member = StaffMember(
                        staff_id="",
                        team_id=team_id,
                        role=role,
                        name=person_name(rng),
                        is_decision_maker=is_decision_maker(rng, team_id, role),
                        start_date=holder_start,
                        end_date=end_date,
                    )
                    rows.append((holder_start, team_id, post_number, member))
                    if end_date is None or end_date >= last_day:
                        break
                    holder_start = end_date + datetime.timedelta(days=rng.randint(14, 120))
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    number = 100_100
    staff = []
    for _, _, _, member in rows:
        number += rng.randint(1, 9)
        member.staff_id = f"E{number}"
        staff.append(member)
    mark_absences(rng, staff, end)
    return staff


def mark_absences(rng: random.Random, staff: list[StaffMember], end: datetime.date) -> None:
    """Give a dozen long-serving staff a long absence: half back recently, half still away."""
    candidates = [
        s for s in staff if s.end_date is None and s.start_date < end - datetime.timedelta(days=800)
    ]
    for k, member in enumerate(rng.sample(candidates, 12)):
        if k % 2 == 0:
            member.exempt_until = end + datetime.timedelta(days=rng.randint(20, 240))
        else:
            member.exempt_until = end - datetime.timedelta(days=rng.randint(10, 120))
        member.absent_from = min(
            member.exempt_until - datetime.timedelta(days=rng.randint(100, 330)),
            end - datetime.timedelta(days=30),
        )


def required_for(rule: str, member: StaffMember) -> bool:
    """Whether a course's required_for rule covers a staff member."""
    if rule == "all":
        return True
    if rule == "decision_makers":
        return member.is_decision_maker
    if rule == "none":
        return False
    for part in rule.split("|"):
        kind, _, value = part.partition(":")
        if (kind == "role" and value == member.role) or (
            kind == "team" and value == member.team_id
        ):
            return True
    return False


def pass_score(rng: random.Random) -> int:
    """A passing score, mostly in the eighties."""
    return max(70, min(100, round(rng.gauss(86, 7))))


def build_training(seed: int, staff: list[StaffMember], end: datetime.date) -> list[Completion]:
    """Completions: on-time refreshers, lagging teams, overdue and never-trained staff, retakes."""
    rng = part_rng(seed, "training")
    start = window_start(end)
    history_start = add_months(start, -30)
    records: list[Completion] = []
    for member in staff:
        reliability = min(
            0.99, max(0.3, TEAM_RECORDS[member.team_id].training_on_time + rng.uniform(-0.1, 0.1))
        )
        last_day = min(member.end_date or end, end)
        for course_id, _, refresh, rule, _ in COURSES:
            if not required_for(rule, member) or rng.random() < 0.02:
                continue
            launched = start + datetime.timedelta(days=COURSE_LAUNCH_DAYS.get(course_id, -3650))
            first_day = max(member.start_date, launched)
            if first_day < history_start:
                # In post before the records begin: last completions spread over one cycle.
                spread = refresh * 30 if refresh else 400
                done = history_start + datetime.timedelta(days=rng.randint(0, spread))
            else:
                lag = rng.randint(3, 60) if rng.random() < reliability else rng.randint(61, 200)
                done = first_day + datetime.timedelta(days=lag)
            records += course_attempts(rng, member, course_id, refresh, done, last_day, reliability)
    records.sort(key=lambda r: (r.staff_id, r.course_id, r.completed_on))
    return records


def course_attempts(
    rng: random.Random,
    member: StaffMember,
    course_id: str,
    refresh: int,
    done: datetime.date,
    last_day: datetime.date,
    reliability: float,
) -> list[Completion]:
    """One person's attempts at one course from the first, done, until they leave or stop."""
    records: list[Completion] = []
    scored = course_id not in UNSCORED_COURSES
    while done <= last_day:
        if member.absent_from and member.absent_from <= done <= member.exempt_until:
            done = member.exempt_until + datetime.timedelta(days=rng.randint(10, 60))
            continue
        if rng.random() < 0.05:
            score = rng.randint(20, 69) if scored else None
            records.append(Completion(member.staff_id, course_id, done, "fail", score))
            done += datetime.timedelta(days=rng.randint(3, 28))
            if done > last_day:
                break
        score = pass_score(rng) if scored else None
        records.append(Completion(member.staff_id, course_id, done, "pass", score))
        if refresh == 0 or rng.random() < 0.015:
            break
        due = add_months(done, refresh)
        if rng.random() < reliability:
            following = due - datetime.timedelta(days=rng.randint(0, 45))
        else:
            following = due + datetime.timedelta(days=rng.randint(10, 200))
        done = max(following, done + datetime.timedelta(days=30))
    return records


def build_policies(seed: int, end: datetime.date) -> list[PolicyVersion]:
    """The policy register, versions worked back from the one in force at end."""
    rng = part_rng(seed, "policies")
    versions: list[PolicyVersion] = []
    for policy_id, title, step, owner, review, count, stale, _ in POLICIES:
        if stale:
            review_due = end - datetime.timedelta(days=rng.randint(30, 300))
            approved = add_months(review_due, -review)
        else:
            approved = end - datetime.timedelta(days=rng.randint(20, min(30 * review - 20, 900)))
        dates = [approved]
        for _ in range(count - 1):
            approved = add_months(approved, -review) - datetime.timedelta(
                days=rng.randint(-60, 120)
            )
            dates.append(approved)
        for number, day in enumerate(reversed(dates), start=1):
            versions.append(
                PolicyVersion(policy_id, title, step, owner, number, day, add_months(day, review))
            )
    return versions


def build_coverage(
    seed: int, policies: list[PolicyVersion], end: datetime.date
) -> list[Attestation]:
    """Attestations every six to twelve months, mostly improving, with dips after new versions."""
    rng = part_rng(seed, "coverage")
    start = window_start(end)
    closed_on = closure_date(end)
    approvals: dict[str, list[datetime.date]] = {}
    for version in policies:
        approvals.setdefault(version.policy_id, []).append(version.approved_on)
    rows: list[Attestation] = []
    for team_id, records in TEAM_RECORDS.items():
        last_day = closed_on if team_id in CLOSED_TEAMS else end
        maturity = records.policy_maturity
        for policy in POLICIES:
            policy_id = policy.policy_id
            first_approved = approvals[policy_id][0]
            applicable = team_id in policy.applies_to
            if not applicable and rng.random() < 0.15:
                continue
            level = rng.choices(
                (0, 1, 2), weights=(0.2 - 0.18 * maturity, 0.3, 0.5 + 0.4 * maturity)
            )[0]
            day = max(
                start + datetime.timedelta(days=rng.randint(0, 150)),
                first_approved + datetime.timedelta(days=rng.randint(14, 90)),
            )
            previous = None
            while day <= last_day:
                if applicable:
                    if previous and any(previous < a <= day for a in approvals[policy_id]):
                        if level == 2 and rng.random() < 0.25:
                            level = 1
                    elif previous and rng.random() < min(0.95, records.policy_improvement + 0.4):
                        level = min(2, level + 1)
                    elif previous and rng.random() < 0.05:
                        level = max(0, level - 1)
                    status = STATUS_BY_LEVEL[level]
                else:
                    status = "not_applicable"
                rows.append(
                    Attestation(team_id, policy_id, status, day, rng.choice(EVIDENCE[status]))
                )
                if not applicable and rng.random() < 0.5:
                    break
                previous = day
                following = day + datetime.timedelta(days=rng.randint(180, 365))
                # A new version prompts most teams to re-attest within weeks, as a policy
                # owner's circulation would; weaker teams wait for the next routine round.
                new_versions = [a for a in approvals[policy_id] if day < a < following]
                if applicable and new_versions and rng.random() < 0.7 + 0.3 * maturity:
                    prompt = new_versions[0] + datetime.timedelta(days=rng.randint(14, 75))
                    following = min(following, prompt)
                day = following
    rows.sort(key=lambda r: (r.attested_on, r.team_id, r.policy_id))
    return rows


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday (Gregorian), by the anonymous algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return datetime.date(year, month, day + 1)


def nth_monday(year: int, month: int, last: bool = False) -> datetime.date:
    """The first (or last) Monday of a month."""
    if last:
        day = add_months(datetime.date(year, month, 1), 1) - datetime.timedelta(days=1)
        return day - datetime.timedelta(days=day.weekday())
    day = datetime.date(year, month, 1)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def bank_holidays(year: int) -> list[datetime.date]:
    """England and Wales bank holidays, with weekend substitutes."""
    new_year = datetime.date(year, 1, 1)
    while new_year.weekday() >= 5:
        new_year += datetime.timedelta(days=1)
    easter = easter_sunday(year)
    christmas = datetime.date(year, 12, 25)
    extra = {4: (25, 28), 5: (27, 28), 6: (26, 27)}.get(christmas.weekday(), (25, 26))
    return [
        new_year,
        easter - datetime.timedelta(days=2),
        easter + datetime.timedelta(days=1),
        nth_monday(year, 5),
        nth_monday(year, 5, last=True),
        nth_monday(year, 8, last=True),
        *(datetime.date(year, 12, d) for d in extra),
    ]


def school_holiday(day: datetime.date) -> str | None:
    """Which English school holiday a day falls in, if any."""
    year = day.year
    easter = easter_sunday(year)
    if (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3):
        return "christmas"
    if easter - datetime.timedelta(days=6) <= day <= easter + datetime.timedelta(days=5):
        return "easter"
    if datetime.date(year, 7, 23) <= day <= datetime.date(year, 9, 3):
        return "summer"
    february = nth_monday(year, 2) + datetime.timedelta(days=7)
    half_terms = (february, nth_monday(year, 5, last=True), nth_monday(year, 10, last=True))
    if any(monday <= day <= monday + datetime.timedelta(days=4) for monday in half_terms):
        return "half_term"
    return None


def day_weights(seed: int, end: datetime.date) -> list[tuple[datetime.date, str, float]]:
    """Each day of the window, weekday or weekend, and its share of the year's decisions."""
    rng = part_rng(seed, "days")
    start = window_start(end)
    holidays = {d for year in range(start.year, end.year + 1) for d in bank_holidays(year)}
    days = []
    day = start
    while day <= end:
        years_in = (day - start).days / 365.25
        weight = (1 + YEARLY_GROWTH * years_in) * rng.uniform(0.9, 1.1)
        if day.weekday() >= 5 or day in holidays:
            kind = "weekend"
            weight *= WEEKEND_FACTOR
        else:
            kind = "weekday"
            holiday = school_holiday(day)
            weight *= HOLIDAY_FACTOR.get(holiday or "", 1.0)
            if holiday == "summer" and day.month == 8:
                weight *= AUGUST_FACTOR
            if holiday is None and day.month in (9, 10, 11):
                weight *= AUTUMN_TERM_FACTOR
            weight *= {0: 1.08, 4: 0.9}.get(day.weekday(), 1.0)
        days.append((day, kind, weight))
        day += datetime.timedelta(days=1)
    return days


def minute_slots(bands: tuple[tuple[float, ...], ...]) -> list[int]:
    """Minutes of the day in ascending order, each hour as often as its weight."""
    per_hour = allocate([w for band in bands for w in band], MINUTE_SLOTS)
    return [
        hour * 60 + k * 60 // count for hour, count in enumerate(per_hour) for k in range(count)
    ]


def band_weight(profile: DecisionProfile, kind: str, band: str) -> int:
    """A team's relative share of the decisions taken in one kind of day and time band."""
    if band == "night":
        return profile.night_weight
    return profile.weekday_weight if kind == "weekday" else profile.weekend_weight


def team_slots() -> list[int]:
    """Team indexes by weight, TEAM_SLOTS per (day kind, closed team gone, night) in that order."""
    team_ids = list(TEAM_DECISIONS)
    flat = []
    for kind in DAY_KINDS:
        for closed_team_gone in (False, True):
            for band in ("day", "night"):
                weights = {
                    team_id: band_weight(profile, kind, band)
                    for team_id, profile in TEAM_DECISIONS.items()
                }
                if closed_team_gone:
                    for closed, successors in CLOSED_TEAMS.items():
                        moved = allocate([1.0] * len(successors), weights.pop(closed))
                        for successor, extra in zip(successors, moved, strict=True):
                            weights[successor] += extra
                kept = {team_ids.index(t): w for t, w in weights.items() if w}
                flat.extend(slots(kept, TEAM_SLOTS))
    return flat


def decision_inputs(
    seed: int, scale: float, end: datetime.date, staff: list[StaffMember]
) -> tuple[pd.DataFrame, dict[str, object]]:
    """The day table and the bound parameters generate_decisions.sql reads."""
    n_rows = max(1, round(DECISIONS_AT_SCALE_1 * scale))
    team_ids = list(TEAM_DECISIONS)
    recipient_index = {name: k for k, name in enumerate(RECIPIENT_TYPES)}
    n_children = max(1, round(n_rows * CHILDREN_PER_DECISION))
    params: dict[str, object] = {
        "seed": seed,
        "n_rows": n_rows,
        "id_width": max(8, len(str(n_rows))),
        "last_minute": datetime.datetime.combine(end, datetime.time(23, 59)),
        "n_children": n_children,
        "child_window": max(1, n_children * CASE_MONTHS // (12 * WINDOW_YEARS)),
        "child_offset": part_rng(seed, "children").randrange(10_000_000),
        "minute_slot_count": MINUTE_SLOTS,
        "minute_slots": [m for kind in DAY_KINDS for m in minute_slots(HOUR_WEIGHTS[kind])],
        "day_from": DAY_FROM,
        "day_until": DAY_UNTIL,
        "team_slot_count": TEAM_SLOTS,
        "team_slots": team_slots(),
        "team_ids": team_ids,
        "slot_count": SLOTS,
        "recipient_types": list(RECIPIENT_TYPES),
        "emergency_recipients": [
            recipient_index[r] for r in slots(DECISION_LISTS["emergency_recipients"])
        ],
        "org_slots": [
            org
            for kind in RECIPIENT_TYPES
            for org in slots({o: 1 for o in RECIPIENT_ORGS[kind]}, SLOTS)
        ],
        "dsa_refs": [DSA_REFS[kind] for kind in RECIPIENT_TYPES],
        "quiet_team": team_ids.index(QUIET_TEAM),
        "quiet_cover": team_ids.index(QUIET_COVER),
        "quiet_from": quiet_quarter(end)[0],
        "quiet_until": quiet_quarter(end)[1],
    }
    params.update(team_lists())
    params.update(warning_params(end))
    for name, weighted in DECISION_LISTS.items():
        if name != "emergency_recipients":
            params[name] = slots(weighted)
    params.update(staff_pools(staff, window_start(end), end))
    return day_table(seed, n_rows, end), params


def day_table(seed: int, n_rows: int, end: datetime.date) -> pd.DataFrame:
    """Each day that has decisions: its kind, whether the closed team is gone, its rows."""
    closed_on = closure_date(end)
    weights = day_weights(seed, end)
    counts = allocate([w for _, _, w in weights], n_rows)
    day_rows, first_row = [], 0
    for (day, kind, _), count in zip(weights, counts, strict=True):
        if count:
            day_rows.append((day, DAY_KINDS.index(kind), int(day > closed_on), first_row, count))
        first_row += count
    return pd.DataFrame(
        day_rows, columns=["day", "kind_index", "period_index", "first_row", "n_rows"]
    )


def team_lists() -> dict[str, object]:
    """Per-team probabilities and slot lists, laid end to end in TEAM_DECISIONS order."""
    team_ids = list(TEAM_DECISIONS)
    profiles = list(TEAM_DECISIONS.values())
    lists: dict[str, object] = {
        field: [float(getattr(p, field)) for p in profiles] for field in DecisionProfile._fields[4:]
    }
    lists["recipient_slots"] = [
        k for team_id in team_ids for k in slots(dict(enumerate(TEAM_RECIPIENTS[team_id])), SLOTS)
    ]
    lists["purpose_slots"] = [
        purpose
        for team_id in team_ids
        for purpose in slots({p: 1 for p in TEAM_PURPOSES[team_id]}, SLOTS)
    ]
    lists["consent_slots"] = [
        value
        for p in profiles
        for value in slots(zip(CONSENT_VALUES, STYLE_CONSENT[p.style], strict=True), SLOTS)
    ]
    lists["family_slots"] = [
        value
        for p in profiles
        for value in slots(
            zip(FAMILY_INFORMED_VALUES, STYLE_FAMILY_INFORMED[p.style], strict=True), SLOTS
        )
    ]
    return lists


def staff_pools(
    staff: list[StaffMember], start: datetime.date, end: datetime.date
) -> dict[str, object]:
    """Who may decide and who may authorise, per team and month, among staff in post all month.

    Pools are laid end to end in team-major order; a pool is found by its offset and count.
    """
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    pools: dict[str, list] = {
        "deciders": [],
        "decider_offsets": [],
        "decider_counts": [],
        "authorisers": [],
        "authoriser_offsets": [],
        "authoriser_counts": [],
    }
    for team_id in TEAM_DECISIONS:
        team_staff = [s for s in staff if s.team_id == team_id and s.role != BSO]
        for month in months:
            first = max(month, start)
            last = min(add_months(month, 1) - datetime.timedelta(days=1), end)
            in_post = [
                s
                for s in team_staff
                if s.start_date <= first and (s.end_date is None or s.end_date >= last)
            ]
            deciders = [s.staff_id for s in in_post if s.is_decision_maker] or [
                s.staff_id for s in in_post
            ]
            authorisers = [s.staff_id for s in in_post if s.role in AUTHORISER_ROLES] or deciders
            for name, chosen in (("decider", deciders), ("authoriser", authorisers)):
                pools[f"{name}_offsets"].append(len(pools[f"{name}s"]))
                pools[f"{name}_counts"].append(len(chosen))
                pools[f"{name}s"].extend(chosen)
    return {
        **pools,
        "n_months": len(months),
        "first_month": start.year * 12 + start.month - 1,
    }


def write_decisions(
    out_dir: pathlib.Path, seed: int, scale: float, end: datetime.date, staff: list[StaffMember]
) -> list[pathlib.Path]:
    """One decisions_YYYY.csv per calendar year, written by DuckDB."""
    days, params = decision_inputs(seed, scale, end, staff)
    query = (SQL_DIR / "generate_decisions.sql").read_text().strip().rstrip(";")
    paths = []
    with tempfile.TemporaryDirectory() as spill, duckdb.connect() as con:
        con.execute("set enable_progress_bar = false")
        con.execute(f"set temp_directory = '{escape_sql(spill)}'")
        con.register("gen_days_frame", days)
        con.execute("create temp table gen_days as select * from gen_days_frame")
        con.unregister("gen_days_frame")
        for year in range(window_start(end).year, end.year + 1):
            path = out_dir / f"decisions_{year}.csv"
            con.execute(
                f"copy ({query}) to '{escape_sql(str(path))}' (header, delimiter ',')",
                {**params, "year": year},
            )
            paths.append(path)
    return paths


def escape_sql(text: str) -> str:
    """A string safe inside single quotes in SQL."""
    return text.replace("'", "''")


def write_csv(
    path: pathlib.Path,
    header: list[str],
    rows: list[list[str]],
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\n",
) -> None:
    """Write rows as CSV text in an exact encoding, separator and line ending."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_teams(out_dir: pathlib.Path, end: datetime.date) -> pathlib.Path:
    """teams.csv: UTF-8, comma; the closed team's last day in closed_on (every team opened
    before the data begins, so opened_on is blank)."""
    path = out_dir / "teams.csv"
    rows = [
        [
            team_id,
            name,
            directorate,
            "",
            iso_date(closure_date(end)) if team_id in CLOSED_TEAMS else "",
        ]
        for team_id, (name, directorate) in TEAMS.items()
    ]
    write_csv(path, ["team_id", "team_name", "directorate", "opened_on", "closed_on"], rows)
    return path


@dataclasses.dataclass(frozen=True)
class Assignment:
    """One row of the staff assignments history."""

    staff_id: str
    team_id: str
    role: str
    is_decision_maker: bool
    from_date: datetime.date


def build_assignments(seed: int, staff: list[StaffMember], end: datetime.date) -> list[Assignment]:
    """Histories for long-serving staff in post: some moved team within their directorate in
    the window, some were promoted (the roster shows where each is now)."""
    rng = part_rng(seed, "assignments")
    start = window_start(end)
    settled = [
        s
        for s in staff
        if s.end_date is None
        and s.exempt_until is None
        and s.start_date < start
        and s.team_id not in CLOSED_TEAMS
    ]
    roles = {team_id: {role for role, _ in posts} for team_id, posts in TEAM_POSTS.items()}
    # promoted from a post the team has; moved to a team of the directorate with the same post
    promotable = [s for s in settled if PROMOTED_FROM.get(s.role) in roles[s.team_id]]
    promoted = rng.sample(promotable, ASSIGNMENT_PROMOTIONS)
    promoted_ids = {s.staff_id for s in promoted}
    destinations = {
        s.staff_id: [
            t
            for t, (_, directorate) in TEAMS.items()
            if directorate == TEAMS[s.team_id][1]
            and t != s.team_id
            and t not in CLOSED_TEAMS
            and s.role in roles[t]
        ]
        for s in settled
    }
    movable = [s for s in settled if s.staff_id not in promoted_ids and destinations[s.staff_id]]
    movers = rng.sample(movable, ASSIGNMENT_MOVES)
    rows: list[Assignment] = []
    for member in sorted(promoted + movers, key=lambda s: s.staff_id):
        changed_on = start + datetime.timedelta(days=rng.randint(60, (end - start).days - 60))
        if member.staff_id in promoted_ids:
            # a senior practitioner decides; a social worker does at the front door and out of
            # hours (as is_decision_maker gives new post holders)
            role_before = PROMOTED_FROM[member.role]
            deciding = role_before == SP or member.team_id in ALL_DECIDE_TEAMS
            before = (member.team_id, role_before, deciding)
        else:
            before = (
                rng.choice(destinations[member.staff_id]),
                member.role,
                member.is_decision_maker,
            )
        rows.append(Assignment(member.staff_id, *before, member.start_date))
        rows.append(
            Assignment(
                member.staff_id, member.team_id, member.role, member.is_decision_maker, changed_on
            )
        )
    return rows


def write_assignments(out_dir: pathlib.Path, assignments: list[Assignment]) -> pathlib.Path:
    """staff_assignments.csv as an HR system exports it: UTF-8, comma, ISO dates."""
    path = out_dir / "staff_assignments.csv"
    rows = [
        [
            a.staff_id,
            a.team_id,
            a.role,
            "yes" if a.is_decision_maker else "no",
            iso_date(a.from_date),
        ]
        for a in assignments
    ]
    write_csv(path, ["staff_id", "team_id", "role", "is_decision_maker", "from_date"], rows)
    return path


def staff_row(s: StaffMember) -> list[str]:
    """One staff.csv row as Excel would show it."""
    return [
        s.staff_id,
        s.team_id,
        s.role,
        s.name,
        "Yes" if s.is_decision_maker else "No",
        uk_date(s.start_date),
        uk_date(s.end_date),
        uk_date(s.exempt_until),
    ]


def write_staff(out_dir: pathlib.Path, staff: list[StaffMember], with_errors: bool) -> pathlib.Path:
    """staff.csv as Excel on Windows saves it: Windows-1252, semicolons, CRLF, UK dates."""
    path = out_dir / "staff.csv"
    rows = [staff_row(s) for s in staff]
    if with_errors:
        bad = [BLANK_START_STAFF_ID, "MASH", SW, "Sam Taylor", "No", "", "", ""]
        rows.insert(0, bad)
    header = [
        "Staff ID",
        "Team ID",
        "Role",
        "Name",
        "Is decision maker",
        "Start date",
        "End date",
        "Exempt until",
    ]
    write_csv(path, header, rows, encoding="cp1252", delimiter=";", newline="\r\n")
    return path


def write_courses(out_dir: pathlib.Path) -> pathlib.Path:
    """courses.xlsx, byte-identical from run to run."""
    path = out_dir / "courses.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Courses"
    sheet.append(["Course ID", "Title", "Refresh months", "Required for", "ICO step"])
    for row in COURSES:
        sheet.append(list(row))
    fixed = datetime.datetime(2026, 1, 1)
    book.properties.creator = ORGANISATION
    book.properties.created = fixed
    book.properties.modified = fixed
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(fixed_zip(buffer.getvalue()))
    return path


def fixed_zip(data: bytes) -> bytes:
    """The same XLSX with fixed entry times and fixed document timestamps."""
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = stamp.sub(rb"\g<1>" + FIXED_XLSX_STAMP.encode() + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def write_policies(out_dir: pathlib.Path, policies: list[PolicyVersion]) -> pathlib.Path:
    """policies.csv: UTF-8 with BOM, comma, CRLF (Excel's "CSV UTF-8"), ISO dates."""
    path = out_dir / "policies.csv"
    rows = [
        [
            p.policy_id,
            p.title,
            str(p.ico_step),
            p.owner,
            str(p.version),
            iso_date(p.approved_on),
            iso_date(p.review_due),
        ]
        for p in policies
    ]
    header = ["policy_id", "title", "ico_step", "owner", "version", "approved_on", "review_due"]
    write_csv(path, header, rows, encoding="utf-8-sig", newline="\r\n")
    return path


def write_coverage(out_dir: pathlib.Path, coverage: list[Attestation]) -> pathlib.Path:
    """coverage.csv: Windows-1252, semicolons, CRLF, UK dates."""
    path = out_dir / "coverage.csv"
    rows = [
        [a.team_id, a.policy_id, a.status, uk_date(a.attested_on), a.evidence] for a in coverage
    ]
    header = ["Team ID", "Policy ID", "Status", "Attested on", "Evidence"]
    write_csv(path, header, rows, encoding="cp1252", delimiter=";", newline="\r\n")
    return path


def write_training(
    out_dir: pathlib.Path,
    training: list[Completion],
    staff: list[StaffMember],
    end: datetime.date,
    with_errors: bool,
) -> pathlib.Path:
    """training.csv: UTF-8, comma, completed_on as dd/mm/yyyy."""
    path = out_dir / "training.csv"
    rows = [
        [
            r.staff_id,
            r.course_id,
            uk_date(r.completed_on),
            r.result,
            "" if r.score is None else str(r.score),
        ]
        for r in training
    ]
    if with_errors:
        day = window_start(end) + datetime.timedelta(days=10)
        unknown = [UNKNOWN_STAFF_ID, "DP-ANNUAL", uk_date(day), "pass", "88"]
        rows[0:0] = [unknown, too_high_score_row(training, staff, end)]
    write_csv(path, ["staff_id", "course_id", "completed_on", "result", "score"], rows)
    return path


def too_high_score_row(
    training: list[Completion], staff: list[StaffMember], end: datetime.date
) -> list[str]:
    """A training row whose only fault is a score of 150 (its key is new, the person in post)."""
    taken = {(r.staff_id, r.course_id, r.completed_on) for r in training}
    day = window_start(end) + datetime.timedelta(days=20)
    member = next(
        s
        for s in staff
        if s.start_date < day and s.end_date is None and (s.staff_id, "DP-ANNUAL", day) not in taken
    )
    return [member.staff_id, "DP-ANNUAL", uk_date(day), "pass", "150"]


def plant_decision_errors(path: pathlib.Path, end: datetime.date) -> None:
    """Insert five bad rows after line 2 of a decision file, each a variant of line 2."""
    with path.open(encoding="utf-8", newline="") as source:
        header_line = source.readline()
        first_line = source.readline()
        header = next(csv.reader([header_line]))
        first = next(csv.reader([first_line]))
        variants = [
            ("decision_id", first[header.index("decision_id")]),
            ("team_id", UNKNOWN_TEAM_ID),
            ("decided_at", f"31/02/{end.year} 10:00"),
            ("decision", "maybe"),
            ("decided_at", "2099-06-01 10:00"),
        ]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for number, (column, value) in enumerate(variants):
            row = list(first)
            if column != "decision_id":
                row[header.index("decision_id")] = f"NBD-ERR-{number}"
            row[header.index(column)] = value
            if column == "decided_at":
                row[header.index("request_received")] = ""
                row[header.index("recorded_at")] = ""
            writer.writerow(row)
        staged = path.with_name(path.name + ".tmp")
        with staged.open("w", encoding="utf-8", newline="") as target:
            target.write(header_line + first_line + buffer.getvalue())
            shutil.copyfileobj(source, target)
    staged.replace(path)


def write_actions(out_dir: pathlib.Path, end: datetime.date) -> list[pathlib.Path]:
    """app/actions.csv (the actions, all open) and app/actions_update.csv (one closed), for
    `python -m pipelines actions import`; in a folder of their own, which ingest does not read."""
    folder = out_dir / "app"
    folder.mkdir(exist_ok=True)
    header = ["title", "team_id", "ico_step", "owner", "due_on", "status"]
    rows = [
        [title, team, str(step or ""), owner, iso_date(end + datetime.timedelta(days=due)), "open"]
        for title, team, step, owner, due in DEMO_ACTIONS
    ]
    write_csv(folder / "actions.csv", header, rows)
    closed = [str(DEMO_ACTION_CLOSED), *rows[DEMO_ACTION_CLOSED - 1][:-1], "done"]
    write_csv(folder / "actions_update.csv", ["action_id", *header], [closed])
    return [folder / "actions.csv", folder / "actions_update.csv"]


def generate(
    out_dir: pathlib.Path,
    seed: int = 42,
    scale: float = 1.0,
    with_errors: bool = False,
    end: datetime.date = DEMO_END,
) -> list[pathlib.Path]:
    """Write the demo organisation's files into out_dir and return their paths.

    scale multiplies the number of decision rows only (25,000 at scale 1); every other file is
    the same at any scale. The same arguments give byte-identical files.
    """
    if not scale > 0:
        raise ValueError(f"scale must be a number above 0, not {scale}")
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staff = build_staff(seed, end)
    policies = build_policies(seed, end)
    paths = [
        write_teams(out_dir, end),
        write_staff(out_dir, staff, with_errors),
        write_assignments(out_dir, build_assignments(seed, staff, end)),
        write_courses(out_dir),
        write_policies(out_dir, policies),
        write_coverage(out_dir, build_coverage(seed, policies, end)),
        write_agreements(out_dir, end),
        write_training(out_dir, build_training(seed, staff, end), staff, end, with_errors),
    ]
    decision_paths = write_decisions(out_dir, seed, scale, end, staff)
    if with_errors:
        plant_decision_errors(out_dir / f"decisions_{end.year}.csv", end)
    return paths + decision_paths + write_actions(out_dir, end)


def agreement_row(a: DemoAgreement, end: datetime.date) -> list[str]:
    """One agreements.csv row, its dates placed from the window's start and the data's end."""
    start = window_start(end)
    days = datetime.timedelta

    def after_end(n: int | None) -> datetime.date | None:
        return None if n is None else end + days(days=n)

    signed = (
        None if a.signed_days_before_window is None else start - days(a.signed_days_before_window)
    )
    dpia = (
        None
        if signed is None or a.dpia_days_before_signing is None
        else signed - days(a.dpia_days_before_signing)
    )
    return [
        a.dsa_ref,
        a.title,
        "|".join(a.partners),
        "|".join(a.partner_types),
        a.scope,
        a.status.capitalize(),
        uk_date(signed),
        uk_date(after_end(a.review_days_after_end)),
        uk_date(after_end(a.ended_days_after_end)),
        f"DPIA-{a.dsa_ref.split('-', 1)[1]}" if dpia else "",
        uk_date(dpia),
    ]


def write_agreements(out_dir: pathlib.Path, end: datetime.date) -> pathlib.Path:
    """agreements.csv: the register as a spreadsheet saves it (UTF-8 with BOM, CRLF, UK dates,
    statuses capitalised)."""
    path = out_dir / "agreements.csv"
    header = [
        "DSA ref",
        "Title",
        "Partners",
        "Partner types",
        "Scope",
        "Status",
        "Signed on",
        "Review due",
        "Ended on",
        "DPIA ref",
        "DPIA date",
    ]
    rows = [agreement_row(a, end) for a in AGREEMENTS]
    write_csv(path, header, rows, encoding="utf-8-sig", newline="\r\n")
    return path
