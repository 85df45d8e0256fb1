-- Row (1b) of tools/bench/run.py: the transaction CreateReport runs, statement for statement, as
-- a pgbench script against a database made by intake's own migrations and zone import (the
-- database's own ceiling for a whole report, without gRPC, validation or protobuf).
--
-- Keep in step with the service: services/intake/src/pg_report_create_sql.h (lookup, duplicates,
-- number, insert: services/intake/tests/create_sql_test.cc compares them), and by hand
-- libs/auth/tenant_scope.cc, libs/idempotency/request_log.cc and libs/events/outbox.cc.
-- The service's $n parameters are :variables here (-D from
-- tools/bench/create_report_bench.py, \set, or \gset from an earlier statement), except:
-- empty strings are literals (pgbench cannot define an empty variable), the report and event ids
-- come from gen_random_uuid() and the reference is formatted in SQL (the service does both in
-- C++), and the coarse point is the point itself (its value does not change the cost). Run with
-- -M extended: every statement parsed and planned per call with bound parameters. The service
-- prepares three of intake's statements; the duplicate search it must not (a generic plan cannot
-- fold the search box: 15 ms instead of 0.2 ms), and pgbench can only prepare all or none.
\set lon 5.170 + random(0, 30000) * 0.000001
\set lat 50.805 + random(0, 20000) * 0.000001
\set request_id random(1, 9000000000000000000)
BEGIN;
SELECT set_config('meldpunt.tenant_id', :tenant, true);
SELECT pg_advisory_xact_lock(hashtextextended(:tenant || '/' || :method || '/' || :request_id, 0));
SELECT fingerprint, response FROM meldpunt_request_log
 WHERE tenant_id = :tenant AND method = :method AND request_id = :request_id;
SELECT t.reference_prefix AS prefix,
       extract(year from now() AT TIME ZONE 'Europe/Brussels')::int AS year,
       c.definition::text AS category, extract(epoch from c.created_at)::float8 AS category_created,
       extract(epoch from c.updated_at)::float8 AS category_updated,
       coalesce(pl.inside, false) AS inside, pl.zone_id, pl.zone_name
  FROM tenants t
  LEFT JOIN categories c ON c.tenant_id = t.tenant_id AND c.code = :category
  LEFT JOIN LATERAL (
    SELECT bool_or(z.kind = 'territory') AS inside,
      (array_agg(z.zone_id ORDER BY z.zone_id) FILTER (WHERE z.kind = 'zone'))[1] AS zone_id,
      (array_agg(z.name ORDER BY z.zone_id) FILTER (WHERE z.kind = 'zone'))[1] AS zone_name
      FROM zones z, (SELECT ST_SetSRID(ST_MakePoint(:lon::float8, :lat::float8), 4326) AS g) p
     WHERE :located::boolean AND z.tenant_id = :tenant
       AND z.geom_planar && p.g AND ST_Covers(z.geom_planar, p.g)) pl ON true
 WHERE t.tenant_id = :tenant \gset found_
WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon::float8, :lat::float8), 4326)::geography AS g)
SELECT r.id::text, r.reference, r.category_code, r.status,
       ST_Y(s.shown::geometry), ST_X(s.shown::geometry),
       (extract(epoch from r.created_at) * 1000000)::bigint, ST_Distance(s.shown, p.g, false) AS d
  FROM p, reports r
 CROSS JOIN LATERAL (SELECT CASE WHEN :coarse::boolean THEN r.coarse_location
                                 ELSE r.location END AS shown) s
 WHERE r.tenant_id = :tenant AND r.category_code = :category
   AND r.status IN ('RECEIVED', 'IN_TREATMENT')
   AND r.created_at >= now() - :window_us::bigint * interval '1 microsecond'
   AND r.location && _ST_Expand(p.g, :distance_m::float8)
   AND ST_DWithin(r.location, p.g, :distance_m::float8, false)
 ORDER BY d, r.id LIMIT :duplicate_limit;
SELECT next_report_number(:tenant, :found_year) AS number \gset
INSERT INTO reports (tenant_id, id, reference, category_code, channel, reporter_kind,
  citizen_id, guest_first_name, guest_last_name, contact_channel, contact_language,
  contact_email, contact_phone, contact_postal_address, language, location, coarse_location,
  address_street, address_house_number, address_box, address_postal_code,
  address_municipality, address_country, location_description, zone_id, description,
  attribute_values, media_urls, external_reference, submitted_by)
VALUES (:tenant, gen_random_uuid()::uuid,
  :found_prefix::text || '-' || :found_year::text || '-' || lpad(:number::text, 6, '0'),
  :category, :channel, :reporter_kind, NULLIF('', ''), :first_name, :last_name,
  :contact_channel, :language, '', '', NULLIF('', '')::jsonb, :language,
  CASE WHEN :located::boolean THEN ST_SetSRID(ST_MakePoint(:lon::float8, :lat::float8), 4326)::geography END,
  CASE WHEN :located::boolean THEN ST_SetSRID(ST_MakePoint(:lon::float8, :lat::float8), 4326)::geography END,
  '', '', '', '', '', '', '', :found_zone_id, :description, :attribute_values::jsonb,
  :media_urls::text[], '', :submitted_by)
RETURNING (extract(epoch from created_at) * 1000000)::bigint,
          (extract(epoch from status_updated_at) * 1000000)::bigint,
          (extract(epoch from updated_at) * 1000000)::bigint;
INSERT INTO meldpunt_outbox (event_id, tenant_id, type, stream, payload)
VALUES (gen_random_uuid()::uuid, :tenant, :event_type, :stream, :payload);
INSERT INTO meldpunt_request_log (tenant_id, method, request_id, fingerprint, response)
VALUES (:tenant, :method, :request_id, :fingerprint, :response);
END;
