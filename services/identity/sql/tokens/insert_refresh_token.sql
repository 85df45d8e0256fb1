INSERT INTO refresh_tokens (token_hash, tenant_id, session_id, issued_at, expires_at)
VALUES ($1, $2, $3::uuid,
        (timestamptz 'epoch' + ($4)::bigint * interval '1 microsecond'),
        (timestamptz 'epoch' + ($5)::bigint * interval '1 microsecond'));
