-- uses: scope_teams, policy_status, training_status, ico_step_decisions_by_team, emergency_decision_times, decision_maker_training_by_team, decision_makers_in_period
-- One row per team in scope, then one for all teams in scope (team_id null), with the counts
-- behind every ICO-step indicator: for each of the ten steps, the policies and courses tagged
-- with it (ico_step) as of the as-of date; decisions in the period. Stock counts reuse
-- policy_status and training_status, so "in place" and "in date" mean exactly what they mean on
-- the other pages. Teams are listed as in team_scorecard: teams that existed in the period, and
-- others only when they logged decisions in it.
with teams as (
    select * from scope_teams
),

policies as (
    select
        team_id,
        count(*) filter (where ico_step = 1 and in_place) as step1_policies_in_place,
        count(*) filter (where ico_step = 1 and applies) as step1_policies_applying,
        count(*) filter (where ico_step = 2 and in_place) as step2_policies_in_place,
        count(*) filter (where ico_step = 2 and applies) as step2_policies_applying,
        count(*) filter (where ico_step = 3 and in_place) as step3_policies_in_place,
        count(*) filter (where ico_step = 3 and applies) as step3_policies_applying,
        count(*) filter (where ico_step = 4 and in_place) as step4_policies_in_place,
        count(*) filter (where ico_step = 4 and applies) as step4_policies_applying,
        count(*) filter (where ico_step = 5 and in_place) as step5_policies_in_place,
        count(*) filter (where ico_step = 5 and applies) as step5_policies_applying,
        count(*) filter (where ico_step = 6 and in_place) as step6_policies_in_place,
        count(*) filter (where ico_step = 6 and applies) as step6_policies_applying,
        count(*) filter (where ico_step = 7 and in_place) as step7_policies_in_place,
        count(*) filter (where ico_step = 7 and applies) as step7_policies_applying,
        count(*) filter (where ico_step = 8 and in_place) as step8_policies_in_place,
        count(*) filter (where ico_step = 8 and applies) as step8_policies_applying,
        count(*) filter (where ico_step = 9 and in_place) as step9_policies_in_place,
        count(*) filter (where ico_step = 9 and applies) as step9_policies_applying,
        count(*) filter (where ico_step = 10 and in_place) as step10_policies_in_place,
        count(*) filter (where ico_step = 10 and applies) as step10_policies_applying
    from policy_status
    group by grouping sets ((team_id), ())
),

courses as (
    select
        team_id,
        count(*) filter (where course_ico_step = 1 and in_date) as step1_courses_in_date,
        count(*) filter (where course_ico_step = 1) as step1_courses_required,
        count(*) filter (where course_ico_step = 2 and in_date) as step2_courses_in_date,
        count(*) filter (where course_ico_step = 2) as step2_courses_required,
        count(*) filter (where course_ico_step = 3 and in_date) as step3_courses_in_date,
        count(*) filter (where course_ico_step = 3) as step3_courses_required,
        count(*) filter (where course_ico_step = 4 and in_date) as step4_courses_in_date,
        count(*) filter (where course_ico_step = 4) as step4_courses_required,
        count(*) filter (where course_ico_step = 5 and in_date) as step5_courses_in_date,
        count(*) filter (where course_ico_step = 5) as step5_courses_required,
        count(*) filter (where course_ico_step = 6 and in_date) as step6_courses_in_date,
        count(*) filter (where course_ico_step = 6) as step6_courses_required,
        count(*) filter (where course_ico_step = 7 and in_date) as step7_courses_in_date,
        count(*) filter (where course_ico_step = 7) as step7_courses_required,
        count(*) filter (where course_ico_step = 8 and in_date) as step8_courses_in_date,
        count(*) filter (where course_ico_step = 8) as step8_courses_required,
        count(*) filter (where course_ico_step = 9 and in_date) as step9_courses_in_date,
        count(*) filter (where course_ico_step = 9) as step9_courses_required,
        count(*) filter (where course_ico_step = 10 and in_date) as step10_courses_in_date,
        count(*) filter (where course_ico_step = 10) as step10_courses_required,
        count(*) filter (where in_date) as training_in_date,
        count(*) as training_required
    from training_status
    group by grouping sets ((team_id), ())
),

decisions_counted as (
    select * from ico_step_decisions_by_team
),

times as (
    select * from emergency_decision_times
),

deciders as (
    select * from decision_maker_training_by_team
),

decision_makers as (
    select * from decision_makers_in_period
),

