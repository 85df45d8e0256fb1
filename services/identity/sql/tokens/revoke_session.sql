-- Revoking twice keeps the first time and reason: the answer says when the session ended.
-- $5: a tenant admin (any session of the tenant); otherwise only the caller's own ($6, $7).
UPDATE sessions
   SET revoked_at =
         COALESCE(revoked_at, (timestamptz 'epoch' + ($3)::bigint * interval '1 microsecond')),
       revoke_reason = COALESCE(revoke_reason, $4)
 WHERE tenant_id = $1 AND id = $2::uuid AND ($5 OR (subject = $6 AND kind = $7))
RETURNING (extract(epoch from revoked_at) * 1000000)::bigint;
