-- The teams the filter selects: a directorate (null = all) and a list of team ids (empty = all),
-- always within the teams the viewer may see ($allowed; null = every team), with their lifetimes.
-- A team exists from opened_on (blank: before all the data) to closed_on, its last day (blank:
-- open). A file's `active = no` with no closed_on is a team closed before all the data: it
-- exists at no date. `active` is derived, for display and older exports only (open today);
-- no measure reads it: measures use existed_from / existed_to.
with teams_in as (
    select
        team_id,
        team_name,
        directorate,
        opened_on,
        closed_on,
        closed_on is null and not coalesce(active, true) as closed_before_data
    from teams
),

final as (
    select
        team_id,
        team_name,
        directorate,
        opened_on,
        closed_on,
        closed_before_data,
        not closed_before_data and (closed_on is null or closed_on >= current_date) as active,
        -- The first and last day the team exists: null bounds are open-ended; a team closed
        -- before all the data gets an empty lifetime (from after to before every date).
        case when closed_before_data then date '9999-12-31' else opened_on end as existed_from,
        case when closed_before_data then date '0001-01-01' else closed_on end as existed_to
    from teams_in
    where ($directorate is null or directorate = $directorate)
      and (len(cast($teams as varchar[])) = 0 or list_contains(cast($teams as varchar[]), team_id))
      and ($allowed is null or list_contains(cast($allowed as varchar[]), team_id))
)

select * from final
