-- Re-places every citizen of the tenant by its stored domicile key; returns the moved ones with
-- their dimensions after the move.
WITH placed AS (
  SELECT c.id, coalesce((SELECT z.zone_id FROM citizen_zones z
                          WHERE z.tenant_id = c.tenant_id AND z.match_key = c.domicile_key
                            AND c.domicile_key <> ''
                          ORDER BY z.zone_id LIMIT 1), '') AS zone_id
    FROM citizens c WHERE c.tenant_id = $1)
UPDATE citizens c
   SET zone_id = placed.zone_id,
       updated_at = (timestamptz 'epoch' + ($2)::bigint * interval '1 microsecond')
  FROM placed
 WHERE c.tenant_id = $1 AND c.id = placed.id AND c.zone_id <> placed.zone_id
RETURNING c.id::text, c.zone_id, c.gender, c.birth_year, c.profession, c.language,
          c.preferred_channel;
