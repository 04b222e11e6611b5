"""The governance sections of the exports (exports/governance.py, exports/pack_sections.py):
early warnings, agreements past review and open actions, from small hand-made frames with
exactly the columns agreed with the modules that will make them, on the fixture organisation
(teams CP-N, EDS, FH, MASH, OLD; MAIN: period 2025-07-01..2026-06-30, as of X = 2026-06-30)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb
import pandas as pd
import pytest

from core.settings import DEFAULTS
from exports.build import Governance, build_export
from exports.columns import AGREEMENTS_PAST_REVIEW, OPEN_ACTIONS, WARNINGS
from exports.disclosure import Cells
from exports.governance import (
    ACTION_COLUMNS,
    AGREEMENT_COLUMNS,
    WARNING_COLUMNS,
    warnings_table,
)
from exports.pack_sections import actions_section, agreements_section, warnings_section
from tests.fixture_org import MAIN

GENERATED_AT = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
D = dt.date

FALLING = (
    "Multi-agency safeguarding hub logged 3 decisions in Apr–Jun against about 12.4 expected "
    "from its previous 12 months; a fall this large happens by chance less than 1 time in 100."
)
WARNINGS_FRAME = pd.DataFrame(
    [
        ("high", "sharing_falling", "MASH", "Multi-agency safeguarding hub", FALLING, "sharing", 3,
         12.4, 0.0042),
        ("medium", "lapsed_training", "EDS", "Education safeguarding",
         "Education safeguarding: 2 decisions were made by staff whose training had lapsed.",
         "training", 2, None, None),
        ("high", "no_agreement", "CP-N", "Child protection north",
         "Child protection north made 7 routine shares to Northbridge Police with no agreement.",
         "register", 7, None, None),
        # a team the export does not cover: never in it
        ("high", "records_slipping", "ZZZ", "Another council's team", "ZZZ slipped.", "overview",
         9, 4.0, 0.01),
    ],
    columns=list(WARNING_COLUMNS),
)  # fmt: skip
AGREEMENTS_FRAME = pd.DataFrame(
    [
        ("DSA-EDU-02", "Schools safeguarding", "Northbridge schools", D(2026, 5, 31), 30, 3),
        ("DSA-POL-01", "Police information sharing", "Northbridge Police", D(2026, 3, 31), 91, 12),
        ("DSA-HEA-03", "Health partners", "Northbridge ICB", D(2026, 6, 29), 1, 0),
    ],
    columns=list(AGREEMENT_COLUMNS),
)
UPDATED = dt.datetime(2026, 6, 1, 10, 30)
ACTIONS_FRAME = pd.DataFrame(
    [
        ("A1", "Refresh the police DPIA", "MASH", 5, "Ada Abbott", D(2026, 5, 1), "open", True,
         UPDATED, "lead@example.org"),
        ("A2", "Re-attest the emergency policy", "EDS", 9, "Hal Hill", D(2026, 7, 31), "open",
         False, UPDATED, "lead@example.org"),
        ("A3", "Board paper on consent", None, 8, "DPO", D(2026, 6, 1), "done", False, UPDATED,
         "dpo@example.org"),
        ("A4", "Training push", None, None, "HR lead", D(2026, 6, 15), "open", True, UPDATED,
         "lead@example.org"),
        ("A5", "Another council's action", "ZZZ", 1, "Someone", D(2026, 1, 1), "open", True,
         UPDATED, "x@example.org"),
    ],
    columns=list(ACTION_COLUMNS),
)  # fmt: skip
EVERYTHING = Governance(
    warnings=WARNINGS_FRAME, agreements_past_review=AGREEMENTS_FRAME, actions=ACTIONS_FRAME
)


def export(con: duckdb.DuckDBPyConnection, external: bool, **changes: object) -> dict[str, bytes]:
    f = replace(MAIN, **changes) if changes else MAIN
    return build_export(
        con,
        f,
        external=external,
        formats={"csv"},
        generated_at=GENERATED_AT,
        settings=DEFAULTS,
        governance=EVERYTHING,
    )


def text(files: dict[str, bytes], name: str) -> str:
    return files[name].decode("utf-8-sig")


# High first, then by team name; ZZZ (not in scope) left out. Expected figures are rounded to
# a whole number (12.4 -> 12).
WARNINGS_CSV = (
    "severity,kind,team_id,team_name,warning,page,observed,expected,p_value\n"
    "high,no_agreement,CP-N,Child protection north,Child protection north made 7 routine shares "
    "to Northbridge Police with no agreement.,register,7,,\n"
    f"high,sharing_falling,MASH,Multi-agency safeguarding hub,{FALLING},sharing,3,12,0.0042\n"
    "medium,lapsed_training,EDS,Education safeguarding,Education safeguarding: 2 decisions were "
    "made by staff whose training had lapsed.,training,2,,\n"
)
# Threshold 5: 3 and 2 are c, and so is the probability beside the 3 (with the expected 12 it
# would give the 3 away); the sentences are rebuilt from the cells as shown.
EXTERNAL_WARNINGS_CSV = (
    "severity,kind,team_id,team_name,warning,page,observed,expected,p_value\n"
    "high,no_agreement,CP-N,Child protection north,Child protection north: 7 routine shares to "
    "a partner with no agreement.,register,7,,\n"
    'high,sharing_falling,MASH,Multi-agency safeguarding hub,"Multi-agency safeguarding hub: c '
    'decisions in the latest 3 months, fewer than its own past (about 12 expected).",sharing,'
    "c,12,c\n"
    "medium,lapsed_training,EDS,Education safeguarding,Education safeguarding: c decisions by "
    "staff whose required training had lapsed on the day.,training,c,,\n"
)
# Most overdue first (as of X: 2026-03-31 is 91 days before, 2026-05-31 30, 2026-06-29 1).
AGREEMENTS_CSV = (
    "dsa_ref,title,partners,review_due,days_overdue,routine_shares\n"
    "DSA-POL-01,Police information sharing,Northbridge Police,2026-03-31,91,12\n"
    "DSA-EDU-02,Schools safeguarding,Northbridge schools,2026-05-31,30,{edu}\n"
    "DSA-HEA-03,Health partners,Northbridge ICB,2026-06-29,1,0\n"
)
# Open only (A3 is done), in scope only (A5 is ZZZ's); overdue first by due date (A1 1 May,
# A4 15 Jun), then A2. A4 is the organisation's: no team.
ACTIONS_CSV = (
    "action_id,title,team_id,team_name,ico_step,owner,due_on,overdue,updated_at,updated_by\n"
    "A1,Refresh the police DPIA,MASH,Multi-agency safeguarding hub,5,Ada Abbott,2026-05-01,yes,"
    "2026-06-01T10:30:00,lead@example.org\n"
    "A4,Training push,,,,HR lead,2026-06-15,yes,2026-06-01T10:30:00,lead@example.org\n"
    "A2,Re-attest the emergency policy,EDS,Education safeguarding,9,Hal Hill,2026-07-31,no,"
    "2026-06-01T10:30:00,lead@example.org\n"
)


@pytest.fixture(scope="module")
def internal(con: duckdb.DuckDBPyConnection) -> dict[str, bytes]:
    return export(con, external=False)


@pytest.fixture(scope="module")
def external(con: duckdb.DuckDBPyConnection) -> dict[str, bytes]:
    return export(con, external=True)


def test_internal_files_as_given(internal: dict[str, bytes]) -> None:
    assert text(internal, "warnings.csv") == WARNINGS_CSV
    assert text(internal, "agreements_past_review.csv") == AGREEMENTS_CSV.format(edu=3)
    assert text(internal, "open_actions.csv") == ACTIONS_CSV
    manifest = text(internal, "manifest.csv")
    assert "not_available,none\n" in manifest


def test_external_files_suppress_small_counts_and_leave_out_actions(
    external: dict[str, bytes],
) -> None:
    assert text(external, "warnings.csv") == EXTERNAL_WARNINGS_CSV
    # DSA-EDU-02's 3 routine shares are c; 12 and 0 are shown.
    assert text(external, "agreements_past_review.csv") == AGREEMENTS_CSV.format(edu="c")
    # Actions name their owners: internal only (the external pack gives counts).
    assert "open_actions.csv" not in external
    everything = b"".join(external.values()).decode("utf-8-sig")
    for secret in ("Ada Abbott", "Hal Hill", "lead@example.org", "3 decisions", "2 decisions"):
        assert secret not in everything
    assert "not_available,none\n" in text(external, "manifest.csv")


def test_a_viewer_limited_to_some_teams_sees_only_theirs(con: duckdb.DuckDBPyConnection) -> None:
    files = export(con, external=False, allowed=("MASH",))
    assert text(files, "warnings.csv").splitlines()[1:] == WARNINGS_CSV.splitlines()[2:3]
    # The organisation's action (A4) is not a team's: left out for a team-scoped viewer.
    assert text(files, "open_actions.csv").splitlines()[1:] == ACTIONS_CSV.splitlines()[1:2]


def test_sources_not_given_have_no_file_and_are_named(con: duckdb.DuckDBPyConnection) -> None:
    files = build_export(
        con,
        MAIN,
        external=False,
        formats={"csv"},
        generated_at=GENERATED_AT,
        settings=DEFAULTS,
        governance=Governance(warnings=WARNINGS_FRAME.iloc[0:0]),
    )
    # Warnings given but none fired: the file is there, header only; the others are named.
    assert text(files, "warnings.csv") == WARNINGS_CSV.splitlines()[0] + "\n"
    assert "agreements_past_review.csv" not in files
    assert "open_actions.csv" not in files
    assert "not_available,agreements register; actions\n" in text(files, "manifest.csv")


def test_a_frame_with_other_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="warnings have columns"):
        warnings_table(WARNINGS_FRAME.drop(columns="p_value"), Cells(), {}, scoped=False)


def test_pack_sections_say_when_a_source_is_missing() -> None:
    missing = warnings_section({})
    assert missing["warnings"] is None
    assert missing["warnings_missing"] == (
        "The early warnings could not be included in this export (its source was not "
        "available), so this page cannot say whether there are any: look on the dashboard "
        "before relying on it."
    )
    assert agreements_section({})["agreements"] is None
    assert actions_section(None, external=False)["action_counts"] is None


def test_pack_sections_from_the_tables(con: duckdb.DuckDBPyConnection) -> None:
    from exports.summaries import collect, shown_tables
    from metrics.rag import thresholds_from_settings

    thresholds = thresholds_from_settings(DEFAULTS["rag"])
    collected = collect(con, MAIN, thresholds, 30, EVERYTHING)
    _, tables = shown_tables(collected, external=True, threshold=5)
    section = warnings_section(tables)
    assert [(w["severity"], w["team"], w["page"]) for w in section["warnings"]] == [
        ("■ High", "Child protection north", "Agreements register"),
        ("■ High", "Multi-agency safeguarding hub", "Sharing"),
        ("▲ Medium", "Education safeguarding", "Training"),
    ]
    agreements = agreements_section(tables)["agreements"]
    assert [(a["review_due"], a["days_overdue"], a["routine_shares"]) for a in agreements] == [
        ("31 Mar 2026", "91", "12"),
        ("31 May 2026", "30", "c"),
        ("29 Jun 2026", "1", "0"),
    ]
    actions = collected.tables[OPEN_ACTIONS.name]
    # Externally only the counts: 3 open (A1, A4, A2), 2 overdue; by step 5, 9, none.
    outside = actions_section(actions, external=True)
    assert outside["actions"] is None
    assert outside["action_counts"] == {
        "open": 3,
        "overdue": 2,
        "by_step": [("Step 5", [1, 1]), ("Step 9", [1, 0]), ("No step", [1, 1])],
    }
    inside = actions_section(actions, external=False)["actions"]
    assert [(a["title"], a["team"], a["step"], a["due"], a["overdue"]) for a in inside] == [
        ("Refresh the police DPIA", "Multi-agency safeguarding hub", 5, "1 May 2026", True),
        ("Training push", "The organisation", "–", "15 Jun 2026", True),
        ("Re-attest the emergency policy", "Education safeguarding", 9, "31 Jul 2026", False),
    ]
    assert WARNINGS.name in collected.tables and AGREEMENTS_PAST_REVIEW.name in collected.tables
