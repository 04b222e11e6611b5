-- uses: policy_status
-- Coverage per team and as-of date: policies in place and in date / policies that apply.
with statuses as (
    select * from policy_status
),

final as (
    select
        as_of,
        team_id,
        any_value(team_name) as team_name,
        any_value(directorate) as directorate,
        count(*) filter (where in_place) as in_place,
        count(*) filter (where applies) as applies,
        count(*) filter (where status = 'out_of_date') as out_of_date,
        count(*) filter (where status = 'partial') as partial,
        count(*) filter (where status = 'not_started') as not_started,
        count(*) filter (where status = 'not_applicable_lapsed') as not_applicable_lapsed,
        count(*) filter (where status = 'not_applicable') as not_applicable
    from statuses
    group by as_of, team_id
    order by as_of, any_value(directorate), any_value(team_name)
)

select * from final
