-- Ends a session found out at refresh: its spent refresh token presented again, or its staff
-- account disabled or gone ($4 says which).
UPDATE sessions
   SET revoked_at = (timestamptz 'epoch' + ($3)::bigint * interval '1 microsecond'),
       revoke_reason = $4
 WHERE tenant_id = $1 AND id = $2::uuid
RETURNING (extract(epoch from revoked_at) * 1000000)::bigint;
