-- uses: decisions_in_period
-- Per team and for all teams in scope (team_id null): time from request to decision (hours,
-- median and 90th percentile, linear interpolation) over decisions with a request time, and the
-- same for emergency decisions with the median time from decision to record over those whose
-- record time was written. A blank recorded_at is a record gap, counted, never a zero; times
-- compared at day precision (a date-only value) and reversed pairs never give negative hours
-- (decisions_in_period leaves them out).
with decisions as (
    select * from decisions_in_period
),

final as (
    select
        team_id,
        case when grouping(team_id) = 1 then 'All teams in scope' else any_value(team_name) end
            as team_name,
        count(*) as decisions,
        count(hours_to_decision) as timed_decisions,
        quantile_cont(hours_to_decision, 0.5) as median_hours_to_decision,
        quantile_cont(hours_to_decision, 0.9) as p90_hours_to_decision,
        count(*) filter (where emergency) as emergency_decisions,
        quantile_cont(hours_to_decision, 0.5) filter (where emergency)
            as emergency_median_hours_to_decision,
        quantile_cont(hours_to_decision, 0.9) filter (where emergency)
            as emergency_p90_hours_to_decision,
        quantile_cont(hours_to_record, 0.5) filter (where emergency)
            as emergency_median_hours_to_record,
        count(*) filter (where emergency and record_time_missing) as emergency_not_recorded
    from decisions
    group by grouping sets ((team_id), ())
    order by grouping(team_id), any_value(directorate), any_value(team_name)
)

select * from final
