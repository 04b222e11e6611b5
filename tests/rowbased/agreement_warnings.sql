-- uses: decision_agreements
-- Per team in scope and kind of agreement warning, the routine shares in the period it is
-- about: made under an agreement not in force on the day (agreement_not_in_force); under one
-- in force but more than $review_grace_days past its review date (agreement_past_review); to a
-- partner no agreement in force that day covers, citing no known agreement (no_agreement).
-- refs lists the references (or, for no_agreement, the partners) concerned.
with shares as (
    select
        *,
        case
            when agreement_known and not agreement_in_force then 'agreement_not_in_force'
            when agreement_in_force
                and days_past_review > cast($review_grace_days as integer)
                then 'agreement_past_review'
            when not agreement_known and not partner_covered then 'no_agreement'
        end as kind
    from decision_agreements
),

final as (
    select
        team_id,
        any_value(team_name) as team_name,
        kind,
        count(*) as observed,
        list_sort(list_distinct(list(
            case
                when kind = 'no_agreement'
                    then coalesce(recipient_org, replace(recipient_type, '_', ' '))
                else register_ref
            end
        ))) as refs
    from shares
    where kind is not null
    group by team_id, kind
    order by any_value(team_name), kind
)

select * from final
