INSERT INTO assurance_policies (tenant_id, read_profile, change_profile) VALUES ($1, $2, $3)
ON CONFLICT (tenant_id) DO UPDATE
  SET read_profile = EXCLUDED.read_profile, change_profile = EXCLUDED.change_profile,
      updated_at = now();
