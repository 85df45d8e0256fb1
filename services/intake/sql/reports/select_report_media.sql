-- The media of a page of reports ($2: their ids), oldest first.
SELECT report_id::text, id::text, content_type, sha256, size_bytes, filename,
       (extract(epoch from created_at) * 1000000)::bigint
  FROM media
 WHERE tenant_id = $1 AND report_id = ANY($2::uuid[])
 ORDER BY created_at, id;
