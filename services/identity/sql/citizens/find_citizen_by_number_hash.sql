-- The person's row by the keyed hash of their national number, locked: an identification
-- refreshes it.
SELECT c.id::text, c.tenant_id, c.national_number_sealed, c.identity_sealed,
       c.contact_sealed, c.birth_year, c.gender, c.zone_id, c.profession, c.language,
       c.preferred_channel, c.assurance_level,
       (extract(epoch from c.verified_at) * 1000000)::bigint,
       (extract(epoch from c.created_at) * 1000000)::bigint,
       (extract(epoch from c.updated_at) * 1000000)::bigint,
       z.name, c.domicile_key
  FROM citizens c LEFT JOIN citizen_zones z
    ON z.tenant_id = c.tenant_id AND z.zone_id = c.zone_id
 WHERE c.tenant_id = $1 AND c.national_number_hash = $2
   FOR UPDATE OF c;