team_rows as (
    select
        t.team_id,
        t.team_name,
        t.directorate,
        0 as row_group
    from teams as t
    left join decisions_counted as d on d.team_id = t.team_id
    -- teams that existed at some time in the period (not today's teams), or logged decisions
    where ((t.existed_from is null or t.existed_from <= $period_end)
        and (t.existed_to is null or t.existed_to >= $period_start))
        or coalesce(d.decisions, 0) > 0
),

shown_rows as (
    select * from team_rows
    union all
    select
        null as team_id,
        'All teams in scope' as team_name,
        null as directorate,
        1 as row_group
    where exists (select 1 from team_rows)
),

final as (
    select
        r.team_id,
        r.team_name,
        r.directorate,
        coalesce(p.step1_policies_in_place, 0) as step1_policies_in_place,
        coalesce(p.step1_policies_applying, 0) as step1_policies_applying,
        coalesce(c.step1_courses_in_date, 0) as step1_courses_in_date,
        coalesce(c.step1_courses_required, 0) as step1_courses_required,
        coalesce(p.step2_policies_in_place, 0) as step2_policies_in_place,
        coalesce(p.step2_policies_applying, 0) as step2_policies_applying,
        coalesce(c.step2_courses_in_date, 0) as step2_courses_in_date,
        coalesce(c.step2_courses_required, 0) as step2_courses_required,
        coalesce(p.step3_policies_in_place, 0) as step3_policies_in_place,
        coalesce(p.step3_policies_applying, 0) as step3_policies_applying,
        coalesce(c.step3_courses_in_date, 0) as step3_courses_in_date,
        coalesce(c.step3_courses_required, 0) as step3_courses_required,
        coalesce(p.step4_policies_in_place, 0) as step4_policies_in_place,
        coalesce(p.step4_policies_applying, 0) as step4_policies_applying,
        coalesce(c.step4_courses_in_date, 0) as step4_courses_in_date,
        coalesce(c.step4_courses_required, 0) as step4_courses_required,
        coalesce(p.step5_policies_in_place, 0) as step5_policies_in_place,
        coalesce(p.step5_policies_applying, 0) as step5_policies_applying,
        coalesce(c.step5_courses_in_date, 0) as step5_courses_in_date,
        coalesce(c.step5_courses_required, 0) as step5_courses_required,
        coalesce(p.step6_policies_in_place, 0) as step6_policies_in_place,
        coalesce(p.step6_policies_applying, 0) as step6_policies_applying,
        coalesce(c.step6_courses_in_date, 0) as step6_courses_in_date,
        coalesce(c.step6_courses_required, 0) as step6_courses_required,
        coalesce(p.step7_policies_in_place, 0) as step7_policies_in_place,
        coalesce(p.step7_policies_applying, 0) as step7_policies_applying,
        coalesce(c.step7_courses_in_date, 0) as step7_courses_in_date,
        coalesce(c.step7_courses_required, 0) as step7_courses_required,
        coalesce(p.step8_policies_in_place, 0) as step8_policies_in_place,
        coalesce(p.step8_policies_applying, 0) as step8_policies_applying,
        coalesce(c.step8_courses_in_date, 0) as step8_courses_in_date,
        coalesce(c.step8_courses_required, 0) as step8_courses_required,
        coalesce(p.step9_policies_in_place, 0) as step9_policies_in_place,
        coalesce(p.step9_policies_applying, 0) as step9_policies_applying,
        coalesce(c.step9_courses_in_date, 0) as step9_courses_in_date,
        coalesce(c.step9_courses_required, 0) as step9_courses_required,
        coalesce(p.step10_policies_in_place, 0) as step10_policies_in_place,
        coalesce(p.step10_policies_applying, 0) as step10_policies_applying,
        coalesce(c.step10_courses_in_date, 0) as step10_courses_in_date,
        coalesce(c.step10_courses_required, 0) as step10_courses_required,
        coalesce(c.training_in_date, 0) as training_in_date,
        coalesce(c.training_required, 0) as training_required,
        coalesce(d.decisions, 0) as decisions,
        coalesce(d.decisions_with_reason, 0) as decisions_with_reason,
        coalesce(d.refusals, 0) as refusals,
        coalesce(d.refusals_with_reason, 0) as refusals_with_reason,
        coalesce(d.shares, 0) as shares,
        coalesce(d.shares_with_objective, 0) as shares_with_objective,
        coalesce(d.shares_family_informed, 0) as shares_family_informed,
        coalesce(d.routine_shares_with_dpia, 0) as routine_shares_with_dpia,
        coalesce(d.routine_shares_under_agreement, 0) as routine_shares_under_agreement,
        coalesce(d.routine_shares, 0) as routine_shares,
        coalesce(d.complete_records, 0) as complete_records,
        coalesce(d.shares_with_lawful_basis, 0) as shares_with_lawful_basis,
        coalesce(d.shares_on_consent, 0) as shares_on_consent,
        coalesce(d.shares_on_legitimate_interests, 0) as shares_on_legitimate_interests,
        coalesce(d.shares_on_recognised_legitimate_interests, 0) as shares_on_recognised_legitimate_interests,
        coalesce(tm.emergency_decisions, 0) as emergency_decisions,
        tm.emergency_median_hours_to_decision,
        tm.emergency_median_hours_to_record,
        coalesce(m.decision_makers, 0) as decision_makers,
        coalesce(dt.decisions_by_trained_staff, 0) as decisions_by_trained_staff,
        coalesce(dt.decisions_by_untrained_staff, 0) as decisions_by_untrained_staff
    from shown_rows as r
    left join policies as p on p.team_id is not distinct from r.team_id
    left join courses as c on c.team_id is not distinct from r.team_id
    left join decisions_counted as d on d.team_id is not distinct from r.team_id
    left join times as tm on tm.team_id is not distinct from r.team_id
    left join deciders as dt on dt.team_id is not distinct from r.team_id
    left join decision_makers as m on m.team_id is not distinct from r.team_id
    order by r.row_group, r.directorate, r.team_name
)

select * from final
