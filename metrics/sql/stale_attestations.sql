-- uses: policy_status
-- A team's latest attestation for a policy in force, when it was made more than a year before
-- the as-of date: the team should confirm it again, whatever it said. Claims that a policy is
-- (partly) in place come first, as relying on them matters most; then the oldest.
with statuses as (
    select * from policy_status
),

final as (
    select
        as_of,
        team_id,
        team_name,
        policy_id,
        title,
        ico_step,
        attested_status,
        attested_on,
        datediff('day', attested_on, as_of) as days_since_attested
    from statuses
    where attested_on < cast(as_of - interval 1 year as date)
    order by
        as_of,
        case attested_status
            when 'in_place' then 1 when 'partial' then 2 when 'not_started' then 3 else 4
        end,
        attested_on,
        team_name,
        policy_id
)

select * from final
