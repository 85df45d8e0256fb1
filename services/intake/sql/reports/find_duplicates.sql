-- Open reports of the category near the point: CreateReport's duplicate suggestions. $5: a
-- citizen looking at a sensitive category. Then the probe ($3, $4) is already the centre of the
-- caller's grid cell, and selection, distance and order all use the reports' coarsened points:
-- two probes anywhere in one cell get the same candidates, so probing cannot locate a report more
-- finely than its cell. $9 widens the index's box by the most a real point lies from its
-- coarsened one, so the box still holds every candidate. Distances are on the
-- sphere (use_spheroid false): PostGIS 3.3 sets up its spheroid calculation anew for every
-- statement, which cost ~9 ms per search (EXPLAIN ANALYZE as the service role, BENCHMARKS.md)
-- against ~0.15 ms on the sphere; at 50 m the two differ by well under a metre, which does not
-- matter for a duplicate suggestion.
--
-- Run unnamed (pg::ExecUnnamed), so planned for its point each time: a prepared statement's
-- generic plan cannot fold the search box to a constant, and PostgreSQL switches to it after
-- five calls — 15 ms per search instead of 0.2 ms (EXPLAIN ANALYZE EXECUTE, BENCHMARKS.md).
--   $1 tenant_id, $2 category code, $3 longitude, $4 latitude, $5 coarse, $6 window (microseconds),
--   $7 distance (m), $8 limit, $9 the box's margin when coarse (m)
WITH p AS (SELECT ST_SetSRID(ST_MakePoint($3::float8, $4::float8), 4326)::geography AS g)
SELECT r.id::text, r.reference, r.category_code, r.status,
       ST_Y(s.shown::geometry), ST_X(s.shown::geometry),
       (extract(epoch from r.created_at) * 1000000)::bigint, ST_Distance(s.shown, p.g, false) AS d
  FROM p, reports r
 CROSS JOIN LATERAL (SELECT CASE WHEN $5::boolean THEN r.coarse_location
                                 ELSE r.location END AS shown) s
 WHERE r.tenant_id = $1 AND r.category_code = $2
   AND r.status IN ('RECEIVED', 'IN_TREATMENT')
   AND r.created_at >= now() - $6::bigint * interval '1 microsecond'
   -- The box test lets the GiST index serve the search under row-level security (see
   -- src/reports/pg_area_sql.cc); ST_DWithin then keeps what is really within reach.
   AND r.location && _ST_Expand(p.g, $7::float8 + CASE WHEN $5::boolean THEN $9::float8 ELSE 0 END)
   AND ST_DWithin(s.shown, p.g, $7::float8, false)
 ORDER BY d, r.id LIMIT $8;
