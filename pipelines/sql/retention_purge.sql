-- Decisions past the retention period, deleted at load time; the count is kept for audit.
delete from decisions
where decided_at < $cutoff
