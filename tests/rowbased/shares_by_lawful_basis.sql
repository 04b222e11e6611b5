-- uses: decisions_in_period
-- Shares in the period by the lawful basis recorded ('not recorded' when blank).
with decisions as (
    select * from decisions_in_period
),

final as (
    select
        lawful_basis,
        count(*) as shares
    from decisions
    where is_share
    group by lawful_basis
    order by shares desc, lawful_basis
)

select * from final
