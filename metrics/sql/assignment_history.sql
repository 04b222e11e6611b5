-- How much staff assignment history is loaded: with none, training measures place staff in the
-- roster's (today's) team and role at every date, and the Training page says so.
with loaded as (
    select
        count(*) as assignments,
        count(distinct staff_id) as staff
    from assignments
),

final as (
    select assignments, staff from loaded
)

select * from final
