-- The version of each policy in force at each as-of date: the one approved most recently on or
-- before it. A policy with no version approved by then is not yet in force and has no row.
with as_of_dates as (
    select unnest(cast($as_of_dates as date[])) as as_of
),

final as (
    select
        d.as_of,
        p.policy_id,
        p.title,
        p.ico_step,
        p.owner,
        p.version,
        p.approved_on,
        p.review_due
    from as_of_dates as d
    inner join policies as p on p.approved_on <= d.as_of
    qualify row_number() over (
        partition by d.as_of, p.policy_id order by p.approved_on desc, p.version desc
    ) = 1
)

select * from final
