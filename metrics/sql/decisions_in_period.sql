-- uses: scope_teams
-- One row per decision made in the period (by date, both ends included) by a team in scope,
-- with the record-keeping gaps it can have. Inactive teams are kept: their decisions happened.
-- A refusal is a decision too: its record needs a reason and who decided. A share's record also
-- needs a lawful basis, a purpose, and a known answer to "special category?" and "criminal
-- offence data?" (a blank is a gap, never "no"), with the condition each yes needs: under UK
-- GDPR an Art 9 condition (DPA 2018 Sch 1) and an Art 10 condition (Sch 1 Parts 1-3); under
-- DPA 2018 Part 3 (`law_enforcement`) a s35 condition from Sch 8, and no Art 10 condition.
with decisions_in as (
    select
        d.*,
        t.team_name,
        t.directorate
    from decisions as d
    inner join scope_teams as t on t.team_id = d.team_id
    where cast(d.decided_at as date) between $period_start and $period_end
),

flagged as (
    select
        *,
        decision in ('shared', 'partially_shared') as is_share,
        nullif(trim(lawful_basis), '') is null as no_lawful_basis,
        coalesce(lawful_basis = 'law_enforcement', false) as is_part_3,
        -- Part 3 sensitive processing rests on s35 and Sch 8; Part 2 on Art 9 and Sch 1, so a
        -- Sch 8 condition on a UK GDPR share (or the reverse) is not the right condition.
        nullif(trim(art9_condition), '') is not null
            and (regexp_matches(art9_condition, '(?i)sch(edule)?\s*8\b')
                = coalesce(lawful_basis = 'law_enforcement', false)) as has_art9_condition,
        nullif(trim(art10_condition), '') is not null as has_art10_condition,
        not coalesce(reason_recorded, false) as no_reason,
        nullif(trim(purpose), '') is null as no_purpose,
        nullif(trim(decided_by), '') is null as no_decided_by
    from decisions_in
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

-- Hours between two times, at day precision (whole days) when either was written without a
-- time of day (a has-time flag is null for rows stored before it was kept: taken as timed).
timed as (
    select
        *,
        case
            when coalesce(request_received_has_time, true) and coalesce(decided_at_has_time, true)
                then date_diff('second', request_received, decided_at) / 3600.0
            else date_diff('day', cast(request_received as date), cast(decided_at as date)) * 24.0
        end as raw_hours_to_decision,
        case
            when coalesce(recorded_at_has_time, true) and coalesce(decided_at_has_time, true)
                then date_diff('second', decided_at, recorded_at) / 3600.0
            else date_diff('day', cast(decided_at as date), cast(recorded_at as date)) * 24.0
        end as raw_hours_to_record
    from gaps
),

final as (
    select
        decision_id,
        team_id,
        team_name,
        directorate,
        decided_at,
        cast(date_trunc('month', decided_at) as date) as month,
        decision,
        is_share,
        recipient_type,
        coalesce(nullif(trim(lawful_basis), ''), 'not recorded') as lawful_basis,
        coalesce(emergency, false) as emergency,
        coalesce(routine, false) as routine,
        decision = 'not_shared' as is_refusal,
        nullif(trim(statutory_gateway), '') as statutory_gateway,
        is_share and no_lawful_basis as gap_no_lawful_basis,
        is_share and special_without_art9 as gap_special_without_art9,
        is_share and criminal_without_art10 as gap_criminal_without_art10,
        no_reason as gap_no_reason,
        is_share and no_purpose as gap_no_purpose,
        no_decided_by as gap_no_decided_by,
        not (
            no_reason
            or no_decided_by
            or (
                is_share
                and (
                    no_lawful_basis
                    or special_without_art9
                    or criminal_without_art10
                    or no_purpose
                )
            )
        ) as record_complete,
        -- Never negative: a reversed pair loaded before ingest checked time order is left
        -- out of the medians rather than measured.
        case when raw_hours_to_decision >= 0 then raw_hours_to_decision end
            as hours_to_decision,
        -- A blank recorded_at is not recorded: a record gap, never "recorded when decided".
        recorded_at is null as record_time_missing,
        case when raw_hours_to_record >= 0 then raw_hours_to_record end as hours_to_record
    from timed
)

select * from final
