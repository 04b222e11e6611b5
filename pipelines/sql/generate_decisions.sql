-- One calendar year ($year) of the demo decision log, one row per decision.
-- Inputs are small tables registered by pipelines/generate.py (gen_days, gen_team_slots,
-- gen_team_profile, gen_hour_slots, gen_recipients, gen_staff_pool, gen_lists). Every draw is
-- hash(row number, $seed, salt) scaled to [0, 1): reproducible on any number of threads.
-- A categorical draw picks from a "slot" list holding each value in proportion to its weight.
with

days as (
    select day, day_kind, team_period, first_row, n_rows
    from gen_days
    where year(day) = $year
),

numbered as (
    select day, day_kind, team_period, first_row + unnest(range(n_rows)) as i
    from days
),

draws as (
    select
        n.day,
        n.day_kind,
        n.team_period,
        n.i,
        n.i / $n_rows as progress,
        (hash(n.i, $seed, 'team') % 1000000) / 1000000.0 as u_team,
        (hash(n.i, $seed, 'hour') % 1000000) / 1000000.0 as u_hour,
        (hash(n.i, $seed, 'minute') % 1000000) / 1000000.0 as u_minute,
        (hash(n.i, $seed, 'emergency') % 1000000) / 1000000.0 as u_emergency,
        (hash(n.i, $seed, 'routine') % 1000000) / 1000000.0 as u_routine,
        (hash(n.i, $seed, 'decision') % 1000000) / 1000000.0 as u_decision,
        (hash(n.i, $seed, 'recipient') % 1000000) / 1000000.0 as u_recipient,
        (hash(n.i, $seed, 'org') % 1000000) / 1000000.0 as u_org,
        (hash(n.i, $seed, 'org_gap') % 1000000) / 1000000.0 as u_org_gap,
        (hash(n.i, $seed, 'special') % 1000000) / 1000000.0 as u_special,
        (hash(n.i, $seed, 'criminal') % 1000000) / 1000000.0 as u_criminal,
        (hash(n.i, $seed, 'purpose') % 1000000) / 1000000.0 as u_purpose,
        (hash(n.i, $seed, 'purpose_gap') % 1000000) / 1000000.0 as u_purpose_gap,
        (hash(n.i, $seed, 'categories') % 1000000) / 1000000.0 as u_categories,
        (hash(n.i, $seed, 'categories_gap') % 1000000) / 1000000.0 as u_categories_gap,
        (hash(n.i, $seed, 'basis') % 1000000) / 1000000.0 as u_basis,
        (hash(n.i, $seed, 'basis_gap') % 1000000) / 1000000.0 as u_basis_gap,
        (hash(n.i, $seed, 'art9') % 1000000) / 1000000.0 as u_art9,
        (hash(n.i, $seed, 'art9_gap') % 1000000) / 1000000.0 as u_art9_gap,
        (hash(n.i, $seed, 'consent') % 1000000) / 1000000.0 as u_consent,
        (hash(n.i, $seed, 'family') % 1000000) / 1000000.0 as u_family,
        (hash(n.i, $seed, 'family_gap') % 1000000) / 1000000.0 as u_family_gap,
        (hash(n.i, $seed, 'dsa') % 1000000) / 1000000.0 as u_dsa,
        (hash(n.i, $seed, 'dpo') % 1000000) / 1000000.0 as u_dpo,
        (hash(n.i, $seed, 'reason') % 1000000) / 1000000.0 as u_reason,
        (hash(n.i, $seed, 'reason_gap') % 1000000) / 1000000.0 as u_reason_gap,
        (hash(n.i, $seed, 'request') % 1000000) / 1000000.0 as u_request,
        (hash(n.i, $seed, 'request_gap') % 1000000) / 1000000.0 as u_request_gap,
        (hash(n.i, $seed, 'recorded') % 1000000) / 1000000.0 as u_recorded,
        (hash(n.i, $seed, 'recorded_kind') % 1000000) / 1000000.0 as u_recorded_kind,
        (hash(n.i, $seed, 'decider') % 1000000) / 1000000.0 as u_decider,
        (hash(n.i, $seed, 'decider_gap') % 1000000) / 1000000.0 as u_decider_gap,
        (hash(n.i, $seed, 'authoriser') % 1000000) / 1000000.0 as u_authoriser,
        (hash(n.i, $seed, 'authorised') % 1000000) / 1000000.0 as u_authorised,
        (hash(n.i, $seed, 'child') % 1000000) / 1000000.0 as u_child,
        (hash(n.i, $seed, 'child_gap') % 1000000) / 1000000.0 as u_child_gap
    from numbered as n
),

