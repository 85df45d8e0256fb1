-- $4 / $6: whether locked_until / last_login_at is set (else NULL); $5 / $7 its instant.
UPDATE staff_accounts
   SET failed_attempts = $3,
       locked_until =
         CASE WHEN $4 THEN (timestamptz 'epoch' + ($5)::bigint * interval '1 microsecond') END,
       last_login_at =
         CASE WHEN $6 THEN (timestamptz 'epoch' + ($7)::bigint * interval '1 microsecond') END
 WHERE tenant_id = $1 AND id = $2::uuid;
