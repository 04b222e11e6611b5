-- uses: decisions_in_period
-- One row per emergency decision in the period by a team in scope: the day it was decided, the
-- day it was recorded (null: not recorded, a gap, never "recorded at once") and its
-- after-the-event review (reviewer and day; blank: not reviewed).
with emergencies as (
    select
        p.decision_id,
        p.team_id,
        p.team_name,
        cast(p.decided_at as date) as decided_on,
        cast(d.recorded_at as date) as recorded_on,
        nullif(trim(d.reviewed_by), '') as reviewed_by,
        d.reviewed_on
    from decisions_in_period as p
    inner join decisions as d on d.decision_id = p.decision_id
    where p.emergency
),

final as (
    select * from emergencies
    order by team_id, decided_on, decision_id
)

select * from final
