-- uses: scope_teams
-- One row per emergency decision in the period by a team in scope: the day it was decided, the
-- day it was recorded (null: not recorded, a gap, never "recorded at once") and its
-- after-the-event review (reviewer and day; blank: not reviewed). Read from the log by
-- decisions_in_period's period and scope rules, without its per-decision flags (at ten million
-- decisions those cost seconds; tests/test_rollups.py proves the answers equal).
with emergencies as (
    select
        d.decision_id,
        d.team_id,
        t.team_name,
        cast(d.decided_at as date) as decided_on,
        cast(d.recorded_at as date) as recorded_on,
        nullif(trim(d.reviewed_by), '') as reviewed_by,
        d.reviewed_on
    from decisions as d
    inner join scope_teams as t on t.team_id = d.team_id
    where cast(d.decided_at as date) between $period_start and $period_end
        and coalesce(d.emergency, false)
),

final as (
    select * from emergencies
    order by team_id, decided_on, decision_id
)

select * from final
