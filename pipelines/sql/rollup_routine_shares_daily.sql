-- Per team and day: the shares step 6 counts as routine (shared or partially shared, not an
-- emergency, routine yes or blank) by the agreement reference they cite (null when blank),
-- recipient type and organisation (null when blank) and whether routine was recorded. The
-- register is not read here: metrics/sql/decision_agreements.sql checks each reference against
-- the register on the day, so the rules live in one place and a row stands for `shares`
-- decisions that the rules judge alike.
create or replace table rollup_routine_shares_daily as
with shares as (
    select
        team_id,
        cast(decided_at as date) as decided_on,
        nullif(trim(dsa_ref), '') as dsa_ref,
        recipient_type,
        nullif(trim(recipient_org), '') as recipient_org,
        routine
    from decisions
    where decision in ('shared', 'partially_shared')
        and not coalesce(emergency, false)
        and routine is not false
),

final as (
    select team_id, decided_on, dsa_ref, recipient_type, recipient_org, routine, count(*) as shares
    from shares
    group by all
)

select * from final
order by decided_on, team_id
