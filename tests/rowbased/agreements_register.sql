-- uses: decision_agreements
-- Every agreement in the register, with its state at the as-of date (in force, past review:
-- review_due before the as-of date while in force) and the routine shares in the period, by
-- teams in scope, that cite it: all of them, those made while it was not in force, and those
-- made while it was in force but past its review date. The register is the organisation's, so
-- every agreement is listed; only the counts of shares are limited to the teams in scope.
with as_of as (
    select cast($as_of_dates as date[])[1] as as_of
),

cited as (
    select
        register_ref,
        count(*) as routine_shares,
        count(*) filter (where not agreement_in_force) as shares_not_in_force,
        count(*) filter (where days_past_review > 0) as shares_past_review
    from decision_agreements
    where register_ref is not null
    group by register_ref
),

dated as (
    select
        a.*,
        d.as_of,
        a.status <> 'draft'
            and a.signed_on <= d.as_of
            and (a.ended_on is null or a.ended_on >= d.as_of) as in_force
    from agreements as a
    cross join as_of as d
),

final as (
    select
        a.dsa_ref,
        a.title,
        a.partners,
        a.partner_types,
        a.scope,
        a.status,
        a.signed_on,
        a.review_due,
        a.ended_on,
        a.dpia_ref,
        a.dpia_date,
        coalesce(a.in_force, false) as in_force,
        coalesce(a.in_force and a.review_due < a.as_of, false) as past_review,
        case when a.in_force then date_diff('day', a.review_due, a.as_of) end
            as days_past_review,
        coalesce(c.routine_shares, 0) as routine_shares,
        coalesce(c.shares_not_in_force, 0) as shares_not_in_force,
        coalesce(c.shares_past_review, 0) as shares_past_review
    from dated as a
    left join cited as c on c.register_ref = a.dsa_ref
    order by a.review_due nulls last, a.dsa_ref
)

select * from final
