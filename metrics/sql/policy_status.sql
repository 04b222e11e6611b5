-- uses: active_teams_as_of, policy_versions_in_force
-- One row per as-of date, active team in scope and policy in force at that date, with the
-- team's status for it as the contract defines "in place". Everything is read from history:
-- the version in force and the latest attestation are both taken on or before the as-of date.
with versions_in_force as (
    select * from policy_versions_in_force
),

latest_attestations as (
    select
        t.as_of,
        c.team_id,
        c.policy_id,
        c.status,
        c.attested_on
    from active_teams_as_of as t
    inner join coverage as c on c.team_id = t.team_id and c.attested_on <= t.as_of
    qualify row_number() over (
        partition by t.as_of, c.team_id, c.policy_id order by c.attested_on desc
    ) = 1
),

team_policies as (
    select
        v.as_of,
        t.team_id,
        t.team_name,
        t.directorate,
        v.policy_id,
        v.title,
        v.ico_step,
        v.version,
        v.approved_on,
        v.review_due,
        a.status as attested_status,
        a.attested_on
    from versions_in_force as v
    inner join active_teams_as_of as t on t.as_of = v.as_of
    left join latest_attestations as a
        on a.as_of = v.as_of and a.team_id = t.team_id and a.policy_id = v.policy_id
),

final as (
    select
        as_of,
        team_id,
        team_name,
        directorate,
        policy_id,
        title,
        ico_step,
        version,
        approved_on,
        review_due,
        attested_status,
        attested_on,
        case
            when attested_status is null then 'not_started'
            when attested_status = 'in_place' and review_due < as_of then 'out_of_date'
            when attested_status = 'in_place' and attested_on < approved_on then 'out_of_date'
            -- "does not apply" said of an earlier version lapses when a new one is approved:
            -- the team must say it again, and until then the policy applies (not in place)
            when attested_status = 'not_applicable' and attested_on < approved_on
                then 'not_applicable_lapsed'
            else attested_status
        end as status,
        case
            when attested_status = 'in_place' and review_due < as_of
                then 'policy past its review date'
            when attested_status = 'in_place' and attested_on < approved_on
                then 'attested before version ' || version || ' was approved'
            when attested_status = 'not_applicable' and attested_on < approved_on
                then 'said not to apply before version ' || version || ' was approved'
        end as out_of_date_reason,
        not coalesce(attested_status = 'not_applicable' and attested_on >= approved_on, false)
            as applies,
        coalesce(
            attested_status = 'in_place' and attested_on >= approved_on and review_due >= as_of,
            false
        ) as in_place
    from team_policies
)

select * from final
