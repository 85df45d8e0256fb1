-- Two zones with the same key would be a data error; the lowest id wins, deterministically.
SELECT zone_id, name FROM citizen_zones
 WHERE tenant_id = $1 AND match_key = $2
 ORDER BY zone_id
 LIMIT 1;
