-- uses: decisions_in_period, decision_maker_training
-- Per team, and for all teams in scope (team_id null): decisions in the period made by staff
-- trained on the day, by staff whose required training had lapsed (or never been done), and
-- with no decision maker on the roster (blank or unknown decided_by: a record gap).
with decisions as (
    select * from decision_maker_training
),

final as (
    select
        team_id,
        case when grouping(team_id) = 1 then 'All teams in scope' else any_value(team_name) end
            as team_name,
        case when grouping(team_id) = 0 then any_value(directorate) end as directorate,
        count(*) as decisions,
        count(*) filter (where trained_on_the_day) as decisions_by_trained_staff,
        count(*) filter (where by_untrained_staff) as decisions_by_untrained_staff,
        count(*) filter (where not decider_on_roster) as decisions_no_decision_maker
    from decisions
    group by grouping sets ((team_id), ())
    order by team_id is null, any_value(directorate), any_value(team_name)
)

select * from final
