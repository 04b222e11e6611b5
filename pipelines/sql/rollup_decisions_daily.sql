-- Per team and day: the decisions made and every count the pages take over a period, summed
-- from _decision_flags (rollup_decision_flags.sql). A period is a range of whole days, so the
-- sum of its days is exact for any period; a team with no decision on a day has no row.
create or replace table rollup_decisions_daily as
select
    team_id,
    decided_on,
    count(*) as decisions,
    count(*) filter (where decision = 'shared') as shared,
    count(*) filter (where decision = 'partially_shared') as partially_shared,
    count(*) filter (where decision = 'not_shared') as not_shared,
    count(*) filter (where is_share) as shares,
    count(*) filter (where record_complete) as complete_records,
    count(*) filter (where gap_no_lawful_basis) as no_lawful_basis,
    count(*) filter (where gap_special_without_art9) as special_without_art9,
    count(*) filter (where gap_criminal_without_art10) as criminal_without_art10,
    count(*) filter (where not reason_recorded) as no_reason,
    count(*) filter (where not reason_recorded and is_refusal) as refusals_no_reason,
    count(*) filter (where gap_no_purpose) as no_purpose,
    count(*) filter (where no_decided_by) as no_decided_by,
    count(*) filter (where emergency) as emergency,
    count(*) filter (where reason_recorded) as decisions_with_reason,
    count(*) filter (where is_refusal) as refusals,
    count(*) filter (where is_refusal and reason_recorded) as refusals_with_reason,
    count(*) filter (where is_share and not gap_no_purpose and has_data_categories)
        as shares_with_objective,
    count(*) filter (where is_share and has_family_informed) as shares_family_informed,
    count(*) filter (where is_share and not emergency and routine is not false) as routine_shares,
    count(*) filter (where is_share and not emergency and routine and agreement_in_force)
        as routine_shares_under_agreement,
    count(*) filter (where is_share and not emergency and routine and agreement_with_dpia)
        as routine_shares_with_dpia,
    count(*) filter (
        where is_share
        and not gap_no_lawful_basis
        and not gap_special_without_art9
        and not gap_criminal_without_art10
    ) as shares_with_lawful_basis,
    count(*) filter (where is_share and lawful_basis = 'consent') as shares_on_consent,
    count(*) filter (where is_share and lawful_basis = 'legitimate_interests')
        as shares_on_legitimate_interests,
    count(*) filter (where is_share and lawful_basis = 'recognised_legitimate_interests')
        as shares_on_recognised_legitimate_interests,
    count(*) filter (where emergency and record_time_missing) as emergency_not_recorded
from _decision_flags
group by team_id, decided_on
order by decided_on, team_id
