-- Columns as FromRow in pg_staff_repository.cc reads them.
SELECT id::text, username, display_name, array_to_string(roles, ','), password_hash,
       failed_attempts,
       (extract(epoch from locked_until) * 1000000)::bigint,
       (extract(epoch from last_login_at) * 1000000)::bigint,
       (extract(epoch from created_at) * 1000000)::bigint,
       disabled
  FROM staff_accounts
 WHERE tenant_id = $1 AND username_key = $2;
