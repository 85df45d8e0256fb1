-- $6 the upload's size, $7 the stored (cleaned) file's.
INSERT INTO media (tenant_id, id, report_id, content_type, sha256, size_bytes,
  stored_size_bytes, filename, content)
VALUES ($1, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, $9)
RETURNING (extract(epoch from created_at) * 1000000)::bigint;
