-- Text-to-type parsers used to stage every file. Each returns NULL when the text is not valid,
-- and the ingester reports the cell; dates are ISO or UK (day first), never US order.
-- A date column also takes a date-time at midnight (what Excel and many systems export).
create or replace temp macro parse_date(v) as
    case
        when regexp_full_match(v, '\d{4}-\d{1,2}-\d{1,2}([ T]00:00(:00(\.0+)?)?)?')
            then try_strptime(regexp_extract(v, '^[0-9-]+'), '%Y-%m-%d')::date
        when regexp_full_match(v, '\d{1,2}/\d{1,2}/\d{4}( 00:00(:00)?)?')
            then try_strptime(regexp_extract(v, '^[0-9/]+'), '%d/%m/%Y')::date
    end;

-- The two forms systems write most are tried first with one format each: the same answers as
-- the general branches below, which try up to three formats per cell (most of the typing time).
create or replace temp macro parse_datetime(v) as
    case
        when regexp_full_match(v, '\d{4}-\d\d-\d\d \d\d:\d\d')
            then try_strptime(v, '%Y-%m-%d %H:%M')
        when regexp_full_match(v, '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d')
            then try_strptime(v, '%Y-%m-%d %H:%M:%S')
        when regexp_full_match(v, '\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?')
            then try_strptime(
                replace(regexp_replace(v, '\.\d+$', ''), 'T', ' '),
                ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d']
            )
        when regexp_full_match(v, '\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}(:\d{2})?)?')
            then try_strptime(v, ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y'])
    end;

create or replace temp macro parse_bool(v) as
    case
        when lower(v) in ('yes', 'y', 'true', '1') then true
        when lower(v) in ('no', 'n', 'false', '0') then false
    end;

create or replace temp macro parse_int(v) as
    case when regexp_full_match(v, '[+-]?\d{1,9}(\.0+)?') then try_cast(v as double)::integer end;

create or replace temp macro parse_required_for(v) as
    case
        when lower(v) in ('all', 'decision_makers', 'none') then lower(v)
        when list_bool_and(
            list_transform(
                string_split(v, '|'),
                lambda p: regexp_full_match(trim(p), '(?i)(role|team):\s*\S.*')
            )
        ) then v
    end;

-- Allowed values match ignoring case, surrounding spaces, and spaces or hyphens for underscores.
create or replace temp macro parse_enum(v) as regexp_replace(lower(v), '[\s-]+', '_', 'g');
