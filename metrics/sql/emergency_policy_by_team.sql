-- uses: policy_status
-- Per as-of date and team in scope that existed on it: the step-9 (sharing in an emergency)
-- policies that apply to the team and those in place, by the contract's "in place" rule read
-- from history. A team with no row has no step-9 policy in force at all.
with status as (
    select * from policy_status
    where ico_step = 9
),

final as (
    select
        as_of,
        team_id,
        count(*) filter (where applies) as policies_applying,
        count(*) filter (where in_place) as policies_in_place
    from status
    group by as_of, team_id
    order by as_of, team_id
)

select * from final
