-- One row per decision in the log: the day it was decided and every record-keeping flag the
-- pages count, by exactly the rules of metrics/sql/decisions_in_period.sql and
-- ico_step_decisions_by_team.sql, and the agreement each cites checked against the register on
-- the day by the rules of metrics/sql/decision_agreements.sql (tests/test_rollups.py proves they
-- agree). A temporary table: pipelines/rollups.py sums it into the rollup tables and drops it.
create or replace temp table _decision_flags as
with register as (
    select
        upper(trim(dsa_ref)) as ref_key,
        status <> 'draft' and signed_on is not null as ever_in_force,
        signed_on,
        ended_on,
        dpia_date
    from agreements
),

cited as (
    select
        d.decision_id,
        bool_or(
            coalesce(
                r.ever_in_force
                and r.signed_on <= cast(d.decided_at as date)
                and (r.ended_on is null or r.ended_on >= cast(d.decided_at as date)),
                false
            )
        ) as agreement_in_force,
        bool_or(
            coalesce(
                r.ever_in_force
                and r.signed_on <= cast(d.decided_at as date)
                and (r.ended_on is null or r.ended_on >= cast(d.decided_at as date))
                and r.dpia_date <= cast(d.decided_at as date),
                false
            )
        ) as agreement_with_dpia
    from decisions as d
    inner join register as r on r.ref_key = upper(nullif(trim(d.dsa_ref), ''))
    group by d.decision_id
),

flagged as (
    select
        team_id,
        cast(decided_at as date) as decided_on,
        decision,
        recipient_type,
        decision in ('shared', 'partially_shared') as is_share,
        decision = 'not_shared' as is_refusal,
        nullif(trim(lawful_basis), '') is null as no_lawful_basis,
        coalesce(nullif(trim(lawful_basis), ''), 'not recorded') as lawful_basis,
        nullif(trim(statutory_gateway), '') as statutory_gateway,
        coalesce(lawful_basis = 'law_enforcement', false) as is_part_3,
        nullif(trim(art9_condition), '') is not null
            and (regexp_matches(art9_condition, '(?i)sch(edule)?\s*8\b')
                = coalesce(lawful_basis = 'law_enforcement', false)) as has_art9_condition,
        nullif(trim(art10_condition), '') is not null as has_art10_condition,
        coalesce(reason_recorded, false) as reason_recorded,
        nullif(trim(purpose), '') is null as no_purpose,
        nullif(trim(decided_by), '') is null as no_decided_by,
        coalesce(emergency, false) as emergency,
        routine,
        special_category,
        criminal_offence_data,
        nullif(trim(data_categories), '') is not null as has_data_categories,
        nullif(trim(family_informed), '') is not null as has_family_informed,
        coalesce(c.agreement_in_force, false) as agreement_in_force,
        coalesce(c.agreement_with_dpia, false) as agreement_with_dpia,
        recorded_at is null as record_time_missing
    from decisions as d
    left join cited as c on c.decision_id = d.decision_id
),

gaps as (
    select
        *,
        special_category is null or (special_category and not has_art9_condition)
            as special_without_art9,
        criminal_offence_data is null
            or (criminal_offence_data and not is_part_3 and not has_art10_condition)
            as criminal_without_art10
    from flagged
),

final as (
    select
        *,
        is_share and no_lawful_basis as gap_no_lawful_basis,
        is_share and special_without_art9 as gap_special_without_art9,
        is_share and criminal_without_art10 as gap_criminal_without_art10,
        is_share and no_purpose as gap_no_purpose,
        not (
            not reason_recorded
            or no_decided_by
            or (
                is_share
                and (no_lawful_basis or special_without_art9 or criminal_without_art10 or no_purpose)
            )
        ) as record_complete
    from gaps
)

select * from final
