-- One calendar year ($year) of the demo decision log, one row per decision, in time order.
--
-- gen_days (one row per day: its kind, whether the closed team still works, and its rows) is
-- the only table; everything else is a bound list parameter built by pipelines/generate.py.
-- A categorical draw picks from a "slot" list that holds each value in proportion to its
-- weight; lists kept per team are laid end to end, $slot_count slots per team. Every draw is
-- hash(row number, $seed, salt) scaled to [0, 1), so the bytes do not depend on threads.
-- Times of day are stratified within each day (row j of k takes the (j + u) / k quantile of
-- the day's time-of-day distribution), so row number order is time order and the final sort
-- is on one integer.
with

days as (
    select day, kind_index, period_index, first_row, n_rows
    from gen_days
    where year(day) = $year
),

numbered as (
    select day, kind_index, period_index, first_row, n_rows, first_row + unnest(range(n_rows)) as i
    from days
),

draws as (
    select
        n.*,
        n.i / $n_rows as progress,
        (hash(n.i, $seed, 'team') % 1000000) / 1000000.0 as u_team,
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
        (hash(n.i, $seed, 'child_gap') % 1000000) / 1000000.0 as u_child_gap,
        (hash(n.i, $seed, 'art10') % 1000000) / 1000000.0 as u_art10,
        (hash(n.i, $seed, 'art10_gap') % 1000000) / 1000000.0 as u_art10_gap,
        (hash(n.i, $seed, 'gateway') % 1000000) / 1000000.0 as u_gateway
    from numbered as n
),

timed as (
    select
        d.*,
        $minute_slots[
            1 + d.kind_index * $minute_slot_count
            + floor((d.i - d.first_row + d.u_minute) / d.n_rows * $minute_slot_count)::bigint
        ] as minute_of_day
    from draws as d
),

-- The quiet team ($quiet_team, a team index) logs nothing in one quarter: its decisions that
-- quarter go to $quiet_cover, so that "No decisions logged" has something to show.
teamed_raw as (
    select
        t.*,
        t.day + to_minutes(t.minute_of_day::bigint) as decided_ts,
        $team_slots[
            1
            + (
                (t.kind_index * 2 + t.period_index) * 2
                + case when t.minute_of_day between $day_from and $day_until then 0 else 1 end
            ) * $team_slot_count
            + floor(t.u_team * $team_slot_count)::bigint
        ] as raw_team_index
    from timed as t
),

teamed as (
    select
        t.*,
        case
            when t.raw_team_index = $quiet_team and t.day between $quiet_from and $quiet_until
                then $quiet_cover
            -- The falling team ($falling_team) hands most of its work to $falling_cover in the
            -- last three whole months: its sharing falls beyond noise (the early warnings).
            when t.raw_team_index = $falling_team
                and t.day between $falling_from and $falling_until
                and (hash(t.i, $seed, 'falling') % 1000000) / 1000000.0 < $falling_moved
                then $falling_cover
            else t.raw_team_index
        end as team_index
    from teamed_raw as t
),

profiled as (
    select
        t.*,
        $team_ids[t.team_index + 1] as team_id,
        t.team_index * $slot_count + 1 as slot_base,
        $p_routine[t.team_index + 1] as p_routine,
        $p_special[t.team_index + 1] as p_special,
        $p_criminal[t.team_index + 1] as p_criminal,
        $p_not_shared[t.team_index + 1] as p_not_shared,
        $p_partial[t.team_index + 1] as p_partial,
        $p_dsa[t.team_index + 1] as p_dsa,
        t.u_emergency < $p_emergency[t.team_index + 1] as emergency,
        $gap_mult[t.team_index + 1] * (1.3 - 0.6 * t.progress) as gap_factor
    from teamed as t
),

decided as (
    select
        p.*,
        not p.emergency and p.u_routine < p.p_routine as routine,
        case
            when p.emergency then case
                when p.u_decision < 0.93 then 'shared'
                when p.u_decision < 0.98 then 'partially_shared'
                else 'not_shared'
            end
            when p.u_decision < p.p_not_shared then 'not_shared'
            when p.u_decision < p.p_not_shared + p.p_partial then 'partially_shared'
            else 'shared'
        end as decision,
        case
            when p.emergency
                then $emergency_recipients[
                    1 + floor(p.u_recipient * len($emergency_recipients))::bigint
                ]
            else $recipient_slots[p.slot_base + floor(p.u_recipient * $slot_count)::bigint]
        end as recipient_index,
        p.u_special < case when p.emergency then 0.35 else p.p_special end as special_category
    from profiled as p
),

described as (
    select
        d.*,
        $recipient_types[d.recipient_index + 1] as recipient_type,
        d.decision <> 'not_shared' as is_share,
        d.u_criminal
        < d.p_criminal
        + case when $recipient_types[d.recipient_index + 1] = 'police' then 0.15 else 0.0 end
        as criminal_offence_data,
        $org_slots[
            1 + d.recipient_index * $slot_count + floor(d.u_org * $slot_count)::bigint
        ] as org,
        $dsa_refs[d.recipient_index + 1] as recipient_dsa_ref
    from decided as d
),

recorded as (
    select
        d.*,
        case
            when not d.is_share then case when d.u_basis_gap < 0.6 then null else 'public_task' end
            when d.u_basis_gap < 0.015 * d.gap_factor then null
            when d.emergency then case
                when d.u_basis < 0.65 then 'vital_interests'
                else 'public_task'
            end
            -- A council is not a competent authority: its shares with the police rest on
            -- UK GDPR Art 6(1)(c) or (e), never DPA 2018 Part 3.
            when d.recipient_type = 'police' then case
                when d.u_basis < 0.25 then 'legal_obligation'
                else 'public_task'
            end
            when d.u_basis < 0.012 then 'consent'
            when d.u_basis < 0.018 then 'legitimate_interests'
            when d.u_basis < 0.020 then 'contract'
            when d.u_basis < 0.026 then 'recognised_legitimate_interests'
            when d.u_basis < 0.110 then 'legal_obligation'
            else 'public_task'
        end as lawful_basis,
        case
            when not d.special_category then null
            when d.is_share and d.u_art9_gap < 0.05 * d.gap_factor then null
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
            when not d.is_share or not d.criminal_offence_data then null
            when d.u_art10_gap < 0.06 * d.gap_factor then null
            when d.u_art10 < 0.7 then 'DPA 2018 Sch 1 para 18'
            else 'DPA 2018 Sch 1 para 10'
        end as art10_condition,
        case
            when not d.is_share then null
            when d.recipient_type = 'police' and d.u_gateway < 0.35
                then 'Crime and Disorder Act 1998 s115'
            when d.recipient_type = 'social_care' and d.u_gateway < 0.4
                then 'Children Act 1989 s47'
            when d.recipient_type in ('health', 'local_authority') and d.u_gateway < 0.25
                then 'Children Act 2004 s11'
            when d.recipient_type = 'education' and d.u_gateway < 0.2
                then 'Education Act 2002 s175'
        end as statutory_gateway,
        case
            when d.u_purpose_gap < case when d.is_share then 0.015 * d.gap_factor else 0.10 end
                then null
            when d.emergency
                then $emergency_purposes[
                    1 + floor(d.u_purpose * len($emergency_purposes))::bigint
                ]
            else $purpose_slots[d.slot_base + floor(d.u_purpose * $slot_count)::bigint]
        end as purpose,
        case
            when not d.is_share then null
            when d.u_categories_gap < 0.04 * d.gap_factor then null
            when d.special_category
                then $categories_special[
                    1 + floor(d.u_categories * len($categories_special))::bigint
                ]
            else $categories_plain[1 + floor(d.u_categories * len($categories_plain))::bigint]
        end as categories,
        case
            when d.is_share and d.u_family_gap < 0.05 * d.gap_factor then null
            when not d.is_share and d.u_family_gap < 0.3 then null
            when d.emergency
                then $emergency_family[1 + floor(d.u_family * len($emergency_family))::bigint]
            else $family_slots[d.slot_base + floor(d.u_family * $slot_count)::bigint]
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
            when d.u_reason_gap < 0.02 * d.gap_factor then null
            when d.emergency and d.is_share
                then $reasons_emergency[1 + floor(d.u_reason * len($reasons_emergency))::bigint]
            when d.decision = 'shared'
                then $reasons_shared[1 + floor(d.u_reason * len($reasons_shared))::bigint]
            when d.decision = 'partially_shared'
                then $reasons_partial[1 + floor(d.u_reason * len($reasons_partial))::bigint]
            else $reasons_not_shared[1 + floor(d.u_reason * len($reasons_not_shared))::bigint]
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
        end as recorded_ts,
        d.team_index * $n_months + year(d.day) * 12 + month(d.day) - 1 - $first_month + 1
        as pool
    from described as d
),

staffed as (
    select
        r.*,
        case
            when r.u_decider_gap >= 0.01 and $decider_counts[r.pool] > 0
                then $deciders[
                    1 + $decider_offsets[r.pool]
                    + floor(r.u_decider * $decider_counts[r.pool])::bigint
                ]
        end as decided_by,
        case
            when $authoriser_counts[r.pool] > 0 and r.u_authorised < case
                when r.emergency then 0.5
                when r.decision = 'not_shared' then 0.8
                when r.routine then 0.4
                else 0.75
            end
                then $authorisers[
                    1 + $authoriser_offsets[r.pool]
                    + floor(r.u_authoriser * $authoriser_counts[r.pool])::bigint
                ]
        end as authorised_by
    from recorded as r
),

-- Emergency shares are reviewed after the event, by whoever authorised (or else made) them,
-- 1 to $review_days_max days later when that day has come; some of $unreviewed_team's never are.
reviewed as (
    select
        s.*,
        case
            when s.emergency
                and not (
                    s.team_index = $unreviewed_team
                    and (hash(s.i, $seed, 'unreviewed') % 1000000) / 1000000.0 < $unreviewed_share
                )
                then cast(s.decided_ts as date)
                + cast(1 + hash(s.i, $seed, 'review') % $review_days_max as integer)
        end as review_day
    from staffed as s
),

reviews as (
    select
        r.* exclude (review_day),
        case
            when r.review_day <= cast($last_minute as date)
                then coalesce(r.authorised_by, r.decided_by)
        end as reviewed_by,
        case
            when r.review_day <= cast($last_minute as date)
                and coalesce(r.authorised_by, r.decided_by) is not null
                then r.review_day
        end as reviewed_on
    from reviewed as r
),

final as (
    select
        s.i,
        'NBD' || lpad((s.i + 1)::varchar, $id_width, '0') as decision_id,
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
        s.statutory_gateway,
        case when s.special_category then 'yes' else 'no' end as special_category,
        s.art9_condition,
        case when s.criminal_offence_data then 'yes' else 'no' end as criminal_offence_data,
        s.art10_condition,
        case
            when s.lawful_basis = 'consent' then 'given'
            when s.emergency then case
                when s.u_consent < 0.85 then 'not_sought_risk'
                else 'not_applicable'
            end
            else $consent_slots[s.slot_base + floor(s.u_consent * $slot_count)::bigint]
        end as consent,
        s.family_informed,
        case when s.emergency then 'yes' else 'no' end as emergency,
        s.dsa_ref,
        case when s.dpo_consulted then 'yes' else 'no' end as dpo_consulted,
        s.reason,
        s.reviewed_by,
        strftime(s.reviewed_on, '%Y-%m-%d') as reviewed_on
    from reviews as s
)

select * exclude (i) from final
order by i
