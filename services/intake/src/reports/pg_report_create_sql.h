#pragma once
// The statements of PgReportRepository::Create, prepared once per connection (pg_prepared.h) —
// except the duplicate search, run unnamed so it is planned for its point (pg_report_create.cc).
// tools/bench/pgbench_create_report.sql runs the same statements as a pgbench script (the
// database's own ceiling for a whole report): change both together (create_sql_test.cc checks).

#include "services/intake/src/reports/pg_prepared.h"
#include "services/intake/src/shared/pg_values.h"

namespace meldpunt::intake::create_sql {

#define MELDPUNT_POINT_GEOMETRY(lon, lat) \
  "ST_SetSRID(ST_MakePoint(" lon "::float8, " lat "::float8), 4326)"
#define MELDPUNT_POINT_GEOGRAPHY(lon, lat) MELDPUNT_POINT_GEOMETRY(lon, lat) "::geography"

// Everything the create path checks before it writes, in one round trip: the tenant (no row: not
// configured), the reference year (the year in Belgium at the transaction's start, like
// created_at), the category (NULL columns: no such code) and, for a located report ($3), whether
// the territory covers the point ($4 longitude, $5 latitude) and the zone that does (the first by
// id should imported zones overlap). Planar geometry (migration 0006) behind an explicit box
// test, which lets the GiST index serve the search under row-level security (pg_area_sql.cc).
inline constexpr PreparedSql kLookup = {
    "intake_create_lookup",
    "SELECT t.reference_prefix AS prefix,"
    " extract(year from now() AT TIME ZONE 'Europe/Brussels')::int AS year,"
    " c.definition::text AS category, extract(epoch from c.created_at)::float8 AS category_created,"
    " extract(epoch from c.updated_at)::float8 AS category_updated,"
    " coalesce(pl.inside, false) AS inside, pl.zone_id, pl.zone_name"
    " FROM tenants t"
    " LEFT JOIN categories c ON c.tenant_id = t.tenant_id AND c.code = $2"
    " LEFT JOIN LATERAL ("
    "   SELECT bool_or(z.kind = 'territory') AS inside,"
    "     (array_agg(z.zone_id ORDER BY z.zone_id) FILTER (WHERE z.kind = 'zone'))[1] AS zone_id,"
    "     (array_agg(z.name ORDER BY z.zone_id) FILTER (WHERE z.kind = 'zone'))[1] AS zone_name"
    "   FROM zones z, (SELECT " MELDPUNT_POINT_GEOMETRY("$4", "$5") " AS g) p"
    "   WHERE $3::boolean AND z.tenant_id = $1"
    "     AND z.geom_planar && p.g AND ST_Covers(z.geom_planar, p.g)) pl ON true"
    " WHERE t.tenant_id = $1"};

// Open reports of the category near the point. $5: show coarsened points (a citizen looking at a
// sensitive category); distances and order then use the shown point too, so nothing finer than
// the grid cell can be inferred. Distances are on the sphere (use_spheroid false): PostGIS 3.3
// sets up its spheroid calculation anew for every statement, which cost ~9 ms per search
// (EXPLAIN ANALYZE as the service role, BENCHMARKS.md) against ~0.15 ms on the sphere; at 50 m the
// two differ by well under a metre, which does not matter for a duplicate suggestion.
inline constexpr PreparedSql kDuplicates = {
    "intake_create_duplicates",
    "WITH p AS (SELECT " MELDPUNT_POINT_GEOGRAPHY("$3", "$4") " AS g)"
    " SELECT r.id::text, r.reference, r.category_code, r.status,"
    "        ST_Y(s.shown::geometry), ST_X(s.shown::geometry),"
    "        " MELDPUNT_SQL_MICROS("r.created_at") ", ST_Distance(s.shown, p.g, false) AS d"
    " FROM p, reports r"
    " CROSS JOIN LATERAL (SELECT CASE WHEN $5::boolean THEN r.coarse_location"
    "                                 ELSE r.location END AS shown) s"
    " WHERE r.tenant_id = $1 AND r.category_code = $2"
    "   AND r.status IN ('RECEIVED', 'IN_TREATMENT')"
    "   AND r.created_at >= now() - $6::bigint * interval '1 microsecond'"
    // The box test lets the GiST index serve the search under row-level security (see
    // pg_area_sql.cc); ST_DWithin then keeps what is really within reach.
    "   AND r.location && _ST_Expand(p.g, $7::float8)"
    "   AND ST_DWithin(r.location, p.g, $7::float8, false)"
    " ORDER BY d, r.id LIMIT $8"};

// One sequence per tenant and year (migration 0005): unique, increasing, and no lock held until
// commit, so a tenant's reports are not serialised on one row.
inline constexpr PreparedSql kNextNumber = {"intake_create_next_number",
                                            "SELECT next_report_number($1, $2)"};

inline constexpr PreparedSql kInsert = {
    "intake_create_insert",
    "INSERT INTO reports (tenant_id, id, reference, category_code, channel, reporter_kind,"
    " citizen_id, guest_first_name, guest_last_name, contact_channel, contact_language,"
    " contact_email, contact_phone, contact_postal_address, language, location, coarse_location,"
    " address_street, address_house_number, address_box, address_postal_code,"
    " address_municipality, address_country, location_description, zone_id, description,"
    " attribute_values, media_urls, external_reference, submitted_by)"
    " VALUES ($1, $2::uuid, $3, $4, $5, $6, NULLIF($7, ''), $8, $9, $10, $11, $12, $13,"
    " NULLIF($14, '')::jsonb, $15,"
    " CASE WHEN $16::boolean THEN " MELDPUNT_POINT_GEOGRAPHY("$17", "$18") " END,"
    " CASE WHEN $16::boolean THEN " MELDPUNT_POINT_GEOGRAPHY("$19", "$20") " END,"
    " $21, $22, $23, $24, $25, $26, $27, $28, $29, $30::jsonb, $31::text[], $32, $33)"
    " RETURNING " MELDPUNT_SQL_MICROS("created_at") ", " MELDPUNT_SQL_MICROS("status_updated_at")
    ", " MELDPUNT_SQL_MICROS("updated_at")};

#undef MELDPUNT_POINT_GEOGRAPHY
#undef MELDPUNT_POINT_GEOMETRY

}  // namespace meldpunt::intake::create_sql
