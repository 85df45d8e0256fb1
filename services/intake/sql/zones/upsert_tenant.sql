INSERT INTO tenants (tenant_id, name, reference_prefix) VALUES ($1, $2, $3)
ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name,
  reference_prefix = EXCLUDED.reference_prefix, updated_at = now();
