DELETE FROM citizen_zones WHERE tenant_id = $1;
