-- uses: scope_teams
-- Per team, and for all teams in scope (team_id null): the decisions in the period counted for
-- the ICO steps that read the decision log (2, 4, 5, 6, 7 and 8), summed from
-- rollup_decisions_daily (the rules of decisions_in_period, per team and day). A blank routine
-- is "not known": a gap on steps 5 and 6, kept in their denominator. Steps 5 and 6 count the
-- agreement each routine share cites as it stood in the register on the day (the rules of
-- decision_agreements, applied when the rollup is built). Reasons and complete records are
-- counted over every decision, as the DfE asks for "your decision and the reasons for it,
-- whether it is to share information or not".
with days as (
    select r.*
    from rollup_decisions_daily as r
    inner join scope_teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

final as (
    select
        team_id,
        cast(coalesce(sum(decisions), 0) as bigint) as decisions,
        cast(coalesce(sum(decisions_with_reason), 0) as bigint) as decisions_with_reason,
        cast(coalesce(sum(refusals), 0) as bigint) as refusals,
        cast(coalesce(sum(refusals_with_reason), 0) as bigint) as refusals_with_reason,
        cast(coalesce(sum(shares), 0) as bigint) as shares,
        cast(coalesce(sum(shares_with_objective), 0) as bigint) as shares_with_objective,
        cast(coalesce(sum(shares_family_informed), 0) as bigint) as shares_family_informed,
        -- Step 6 is about regular sharing: one-off and emergency shares need no agreement; a
        -- share whose routine is blank may be routine, so it stays in and counts as a gap.
        cast(coalesce(sum(routine_shares), 0) as bigint) as routine_shares,
        -- Counted when the share cites an agreement in force on the day (step 6) that also had
        -- a DPIA dated on or before the day (step 5).
        cast(coalesce(sum(routine_shares_under_agreement), 0) as bigint)
            as routine_shares_under_agreement,
        cast(coalesce(sum(routine_shares_with_dpia), 0) as bigint) as routine_shares_with_dpia,
        cast(coalesce(sum(complete_records), 0) as bigint) as complete_records,
        cast(coalesce(sum(shares_with_lawful_basis), 0) as bigint) as shares_with_lawful_basis,
        cast(coalesce(sum(shares_on_consent), 0) as bigint) as shares_on_consent,
        cast(coalesce(sum(shares_on_legitimate_interests), 0) as bigint) as shares_on_legitimate_interests,
        cast(coalesce(sum(shares_on_recognised_legitimate_interests), 0) as bigint)
            as shares_on_recognised_legitimate_interests
    from days
    group by grouping sets ((team_id), ())
)

select * from final
