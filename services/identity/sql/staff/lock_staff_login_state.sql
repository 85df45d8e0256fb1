-- The failure count and lock of one account, locked until the login is decided.
SELECT failed_attempts,
       (extract(epoch from locked_until) * 1000000)::bigint,
       (extract(epoch from last_login_at) * 1000000)::bigint
  FROM staff_accounts
 WHERE tenant_id = $1 AND id = $2::uuid
   FOR UPDATE;
