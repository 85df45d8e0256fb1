-- A spent refresh token presented again ends its session.
UPDATE sessions
   SET revoked_at = (timestamptz 'epoch' + ($3)::bigint * interval '1 microsecond'),
       revoke_reason = $4
 WHERE tenant_id = $1 AND id = $2::uuid
RETURNING (extract(epoch from revoked_at) * 1000000)::bigint;
