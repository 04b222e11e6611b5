-- The teams the filter selects: a directorate (null = all) and a list of team ids (empty = all),
-- always within the teams the viewer may see ($allowed; null = every team).
with teams_in as (
    select team_id, team_name, directorate, coalesce(active, true) as active
    from teams
),

final as (
    select team_id, team_name, directorate, active
    from teams_in
    where ($directorate is null or directorate = $directorate)
      and (len(cast($teams as varchar[])) = 0 or list_contains(cast($teams as varchar[]), team_id))
      and ($allowed is null or list_contains(cast($allowed as varchar[]), team_id))
)

select * from final
