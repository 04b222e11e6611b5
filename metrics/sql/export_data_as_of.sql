-- uses: scope_teams
-- How recent the data behind an export is: the newest decision, training record and
-- attestation of the teams in scope, and when data was last loaded.
with teams as (
    select * from scope_teams
),

newest_decision as (
    select max(cast(d.decided_at as date)) as newest_decision
    from decisions as d
    inner join teams as t on t.team_id = d.team_id
),

newest_training as (
    select max(tr.completed_on) as newest_training
    from training as tr
    inner join staff as s on s.staff_id = tr.staff_id
    inner join teams as t on t.team_id = s.team_id
),

newest_attestation as (
    select max(c.attested_on) as newest_attestation
    from coverage as c
    inner join teams as t on t.team_id = c.team_id
),

last_ingest as (
    select max(finished_at) as last_ingest
    from ingest_runs
    where status <> 'refused'
),

final as (
    select
        newest_decision,
        newest_training,
        newest_attestation,
        last_ingest
    from newest_decision
    cross join newest_training
    cross join newest_attestation
    cross join last_ingest
)

select * from final
