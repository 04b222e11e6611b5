-- uses: decisions_in_period, course_rules
-- One row per decision in the period: whether the person who decided (decided_by), and the
-- person who authorised it (authorised_by, when named), held every course required of them in
-- date on the day of the decision. The rules are the Training measure's (training_status.sql):
-- required_for by `all`, `decision_makers`, `role:` and `team:`, new starters counted only after
-- the grace period, the exempt left out, the latest passing completion on or before the day not
-- expired. A blank decided_by, or one that is not on the staff roster, is a record gap, never
-- "trained". Role, team and decision-maker flag are those in force on the day of the decision.
with in_period as (
    select
        p.decision_id,
        p.team_id,
        p.team_name,
        p.directorate,
        cast(p.decided_at as date) as decided_on,
        nullif(trim(d.decided_by), '') as decided_by,
        nullif(trim(d.authorised_by), '') as authorised_by
    from decisions_in_period as p
    inner join decisions as d on d.decision_id = p.decision_id
),

people as (
    select decision_id, decided_on, 'decided_by' as part, decided_by as staff_id
    from in_period
    where decided_by is not null
    union all
    select decision_id, decided_on, 'authorised_by' as part, authorised_by as staff_id
    from in_period
    where authorised_by is not null
),

-- The team, role and flag in force on the day of the decision, by staff_as_of's rule: the
-- member's assignment with the latest from_date on or before it, else the roster's.
assigned as (
    select pe.decision_id, pe.part, a.team_id, a.role, a.is_decision_maker
    from people as pe
    inner join assignments as a on a.staff_id = pe.staff_id and a.from_date <= pe.decided_on
    qualify row_number() over (partition by pe.decision_id, pe.part order by a.from_date desc) = 1
),

counted as (
    select
        pe.decision_id,
        pe.part,
        pe.decided_on,
        pe.staff_id,
        s.staff_id is not null as on_roster,
        case when a.decision_id is null then s.role else a.role end as role,
        coalesce(a.team_id, s.team_id) as staff_team_id,
        coalesce(
            case when a.decision_id is null then s.is_decision_maker else a.is_decision_maker end,
            false
        ) as is_decision_maker,
        s.staff_id is not null
            and s.start_date + cast($grace_days as integer) <= pe.decided_on
            and (s.exempt_until is null or s.exempt_until < pe.decided_on) as has_requirements
    from people as pe
    left join staff as s on s.staff_id = pe.staff_id
    left join assigned as a on a.decision_id = pe.decision_id and a.part = pe.part
),


requirements as (
    select distinct
        c.decision_id,
        c.part,
        c.staff_id,
        c.decided_on,
        r.course_id
    from counted as c
    inner join course_rules as r
        on r.rule = 'all'
        or (r.rule = 'decision_makers' and c.is_decision_maker)
        or (r.rule = 'role' and lower(r.rule_value) = lower(trim(c.role)))
        or (r.rule = 'team' and r.rule_value = c.staff_team_id)
    where c.has_requirements
),

latest_passes as (
    select
        q.decision_id,
        q.part,
        q.course_id,
        max(t.completed_on) as last_passed_on
    from requirements as q
    inner join training as t
        on t.staff_id = q.staff_id
        and t.course_id = q.course_id
        and t.completed_on <= q.decided_on
        and coalesce(t.result, 'pass') = 'pass'
    group by q.decision_id, q.part, q.course_id
),

-- A completion expires on its expiry date: in date up to the day before it.
lapsed as (
    select
        q.decision_id,
        q.part,
        count(*) as courses_not_in_date
    from requirements as q
    inner join courses as co on co.course_id = q.course_id
    left join latest_passes as lp
        on lp.decision_id = q.decision_id and lp.part = q.part and lp.course_id = q.course_id
    where lp.last_passed_on is null
        or (
            co.refresh_months > 0
            and cast(lp.last_passed_on + to_months(co.refresh_months) as date) <= q.decided_on
        )
    group by q.decision_id, q.part
),

per_person as (
    select
        c.decision_id,
        c.part,
        c.on_roster,
        c.on_roster and coalesce(l.courses_not_in_date, 0) = 0 as in_date
    from counted as c
    left join lapsed as l on l.decision_id = c.decision_id and l.part = c.part
),

final as (
    select
        p.decision_id,
        p.team_id,
        p.team_name,
        p.directorate,
        p.decided_on,
        coalesce(dec.on_roster, false) as decider_on_roster,
        coalesce(dec.on_roster, false)
            and dec.in_date
            and coalesce(auth.in_date, true) as trained_on_the_day,
        coalesce(dec.on_roster and not dec.in_date, false)
            or coalesce(auth.on_roster and not auth.in_date, false) as by_untrained_staff
    from in_period as p
    left join per_person as dec on dec.decision_id = p.decision_id and dec.part = 'decided_by'
    left join per_person as auth
        on auth.decision_id = p.decision_id and auth.part = 'authorised_by'
)

select * from final
