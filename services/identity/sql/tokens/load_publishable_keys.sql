-- The active key and the retired ones still published.
SELECT key_id, algorithm, public_key_pem, private_key_sealed,
       (extract(epoch from created_at) * 1000000)::bigint,
       (extract(epoch from activated_at) * 1000000)::bigint,
       (extract(epoch from retired_at) * 1000000)::bigint,
       (extract(epoch from not_after) * 1000000)::bigint
  FROM signing_keys
 WHERE retired_at IS NULL
    OR not_after > (timestamptz 'epoch' + ($1)::bigint * interval '1 microsecond');