teamed as (
    select
        d.*,
        s.team_slots[1 + floor(d.u_team * len(s.team_slots))::bigint] as team_id
    from draws as d
    inner join gen_team_slots as s
        on s.day_kind = d.day_kind and s.team_period = d.team_period
),

timed as (
    select
        t.*,
        p.* exclude (team_id),
        t.day + to_minutes(
            (h.hours[1 + floor(t.u_hour * len(h.hours))::bigint] * 60
            + floor(t.u_minute * 60))::bigint
        ) as decided_ts,
        t.u_emergency < p.p_emergency as emergency,
        p.gap_mult * (1.3 - 0.6 * t.progress) as gap_factor
    from teamed as t
    inner join gen_team_profile as p on p.team_id = t.team_id
    inner join gen_hour_slots as h
        on h.hour_kind = case
            when t.day_kind = 'weekday' then p.hour_kind_weekday
            else p.hour_kind_weekend
        end
),

decided as (
    select
        t.*,
        not t.emergency and t.u_routine < t.p_routine as routine,
        case
            when t.emergency then case
                when t.u_decision < 0.93 then 'shared'
                when t.u_decision < 0.98 then 'partially_shared'
                else 'not_shared'
            end
            when t.u_decision < t.p_not_shared then 'not_shared'
            when t.u_decision < t.p_not_shared + t.p_partial then 'partially_shared'
            else 'shared'
        end as decision,
        case
            when t.emergency
                then l.emergency_recipients[
                    1 + floor(t.u_recipient * len(l.emergency_recipients))::bigint
                ]
            else t.recipient_slots[1 + floor(t.u_recipient * len(t.recipient_slots))::bigint]
        end as recipient_type,
        t.u_special < case when t.emergency then 0.4 else t.p_special end as special_category
    from timed as t
    cross join gen_lists as l
),

described as (
    select
        d.*,
        d.decision <> 'not_shared' as is_share,
        d.u_criminal
        < d.p_criminal + case when d.recipient_type = 'police' then 0.15 else 0.0 end
        as criminal_offence_data,
        r.orgs[1 + floor(d.u_org * len(r.orgs))::bigint] as org,
        r.dsa_ref as recipient_dsa_ref
    from decided as d
    inner join gen_recipients as r on r.recipient_type = d.recipient_type
),

recorded as (
    select
        d.*,
        case
            when not d.is_share then case when d.u_basis_gap < 0.6 then null else 'public_task' end
            when d.u_basis_gap < 0.03 * d.gap_factor then null
            when d.emergency then case
                when d.u_basis < 0.65 then 'vital_interests'
                else 'public_task'
            end
            when d.recipient_type = 'police' then case
                when d.u_basis < 0.35 then 'law_enforcement'
                when d.u_basis < 0.45 then 'legal_obligation'
                else 'public_task'
            end
            when d.u_basis < 0.012 then 'consent'
            when d.u_basis < 0.018 then 'legitimate_interests'
            when d.u_basis < 0.020 then 'contract'
            when d.u_basis < 0.110 then 'legal_obligation'
            else 'public_task'
        end as lawful_basis,
        case
            when not d.special_category then null
            when d.is_share and d.u_art9_gap < 0.08 * d.gap_factor then null
            when not d.is_share and d.u_art9_gap < 0.5 then null
            when d.emergency then case
                when d.u_art9 < 0.5 then 'UK GDPR Art 9(2)(c)'
                else 'DPA 2018 Sch 1 para 18'
            end
            when d.recipient_type = 'health' and d.u_art9 < 0.45 then 'UK GDPR Art 9(2)(h)'
            when d.u_art9 < 0.8 then 'DPA 2018 Sch 1 para 18'
            else 'DPA 2018 Sch 1 para 6'
        end as art9_condition,
        case
            when d.u_purpose_gap < case when d.is_share then 0.03 * d.gap_factor else 0.10 end
                then null
            when d.emergency
                then l.emergency_purposes[
                    1 + floor(d.u_purpose * len(l.emergency_purposes))::bigint
                ]
            else d.purpose_slots[1 + floor(d.u_purpose * len(d.purpose_slots))::bigint]
        end as purpose,
        case
            when not d.is_share then null
            when d.u_categories_gap < 0.04 * d.gap_factor then null
            when d.special_category
                then l.categories_special[
                    1 + floor(d.u_categories * len(l.categories_special))::bigint
                ]
            else l.categories_plain[1 + floor(d.u_categories * len(l.categories_plain))::bigint]
        end as categories,
        case
            when d.is_share and d.u_family_gap < 0.05 * d.gap_factor then null
            when not d.is_share and d.u_family_gap < 0.3 then null
            when d.emergency
                then l.emergency_family[1 + floor(d.u_family * len(l.emergency_family))::bigint]
            else d.family_slots[1 + floor(d.u_family * len(d.family_slots))::bigint]
        end as family_informed,
        case
            when d.emergency then null
            when d.routine and d.u_dsa < d.p_dsa then d.recipient_dsa_ref
            when not d.routine and d.u_dsa < 0.12 then d.recipient_dsa_ref
        end as dsa_ref,
        d.u_dpo < case
            when d.special_category and d.is_share and not d.emergency then 0.25
            when d.emergency then 0.05
            else 0.03
        end as dpo_consulted,
        case
            when d.u_reason_gap < 0.04 * d.gap_factor then null
            when d.emergency and d.is_share
                then l.reasons_emergency[1 + floor(d.u_reason * len(l.reasons_emergency))::bigint]
            when d.decision = 'shared'
                then l.reasons_shared[1 + floor(d.u_reason * len(l.reasons_shared))::bigint]
            when d.decision = 'partially_shared'
                then l.reasons_partial[1 + floor(d.u_reason * len(l.reasons_partial))::bigint]
            else l.reasons_not_shared[1 + floor(d.u_reason * len(l.reasons_not_shared))::bigint]
        end as reason,
        case
            when d.u_request_gap < 0.06 then null
            else d.decided_ts - to_minutes(
                case
                    when d.emergency then 5 + floor(d.u_request * 235)
                    when d.routine then 30 + floor(d.u_request * d.u_request * 2850)
                    else 120 + floor(d.u_request * d.u_request * 21600)
                end::bigint
            )
        end as request_ts,
        case
            when d.emergency and d.u_recorded_kind < 0.9
                then d.decided_ts + to_minutes(
                    (60 + floor(d.u_recorded * d.u_recorded * 5700))::bigint
                )
            when d.emergency then null
            when d.u_recorded_kind < 0.03
                then d.decided_ts + to_minutes((1440 + floor(d.u_recorded * 27360))::bigint)
            when d.u_recorded_kind < 0.28
                then d.decided_ts + to_minutes((5 + floor(d.u_recorded * 595))::bigint)
        end as recorded_ts
    from described as d
    cross join gen_lists as l
),

