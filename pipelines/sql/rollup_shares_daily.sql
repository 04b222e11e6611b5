-- Per team and day: shares (shared or partially shared) by outcome, type of recipient, lawful
-- basis ('not recorded' when blank) and statutory gateway (null when blank), for the Sharing
-- page's breakdowns.
create or replace table rollup_shares_daily as
select
    team_id,
    decided_on,
    decision,
    recipient_type,
    lawful_basis,
    statutory_gateway,
    count(*) as shares
from _decision_flags
where is_share
group by all
order by decided_on, team_id
