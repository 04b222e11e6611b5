-- uses: scope_teams
-- Per team: decisions in the period, how they split, complete records (of every decision,
-- refusals included) and each record gap. Summed from rollup_decisions_daily (per team and
-- day, the rules of decisions_in_period: tests/test_rollups.py proves they agree).
with days as (
    select r.*, t.team_name, t.directorate
    from rollup_decisions_daily as r
    inner join scope_teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

final as (
    select
        team_id,
        any_value(team_name) as team_name,
        any_value(directorate) as directorate,
        cast(sum(decisions) as bigint) as decisions,
        cast(sum(shared) as bigint) as shared,
        cast(sum(partially_shared) as bigint) as partially_shared,
        cast(sum(not_shared) as bigint) as not_shared,
        cast(sum(shares) as bigint) as shares,
        cast(sum(complete_records) as bigint) as complete_records,
        cast(sum(no_lawful_basis) as bigint) as no_lawful_basis,
        cast(sum(special_without_art9) as bigint) as special_without_art9,
        cast(sum(criminal_without_art10) as bigint) as criminal_without_art10,
        cast(sum(no_reason) as bigint) as no_reason,
        cast(sum(refusals_no_reason) as bigint) as refusals_no_reason,
        cast(sum(no_purpose) as bigint) as no_purpose,
        cast(sum(no_decided_by) as bigint) as no_decided_by,
        cast(sum(emergency) as bigint) as emergency
    from days
    group by team_id
    order by any_value(directorate), any_value(team_name)
)

select * from final