staffed as (
    select
        r.*,
        case
            when r.u_decider_gap >= 0.01
                then pool.deciders[1 + floor(r.u_decider * len(pool.deciders))::bigint]
        end as decided_by,
        case
            when r.u_authorised < case
                when r.emergency then 0.5
                when r.decision = 'not_shared' then 0.8
                when r.routine then 0.4
                else 0.75
            end
                then pool.authorisers[1 + floor(r.u_authoriser * len(pool.authorisers))::bigint]
        end as authorised_by
    from recorded as r
    left join gen_staff_pool as pool
        on pool.team_id = r.team_id and pool.month_start = date_trunc('month', r.day)::date
),

final as (
    select
        'NBD' || lpad((s.i + 1)::varchar, 8, '0') as decision_id,
        s.team_id,
        strftime(s.decided_ts, '%Y-%m-%d %H:%M') as decided_at,
        strftime(s.request_ts, '%Y-%m-%d %H:%M') as request_received,
        case
            when s.recorded_ts is not null
                then strftime(least(s.recorded_ts, $last_minute::timestamp), '%Y-%m-%d %H:%M')
        end as recorded_at,
        s.decided_by,
        s.authorised_by,
        case
            when s.u_child_gap >= 0.01 then 'NB' || lpad(
                (
                    (
                        abs(
                            s.i * $n_children // $n_rows
                            - floor(pow(s.u_child, 3) * $child_window)::bigint
                        ) * 7919 + $child_offset
                    ) % 10000000
                )::varchar,
                7,
                '0'
            )
        end as child_ref,
        s.decision,
        s.recipient_type,
        case when s.u_org_gap >= 0.03 then s.org end as recipient_org,
        s.purpose,
        case
            when s.categories is not null and s.criminal_offence_data
                then s.categories || '|criminal offence'
            else s.categories
        end as data_categories,
        case when s.routine then 'yes' else 'no' end as routine,
        s.lawful_basis,
        case when s.special_category then 'yes' else 'no' end as special_category,
        s.art9_condition,
        case when s.criminal_offence_data then 'yes' else 'no' end as criminal_offence_data,
        case
            when s.lawful_basis = 'consent' then 'given'
            when s.emergency then case
                when s.u_consent < 0.85 then 'not_sought_risk'
                else 'not_applicable'
            end
            else s.consent_slots[1 + floor(s.u_consent * len(s.consent_slots))::bigint]
        end as consent,
        s.family_informed,
        case when s.emergency then 'yes' else 'no' end as emergency,
        s.dsa_ref,
        case when s.dpo_consulted then 'yes' else 'no' end as dpo_consulted,
        s.reason
    from staffed as s
)

select * from final
order by decided_at, decision_id
