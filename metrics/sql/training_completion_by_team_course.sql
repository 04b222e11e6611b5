-- uses: training_status
-- Training completion per team and course at the as-of date.
with status as (
    select * from training_status
),

final as (
    select
        as_of,
        team_id,
        any_value(team_name) as team_name,
        course_id,
        any_value(course_title) as course_title,
        any_value(course_ico_step) as course_ico_step,
        count(*) filter (where in_date) as in_date,
        count(*) as required
    from status
    group by as_of, team_id, course_id
    order by as_of, any_value(directorate), any_value(team_name), course_id
)

select * from final
