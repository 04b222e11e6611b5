-- uses: decisions_in_period, decision_agreements
-- Per team, and for all teams in scope (team_id null): the decisions in the period counted for
-- the ICO steps that read the decision log (2, 4, 5, 6, 7 and 8). The fields decisions_in_period
-- does not carry are read from the log by decision_id. A blank routine is "not known": a gap on
-- steps 5 and 6, kept in their denominator. Steps 5 and 6 read the agreement each routine share
-- cites as it stood in the register on the day (decision_agreements). Reasons and complete records are counted over every
-- decision, as the DfE asks for "your decision and the reasons for it, whether it is to share
-- information or not".
with in_period as (
    select * from decisions_in_period
),

flagged as (
    select
        p.team_id,
        p.is_share,
        p.is_refusal,
        p.lawful_basis,
        p.emergency,
        p.record_complete,
        p.gap_no_purpose,
        p.gap_no_lawful_basis,
        p.gap_special_without_art9,
        p.gap_criminal_without_art10,
        d.routine,
        coalesce(d.reason_recorded, false) as reason_recorded,
        nullif(trim(d.data_categories), '') is not null as has_data_categories,
        nullif(trim(d.family_informed), '') is not null as has_family_informed,
        coalesce(a.agreement_in_force, false) as agreement_in_force,
        coalesce(a.agreement_with_dpia, false) as agreement_with_dpia
    from in_period as p
    inner join decisions as d on d.decision_id = p.decision_id
    left join decision_agreements as a on a.decision_id = p.decision_id
),

final as (
    select
        team_id,
        count(*) as decisions,
        count(*) filter (where reason_recorded) as decisions_with_reason,
        count(*) filter (where is_refusal) as refusals,
        count(*) filter (where is_refusal and reason_recorded) as refusals_with_reason,
        count(*) filter (where is_share) as shares,
        count(*) filter (where is_share and not gap_no_purpose and has_data_categories)
            as shares_with_objective,
        count(*) filter (where is_share and has_family_informed) as shares_family_informed,
        -- Step 6 is about regular sharing: one-off and emergency shares need no agreement; a
        -- share whose routine is blank may be routine, so it stays in and counts as a gap.
        count(*) filter (where is_share and not emergency and routine is not false)
            as routine_shares,
        -- Counted when the share cites an agreement in force on the day (step 6) that also had
        -- a DPIA dated on or before the day (step 5).
        count(*) filter (where is_share and not emergency and routine and agreement_in_force)
            as routine_shares_under_agreement,
        count(*) filter (where is_share and not emergency and routine and agreement_with_dpia)
            as routine_shares_with_dpia,
        count(*) filter (where record_complete) as complete_records,
        count(*) filter (
            where is_share
            and not gap_no_lawful_basis
            and not gap_special_without_art9
            and not gap_criminal_without_art10
        ) as shares_with_lawful_basis,
        count(*) filter (where is_share and lawful_basis = 'consent') as shares_on_consent,
        count(*) filter (where is_share and lawful_basis = 'legitimate_interests')
            as shares_on_legitimate_interests,
        count(*) filter (where is_share and lawful_basis = 'recognised_legitimate_interests')
            as shares_on_recognised_legitimate_interests
    from flagged
    group by grouping sets ((team_id), ())
)

select * from final
