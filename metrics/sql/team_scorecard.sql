-- uses: scope_teams, policy_coverage_by_team, training_completion_by_team, decisions_by_team, decision_makers_in_period
-- One row per team in scope: policy coverage and training completion as of the as-of date,
-- decisions in the period, and the staff able to decide in the team at any time in the period
-- (decision_makers_in_period: the team and flag in force on each day), so that a team that
-- decided nothing is told apart from one with nobody to decide. Teams closed before the period
-- (or opened after it) appear only when they logged decisions in it.
with teams as (
    select * from scope_teams
),

coverage as (
    select * from policy_coverage_by_team
),

training as (
    select * from training_completion_by_team
),

decisions as (
    select * from decisions_by_team
),

decision_makers as (
    select * from decision_makers_in_period where team_id is not null
),

final as (
    select
        t.team_id,
        t.team_name,
        t.directorate,
        t.active,
        coalesce(c.in_place, 0) as policies_in_place,
        coalesce(c.applies, 0) as policies_applying,
        coalesce(tr.in_date, 0) as training_in_date,
        coalesce(tr.required, 0) as training_required,
        coalesce(d.decisions, 0) as decisions,
        coalesce(d.shares, 0) as shares,
        coalesce(d.complete_records, 0) as complete_records,
        coalesce(m.decision_makers, 0) as decision_makers
    from teams as t
    left join coverage as c on c.team_id = t.team_id
    left join training as tr on tr.team_id = t.team_id
    left join decisions as d on d.team_id = t.team_id
    left join decision_makers as m on m.team_id = t.team_id
    -- teams that existed at some time in the period (not today's teams), or logged decisions
    where ((t.existed_from is null or t.existed_from <= $period_end)
        and (t.existed_to is null or t.existed_to >= $period_start))
        or coalesce(d.decisions, 0) > 0
    order by t.directorate, t.team_name
)

select * from final
