-- uses: agreements_register
-- Agreements in force at the as-of date whose review date had passed by then, most overdue
-- first, with the routine shares in the period (teams in scope) that cite them.
with register as (
    select * from agreements_register
),

final as (
    select
        dsa_ref,
        title,
        partners,
        review_due,
        days_past_review as days_overdue,
        routine_shares
    from register
    where past_review
    order by days_past_review desc, dsa_ref
)

select * from final
