-- How old the newest records are, as of $today.
with newest as (
    select
        (select max(decided_at) from decisions) as newest_decision,
        (select max(completed_on) from training) as newest_training,
        (select max(attested_on) from coverage) as newest_attestation,
        (select max(finished_at) from ingest_runs where status <> 'refused') as last_ingest
),

final as (
    select
        newest_decision,
        date_diff('day', newest_decision::date, $today::date) as decision_age_days,
        newest_training,
        date_diff('day', newest_training, $today::date) as training_age_days,
        newest_attestation,
        date_diff('day', newest_attestation, $today::date) as attestation_age_days,
        last_ingest
    from newest
)

select * from final
