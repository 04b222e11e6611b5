-- uses: scope_teams
-- Per team in scope (and, team_id null, all teams in scope together): staff able to decide (is_decision_maker) in
-- the team at any time in the period while in post, so that a team that decided nothing is told
-- apart from a team with nobody to decide. Team and flag are those in force on each day, by
-- staff_as_of's rule: an assignment runs from its from_date to the day before the member's next
-- one; before a member's first assignment, or with no assignments loaded, the roster's team and
-- flag stand.
with spells as (
    select
        staff_id,
        team_id,
        is_decision_maker,
        from_date as spell_start,
        lead(from_date) over (partition by staff_id order by from_date) - 1 as spell_end
    from assignments
),

first_assignment as (
    select staff_id, min(from_date) as first_from
    from assignments
    group by staff_id
),

roster_spells as (
    select
        s.staff_id,
        s.team_id,
        s.is_decision_maker,
        cast(null as date) as spell_start,
        f.first_from - 1 as spell_end
    from staff as s
    left join first_assignment as f on f.staff_id = s.staff_id
),

in_post as (
    select
        p.staff_id,
        p.team_id,
        greatest(coalesce(p.spell_start, s.start_date), s.start_date, $period_start) as from_day,
        least(coalesce(p.spell_end, $period_end), coalesce(s.end_date, $period_end), $period_end)
            as to_day
    from (select * from spells union all select * from roster_spells) as p
    inner join staff as s on s.staff_id = p.staff_id
    where coalesce(p.is_decision_maker, false)
),

final as (
    select i.team_id, count(distinct i.staff_id) as decision_makers
    from in_post as i
    inner join scope_teams as t on t.team_id = i.team_id
    where i.from_day <= i.to_day
    group by grouping sets ((i.team_id), ())
)

select * from final
