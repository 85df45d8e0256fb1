-- Instants travel as bigint microseconds since the epoch: exact both ways, and always the
-- caller's clock, never the database's now().
-- No row back: someone else registered the same person a moment ago.
INSERT INTO citizens (id, tenant_id, national_number_hash, national_number_sealed,
                      identity_sealed, birth_year, gender, zone_id, domicile_key, language,
                      assurance_level, verified_at, created_at, updated_at)
VALUES ($1::uuid, $2, $3, $4, $5, $6::int, $7, $8, $9, $10, $11,
        (timestamptz 'epoch' + ($12)::bigint * interval '1 microsecond'),
        (timestamptz 'epoch' + ($12)::bigint * interval '1 microsecond'),
        (timestamptz 'epoch' + ($12)::bigint * interval '1 microsecond'))
ON CONFLICT (tenant_id, national_number_hash) DO NOTHING
RETURNING 1;
