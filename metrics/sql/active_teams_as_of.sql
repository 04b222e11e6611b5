-- uses: scope_teams
-- One row per as-of date and active team in scope: what every stock measure (policy coverage,
-- training completion) is taken over. A date given twice counts once.
with as_of_dates as (
    select distinct unnest(cast($as_of_dates as date[])) as as_of
),

active_teams as (
    select team_id, team_name, directorate
    from scope_teams
    where active
),

final as (
    select
        d.as_of,
        t.team_id,
        t.team_name,
        t.directorate
    from as_of_dates as d
    cross join active_teams as t
)

select * from final
