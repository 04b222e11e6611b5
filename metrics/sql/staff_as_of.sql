-- One row per as-of date and staff member on the roster, with the team, role and decision-maker
-- flag in force on that date: the assignment with the latest from_date on or before it, where
-- an assignments history is loaded; otherwise the roster's (today's) team and role. Whether the
-- member is in post is left to the caller (start_date, end_date, exempt_until are passed on).
with as_of_dates as (
    select distinct unnest(cast($as_of_dates as date[])) as as_of
),

assignments_in_force as (
    select
        d.as_of,
        a.staff_id,
        a.team_id,
        a.role,
        a.is_decision_maker
    from as_of_dates as d
    inner join assignments as a on a.from_date <= d.as_of
    qualify row_number() over (partition by d.as_of, a.staff_id order by a.from_date desc) = 1
),

final as (
    select
        d.as_of,
        s.staff_id,
        s.name,
        s.start_date,
        s.end_date,
        s.exempt_until,
        coalesce(a.team_id, s.team_id) as team_id,
        case when a.staff_id is null then s.role else a.role end as role,
        coalesce(
            case when a.staff_id is null then s.is_decision_maker else a.is_decision_maker end,
            false
        ) as is_decision_maker,
        a.staff_id is not null as from_assignment
    from as_of_dates as d
    cross join staff as s
    left join assignments_in_force as a on a.as_of = d.as_of and a.staff_id = s.staff_id
)

select * from final
