INSERT INTO citizen_consents (tenant_id, citizen_id, topic, granted, decided_at)
VALUES ($1, $2::uuid, $3, $4, (timestamptz 'epoch' + ($5)::bigint * interval '1 microsecond'))
ON CONFLICT (tenant_id, citizen_id, topic)
DO UPDATE SET granted = EXCLUDED.granted, decided_at = EXCLUDED.decided_at;
