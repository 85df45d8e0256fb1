SELECT topic, granted, (extract(epoch from decided_at) * 1000000)::bigint
  FROM citizen_consents
 WHERE tenant_id = $1 AND citizen_id = $2::uuid
 ORDER BY topic;
