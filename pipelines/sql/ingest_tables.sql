-- One row per file offered to `ingest`, loaded or refused.
create sequence if not exists ingest_run_ids start 1;

create table if not exists ingest_runs (
    run_id integer primary key default nextval('ingest_run_ids'),
    path varchar not null,
    file_name varchar not null,
    kind varchar,
    sha256 varchar not null,
    rows_read integer not null default 0,
    rows_loaded integer not null default 0,
    rows_updated integer not null default 0,
    rows_refused integer not null default 0,
    status varchar not null,  -- loaded | loaded_with_refusals | refused
    reason varchar,           -- why a file was refused whole
    started_at timestamp not null,
    finished_at timestamp not null
);

-- One row per problem with a refused row; never the raw line.
create table if not exists rejected_rows (
    run_id integer not null,
    file_name varchar not null,
    line integer,
    column_name varchar,
    rule varchar not null,    -- a key of pipelines.ingest.RULES
    reason varchar not null
);

-- One row per retention purge: when, the cut-off date, and how many decisions went.
create table if not exists retention_purges (
    purged_at timestamp not null,
    cutoff date not null,
    decisions_purged integer not null
);
