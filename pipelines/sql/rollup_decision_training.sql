-- Per team and day: decisions by whether the person who decided, and the one who authorised
-- (when named), held their required courses in date on the day, by the rules of
-- metrics/sql/decision_maker_training.sql (tests/test_rollups.py proves they agree). The grace
-- period for new starters is a setting, so it is left to the query: a person's required courses
-- are checked only from `lapsed_after` days in post (null: in date whatever the grace, because
-- every course was in date or the person was exempt that day). With grace g a person on the
-- roster is in date when lapsed_after is null or below g.
create or replace table rollup_decision_training as
with course_rules as (
    select
        course_id,
        lower(trim(split_part(token, ':', 1))) as rule,
        trim(substr(token, strpos(token, ':') + 1)) as rule_value
    from (select course_id, unnest(string_split(required_for, '|')) as token from courses)
    where trim(token) <> ''
),

people as (
    select decision_id, cast(decided_at as date) as decided_on, 'decided_by' as part,
        nullif(trim(decided_by), '') as staff_id
    from decisions
    where nullif(trim(decided_by), '') is not null
    union all
    select decision_id, cast(decided_at as date) as decided_on, 'authorised_by' as part,
        nullif(trim(authorised_by), '') as staff_id
    from decisions
    where nullif(trim(authorised_by), '') is not null
),

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
        date_diff('day', s.start_date, pe.decided_on) as days_in_post,
        coalesce(s.exempt_until >= pe.decided_on, false) as exempt
    from people as pe
    left join staff as s on s.staff_id = pe.staff_id
    left join assigned as a on a.decision_id = pe.decision_id and a.part = pe.part
),

-- A person's courses in date depend on who they are that day, not on the decision: checked
-- once per person, day and post (a tenth of the rows at a million decisions).
contexts as (
    select distinct staff_id, decided_on, role, staff_team_id, is_decision_maker
    from counted
    where on_roster and not exempt and days_in_post is not null
),

requirements as (
    select distinct c.staff_id, c.decided_on, c.role, c.staff_team_id, c.is_decision_maker,
        r.course_id
    from contexts as c
    inner join course_rules as r
        on r.rule = 'all'
        or (r.rule = 'decision_makers' and c.is_decision_maker)
        or (r.rule = 'role' and lower(r.rule_value) = lower(trim(c.role)))
        or (r.rule = 'team' and r.rule_value = c.staff_team_id)
),

latest_passes as (
    select
        q.staff_id, q.decided_on, q.role, q.staff_team_id, q.is_decision_maker, q.course_id,
        max(t.completed_on) as last_passed_on
    from requirements as q
    inner join training as t
        on t.staff_id = q.staff_id
        and t.course_id = q.course_id
        and t.completed_on <= q.decided_on
        and coalesce(t.result, 'pass') = 'pass'
    group by all
),

lapsed as (
    select distinct q.staff_id, q.decided_on, q.role, q.staff_team_id, q.is_decision_maker
    from requirements as q
    inner join courses as co on co.course_id = q.course_id
    left join latest_passes as lp
        on lp.staff_id = q.staff_id
        and lp.decided_on = q.decided_on
        and lp.role is not distinct from q.role
        and lp.staff_team_id is not distinct from q.staff_team_id
        and lp.is_decision_maker = q.is_decision_maker
        and lp.course_id = q.course_id
    where lp.last_passed_on is null
        or (
            co.refresh_months > 0
            and cast(lp.last_passed_on + to_months(co.refresh_months) as date) <= q.decided_on
        )
),

per_person as (
    select
        c.decision_id,
        c.part,
        c.on_roster,
        case when l.staff_id is not null then c.days_in_post end as lapsed_after
    from counted as c
    left join lapsed as l
        on l.staff_id = c.staff_id
        and l.decided_on = c.decided_on
        and l.role is not distinct from c.role
        and l.staff_team_id is not distinct from c.staff_team_id
        and l.is_decision_maker = c.is_decision_maker
        and c.on_roster
        and not c.exempt
        and c.days_in_post is not null
),

final as (
    select
        d.team_id,
        cast(d.decided_at as date) as decided_on,
        coalesce(dec.on_roster, false) as decider_on_roster,
        dec.lapsed_after as decider_lapsed_after,
        auth.on_roster as authoriser_on_roster,
        auth.lapsed_after as authoriser_lapsed_after,
        count(*) as decisions
    from decisions as d
    left join per_person as dec on dec.decision_id = d.decision_id and dec.part = 'decided_by'
    left join per_person as auth
        on auth.decision_id = d.decision_id and auth.part = 'authorised_by'
    group by all
)

select * from final
order by decided_on, team_id
