SELECT count(*) FROM media WHERE tenant_id = $1 AND report_id = $2::uuid;
