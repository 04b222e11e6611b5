-- Open refusals grouped by kind of file, column and rule, with an example line to look at.
-- Only each file name's latest run counts: reloading a corrected file clears its old refusals.
with latest_runs as (
    select run_id, kind, file_name
    from ingest_runs
    qualify row_number() over (partition by file_name order by run_id desc) = 1
),

rejected as (
    select rejected_rows.*, latest_runs.kind
    from rejected_rows
    join latest_runs using (run_id)
),

final as (
    select
        kind,
        column_name,
        rule,
        count(*) as problems,
        count(distinct file_name) as files,
        arg_min(file_name || ', line ' || line, line) as example
    from rejected
    group by all
    order by problems desc, kind, column_name
)

select * from final
