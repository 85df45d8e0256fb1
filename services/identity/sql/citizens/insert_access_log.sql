-- Staff reading or changing a profile: who, what, why, when.
INSERT INTO citizen_access_log (tenant_id, citizen_id, staff_id, action, reason, at)
VALUES ($1, $2::uuid, $3, $4, $5, (timestamptz 'epoch' + ($6)::bigint * interval '1 microsecond'));
