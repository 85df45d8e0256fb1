-- The token and its session, both locked: a concurrent refresh with the same token waits here
-- and then reads the row as the winner left it (used). For a staff session also the account as it
-- is now (present, disabled, current roles): a refresh never re-issues what the account lost.
SELECT r.session_id::text,
       (extract(epoch from r.expires_at) * 1000000)::bigint,
       r.used_at IS NOT NULL,
       s.subject, s.kind, array_to_string(s.roles, ','),
       (extract(epoch from s.expires_at) * 1000000)::bigint,
       s.revoked_at IS NOT NULL,
       a.id IS NOT NULL, coalesce(a.disabled, false), coalesce(array_to_string(a.roles, ','), ''),
       coalesce(s.assurance, '')
  FROM refresh_tokens r JOIN sessions s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
  LEFT JOIN staff_accounts a
    ON s.kind = 'staff' AND a.tenant_id = s.tenant_id AND a.id::text = s.subject
 WHERE r.token_hash = $1 AND r.tenant_id = $2
   FOR UPDATE OF r, s;
