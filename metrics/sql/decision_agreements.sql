-- uses: scope_teams
-- One row per team in scope, day in the period and kind of share that ICO step 6 counts as
-- routine (routine yes or blank, not an emergency): the agreement cited, the recipient's type
-- and organisation and whether routine was recorded, with `shares`, how many such shares there
-- were, read from rollup_routine_shares_daily. The agreement each cites is checked against the
-- register on the day of the decision: known (the reference is in the register, ignoring case
-- and spaces), in force (not a draft, signed_on on or before the day, ended_on blank or on or
-- after it), with a DPIA dated on or before the day, and how many days past its review date the
-- day was. partner_covered: an agreement in force that day names the recipient's organisation
-- among its partners or its type among its partner types (whatever the share cites). The
-- rollup holds the shares by decisions_in_period's period and scope rules (tests/test_rollups.py
-- proves the answers equal to counting the log's rows). Cover is found by equality joins on each
-- agreement's partners, once per day, type and organisation: a test of every agreement's lists
-- against every row took 130 of the 220 ms of agreement_shares_by_team at 10M.
with shares as (
    select
        r.team_id,
        t.team_name,
        t.directorate,
        r.decided_on,
        r.recipient_type,
        r.recipient_org,
        r.routine,
        r.dsa_ref,
        r.shares
    from rollup_routine_shares_daily as r
    inner join scope_teams as t on t.team_id = r.team_id
    where r.decided_on between $period_start and $period_end
),

register as (
    select
        dsa_ref,
        upper(trim(dsa_ref)) as ref_key,
        status <> 'draft' and signed_on is not null as ever_in_force,
        signed_on,
        ended_on,
        review_due,
        dpia_date,
        list_transform(
            string_split(coalesce(partner_types, ''), '|'),
            lambda x: regexp_replace(lower(trim(x)), '[\s-]+', '_', 'g')
        ) as type_list,
        list_transform(string_split(coalesce(partners, ''), '|'), lambda x: lower(trim(x)))
            as partner_list
    from agreements
),

cited as (
    select
        s.*,
        r.dsa_ref as register_ref,
        r.dsa_ref is not null as agreement_known,
        coalesce(
            r.ever_in_force
            and r.signed_on <= s.decided_on
            and (r.ended_on is null or r.ended_on >= s.decided_on),
            false
        ) as agreement_in_force,
        coalesce(r.dpia_date <= s.decided_on, false) as dpia_by_day,
        date_diff('day', r.review_due, s.decided_on) as days_past_review
    from shares as s
    left join register as r on r.ref_key = upper(s.dsa_ref)
),

partners as (
    select ever_in_force, signed_on, ended_on, unnest(type_list) as recipient_type
    from register
),

organisations as (
    select ever_in_force, signed_on, ended_on, unnest(partner_list) as recipient_org
    from register
),

recipients as (
    select distinct decided_on, recipient_type, recipient_org
    from shares
),

covered as (
    select distinct c.decided_on, c.recipient_type, c.recipient_org
    from recipients as c
    inner join partners as p on p.recipient_type = c.recipient_type
    where p.ever_in_force
      and p.signed_on <= c.decided_on
      and (p.ended_on is null or p.ended_on >= c.decided_on)
    union
    select c.decided_on, c.recipient_type, c.recipient_org
    from recipients as c
    inner join organisations as o on o.recipient_org = lower(c.recipient_org)
    where o.ever_in_force
      and o.signed_on <= c.decided_on
      and (o.ended_on is null or o.ended_on >= c.decided_on)
),

final as (
    select
        c.team_id,
        c.team_name,
        c.directorate,
        c.decided_on,
        c.recipient_type,
        c.recipient_org,
        coalesce(c.routine, false) as routine_recorded,
        c.dsa_ref,
        c.register_ref,
        c.agreement_known,
        c.agreement_in_force,
        c.agreement_in_force and c.dpia_by_day as agreement_with_dpia,
        case when c.agreement_in_force then c.days_past_review end as days_past_review,
        v.decided_on is not null as partner_covered,
        c.shares
    from cited as c
    left join covered as v
        on v.decided_on = c.decided_on
        and v.recipient_type is not distinct from c.recipient_type
        and v.recipient_org is not distinct from c.recipient_org
)

select * from final
