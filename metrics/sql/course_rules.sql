-- One row per rule of each course's required_for: `all`, `decision_makers`, `none` or a `|` list
-- of `role:NAME` and `team:TEAM_ID`. Each token is one rule, and a member of staff must take the
-- course when any of its rules matches them (training_status, decision_maker_training).
with tokens as (
    select course_id, unnest(string_split(required_for, '|')) as token
    from courses
),

final as (
    select
        course_id,
        lower(trim(split_part(token, ':', 1))) as rule,
        trim(substr(token, strpos(token, ':') + 1)) as rule_value
    from tokens
    where trim(token) <> ''
)

select * from final
