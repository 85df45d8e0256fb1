DELETE FROM zones WHERE tenant_id = $1 AND kind = 'territory';
