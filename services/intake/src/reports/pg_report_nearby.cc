// PgReportRepository::Nearby: the public feed. Reports of a sensitive category are shown, and
// searched, at their coarsened point only, so that no series of small searches can find the
// real one.
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/api/enum_names.h"
#include "libs/auth/tenant_scope.h"
#include "libs/postgres/sql_params.h"
#include "libs/time/conversions.h"
#include "services/intake/src/reports/pg_area_sql.h"
#include "services/intake/src/reports/pg_report_repository.h"
#include "services/intake/src/zones/geo.h"

namespace meldpunt::intake {
namespace {

// A category that cannot be found counts as sensitive: the safe side.
constexpr char kSelect[] =
    "SELECT r.reference, r.category_code, r.status, ST_Y(s.shown::geometry),"
    " ST_X(s.shown::geometry), k.sensitive, r.zone_id, COALESCE(z.name, ''),"
    " (extract(epoch from r.created_at) * 1000000)::bigint,"
    " (extract(epoch from r.status_updated_at) * 1000000)::bigint, ";

constexpr char kFrom[] =
    " FROM reports r"
    " LEFT JOIN categories c ON c.tenant_id = r.tenant_id AND c.code = r.category_code"
    " CROSS JOIN LATERAL (SELECT COALESCE((c.definition->>'sensitive')::boolean, c.code IS NULL)"
    "                     AS sensitive) k"
    " CROSS JOIN LATERAL (SELECT CASE WHEN k.sensitive THEN r.coarse_location"
    "                                 ELSE r.location END AS shown) s"
    " LEFT JOIN zones z ON z.tenant_id = r.tenant_id AND z.zone_id = r.zone_id AND z.kind = 'zone'"
    // Rejected reports may be abuse; merged ones are shown through the report they joined.
    " WHERE r.status NOT IN ('REJECTED', 'MERGED') AND r.location IS NOT NULL";

// The coarsened point is at most half a cell's diagonal from the real one.
constexpr double kCoarseSlackM = kCoarseCellMeters * 0.75;

}  // namespace

absl::StatusOr<std::vector<v1::PublicReport>> PgReportRepository::Nearby(const std::string& tenant_id,
                                                                         const NearbyQuery& q) {
  std::vector<v1::PublicReport> out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    pg::SqlParams p;
    const std::string distance =
        q.area.has_circle()
            ? absl::StrCat("ST_Distance(s.shown, ", PointSql(p, q.area.circle().center()), ", false)")
            : std::string("0::float8");
    std::string sql = absl::StrCat(kSelect, distance, kFrom, " AND r.tenant_id = ", p.Add(tenant_id),
                                   " AND r.created_at >= ", pg::SqlFromMicros(p.Add(absl::StrCat(q.since_us))),
                                   " AND ", InAreaSql(p, q.area, "r.location", "s.shown", kCoarseSlackM));
    if (!q.category_codes.empty()) {
      absl::StrAppend(&sql, " AND r.category_code = ANY(", p.Add(pg::TextArray(q.category_codes)), "::text[])");
    }
    if (q.after) {
      absl::StrAppend(&sql, " AND (r.created_at, r.reference) < (",
                      pg::SqlFromMicros(p.Add(absl::StrCat(q.after->micros))), ", ", p.Add(q.after->tie), ")");
    }
    absl::StrAppend(&sql, " ORDER BY r.created_at DESC, r.reference DESC LIMIT ",
                    p.Add(absl::StrCat(q.limit + 1)));
    pqxx::result rows = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(p.values()));
    for (const auto& row : rows) {
      v1::PublicReport r;
      r.set_reference(row[0].as<std::string>());
      r.set_category_code(row[1].as<std::string>());
      r.set_status(api::EnumFromDb<v1::ReportStatus>(row[2].as<std::string>()));
      r.mutable_location()->set_latitude(row[3].as<double>());
      r.mutable_location()->set_longitude(row[4].as<double>());
      r.set_location_coarsened(row[5].as<bool>());
      r.set_zone_id(row[6].as<std::string>());
      r.set_zone_name(row[7].as<std::string>());
      *r.mutable_created_at() = time::ToProto(time::FromMicros(row[8].as<std::int64_t>()));
      *r.mutable_status_updated_at() = time::ToProto(time::FromMicros(row[9].as<std::int64_t>()));
      r.set_distance_m(row[10].as<double>());
      out.push_back(std::move(r));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace meldpunt::intake
