-- uses: decisions_in_period
-- Shares (shared or partially shared) in the period by the type of organisation receiving them.
with decisions as (
    select * from decisions_in_period
),

final as (
    select
        recipient_type,
        count(*) filter (where decision = 'shared') as shared,
        count(*) filter (where decision = 'partially_shared') as partially_shared,
        count(*) as shares
    from decisions
    where is_share
    group by recipient_type
    order by shares desc, recipient_type
)

select * from final
