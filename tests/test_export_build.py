"""Exports of the fixture organisation (tests/fixture_org.py): the CSV text of every summary,
asserted whole, internal and external; the manifest; one function for page and CLI.

Period 2025-07-01..2026-06-30, as of X = 2026-06-30 (the fixture's MAIN filters). The per-team
figures are worked out by hand in tests/test_metrics_*.py; the comments here say where each
row comes from.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from core.settings import DEFAULTS
from exports import board_pack
from exports.build import build_export, bundle_name, file_names
from exports.columns import SUMMARIES
from exports.governance import SOURCES
from exports.summaries import collect, shown_tables
from exports.writers import table_rows
from metrics.query import run
from metrics.rag import thresholds_from_settings
from tests.fixture_org import MAIN

GENERATED_AT = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parent.parent

# Scorecard at X (test_metrics_overview): coverage 2/4, 1/1, 3/5, 4/5 = 10/15; training 2/2,
# 1/1, 5/8, 2/5 = 10/16; decisions 5, 0, 7, 4 = 16 with 3, 0, 6, 3 = 12 shares. Complete
# records are counted over decisions, refusals included: 2, 0, 4, 3 = 9 (CP-N D10 D12; MASH D01
# D02 D04 D06; EDS D13 D15 D16). Percentages rounded down: 6/7 = 85.71 -> 85.7, 4/7 = 57.14 ->
# 57.1, 9/16 = 56.25 -> 56.2. FH decided nothing: no percentage, `no data`, left out of its
# overall status (green).
# Rows by directorate then team name; OLD (inactive, no decisions in the period) is left out.
TEAM_SUMMARY = (
    "team_id,team_name,directorate,active,overall_rag,policy_coverage_pct,"
    "policies_in_place,policies_applying,policy_coverage_rag,training_completion_pct,"
    "training_in_date,training_required,training_rag,decisions,share_rate_pct,shares,"
    "record_completeness_pct,complete_records,record_completeness_rag\n"
    "CP-N,Child protection north,Children's Social Care,yes,red,50,2,4,red,100,2,2,green,5,"
    "60,3,40,2,red\n"
    "FH,Family help,Children's Social Care,yes,green,100,1,1,green,100,1,1,green,0,,0,,0,"
    "no data\n"
    "MASH,Multi-agency safeguarding hub,Children's Social Care,yes,red,60,3,5,red,62.5,5,8,"
    "red,7,85.7,6,57.1,4,red\n"
    "EDS,Education safeguarding,Education,yes,red,80,4,5,amber,40,2,5,red,4,75,3,75,3,red\n"
    ",All teams in scope,,,red,66.6,10,15,red,62.5,10,16,red,16,75,12,56.2,9,red\n"
)

# D01-D16 by month: Jul D01 MASH + D08 CP-N shared; Aug D02 MASH shared; Sep D03 MASH partly,
# D13 EDS shared; Oct D04 MASH not; Nov D09 CP-N not; Dec D14 EDS shared; Jan D05 MASH shared;
# Feb D10 CP-N shared, D15 EDS partly; Mar D06 MASH shared; Apr D11 CP-N partly; May D12 CP-N
# not; Jun D07 MASH shared, D16 EDS not. FH logged nothing, so it has no rows.
SHARING = (
    "month,team_id,team_name,decisions,shared,partially_shared,not_shared\n"
    "2025-07,CP-N,Child protection north,1,1,0,0\n"
    "2025-07,MASH,Multi-agency safeguarding hub,1,1,0,0\n"
    "2025-07,EDS,Education safeguarding,0,0,0,0\n"
    "2025-07,,All teams in scope,2,2,0,0\n"
    "2025-08,CP-N,Child protection north,0,0,0,0\n"
    "2025-08,MASH,Multi-agency safeguarding hub,1,1,0,0\n"
    "2025-08,EDS,Education safeguarding,0,0,0,0\n"
    "2025-08,,All teams in scope,1,1,0,0\n"
    "2025-09,CP-N,Child protection north,0,0,0,0\n"
    "2025-09,MASH,Multi-agency safeguarding hub,1,0,1,0\n"
    "2025-09,EDS,Education safeguarding,1,1,0,0\n"
    "2025-09,,All teams in scope,2,1,1,0\n"
    "2025-10,CP-N,Child protection north,0,0,0,0\n"
    "2025-10,MASH,Multi-agency safeguarding hub,1,0,0,1\n"
    "2025-10,EDS,Education safeguarding,0,0,0,0\n"
    "2025-10,,All teams in scope,1,0,0,1\n"
    "2025-11,CP-N,Child protection north,1,0,0,1\n"
    "2025-11,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2025-11,EDS,Education safeguarding,0,0,0,0\n"
    "2025-11,,All teams in scope,1,0,0,1\n"
    "2025-12,CP-N,Child protection north,0,0,0,0\n"
    "2025-12,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2025-12,EDS,Education safeguarding,1,1,0,0\n"
    "2025-12,,All teams in scope,1,1,0,0\n"
    "2026-01,CP-N,Child protection north,0,0,0,0\n"
    "2026-01,MASH,Multi-agency safeguarding hub,1,1,0,0\n"
    "2026-01,EDS,Education safeguarding,0,0,0,0\n"
    "2026-01,,All teams in scope,1,1,0,0\n"
    "2026-02,CP-N,Child protection north,1,1,0,0\n"
    "2026-02,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2026-02,EDS,Education safeguarding,1,0,1,0\n"
    "2026-02,,All teams in scope,2,1,1,0\n"
    "2026-03,CP-N,Child protection north,0,0,0,0\n"
    "2026-03,MASH,Multi-agency safeguarding hub,1,1,0,0\n"
    "2026-03,EDS,Education safeguarding,0,0,0,0\n"
    "2026-03,,All teams in scope,1,1,0,0\n"
    "2026-04,CP-N,Child protection north,1,0,1,0\n"
    "2026-04,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2026-04,EDS,Education safeguarding,0,0,0,0\n"
    "2026-04,,All teams in scope,1,0,1,0\n"
    "2026-05,CP-N,Child protection north,1,0,0,1\n"
    "2026-05,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2026-05,EDS,Education safeguarding,0,0,0,0\n"
    "2026-05,,All teams in scope,1,0,0,1\n"
    "2026-06,CP-N,Child protection north,0,0,0,0\n"
    "2026-06,MASH,Multi-agency safeguarding hub,1,1,0,0\n"
    "2026-06,EDS,Education safeguarding,1,0,0,1\n"
    "2026-06,,All teams in scope,2,1,0,1\n"
)

# At X: CP-N S04 holds C-DP (to 2026-07-10) and C-SHARE (S05 new, S06 exempt, S07 left);
# FH S12 C-DP; MASH S01 all three in date, S02 C-DP and C-SHARE expired, C-CODE in date, S03
# C-DP in date and C-CODE never; EDS S08 C-DP and C-CODE in date, C-SHARE only after X, S09
# C-DP expires on X, S10 failed. All teams: C-CODE 2+1 of 3+1, C-DP 1+1+2+1 of 1+1+3+3, C-SHARE
# 1+1+0 of 1+2+1.
TRAINING = (
    "team_id,team_name,course_id,course_title,ico_step,staff_in_date,staff_required,"
    "completion_pct,completion_rag\n"
    "CP-N,Child protection north,C-DP,Data protection essentials,1,1,1,100,green\n"
    "CP-N,Child protection north,C-SHARE,Information sharing for safeguarding,3,1,1,100,green\n"
    "FH,Family help,C-DP,Data protection essentials,1,1,1,100,green\n"
    "MASH,Multi-agency safeguarding hub,C-CODE,The data sharing code,10,2,3,66.6,red\n"
    "MASH,Multi-agency safeguarding hub,C-DP,Data protection essentials,1,2,3,66.6,red\n"
    "MASH,Multi-agency safeguarding hub,C-SHARE,Information sharing for safeguarding,3,1,2,"
    "50,red\n"
    "EDS,Education safeguarding,C-CODE,The data sharing code,10,1,1,100,green\n"
    "EDS,Education safeguarding,C-DP,Data protection essentials,1,1,3,33.3,red\n"
    "EDS,Education safeguarding,C-SHARE,Information sharing for safeguarding,3,0,1,0,red\n"
    ",All teams in scope,C-CODE,The data sharing code,10,3,4,75,red\n"
    ",All teams in scope,C-DP,Data protection essentials,1,5,8,62.5,red\n"
    ",All teams in scope,C-SHARE,Information sharing for safeguarding,3,2,4,50,red\n"
)

# Policies in force at X by step: 3 P-DP (v2 from 2025-03-01), 4 P-TRANS, 5 P-DPIA, 6 P-DSA,
# 9 P-EMERG (past its review date 2026-05-31: any in_place is out of date). CP-N's P-DP was
# attested before v2 (out of date), P-TRANS not applicable, P-EMERG never attested; MASH's
# P-TRANS is partial; FH has only P-DP. Policy counts are shown as they are, even externally.
COVERAGE = (
    "team_id,team_name,ico_step,ico_step_name,in_place,out_of_date,partial,not_started,"
    "policies_applying,not_applicable,coverage_pct,coverage_rag\n"
    "CP-N,Child protection north,3,Clear and secure policies and systems,0,1,0,0,1,0,0,red\n"
    "CP-N,Child protection north,4,Transparency and individual rights,0,0,0,0,0,1,,no data\n"
    "CP-N,Child protection north,5,Assess the risks and share as needed,1,0,0,0,1,0,100,green\n"
    "CP-N,Child protection north,6,Data sharing agreement,1,0,0,0,1,0,100,green\n"
    "CP-N,Child protection north,9,Sharing in an emergency,0,0,0,1,1,0,0,red\n"
    "FH,Family help,3,Clear and secure policies and systems,1,0,0,0,1,0,100,green\n"
    "FH,Family help,4,Transparency and individual rights,0,0,0,0,0,1,,no data\n"
    "FH,Family help,5,Assess the risks and share as needed,0,0,0,0,0,1,,no data\n"
    "FH,Family help,6,Data sharing agreement,0,0,0,0,0,1,,no data\n"
    "FH,Family help,9,Sharing in an emergency,0,0,0,0,0,1,,no data\n"
    "MASH,Multi-agency safeguarding hub,3,Clear and secure policies and systems,1,0,0,0,1,"
    "0,100,green\n"
    "MASH,Multi-agency safeguarding hub,4,Transparency and individual rights,0,0,1,0,1,0,0,"
    "red\n"
    "MASH,Multi-agency safeguarding hub,5,Assess the risks and share as needed,1,0,0,0,1,0,"
    "100,green\n"
    "MASH,Multi-agency safeguarding hub,6,Data sharing agreement,1,0,0,0,1,0,100,green\n"
    "MASH,Multi-agency safeguarding hub,9,Sharing in an emergency,0,1,0,0,1,0,0,red\n"
    "EDS,Education safeguarding,3,Clear and secure policies and systems,1,0,0,0,1,0,100,green\n"
    "EDS,Education safeguarding,4,Transparency and individual rights,1,0,0,0,1,0,100,green\n"
    "EDS,Education safeguarding,5,Assess the risks and share as needed,1,0,0,0,1,0,100,green\n"
    "EDS,Education safeguarding,6,Data sharing agreement,1,0,0,0,1,0,100,green\n"
    "EDS,Education safeguarding,9,Sharing in an emergency,0,1,0,0,1,0,0,red\n"
    ",All teams in scope,3,Clear and secure policies and systems,3,1,0,0,4,0,75,red\n"
    ",All teams in scope,4,Transparency and individual rights,1,0,1,0,2,2,50,red\n"
    ",All teams in scope,5,Assess the risks and share as needed,3,0,0,0,3,1,100,green\n"
    ",All teams in scope,6,Data sharing agreement,3,0,0,0,3,1,100,green\n"
    ",All teams in scope,9,Sharing in an emergency,0,2,0,1,3,1,0,red\n"
)

# Decisions and their gaps: CP-N D08 no basis, D09 a refusal with no reason, D11 special
# category blank (not known), D10 and D12 complete; MASH D01, D02, D04, D06 complete, D03
# special without Art 9, D05 no purpose, D07 no reason; EDS D13, D15, D16 complete, D14 four
# gaps. Every decision names its decision maker and says no to criminal offence data.
RECORD_GAPS = (
    "team_id,team_name,directorate,decisions,shares,complete_records,record_completeness_pct,"
    "record_completeness_rag,no_lawful_basis,special_without_art9,criminal_without_art10,"
    "no_reason,refusals_no_reason,no_purpose,no_decided_by\n"
    "CP-N,Child protection north,Children's Social Care,5,3,2,40,red,1,1,0,1,1,0,0\n"
    "MASH,Multi-agency safeguarding hub,Children's Social Care,7,6,4,57.1,red,0,1,0,1,0,1,0\n"
    "EDS,Education safeguarding,Education,4,3,3,75,red,1,1,0,1,0,1,0\n"
    ",All teams in scope,,16,12,9,56.2,red,2,3,0,3,1,2,0\n"
)

# Overdue first by expiry (S02 C-SHARE 2026-06-01, S02 C-DP 2026-06-15, S09 C-DP on X), then
# never trained by team and staff id.
OVERDUE = (
    "team_id,team_name,staff_id,name,role,course_id,course_title,status,last_passed_on,"
    "expires_on\n"
    "MASH,Multi-agency safeguarding hub,S02,Ben Brown,Team manager,C-SHARE,"
    "Information sharing for safeguarding,overdue,2024-06-01,2026-06-01\n"
    "MASH,Multi-agency safeguarding hub,S02,Ben Brown,Team manager,C-DP,"
    "Data protection essentials,overdue,2025-06-15,2026-06-15\n"
    "EDS,Education safeguarding,S09,Ivy Irons,Education officer,C-DP,"
    "Data protection essentials,overdue,2025-06-30,2026-06-30\n"
    "EDS,Education safeguarding,S08,Hal Hill,Designated safeguarding lead,C-SHARE,"
    "Information sharing for safeguarding,never trained,,\n"
    "EDS,Education safeguarding,S10,Jo Jones,Education officer,C-DP,"
    "Data protection essentials,never trained,,\n"
    "MASH,Multi-agency safeguarding hub,S03,Cal Cole,Business support,C-CODE,"
    "The data sharing code,never trained,,\n"
)

# Disclosure control, threshold 5. Every team's training, decision, share and complete-record
# count is 1 to 5 (c), except: MASH training_required 8 (shown: its courses' 3 + 3 + 2 are c,
# and c + c + c = 8 fixes none), FH's zeros, and MASH decisions 7 and shares 6, which are c by
# secondary suppression: MASH's 7 decisions fall in 7 months, one each, every month a c; with
# 7 shown a reader would know each c is 1 (a c is at least 1, as zeros are shown), so the
# total is suppressed; likewise its 6 shares. All-teams figures are shown: each column's c add
# up to 10, 8, 16, 12, 9 with two or more c in each. A percentage or RAG with a c behind it is
# c. Overall: CP-N and MASH are red on coverage (shown), so red whatever the c hide; FH
# (green coverage) and EDS (amber) could be red on a c measure, so c. Policy counts are shown.
EXTERNAL_TEAM_SUMMARY = (
    "team_id,team_name,directorate,active,overall_rag,policy_coverage_pct,"
    "policies_in_place,policies_applying,policy_coverage_rag,training_completion_pct,"
    "training_in_date,training_required,training_rag,decisions,share_rate_pct,shares,"
    "record_completeness_pct,complete_records,record_completeness_rag\n"
    "CP-N,Child protection north,Children's Social Care,yes,red,50,2,4,red,c,c,c,c,c,c,c,c,"
    "c,c\n"
    "FH,Family help,Children's Social Care,yes,c,100,1,1,green,c,c,c,c,0,,0,,0,no data\n"
    "MASH,Multi-agency safeguarding hub,Children's Social Care,yes,red,60,3,5,red,c,c,8,c,"
    "c,c,c,c,c,c\n"
    "EDS,Education safeguarding,Education,yes,c,80,4,5,amber,c,c,c,c,c,c,c,c,c,c\n"
    ",All teams in scope,,,red,66.6,10,15,red,62.5,10,16,red,16,75,12,56.2,9,red\n"
)

# Every month's count is 0, 1 or 2: the 1s and 2s are c, the zeros shown.
EXTERNAL_SHARING = (
    "month,team_id,team_name,decisions,shared,partially_shared,not_shared\n"
    "2025-07,CP-N,Child protection north,c,c,0,0\n"
    "2025-07,MASH,Multi-agency safeguarding hub,c,c,0,0\n"
    "2025-07,EDS,Education safeguarding,0,0,0,0\n"
    "2025-07,,All teams in scope,c,c,0,0\n"
    "2025-08,CP-N,Child protection north,0,0,0,0\n"
    "2025-08,MASH,Multi-agency safeguarding hub,c,c,0,0\n"
    "2025-08,EDS,Education safeguarding,0,0,0,0\n"
    "2025-08,,All teams in scope,c,c,0,0\n"
    "2025-09,CP-N,Child protection north,0,0,0,0\n"
    "2025-09,MASH,Multi-agency safeguarding hub,c,0,c,0\n"
    "2025-09,EDS,Education safeguarding,c,c,0,0\n"
    "2025-09,,All teams in scope,c,c,c,0\n"
    "2025-10,CP-N,Child protection north,0,0,0,0\n"
    "2025-10,MASH,Multi-agency safeguarding hub,c,0,0,c\n"
    "2025-10,EDS,Education safeguarding,0,0,0,0\n"
    "2025-10,,All teams in scope,c,0,0,c\n"
    "2025-11,CP-N,Child protection north,c,0,0,c\n"
    "2025-11,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2025-11,EDS,Education safeguarding,0,0,0,0\n"
    "2025-11,,All teams in scope,c,0,0,c\n"
    "2025-12,CP-N,Child protection north,0,0,0,0\n"
    "2025-12,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2025-12,EDS,Education safeguarding,c,c,0,0\n"
    "2025-12,,All teams in scope,c,c,0,0\n"
    "2026-01,CP-N,Child protection north,0,0,0,0\n"
    "2026-01,MASH,Multi-agency safeguarding hub,c,c,0,0\n"
    "2026-01,EDS,Education safeguarding,0,0,0,0\n"
    "2026-01,,All teams in scope,c,c,0,0\n"
    "2026-02,CP-N,Child protection north,c,c,0,0\n"
    "2026-02,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2026-02,EDS,Education safeguarding,c,0,c,0\n"
    "2026-02,,All teams in scope,c,c,c,0\n"
    "2026-03,CP-N,Child protection north,0,0,0,0\n"
    "2026-03,MASH,Multi-agency safeguarding hub,c,c,0,0\n"
    "2026-03,EDS,Education safeguarding,0,0,0,0\n"
    "2026-03,,All teams in scope,c,c,0,0\n"
    "2026-04,CP-N,Child protection north,c,0,c,0\n"
    "2026-04,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2026-04,EDS,Education safeguarding,0,0,0,0\n"
    "2026-04,,All teams in scope,c,0,c,0\n"
    "2026-05,CP-N,Child protection north,c,0,0,c\n"
    "2026-05,MASH,Multi-agency safeguarding hub,0,0,0,0\n"
    "2026-05,EDS,Education safeguarding,0,0,0,0\n"
    "2026-05,,All teams in scope,c,0,0,c\n"
    "2026-06,CP-N,Child protection north,0,0,0,0\n"
    "2026-06,MASH,Multi-agency safeguarding hub,c,c,0,0\n"
    "2026-06,EDS,Education safeguarding,c,0,0,c\n"
    "2026-06,,All teams in scope,c,c,0,c\n"
)

# Every team and course count is 1 to 5 (c) except EDS's 0 in date for C-SHARE. All teams:
# C-DP's 8 required is shown (its four c add up to 8, none fixed); the rest are 1 to 5.
EXTERNAL_TRAINING = (
    "team_id,team_name,course_id,course_title,ico_step,staff_in_date,staff_required,"
    "completion_pct,completion_rag\n"
    "CP-N,Child protection north,C-DP,Data protection essentials,1,c,c,c,c\n"
    "CP-N,Child protection north,C-SHARE,Information sharing for safeguarding,3,c,c,c,c\n"
    "FH,Family help,C-DP,Data protection essentials,1,c,c,c,c\n"
    "MASH,Multi-agency safeguarding hub,C-CODE,The data sharing code,10,c,c,c,c\n"
    "MASH,Multi-agency safeguarding hub,C-DP,Data protection essentials,1,c,c,c,c\n"
    "MASH,Multi-agency safeguarding hub,C-SHARE,Information sharing for safeguarding,3,c,c,"
    "c,c\n"
    "EDS,Education safeguarding,C-CODE,The data sharing code,10,c,c,c,c\n"
    "EDS,Education safeguarding,C-DP,Data protection essentials,1,c,c,c,c\n"
    "EDS,Education safeguarding,C-SHARE,Information sharing for safeguarding,3,0,c,c,c\n"
    ",All teams in scope,C-CODE,The data sharing code,10,c,c,c,c\n"
    ",All teams in scope,C-DP,Data protection essentials,1,c,8,c,c\n"
    ",All teams in scope,C-SHARE,Information sharing for safeguarding,3,c,c,c,c\n"
)

# Each team's decisions, shares, complete records and gaps are 0 to 5 (c but zeros), MASH's 7
# decisions c by secondary suppression as in the team summary; all teams' decisions 16, shares
# 12 and complete 9 are shown (three c below each), each gap total from 1 to 3 is c.
EXTERNAL_RECORD_GAPS = (
    "team_id,team_name,directorate,decisions,shares,complete_records,record_completeness_pct,"
    "record_completeness_rag,no_lawful_basis,special_without_art9,criminal_without_art10,"
    "no_reason,refusals_no_reason,no_purpose,no_decided_by\n"
    "CP-N,Child protection north,Children's Social Care,c,c,c,c,c,c,c,0,c,c,0,0\n"
    "MASH,Multi-agency safeguarding hub,Children's Social Care,c,c,c,c,c,0,c,0,c,0,c,0\n"
    "EDS,Education safeguarding,Education,c,c,c,c,c,c,c,0,c,0,c,0\n"
    ",All teams in scope,,16,12,9,56.2,red,c,c,0,c,c,c,0\n"
)

# The ten-step matrix (exports/steps.py): each step's headline indicator as on the ICO ten
# steps page, hand-counted in tests/test_metrics_ico_steps.py's way on this fixture, whose
# decisions leave data_categories blank (step 2: 0 of the shares) and routine no (step 6: no
# routine share, 0 of 0). Now (P, as of X) then the previous period (2024-07-01..2025-06-30, as
# of Z = 2025-06-30: D17 D20 MASH, D18 CP-N, D19 EDS, all shares with a basis and a reason).
# Step 1 (C-DP in date): at X CP-N S04 1/1, FH S12 1/1, MASH S01 S03 2/3, EDS S08 1/3; at Z
# CP-N S07 of S04 S07, FH S12, MASH S02 S03, EDS S09 (S08 passed after Z): 1/2 1/1 2/3 1/3.
# Step 3 (P-DP v2 from 2025-03-01): at Z only EDS's attestation (2025-05-01) is after v2.
# Step 4 (P-TRANS): at Z EDS and FH had not attested (apply, not in place); MASH partial.
# Steps 5 and 6 are measured against the agreements register (routine shares under an
# agreement in force, with a DPIA by the day): this fixture has no routine share, so no data.
# Step 7: D09 (CP-N), D07 (MASH), D14 (EDS) have no reason. Step 8: D08 and D11 (CP-N), D03
# (MASH), D14 (EDS) lack the basis or a condition. Step 9 (P-EMERG) is past review at X; at Z
# MASH and EDS had it in place. Step 10 (C-CODE): MASH S01 S02 of S01-S03, EDS S08, at X and Z.
# Changes are points between the unrounded rates, cut toward zero: 13/16 - 4/4 = -18.75 ->
# -18.7; 5/8 - 5/9 = 6.94 -> 6.9; blank when either period has nothing to count.
STEP_TEXT = {
    1: "Be clear how data protection helps you share,Step-1 courses in date",
    2: "Identify your objective; share what you need,Purpose and data categories recorded",
    3: "Clear and secure policies and systems,Step-3 policies in place",
    4: "Transparency and individual rights,Step-4 policies in place",
    5: "Assess the risks and share as needed,Routine shares under an agreement with a DPIA",
    6: "Data sharing agreement,Routine shares under an agreement in force",
    7: "Data protection principles,Reason recorded (all decisions)",
    8: "The right lawful basis,Lawful basis (and Art 9 / Art 10 conditions) recorded",
    9: "Sharing in an emergency,Step-9 policies in place",
    10: "Read the data sharing code,Step-10 courses in date",
}
TEAM_NAMES = {
    "CP-N": "Child protection north",
    "FH": "Family help",
    "MASH": "Multi-agency safeguarding hub",
    "EDS": "Education safeguarding",
    "": "All teams in scope",
}
STEPS_HEADER = (
    "team_id,team_name,ico_step,ico_step_name,indicator,numerator,denominator,pct,rag,"
    "previous_numerator,previous_denominator,previous_pct,change_pts\n"
)


def steps_csv(figures: dict[str, list[str]]) -> str:
    """The matrix's text: each team's ten steps, the names written out from STEP_TEXT."""
    return STEPS_HEADER + "".join(
        f"{team},{TEAM_NAMES[team]},{step},{STEP_TEXT[step]},{row}\n"
        for team, rows in figures.items()
        for step, row in enumerate(rows, start=1)
    )


NO_DATA_ROW = "0,0,,no data,0,0,,"
ICO_STEPS = steps_csv(
    {
        "CP-N": [
            "1,1,100,green,1,2,50,50",
            "0,3,0,red,0,1,0,0",
            "0,1,0,red,0,1,0,0",
            NO_DATA_ROW,  # P-TRANS not applicable
            NO_DATA_ROW,
            NO_DATA_ROW,
            "4,5,80,red,1,1,100,-20",
            "1,3,33.3,red,1,1,100,-66.6",
            "0,1,0,red,0,1,0,0",
            NO_DATA_ROW,  # no designated safeguarding lead in post (S06 exempt)
        ],
        # FH decided nothing and has no decision maker: no data, never amber.
        "FH": [
            "1,1,100,green,1,1,100,0",
            NO_DATA_ROW,
            "1,1,100,green,0,1,0,100",
            "0,0,,no data,0,1,0,",
            NO_DATA_ROW,
            NO_DATA_ROW,
            NO_DATA_ROW,
            NO_DATA_ROW,
            "0,0,,no data,0,1,0,",
            NO_DATA_ROW,
        ],
        "MASH": [
            "2,3,66.6,red,2,3,66.6,0",
            "0,6,0,red,0,2,0,0",
            "1,1,100,green,0,1,0,100",
            "0,1,0,red,0,1,0,0",
            NO_DATA_ROW,
            NO_DATA_ROW,
            "6,7,85.7,red,2,2,100,-14.2",
            "5,6,83.3,red,2,2,100,-16.6",
            "0,1,0,red,1,1,100,-100",
            "2,3,66.6,red,2,3,66.6,0",
        ],
        "EDS": [
            "1,3,33.3,red,1,3,33.3,0",
            "0,3,0,red,0,1,0,0",
            "1,1,100,green,1,1,100,0",
            "1,1,100,green,0,1,0,100",
            NO_DATA_ROW,
            NO_DATA_ROW,
            "3,4,75,red,1,1,100,-25",
            "2,3,66.6,red,1,1,100,-33.3",
            "0,1,0,red,1,1,100,-100",
            "1,1,100,green,1,1,100,0",
        ],
        "": [
            "5,8,62.5,red,5,9,55.5,6.9",
            "0,12,0,red,0,4,0,0",
            "3,4,75,red,1,4,25,50",
            "1,2,50,red,0,3,0,50",
            NO_DATA_ROW,
            NO_DATA_ROW,
            "13,16,81.2,red,4,4,100,-18.7",
            "8,12,66.6,red,4,4,100,-33.3",
            "0,3,0,red,2,4,50,-50",
            "3,4,75,red,3,4,75,0",
        ],
    }
)

# Externally, course and decision counts from 1 to 5 are c, with the rates, statuses and changes
# behind them; policy counts are shown. A team's decisions and shares are the team summary's
# cells (MASH's 7 decisions c by secondary suppression there, so its 6 of c); all teams' 8 and 9
# step-1 requirements are shown (the training table's C-DP 8; four c below each), their 5 in
# date c; the previous period's 4 decisions and 4 shares are c, as on the pack's tiles.
C_ROW = "c,c,c,c,c,c,c,c"
EXTERNAL_ICO_STEPS = steps_csv(
    {
        "CP-N": [
            C_ROW,
            "0,c,c,c,0,c,c,c",
            "0,1,0,red,0,1,0,0",
            NO_DATA_ROW,
            NO_DATA_ROW,
            NO_DATA_ROW,
            C_ROW,
            C_ROW,
            "0,1,0,red,0,1,0,0",
            NO_DATA_ROW,
        ],
        "FH": [
            C_ROW,
            NO_DATA_ROW,
            "1,1,100,green,0,1,0,100",
            "0,0,,no data,0,1,0,",
            NO_DATA_ROW,
            NO_DATA_ROW,
            NO_DATA_ROW,
            NO_DATA_ROW,
            "0,0,,no data,0,1,0,",
            NO_DATA_ROW,
        ],
        "MASH": [
            C_ROW,
            "0,c,c,c,0,c,c,c",
            "1,1,100,green,0,1,0,100",
            "0,1,0,red,0,1,0,0",
            NO_DATA_ROW,
            NO_DATA_ROW,
            "6,c,c,c,c,c,c,c",
            C_ROW,
            "0,1,0,red,1,1,100,-100",
            C_ROW,
        ],
        "EDS": [
            C_ROW,
            "0,c,c,c,0,c,c,c",
            "1,1,100,green,1,1,100,0",
            "1,1,100,green,0,1,0,100",
            NO_DATA_ROW,
            NO_DATA_ROW,
            C_ROW,
            C_ROW,
            "0,1,0,red,1,1,100,-100",
            C_ROW,
        ],
        "": [
            "c,8,c,c,c,9,c,c",
            "0,12,0,red,0,c,c,c",
            "3,4,75,red,1,4,25,50",
            "1,2,50,red,0,3,0,50",
            NO_DATA_ROW,
            NO_DATA_ROW,
            "13,16,81.2,red,c,c,c,c",
            "8,12,66.6,red,c,c,c,c",
            "0,3,0,red,2,4,50,-50",
            C_ROW,
        ],
    }
)

# The trend, steps 1 and 7 (all teams). Step 1, C-DP as of each month end, of S04 S07 (CP-N,
# S07 leaving 2026-03-31), S12, S01-S03, S08-S10: Jul S04 S07 S12 S02 S03 S09 in date; Aug +S08;
# Sep +S01; Dec S03 expired (2025-12-01); Jan S03 renewed; Apr S07 gone; Jun S02 and S09
# expired. Step 7, decisions per month with a reason (tests/test_metrics_ico_steps.py).
MONTHS_12 = [f"2025-{m:02d}" for m in range(7, 13)] + [f"2026-{m:02d}" for m in range(1, 7)]
STEP_1_TREND = ["6,9,66.6,red", "7,9,77.7,red"] + ["8,9,88.8,amber"] * 3 + ["7,9,77.7,red"]
STEP_1_TREND += ["8,9,88.8,amber"] * 3 + ["7,8,87.5,amber"] * 2 + ["5,8,62.5,red"]
STEP_7_TREND = ["2,2,100,green", "1,1,100,green", "2,2,100,green", "1,1,100,green"]
STEP_7_TREND += ["0,1,0,red", "0,1,0,red", "1,1,100,green", "2,2,100,green"]
STEP_7_TREND += ["1,1,100,green"] * 3 + ["1,2,50,red"]
# Externally, step 1's counts above 5 are shown (a difference no file shows, 9 - 8, is not
# protected), X's 5 is c; every month's decisions are 0, 1 or 2: c, zeros shown.
EXTERNAL_STEP_1_TREND = [*STEP_1_TREND[:-1], "c,8,c,c"]
EXTERNAL_STEP_7_TREND = ["c,c,c,c"] * 4 + ["0,c,c,c"] * 2 + ["c,c,c,c"] * 6


def trend_csv(step: int, rows: list[str]) -> list[str]:
    """One step's lines of ico_steps_by_month.csv."""
    stock = step in (1, 3, 4, 5, 9, 10)
    lines = []
    for month, row in zip(MONTHS_12, rows, strict=True):
        first = dt.date.fromisoformat(month + "-01")
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        measured = f"as of {last}" if stock else f"{first} to {last}"
        lines.append(f"{step},{STEP_TEXT[step]},{month},{measured},{row}")
    return lines


