-- uses: decisions_in_period
-- Shares in the period by the statutory gateway cited (`none cited` when blank) and the lawful
-- basis it sits beside ('not recorded' when blank).
with shares as (
    select
        coalesce(statutory_gateway, 'none cited') as gateway,
        lawful_basis
    from decisions_in_period
    where is_share
),

final as (
    select
        gateway as statutory_gateway,
        lawful_basis,
        count(*) as shares
    from shares
    group by gateway, lawful_basis
    order by gateway = 'none cited', shares desc, gateway, lawful_basis
)

select * from final
