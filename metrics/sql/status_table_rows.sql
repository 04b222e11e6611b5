-- Rows in each data table, in the order files are loaded.
with counts as (
    select 'teams' as table_name, 1 as load_order, count(*) as row_count from teams
    union all select 'staff', 2, count(*) from staff
    union all select 'assignments', 3, count(*) from assignments
    union all select 'courses', 4, count(*) from courses
    union all select 'policies', 5, count(*) from policies
    union all select 'coverage', 6, count(*) from coverage
    union all select 'agreements', 7, count(*) from agreements
    union all select 'training', 8, count(*) from training
    union all select 'decisions', 9, count(*) from decisions
),

last_loaded as (
    select kind, max(finished_at) as last_loaded_at
    from ingest_runs
    where status <> 'refused'
    group by kind
),

final as (
    select counts.table_name, counts.row_count, last_loaded.last_loaded_at
    from counts
    left join last_loaded on last_loaded.kind = counts.table_name
    order by counts.load_order
)

select * from final
