-- Keys that sign access tokens. Platform-wide (one issuer for every tenant), so no tenant_id and
-- no row-level security: nothing here is tenant data. The private key is kept only sealed with
-- the service's DataProtector (AES-256-GCM, aad "signing_keys|<key_id>"), so a database dump
-- alone cannot mint tokens.
-- Life of a key: created and active (retired_at NULL) -> retired when the next key takes over,
-- still published until not_after (every token it signed has expired by then) -> deleted.
CREATE TABLE signing_keys (
  key_id             text        PRIMARY KEY,
  algorithm          text        NOT NULL CHECK (algorithm IN ('EdDSA', 'ES256')),
  public_key_pem     text        NOT NULL,
  private_key_sealed bytea       NOT NULL,
  created_at         timestamptz NOT NULL,
  activated_at       timestamptz NOT NULL,
  retired_at         timestamptz,
  not_after          timestamptz,
  CHECK ((retired_at IS NULL) = (not_after IS NULL)),
  CHECK (not_after IS NULL OR not_after >= retired_at)
);
-- At most one active key, whatever the replicas do (they also serialise on an advisory lock).
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE retired_at IS NULL;

-- One login of a citizen or staff member: the family of its refresh tokens. expires_at is the
-- absolute end (refreshing never extends it); revoked_at ends it early.
CREATE TABLE sessions (
  tenant_id     text        NOT NULL,
  id            uuid        NOT NULL,
  subject       text        NOT NULL,
  kind          text        NOT NULL CHECK (kind IN ('citizen', 'staff')),
  roles         text[]      NOT NULL,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  revoke_reason text,
  PRIMARY KEY (tenant_id, id),
  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);
CREATE INDEX sessions_expiry ON sessions (tenant_id, expires_at);

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sessions
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));

-- Every refresh token a session was given, as SHA-256 of the token (the token itself is never
-- stored). A used token stays, marked used_at, so presenting it again is recognised as a replay.
CREATE TABLE refresh_tokens (
  token_hash bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  tenant_id  text        NOT NULL,
  session_id uuid        NOT NULL,
  issued_at  timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (tenant_id, session_id);

ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON refresh_tokens
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
