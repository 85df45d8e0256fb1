-- Reads of reports' personal data, one row per report (the ids as one array, so a page of 50 is
-- one statement): who, with what authority, which rpc, why, when.
INSERT INTO report_access_log
  (tenant_id, report_id, accessor, accessor_kind, issuer, method, reason, request_id, at)
SELECT $1, report_id, $3, $4, $5, $6, $7, $8,
       (timestamptz 'epoch' + ($9)::bigint * interval '1 microsecond')
  FROM unnest($2::uuid[]) AS report_id;
