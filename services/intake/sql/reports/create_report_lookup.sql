-- Everything CreateReport checks before it writes, in one round trip: the tenant (no row: not
-- configured), the reference year (the year in Belgium at the transaction's start, like
-- created_at), the category (NULL columns: no such code) and, for a located report ($3), whether
-- the territory covers the point ($4 longitude, $5 latitude) and the zone that does (the first by
-- id should imported zones overlap). Planar geometry (migration 0006) behind an explicit box
-- test, which lets the GiST index serve the search under row-level security
-- (src/reports/pg_area_sql.cc). Last, the tenant's minimum assurance for a verified report.
--   $1 tenant_id, $2 category code, $3 located, $4 longitude, $5 latitude
SELECT t.reference_prefix AS prefix,
       extract(year from now() AT TIME ZONE 'Europe/Brussels')::int AS year,
       c.definition::text AS category,
       extract(epoch from c.created_at)::float8 AS category_created,
       extract(epoch from c.updated_at)::float8 AS category_updated,
       coalesce(pl.inside, false) AS inside, pl.zone_id, pl.zone_name,
       t.verified_report_assurance
  FROM tenants t
  LEFT JOIN categories c ON c.tenant_id = t.tenant_id AND c.code = $2
  LEFT JOIN LATERAL (
    SELECT bool_or(z.kind = 'territory') AS inside,
           (array_agg(z.zone_id ORDER BY z.zone_id) FILTER (WHERE z.kind = 'zone'))[1] AS zone_id,
           (array_agg(z.name ORDER BY z.zone_id) FILTER (WHERE z.kind = 'zone'))[1] AS zone_name
      FROM zones z, (SELECT ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326) AS g) p
     WHERE $3::boolean AND z.tenant_id = $1
       AND z.geom_planar && p.g AND ST_Covers(z.geom_planar, p.g)) pl ON true
 WHERE t.tenant_id = $1;
