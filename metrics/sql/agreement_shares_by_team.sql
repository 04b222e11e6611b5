-- uses: decision_agreements
-- The sharing that relies on each agreement: per agreement cited and team in scope, the routine
-- shares in the period, those made while it was in force, with a DPIA dated by the day, and
-- while past its review date. Shares citing a reference not in the register are grouped under
-- what they cite (known = false); routine shares citing none under a null reference.
with shares as (
    select * from decision_agreements
),

final as (
    select
        coalesce(register_ref, dsa_ref) as dsa_ref,
        agreement_known as known,
        team_id,
        any_value(team_name) as team_name,
        cast(sum(shares) as bigint) as routine_shares,
        cast(coalesce(sum(shares) filter (where agreement_in_force), 0) as bigint) as in_force,
        cast(coalesce(sum(shares) filter (where agreement_with_dpia), 0) as bigint) as with_dpia,
        cast(coalesce(sum(shares) filter (where days_past_review > 0), 0) as bigint)
            as past_review
    from shares
    group by coalesce(register_ref, dsa_ref), agreement_known, team_id
    order by coalesce(register_ref, dsa_ref) nulls last, any_value(team_name)
)

select * from final
