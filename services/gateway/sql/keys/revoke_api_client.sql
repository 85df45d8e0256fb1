-- Revoking twice keeps the first revocation's time and reason.
UPDATE api_clients SET revoked_at = now(), revoke_reason = $2
WHERE id = $1::uuid AND revoked_at IS NULL
