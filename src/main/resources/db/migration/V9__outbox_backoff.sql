-- A failed notification waits before its next attempt, longer after each failure (caseway.notifications.retry-backoff,
-- doubling up to max-retry-backoff), so a mail server outage of hours does not use up the attempts within minutes.
-- NULL: due at once (a new row, or one written before this column).
ALTER TABLE notification_outbox ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
