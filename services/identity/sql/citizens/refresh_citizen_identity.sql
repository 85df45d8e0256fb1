-- A known person identified again: the identity as merged, its zone and assurance.
UPDATE citizens
   SET identity_sealed = $3, birth_year = $4::int, gender = $5, zone_id = $6,
       domicile_key = $7, assurance_level = $8,
       verified_at = (timestamptz 'epoch' + ($9)::bigint * interval '1 microsecond'),
       updated_at = (timestamptz 'epoch' + ($9)::bigint * interval '1 microsecond')
 WHERE tenant_id = $1 AND id = $2::uuid;
