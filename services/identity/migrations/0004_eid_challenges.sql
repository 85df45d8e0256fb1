-- Card-challenge nonces already used (EidCardChallenge: "a nonce is accepted only once"). Only
-- the SHA-256 of the nonce is kept, and kept for good: nonce_created_at is not covered by the
-- card's signature, so a replay could always claim a fresh time, and forgetting a nonce would
-- make it usable again.
--
-- Single use is global, not per tenant: a challenge recorded in one municipality must not open
-- a session in another. The table therefore has no row-level security: it holds no tenant data
-- (a hash of random bytes) and tenant_id is kept only to tell where a nonce was spent.
CREATE TABLE eid_challenge_nonces (
  nonce_hash bytea       NOT NULL PRIMARY KEY,
  tenant_id  text        NOT NULL,
  used_at    timestamptz NOT NULL DEFAULT now()
);
