-- uses: scope_teams, emergency_decision_times
-- Per team and for all teams in scope (team_id null): time from request to decision (hours,
-- median and 90th percentile, linear interpolation) over decisions with a request time, and the
-- same for emergency decisions with the median time from decision to record over those whose
-- record time was written. A blank recorded_at is a record gap, counted, never a zero; times
-- compared at day precision (a date-only value) and reversed pairs never give negative hours.
-- Counts come from rollup_decisions_daily, times from rollup_decision_times (both by the rules
-- of decisions_in_period); the emergency columns from emergency_decision_times.
with teams as (
    select * from scope_teams
),

days as (
    select r.team_id, r.decisions
    from rollup_decisions_daily as r
    inner join teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

counts as (
    select
        team_id,
        cast(sum(decisions) as bigint) as decisions
    from days
    group by grouping sets ((team_id), ())
),

times as (
    select r.team_id, r.hours_to_decision
    from rollup_decision_times as r
    inner join teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

quantiles as (
    select
        team_id,
        count(hours_to_decision) as timed_decisions,
        -- both quantiles from one sort of the period's times (at 10M, millions of values)
        quantile_cont(hours_to_decision, [0.5, 0.9]) as hours_to_decision_quantiles
    from times
    group by grouping sets ((team_id), ())
),

final as (
    select
        c.team_id,
        case when c.team_id is null then 'All teams in scope' else t.team_name end as team_name,
        coalesce(c.decisions, 0) as decisions,
        coalesce(q.timed_decisions, 0) as timed_decisions,
        q.hours_to_decision_quantiles[1] as median_hours_to_decision,
        q.hours_to_decision_quantiles[2] as p90_hours_to_decision,
        coalesce(e.emergency_decisions, 0) as emergency_decisions,
        e.emergency_median_hours_to_decision,
        e.emergency_p90_hours_to_decision,
        e.emergency_median_hours_to_record,
        coalesce(e.emergency_not_recorded, 0) as emergency_not_recorded
    from counts as c
    left join quantiles as q on q.team_id is not distinct from c.team_id
    left join emergency_decision_times as e on e.team_id is not distinct from c.team_id
    left join teams as t on t.team_id = c.team_id
    order by c.team_id is null, t.directorate, t.team_name
)

select * from final