MANIFEST_ROWS = [
    ("title", "Sharing information to safeguard children: governance summaries"),
    ("organisation", "Northbridge City Council"),
    ("audience", "internal"),
    (
        "disclosure_control",
        "INTERNAL: names staff and shows small numbers. Do not share outside Northbridge City "
        "Council.",
    ),
    ("period_start", "2025-07-01"),
    ("period_end", "2026-06-30"),
    ("as_of", "2026-06-30"),
    ("previous_period", "2024-07-01 to 2025-06-30 (as of 2025-06-30)"),
    ("directorate", "all"),
    ("teams_chosen", "all"),
    ("viewer_scope", "all teams"),
    ("teams_in_scope", "CP-N, EDS, FH, MASH, OLD"),
    # D22 (2026-07-02) and S08's pass of 2026-07-05 are loaded, though after X.
    ("newest_decision", "2026-07-02"),
    ("newest_training", "2026-07-05"),
    ("newest_attestation", "2026-06-30"),
    ("last_ingest", "never"),
    (
        "rag_thresholds",
        "policy coverage green at 100 % or more, amber at 80 % or more, red below; training "
        "completion green at 95 % or more, amber at 85 % or more, red below; record "
        "completeness green at 98 % or more, amber at 90 % or more, red below",
    ),
    ("training_grace_days", "30"),
    ("generated_at", "2026-07-01T09:00:00+00:00"),
    ("tool_version", "0.1.0"),
    # No governance source was given to this export: each is named, and has no file.
    ("not_available", "early warnings; agreements register; actions"),
    (
        "files",
        "manifest.csv, column_guide.csv, team_summary.csv, sharing_by_month_and_team.csv, "
        "training_by_team_and_course.csv, policy_coverage_by_team_and_step.csv, "
        "record_gaps_by_team.csv, ico_steps_by_team.csv, ico_steps_by_month.csv, "
        "overdue_training.csv",
    ),
]


