UPDATE refresh_tokens
   SET used_at = (timestamptz 'epoch' + ($3)::bigint * interval '1 microsecond')
 WHERE token_hash = $1 AND tenant_id = $2;
