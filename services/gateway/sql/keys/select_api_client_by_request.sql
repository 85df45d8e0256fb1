-- The client an earlier try with this request id made.
SELECT id::text, name, array_to_string(tenant_ids, ','), array_to_string(roles, ','), rate_class, key_prefix, created_by, (extract(epoch from created_at) * 1000000)::int8, (extract(epoch from expires_at) * 1000000)::int8, (extract(epoch from revoked_at) * 1000000)::int8, revoke_reason, (extract(epoch from last_used_at) * 1000000)::int8, key_hash, request_fingerprint
FROM api_clients WHERE request_scope = $1 AND request_id = $2
