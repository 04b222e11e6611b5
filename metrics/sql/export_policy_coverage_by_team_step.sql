-- uses: policy_status
-- Policy coverage per team (that existed on the as-of date) and ICO step at the as-of date, and
-- for all teams in scope per step (team_id null): the team's status for each policy in force
-- serving the step. A "not applicable" said before the current version lapsed: it must be
-- said again, so it is counted with not started (the columns stay those of earlier exports).
with statuses as (
    select * from policy_status
),

by_team_step as (
    select
        grouping(team_id) = 1 as is_total,
        team_id,
        case when grouping(team_id) = 1 then 'All teams in scope' else any_value(team_name) end
            as team_name,
        case when grouping(team_id) = 0 then any_value(directorate) end as directorate,
        ico_step,
        count(*) filter (where in_place) as in_place,
        count(*) filter (where status = 'out_of_date') as out_of_date,
        count(*) filter (where status = 'partial') as partial,
        count(*) filter (where status in ('not_started', 'not_applicable_lapsed')) as not_started,
        count(*) filter (where applies) as policies_applying,
        count(*) filter (where status = 'not_applicable') as not_applicable
    from statuses
    group by grouping sets ((team_id, ico_step), (ico_step))
),

final as (
    select
        team_id,
        team_name,
        ico_step,
        in_place,
        out_of_date,
        partial,
        not_started,
        policies_applying,
        not_applicable
    from by_team_step
    order by is_total, directorate, team_name, team_id, ico_step
)

select * from final