def export(
    con: duckdb.DuckDBPyConnection,
    external: bool,
    formats: frozenset[str] = frozenset({"csv"}),
    **changes: object,
) -> dict[str, bytes]:
    f = replace(MAIN, **changes) if changes else MAIN
    return build_export(
        con, f, external=external, formats=formats, generated_at=GENERATED_AT, settings=DEFAULTS
    )


@pytest.fixture(scope="module")
def internal(con: duckdb.DuckDBPyConnection) -> dict[str, bytes]:
    return export(con, external=False)


@pytest.fixture(scope="module")
def external(con: duckdb.DuckDBPyConnection) -> dict[str, bytes]:
    return export(con, external=True)


def text(files: dict[str, bytes], name: str) -> str:
    data = files[name]
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return data[3:].decode("utf-8")


def manifest_value(files: dict[str, bytes], field: str) -> str:
    return dict(csv.reader(io.StringIO(text(files, "manifest.csv"))))[field]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("team_summary.csv", TEAM_SUMMARY),
        ("sharing_by_month_and_team.csv", SHARING),
        ("training_by_team_and_course.csv", TRAINING),
        ("policy_coverage_by_team_and_step.csv", COVERAGE),
        ("record_gaps_by_team.csv", RECORD_GAPS),
        ("overdue_training.csv", OVERDUE),
    ],
)
def test_internal_csv_text(internal: dict[str, bytes], name: str, expected: str) -> None:
    assert text(internal, name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("team_summary.csv", EXTERNAL_TEAM_SUMMARY),
        ("sharing_by_month_and_team.csv", EXTERNAL_SHARING),
        ("training_by_team_and_course.csv", EXTERNAL_TRAINING),
        # Policy counts are counts of documents: the same as internally.
        ("policy_coverage_by_team_and_step.csv", COVERAGE),
        ("record_gaps_by_team.csv", EXTERNAL_RECORD_GAPS),
    ],
)
def test_external_csv_text(external: dict[str, bytes], name: str, expected: str) -> None:
    assert text(external, name) == expected


