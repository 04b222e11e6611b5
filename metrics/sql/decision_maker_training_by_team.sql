-- uses: scope_teams
-- Per team, and for all teams in scope (team_id null): decisions in the period made by staff
-- trained on the day, by staff whose required training had lapsed (or never been done), and
-- with no decision maker on the roster (blank or unknown decided_by: a record gap). Summed from
-- rollup_decision_training (per team and day, the rules of decision_maker_training: a person on
-- the roster is in date unless their courses had lapsed and they had been in post for the grace
-- period; tests/test_rollups.py proves the two agree for any grace).
with days as (
    select
        r.decisions,
        r.team_id,
        t.team_name,
        t.directorate,
        r.decider_on_roster,
        r.decider_on_roster
            and coalesce(r.decider_lapsed_after < cast($grace_days as integer), true)
            as decider_in_date,
        r.authoriser_on_roster,
        r.authoriser_on_roster
            and coalesce(r.authoriser_lapsed_after < cast($grace_days as integer), true)
            as authoriser_in_date
    from rollup_decision_training as r
    inner join scope_teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

final as (
    select
        team_id,
        case when grouping(team_id) = 1 then 'All teams in scope' else any_value(team_name) end
            as team_name,
        case when grouping(team_id) = 0 then any_value(directorate) end as directorate,
        cast(coalesce(sum(decisions), 0) as bigint) as decisions,
        cast(
            coalesce(
                sum(decisions) filter (
                    where decider_in_date and coalesce(authoriser_in_date, true)
                ),
                0
            ) as bigint
        ) as decisions_by_trained_staff,
        cast(
            coalesce(
                sum(decisions) filter (
                    where (decider_on_roster and not decider_in_date)
                    or coalesce(authoriser_on_roster and not authoriser_in_date, false)
                ),
                0
            ) as bigint
        ) as decisions_by_untrained_staff,
        cast(coalesce(sum(decisions) filter (where not decider_on_roster), 0) as bigint)
            as decisions_no_decision_maker
    from days
    group by grouping sets ((team_id), ())
    order by team_id is null, any_value(directorate), any_value(team_name)
)

select * from final
