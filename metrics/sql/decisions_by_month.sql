-- uses: scope_teams
-- Per month and team: decisions by outcome, shares and complete records, over the days of the
-- period (rollup_decisions_daily). Months with no decisions have no row; the caller fills the
-- calendar.
with days as (
    select r.*, t.team_name
    from rollup_decisions_daily as r
    inner join scope_teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

final as (
    select
        cast(date_trunc('month', decided_on) as date) as month,
        team_id,
        any_value(team_name) as team_name,
        cast(sum(decisions) as bigint) as decisions,
        cast(sum(shared) as bigint) as shared,
        cast(sum(partially_shared) as bigint) as partially_shared,
        cast(sum(not_shared) as bigint) as not_shared,
        cast(sum(shares) as bigint) as shares,
        cast(sum(complete_records) as bigint) as complete_records
    from days
    group by month, team_id
    order by month, team_id
)

select * from final
