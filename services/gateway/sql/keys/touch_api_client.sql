-- "To the nearest minute": at most one write per client per minute, however busy it is.
UPDATE api_clients SET last_used_at = now() WHERE id = $1::uuid
  AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