@pytest.mark.parametrize(
    ("audience", "matrix", "step_1", "step_7"),
    [
        ("internal", ICO_STEPS, STEP_1_TREND, STEP_7_TREND),
        ("external", EXTERNAL_ICO_STEPS, EXTERNAL_STEP_1_TREND, EXTERNAL_STEP_7_TREND),
    ],
)
def test_ten_step_matrix_and_trend_csv_text(
    request: pytest.FixtureRequest,
    audience: str,
    matrix: str,
    step_1: list[str],
    step_7: list[str],
) -> None:
    files = request.getfixturevalue(audience)
    assert text(files, "ico_steps_by_team.csv") == matrix
    trend = text(files, "ico_steps_by_month.csv").splitlines()
    assert trend[0] == (
        "ico_step,ico_step_name,indicator,month,measured,numerator,denominator,pct,rag"
    )
    assert len(trend) == 1 + 10 * 12
    assert [line for line in trend if line.startswith("1,")] == trend_csv(1, step_1)
    assert [line for line in trend if line.startswith("7,")] == trend_csv(7, step_7)


def test_manifest_says_what_the_export_is_taken_over(internal: dict[str, bytes]) -> None:
    rows = list(csv.reader(io.StringIO(text(internal, "manifest.csv"))))
    assert rows[0] == ["field", "value"]
    assert [tuple(r) for r in rows[1:]] == MANIFEST_ROWS


