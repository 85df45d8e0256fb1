-- One read of a report's personal data: who, with what authority, which rpc, why, when.
INSERT INTO report_access_log
  (tenant_id, report_id, accessor, accessor_kind, issuer, method, reason, request_id, at)
VALUES ($1, $2::uuid, $3, $4, $5, $6, $7, $8,
        (timestamptz 'epoch' + ($9)::bigint * interval '1 microsecond'));
