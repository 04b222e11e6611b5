-- One narrow row per emergency decision: its id, team, the day it was decided, the day it was
-- recorded (null: not recorded, a gap, never "recorded at once") and its after-the-event review
-- (reviewer, null when blank, and day). The warnings judge each emergency, so this is a
-- projection, not a sum: a tenth of the log's rows, ordered by day so that a period reads only
-- its own blocks (metrics/sql/emergency_decisions.sql reads it).
create or replace table rollup_emergency_decisions as
with emergencies as (
    select
        decision_id,
        team_id,
        cast(decided_at as date) as decided_on,
        cast(recorded_at as date) as recorded_on,
        nullif(trim(reviewed_by), '') as reviewed_by,
        reviewed_on
    from decisions
    where coalesce(emergency, false)
),

final as (
    select * from emergencies
)

select * from final
order by decided_on, team_id
