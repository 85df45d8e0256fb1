SELECT (extract(epoch from activated_at) * 1000000)::bigint
  FROM signing_keys
 WHERE retired_at IS NULL;
