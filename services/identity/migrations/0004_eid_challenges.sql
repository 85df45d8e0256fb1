-- Card-challenge nonces already used (EidCardChallenge: "a nonce is accepted only once"). Only
-- the SHA-256 of the nonce is kept, for as long as a nonce can be fresh (rows older than the
-- freshness window are deleted by the service as it goes).
CREATE TABLE eid_challenge_nonces (
  tenant_id  text        NOT NULL,
  nonce_hash bytea       NOT NULL,
  used_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, nonce_hash)
);
CREATE INDEX eid_challenge_nonces_used_at ON eid_challenge_nonces (used_at);

ALTER TABLE eid_challenge_nonces ENABLE ROW LEVEL SECURITY;
ALTER TABLE eid_challenge_nonces FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON eid_challenge_nonces
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
