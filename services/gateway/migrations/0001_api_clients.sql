-- Machine callers of the gateway and the SHA-256 hashes of their keys. These rows are
-- platform-level (one client may be bound to several tenants), so there is no row-level security:
-- the admin service scopes tenant admins to their own tenant in code.
CREATE TABLE api_clients (
  id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  name                text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  tenant_ids          text[]      NOT NULL CHECK (cardinality(tenant_ids) >= 1),
  roles               text[]      NOT NULL CHECK (cardinality(roles) >= 1),
  rate_class          text        NOT NULL CHECK (rate_class IN ('low', 'standard', 'high')),
  key_prefix          text        NOT NULL UNIQUE,
  key_hash            bytea       NOT NULL CHECK (octet_length(key_hash) = 32),
  created_by          text        NOT NULL,
  -- Idempotency of CreateApiClient, per creator (kind, subject and, for tenant admins, tenant).
  -- The response is never stored: it held the key.
  request_scope       text        NOT NULL,
  request_id          text        NOT NULL,
  request_fingerprint bytea       NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  expires_at          timestamptz,
  revoked_at          timestamptz,
  revoke_reason       text        NOT NULL DEFAULT '',
  last_used_at        timestamptz,
  UNIQUE (request_scope, request_id)
);

-- Tenant admins list the clients bound to their tenant.
CREATE INDEX api_clients_tenant_ids ON api_clients USING gin (tenant_ids);
CREATE INDEX api_clients_newest ON api_clients (created_at DESC, id DESC);