def test_external_export_leaves_out_staff_and_children(external: dict[str, bytes]) -> None:
    files = external
    assert list(files) == [
        "manifest.csv",
        "column_guide.csv",
        "team_summary.csv",
        "sharing_by_month_and_team.csv",
        "training_by_team_and_course.csv",
        "policy_coverage_by_team_and_step.csv",
        "record_gaps_by_team.csv",
        "ico_steps_by_team.csv",
        "ico_steps_by_month.csv",
    ]
    assert manifest_value(files, "audience") == "external"
    assert manifest_value(files, "disclosure_control").startswith(
        "Counts of people and of decisions from 1 to 5 are shown as c; 0 is shown as 0."
    )
    everything = b"".join(files.values()).decode("utf-8-sig")
    # No staff names or ids, no child pseudonyms, no decision ids, no staff-level list.
    for secret in ("Ada Abbott", "Ben Brown", "S02", "c-D01", "D07", "overdue_training"):
        assert secret not in everything


def test_the_suppression_threshold_is_a_setting(con: duckdb.DuckDBPyConnection) -> None:
    settings = {**DEFAULTS, "privacy": {**DEFAULTS["privacy"], "suppression_threshold": 1}}
    files = build_export(
        con, MAIN, external=True, formats={"csv"}, generated_at=GENERATED_AT, settings=settings
    )
    # With a threshold of 1, CP-N's 2 in date of 2 is shown; FH's 1 of 1 is c.
    rows = text(files, "team_summary.csv").splitlines()
    assert rows[1].startswith("CP-N,Child protection north,Children's Social Care,yes,red,50,2,4,")
    assert rows[2].startswith("FH,Family help,Children's Social Care,yes,c,100,1,1,green,c,c,c,c,")
    assert manifest_value(files, "disclosure_control").startswith(
        "Counts of people and of decisions from 1 to 1 are shown as c"
    )


