-- uses: scope_teams
-- Shares (shared or partially shared) in the period by the type of organisation receiving them,
-- summed from rollup_shares_daily.
with shares as (
    select r.*
    from rollup_shares_daily as r
    inner join scope_teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

final as (
    select
        recipient_type,
        cast(coalesce(sum(shares) filter (where decision = 'shared'), 0) as bigint) as shared,
        cast(coalesce(sum(shares) filter (where decision = 'partially_shared'), 0) as bigint)
            as partially_shared,
        cast(sum(shares) as bigint) as shares
    from shares
    group by recipient_type
    order by shares desc, recipient_type
)

select * from final
