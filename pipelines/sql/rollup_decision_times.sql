-- One narrow row per decision with a time to measure: hours from request to decision and from
-- decision to record, by the rules of metrics/sql/decisions_in_period.sql (day precision when
-- either time was written without a time of day; a reversed pair is left out, never negative).
-- Medians need the values themselves, so this is a projection, not a sum; ordered by
-- emergency, then day, so that a period reads only its own blocks and the emergencies' times
-- (ICO step 9) only theirs: a tenth of the rows, where ordered by day alone they were read
-- with every other decision of the period.
create or replace table rollup_decision_times as
with timed as (
    select
        team_id,
        cast(decided_at as date) as decided_on,
        coalesce(emergency, false) as emergency,
        case
            when coalesce(request_received_has_time, true) and coalesce(decided_at_has_time, true)
                then date_diff('second', request_received, decided_at) / 3600.0
            else date_diff('day', cast(request_received as date), cast(decided_at as date)) * 24.0
        end as raw_hours_to_decision,
        case
            when coalesce(recorded_at_has_time, true) and coalesce(decided_at_has_time, true)
                then date_diff('second', decided_at, recorded_at) / 3600.0
            else date_diff('day', cast(decided_at as date), cast(recorded_at as date)) * 24.0
        end as raw_hours_to_record
    from decisions
),

final as (
    select
        team_id,
        decided_on,
        emergency,
        case when raw_hours_to_decision >= 0 then raw_hours_to_decision end as hours_to_decision,
        case when raw_hours_to_record >= 0 then raw_hours_to_record end as hours_to_record
    from timed
)

select * from final
where hours_to_decision is not null or (emergency and hours_to_record is not null)
order by emergency, decided_on, team_id
