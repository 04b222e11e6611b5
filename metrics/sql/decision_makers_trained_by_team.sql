-- uses: training_status, staff_as_of
-- Per as-of date and team: the team's decision makers (the flag in force on the date) who must
-- take at least one course, and those holding every required course in date. The rules are the
-- Training measure's (training_status.sql): new starters in their grace period and the exempt
-- are not counted. The early warnings' risk matrix reads it.
with status as (
    select * from training_status
),

per_person as (
    select
        s.as_of,
        s.team_id,
        any_value(s.team_name) as team_name,
        s.staff_id,
        bool_and(s.in_date) as all_in_date
    from status as s
    inner join staff_as_of as a on a.as_of = s.as_of and a.staff_id = s.staff_id
    where a.is_decision_maker
    group by s.as_of, s.team_id, s.staff_id
),

final as (
    select
        as_of,
        team_id,
        any_value(team_name) as team_name,
        count(*) filter (where all_in_date) as decision_makers_trained,
        count(*) as decision_makers
    from per_person
    group by as_of, team_id
    order by as_of, team_id
)

select * from final
