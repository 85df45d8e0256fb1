-- A new report. $16: located; $17/$18 the point (longitude, latitude), $19/$20 its coarsened
-- cell centre. Empty citizen id and contact address ($7, $14) are stored as NULL. $34/$35 the
-- citizen reporter's assurance level (NULL for none) and whether it met the tenant's minimum.
INSERT INTO reports (tenant_id, id, reference, category_code, channel, reporter_kind,
  citizen_id, guest_first_name, guest_last_name, contact_channel, contact_language,
  contact_email, contact_phone, contact_postal_address, language, location, coarse_location,
  address_street, address_house_number, address_box, address_postal_code,
  address_municipality, address_country, location_description, zone_id, description,
  attribute_values, media_urls, external_reference, submitted_by, reporter_assurance,
  reporter_verified)
VALUES ($1, $2::uuid, $3, $4, $5, $6, NULLIF($7, ''), $8, $9, $10, $11, $12, $13,
  NULLIF($14, '')::jsonb, $15,
  CASE WHEN $16::boolean THEN ST_SetSRID(ST_MakePoint($17::float8, $18::float8), 4326)::geography END,
  CASE WHEN $16::boolean THEN ST_SetSRID(ST_MakePoint($19::float8, $20::float8), 4326)::geography END,
  $21, $22, $23, $24, $25, $26, $27, $28, $29, $30::jsonb, $31::text[], $32, $33, $34, $35)
RETURNING (extract(epoch from created_at) * 1000000)::bigint,
          (extract(epoch from status_updated_at) * 1000000)::bigint,
          (extract(epoch from updated_at) * 1000000)::bigint;
