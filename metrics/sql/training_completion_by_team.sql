-- uses: training_status
-- Training completion per as-of date and team: requirements in date / requirements.
with status as (
    select * from training_status
),

final as (
    select
        as_of,
        team_id,
        any_value(team_name) as team_name,
        any_value(directorate) as directorate,
        count(*) filter (where in_date) as in_date,
        count(*) as required
    from status
    group by as_of, team_id
    order by as_of, any_value(directorate), any_value(team_name)
)

select * from final
