INSERT INTO citizen_zones (tenant_id, zone_id, name, match_key) VALUES ($1, $2, $3, $4);
