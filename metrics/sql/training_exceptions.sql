-- uses: training_status
-- The people to chase at the as-of date: requirements overdue or never trained, and those in
-- date that expire within 90 days (bucketed 30 / 60 / 90).
with status as (
    select * from training_status
),

final as (
    select
        as_of,
        team_id,
        team_name,
        staff_id,
        name,
        role,
        course_id,
        course_title,
        status,
        case
            when status <> 'in date' then status
            when days_to_expiry <= 30 then 'expires within 30 days'
            when days_to_expiry <= 60 then 'expires within 60 days'
            else 'expires within 90 days'
        end as action,
        last_passed_on,
        expires_on,
        days_to_expiry
    from status
    where status <> 'in date' or days_to_expiry <= 90
    order by
        as_of,
        case status when 'overdue' then 1 when 'never trained' then 2 else 3 end,
        expires_on nulls last,
        team_id,
        staff_id,
        course_id
)

select * from final
