-- Sessions long over are deleted a few at a time as new ones open in the tenant (their refresh
-- tokens go with them, ON DELETE CASCADE), so the tables stay as large as the live sessions.
DELETE FROM sessions
 WHERE tenant_id = $1 AND id IN (
       SELECT id FROM sessions
        WHERE tenant_id = $1
          AND expires_at < (timestamptz 'epoch' + ($2)::bigint * interval '1 microsecond')
        ORDER BY expires_at
        LIMIT 20);
