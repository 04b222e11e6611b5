-- uses: scope_teams
-- One row per decision made in the period (by date, both ends included) by a team in scope,
-- with the record-keeping gaps a share can have. Inactive teams are kept: their decisions
-- happened. Gaps are only judged on shares (shared or partially shared): a refusal needs no
-- lawful basis, and the contract counts a blank basis on a share as a gap, not a refusal.
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
        coalesce(special_category, false) and nullif(trim(art9_condition), '') is null
            as special_without_art9,
        not coalesce(reason_recorded, false) as no_reason,
        nullif(trim(purpose), '') is null as no_purpose
    from decisions_in
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
    from flagged
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
        is_share and no_lawful_basis as gap_no_lawful_basis,
        is_share and special_without_art9 as gap_special_without_art9,
        is_share and no_reason as gap_no_reason,
        is_share and no_purpose as gap_no_purpose,
        is_share
            and not (no_lawful_basis or special_without_art9 or no_reason or no_purpose)
            as record_complete,
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
