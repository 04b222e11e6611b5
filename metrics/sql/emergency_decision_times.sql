-- uses: scope_teams
-- Per team and for all teams in scope (team_id null), emergency decisions only: how many in the
-- period, how many with no record time (a gap, never a zero), and the time from request to
-- decision (median and 90th percentile, linear interpolation) and from decision to record
-- (median) over those with the times written. Read apart from decision_times (which reads this
-- for its emergency columns) so that ICO step 9 sorts only the emergencies' times, not every
-- decision's. Counts come from rollup_decisions_daily, times from rollup_decision_times (both by
-- the rules of decisions_in_period).
with teams as (
    select * from scope_teams
),

days as (
    select r.team_id, r.emergency, r.emergency_not_recorded
    from rollup_decisions_daily as r
    inner join teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

counts as (
    select
        team_id,
        cast(sum(emergency) as bigint) as emergency_decisions,
        cast(sum(emergency_not_recorded) as bigint) as emergency_not_recorded
    from days
    group by grouping sets ((team_id), ())
),

times as (
    select r.team_id, r.hours_to_decision, r.hours_to_record
    from rollup_decision_times as r
    inner join teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
        and r.emergency
),

quantiles as (
    select
        team_id,
        quantile_cont(hours_to_decision, [0.5, 0.9]) as hours_to_decision_quantiles,
        quantile_cont(hours_to_record, 0.5) as emergency_median_hours_to_record
    from times
    group by grouping sets ((team_id), ())
),

final as (
    select
        c.team_id,
        c.emergency_decisions,
        q.hours_to_decision_quantiles[1] as emergency_median_hours_to_decision,
        q.hours_to_decision_quantiles[2] as emergency_p90_hours_to_decision,
        q.emergency_median_hours_to_record,
        c.emergency_not_recorded
    from counts as c
    left join quantiles as q on q.team_id is not distinct from c.team_id
)

select * from final
