-- uses: scope_teams
-- Shares in the period by the statutory gateway cited (`none cited` when blank) and the lawful
-- basis it sits beside ('not recorded' when blank), summed from rollup_shares_daily.
with shares as (
    select
        coalesce(r.statutory_gateway, 'none cited') as gateway,
        r.lawful_basis,
        r.shares
    from rollup_shares_daily as r
    inner join scope_teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

final as (
    select
        gateway as statutory_gateway,
        lawful_basis,
        cast(sum(shares) as bigint) as shares
    from shares
    group by gateway, lawful_basis
    order by gateway = 'none cited', shares desc, gateway, lawful_basis
)

select * from final
