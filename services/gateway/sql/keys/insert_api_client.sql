-- A new API client, idempotent on (request_scope, request_id): ON CONFLICT DO NOTHING waits for a
-- concurrent insert of the same key to commit, so two racing retries both find the same row.
-- Times travel as µs since the epoch (exact, no time-zone parsing); arrays as comma-joined text
-- (tenant ids are digits and role names [a-z_], validated before they are stored).
INSERT INTO api_clients (name, tenant_ids, roles, rate_class, key_prefix, key_hash, created_by,
                         request_id, request_fingerprint, expires_at, request_scope)
VALUES ($1, string_to_array($2, ','), string_to_array($3, ','), $4, $5, $6, $7, $8, $9,
        CASE WHEN $10 THEN 'epoch'::timestamptz + $11::int8 * interval '1 microsecond' END, $12)
ON CONFLICT (request_scope, request_id) DO NOTHING
RETURNING id::text, name, array_to_string(tenant_ids, ','), array_to_string(roles, ','), rate_class, key_prefix, created_by, (extract(epoch from created_at) * 1000000)::int8, (extract(epoch from expires_at) * 1000000)::int8, (extract(epoch from revoked_at) * 1000000)::int8, revoke_reason, (extract(epoch from last_used_at) * 1000000)::int8, key_hash, request_fingerprint
