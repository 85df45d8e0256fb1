-- Creates or replaces a category. The fourth column (xmax = 0) is true when the row was
-- inserted, not updated.
INSERT INTO categories AS c (tenant_id, code, active, group_code, display_order, definition)
VALUES ($1, $2, $3, $4, $5, $6::jsonb)
ON CONFLICT (tenant_id, code) DO UPDATE SET active = EXCLUDED.active,
  group_code = EXCLUDED.group_code, display_order = EXCLUDED.display_order,
  definition = EXCLUDED.definition, updated_at = now()
RETURNING definition::text, extract(epoch from created_at)::float8,
          extract(epoch from updated_at)::float8, (xmax = 0);
