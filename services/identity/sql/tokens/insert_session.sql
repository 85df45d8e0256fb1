INSERT INTO sessions (tenant_id, id, subject, kind, roles, created_at, expires_at, assurance)
VALUES ($1, $2::uuid, $3, $4, string_to_array($5, ','),
        (timestamptz 'epoch' + ($6)::bigint * interval '1 microsecond'),
        (timestamptz 'epoch' + ($7)::bigint * interval '1 microsecond'), $8);
