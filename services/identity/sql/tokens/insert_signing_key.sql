INSERT INTO signing_keys (key_id, algorithm, public_key_pem, private_key_sealed, created_at,
                          activated_at)
VALUES ($1, $2, $3, $4,
        (timestamptz 'epoch' + ($5)::bigint * interval '1 microsecond'),
        (timestamptz 'epoch' + ($6)::bigint * interval '1 microsecond'));
