-- The latest files offered to ingest, newest first.
with runs as (
    select * from ingest_runs
),

final as (
    select
        run_id,
        finished_at,
        file_name,
        kind,
        status,
        rows_read,
        rows_loaded,
        rows_updated,
        rows_refused,
        reason
    from runs
    order by run_id desc
    limit $limit
)

select * from final
