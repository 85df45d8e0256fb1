SELECT session_id::text, (extract(epoch from expires_at) * 1000000)::bigint
  FROM refresh_tokens
 WHERE token_hash = $1 AND tenant_id = $2;
