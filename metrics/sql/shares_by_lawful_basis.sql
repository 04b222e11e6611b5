-- uses: scope_teams
-- Shares in the period by the lawful basis recorded ('not recorded' when blank), summed from
-- rollup_shares_daily.
with shares as (
    select r.*
    from rollup_shares_daily as r
    inner join scope_teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

final as (
    select
        lawful_basis,
        cast(sum(shares) as bigint) as shares
    from shares
    group by lawful_basis
    order by shares desc, lawful_basis
)

select * from final
