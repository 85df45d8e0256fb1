-- Used nonces are kept, not pruned after the age window: nonce_created_at is the app's word and
-- not covered by the card's signature, so a replayer sends a fresh one, and a nonce forgotten
-- after any window can be played back once that window has passed. A row is written only for a
-- challenge the card really signed (Consume runs after the signature check), so the table grows
-- with genuine challenge logins only. No tenant scope: single use is global
-- (migrations/0004_eid_challenges.sql). One row affected: the nonce was fresh.
INSERT INTO eid_challenge_nonces (tenant_id, nonce_hash) VALUES ($1, $2)
ON CONFLICT DO NOTHING;