def test_a_viewers_export_shows_only_the_teams_they_may_see(
    con: duckdb.DuckDBPyConnection,
) -> None:
    files = export(con, external=False, allowed=("MASH",))
    assert text(files, "team_summary.csv").splitlines()[1:] == [
        "MASH,Multi-agency safeguarding hub,Children's Social Care,yes,red,60,3,5,red,62.5,5,8,"
        "red,7,85.7,6,57.1,4,red",
        ",All teams in scope,,,red,60,3,5,red,62.5,5,8,red,7,85.7,6,57.1,4,red",
    ]
    everything = b"".join(files.values()).decode("utf-8-sig")
    for other in ("CP-N", "Education safeguarding", "Hal Hill", "Family help"):
        assert other not in everything
    assert manifest_value(files, "viewer_scope") == "MASH"
    assert manifest_value(files, "teams_in_scope") == "MASH"


def test_each_summary_is_a_frame_of_its_columns_holding_plain_python_values(
    con: duckdb.DuckDBPyConnection,
) -> None:
    thresholds = thresholds_from_settings(DEFAULTS["rag"])
    collected = collect(con, MAIN, thresholds, int(DEFAULTS["training"]["grace_days"]))
    _, tables = shown_tables(collected, external=False, threshold=5)
    # No governance source was given: those three summaries have no table (and no file).
    assert list(tables) == [s for s in SUMMARIES if s.name not in SOURCES]
    for summary, table in tables.items():
        assert list(table.columns) == summary.column_names
    # FH and the total row of TEAM_SUMMARY above: ints stay ints (numbers in the XLSX), a
    # percentage with nothing to count stays None (blank), never NaN or 100.0.
    rows = table_rows(tables[SUMMARIES[0]])
    fh = ["FH", "Family help", "Children's Social Care", "yes", "green", 100, 1, 1, "green"]
    fh += [100, 1, 1, "green", 0, None, 0, None, 0, "no data"]
    total = [None, "All teams in scope", None, None, "red", 66.6, 10, 15, "red", 62.5, 10, 16]
    total += ["red", 16, 75, 12, 56.2, 9, "red"]
    for row, expected in ((rows[1], fh), (rows[-1], total)):
        assert list(row) == expected
        assert [type(v) for v in row] == [type(v) for v in expected]


