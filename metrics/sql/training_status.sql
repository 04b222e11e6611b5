-- uses: active_teams_as_of, staff_as_of, course_rules
-- One row per as-of date and (staff member, course) the member must be trained in then: in
-- post, past the new-starter grace period, not exempt, required to take it, in a team in scope
-- that existed on the date, with the team, role and decision-maker flag in force on the date
-- (an assignments history where loaded, else the roster). Each row says whether the latest
-- passing completion on or before the as-of date is still in date. Completions after the as-of
-- date are ignored, so any past date can be measured.
with staff_counted as (
    select
        t.as_of,
        s.staff_id,
        s.name,
        s.role,
        s.is_decision_maker,
        s.start_date,
        t.team_id,
        t.team_name,
        t.directorate
    from active_teams_as_of as t
    inner join staff_as_of as s
        on s.as_of = t.as_of
        and s.team_id = t.team_id
        and s.start_date <= t.as_of
        and (s.end_date is null or s.end_date >= t.as_of)
        and s.start_date + cast($grace_days as integer) <= t.as_of
        and (s.exempt_until is null or s.exempt_until < t.as_of)
),


requirements as (
    select distinct
        s.*,
        c.course_id
    from staff_counted as s
    inner join course_rules as c
        on c.rule = 'all'
        or (c.rule = 'decision_makers' and s.is_decision_maker)
        or (c.rule = 'role' and lower(c.rule_value) = lower(trim(s.role)))
        or (c.rule = 'team' and c.rule_value = s.team_id)
),

latest_passes as (
    select
        r.as_of,
        r.staff_id,
        r.course_id,
        max(t.completed_on) as last_passed_on
    from requirements as r
    inner join training as t
        on t.staff_id = r.staff_id
        and t.course_id = r.course_id
        and t.completed_on <= r.as_of
        and coalesce(t.result, 'pass') = 'pass'
    group by r.as_of, r.staff_id, r.course_id
),

with_expiry as (
    select
        r.*,
        c.title as course_title,
        c.ico_step as course_ico_step,
        c.refresh_months,
        p.last_passed_on,
        case
            when p.last_passed_on is not null and c.refresh_months > 0
                then cast(p.last_passed_on + to_months(c.refresh_months) as date)
        end as expires_on
    from requirements as r
    inner join courses as c on c.course_id = r.course_id
    left join latest_passes as p
        on p.as_of = r.as_of and p.staff_id = r.staff_id and p.course_id = r.course_id
),

-- A completion expires on its expiry date: in date up to the day before it.
final as (
    select
        as_of,
        team_id,
        team_name,
        directorate,
        staff_id,
        name,
        role,
        course_id,
        course_title,
        course_ico_step,
        last_passed_on,
        expires_on,
        last_passed_on is not null and (expires_on is null or expires_on > as_of) as in_date,
        case
            when last_passed_on is null then 'never trained'
            when expires_on <= as_of then 'overdue'
            else 'in date'
        end as status,
        datediff('day', as_of, expires_on) as days_to_expiry
    from with_expiry
)

select * from final
