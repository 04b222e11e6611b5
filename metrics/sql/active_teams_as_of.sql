-- uses: scope_teams
-- One row per as-of date and team in scope that existed on it: what every stock measure (policy
-- coverage, training completion) is taken over. A team exists on its opening day and on its
-- closing day (closed_on is its last day), never "today's" teams relabelled: a team closed
-- later still counts at the dates it existed. A date given twice counts once.
with as_of_dates as (
    select distinct unnest(cast($as_of_dates as date[])) as as_of
),

final as (
    select
        d.as_of,
        t.team_id,
        t.team_name,
        t.directorate
    from as_of_dates as d
    inner join scope_teams as t
        on (t.existed_from is null or t.existed_from <= d.as_of)
        and (t.existed_to is null or t.existed_to >= d.as_of)
)

select * from final