def test_same_arguments_give_the_same_bytes(con: duckdb.DuckDBPyConnection) -> None:
    formats = frozenset({"csv", "xlsx"})
    first = export(con, external=True, formats=formats)
    assert export(con, external=True, formats=formats) == first
    assert list(first)[-1] == "governance_summaries_external.xlsx"


def test_unknown_format_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="unknown export format doc"):
        export(con, external=False, formats=frozenset({"doc"}))


def test_file_and_bundle_names() -> None:
    assert file_names(True, {"pdf", "xlsx"}) == (
        "manifest.csv",
        "governance_summaries_external.xlsx",
        "board_pack_external.pdf",
    )
    assert bundle_name(MAIN, False) == "governance_export_internal_2025-07-01_to_2026-06-30.zip"
    assert bundle_name(replace(MAIN, organisation="register"), True) == (
        "governance_export_register_external_2025-07-01_to_2026-06-30.zip"
    )


class OneOfAStore:
    """metrics.spark.SparkEngine's contract (run, the organisation served and the store's
    organisations) over the fixture's DuckDB database: the shared store's `register`."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.organisation = "register"
        self.organisations = {
            "northbridge": "Northbridge Borough Council",
            "register": "Register Borough Council",
        }

    def run(self, name: str, params: dict) -> object:
        return run(self.con, name, params)


def test_an_export_from_a_shared_store_names_its_organisation(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # the manifest's name, not the setting organisation.name (Northbridge City Council)
    files = export(OneOfAStore(con), external=False)
    assert manifest_value(files, "organisation") == "Register Borough Council"
    assert manifest_value(files, "disclosure_control") == (
        "INTERNAL: names staff and shows small numbers. Do not share outside Register Borough "
        "Council."
    )


def test_every_column_written_is_documented(internal: dict[str, bytes]) -> None:
    files = internal
    guide = list(csv.reader(io.StringIO(text(files, "column_guide.csv"))))
    documented = {(file, column) for file, column, meaning in guide[1:] if meaning.strip()}
    # The governance files' headers: tests/test_export_governance.py.
    for summary in (s for s in SUMMARIES if s.name not in SOURCES):
        header = text(files, summary.file_name).splitlines()[0].split(",")
        assert header == summary.column_names
        assert {(summary.file_name, c) for c in header} <= documented


def test_team_summary_says_no_decisions_logged(con: duckdb.DuckDBPyConnection) -> None:
    # December 2025: only D14 (EDS). CP-N and MASH have decision makers in post and logged
    # nothing: `no decisions logged`, counted amber in the overall status (both are red on
    # coverage anyway); FH has nobody who decides: `no data`.
    files = export(
        con, external=False, period_start=dt.date(2025, 12, 1), period_end=dt.date(2025, 12, 31)
    )
    rows = {
        line.split(",")[0]: line.split(",")[-1]
        for line in text(files, "team_summary.csv").splitlines()[1:]
    }
    assert rows == {
        "CP-N": "no decisions logged",
        "FH": "no data",
        "MASH": "no decisions logged",
        "EDS": "red",
        "": "red",
    }


def test_board_pack_shows_no_decisions_logged_as_amber() -> None:
    # The team summary's word for a silent team (test above) reaches the board pack's team
    # table with the amber symbol and its own words, and counts as amber in the status counts.
    assert board_pack._with_symbol("no data", "no decisions logged") == "▲ No decisions logged"
    assert board_pack._status("no decisions logged") == "amber"
