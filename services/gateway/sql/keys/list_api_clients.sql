-- Keyset pagination on (created_at, id), newest first: stable while clients are added.
-- $1 tenant ('' for every tenant), $2 include revoked, $3 after a page, $4 µs and $5 id of the
-- last row of that page, $6 the page size plus one (to know whether there is more).
SELECT id::text, name, array_to_string(tenant_ids, ','), array_to_string(roles, ','), rate_class, key_prefix, created_by, (extract(epoch from created_at) * 1000000)::int8, (extract(epoch from expires_at) * 1000000)::int8, (extract(epoch from revoked_at) * 1000000)::int8, revoke_reason, (extract(epoch from last_used_at) * 1000000)::int8, key_hash, request_fingerprint
FROM api_clients
WHERE ($1 = '' OR $1 = ANY(tenant_ids)) AND ($2 OR revoked_at IS NULL)
  AND (NOT $3 OR (created_at, id) < ('epoch'::timestamptz + $4::int8 * interval '1 microsecond', $5::uuid))
ORDER BY created_at DESC, id DESC LIMIT $6
