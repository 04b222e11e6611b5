-- uses: decisions_in_period
-- Per team: decisions in the period, how they split, complete records (of every decision,
-- refusals included) and each record gap.
with decisions as (
    select * from decisions_in_period
),

final as (
    select
        team_id,
        any_value(team_name) as team_name,
        any_value(directorate) as directorate,
        count(*) as decisions,
        count(*) filter (where decision = 'shared') as shared,
        count(*) filter (where decision = 'partially_shared') as partially_shared,
        count(*) filter (where decision = 'not_shared') as not_shared,
        count(*) filter (where is_share) as shares,
        count(*) filter (where record_complete) as complete_records,
        count(*) filter (where gap_no_lawful_basis) as no_lawful_basis,
        count(*) filter (where gap_special_without_art9) as special_without_art9,
        count(*) filter (where gap_criminal_without_art10) as criminal_without_art10,
        count(*) filter (where gap_no_reason) as no_reason,
        count(*) filter (where gap_no_reason and is_refusal) as refusals_no_reason,
        count(*) filter (where gap_no_purpose) as no_purpose,
        count(*) filter (where gap_no_decided_by) as no_decided_by,
        count(*) filter (where emergency) as emergency
    from decisions
    group by team_id
    order by any_value(directorate), any_value(team_name)
)

select * from final
