-- One category: its definition and created_at, updated_at as epoch seconds (CategoryFromRow).
SELECT definition::text, extract(epoch from created_at)::float8,
       extract(epoch from updated_at)::float8
  FROM categories
 WHERE tenant_id = $1 AND code = $2;
