-- uses: scope_teams
-- One row per emergency decision in the period by a team in scope: the day it was decided, the
-- day it was recorded (null: not recorded, a gap, never "recorded at once") and its
-- after-the-event review (reviewer and day; blank: not reviewed). Read from
-- rollup_emergency_decisions (a projection of the log's emergencies, by decisions_in_period's
-- period and scope rules: at ten million decisions reading the log cost a third of a second;
-- tests/test_rollups.py proves the answers equal).
with emergencies as (
    select
        e.decision_id,
        e.team_id,
        t.team_name,
        e.decided_on,
        e.recorded_on,
        e.reviewed_by,
        e.reviewed_on
    from rollup_emergency_decisions as e
    inner join scope_teams as t on t.team_id = e.team_id
    where e.decided_on between $period_start and $period_end
),

final as (
    select * from emergencies
    order by team_id, decided_on, decision_id
)

select * from final
