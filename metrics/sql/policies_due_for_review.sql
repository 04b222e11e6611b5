-- uses: policy_versions_in_force
-- Policies whose version in force at the as-of date is past its review date or due within
-- the review window (days) of it: "within 60 days" includes the 60th day after the as-of date.
with versions_in_force as (
    select * from policy_versions_in_force
),

final as (
    select
        as_of,
        policy_id,
        title,
        ico_step,
        owner,
        version,
        approved_on,
        review_due,
        datediff('day', as_of, review_due) as days_to_review,
        case when review_due < as_of then 'past review date' else 'review due soon' end
            as review_status
    from versions_in_force
    where review_due <= as_of + cast($review_window_days as integer)
    order by as_of, review_due, policy_id
)

select * from final
