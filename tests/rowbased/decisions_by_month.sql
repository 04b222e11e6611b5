-- uses: decisions_in_period
-- Per month and team: decisions by outcome, shares and complete records. Months with no
-- decisions have no row; the caller fills the calendar.
with decisions as (
    select * from decisions_in_period
),

final as (
    select
        month,
        team_id,
        any_value(team_name) as team_name,
        count(*) as decisions,
        count(*) filter (where decision = 'shared') as shared,
        count(*) filter (where decision = 'partially_shared') as partially_shared,
        count(*) filter (where decision = 'not_shared') as not_shared,
        count(*) filter (where is_share) as shares,
        count(*) filter (where record_complete) as complete_records
    from decisions
    group by month, team_id
    order by month, team_id
)

select * from final
