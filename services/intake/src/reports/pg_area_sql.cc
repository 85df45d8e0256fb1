#include "services/intake/src/reports/pg_area_sql.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/postgres/sql_params.h"

namespace meldpunt::intake {
namespace {

// Degrees of latitude per metre, and a margin for the envelope that finds box candidates: the
// geography envelope's edges are great circles, the box's are parallels (a bulge of metres at
// 10 km), plus the slack.
constexpr double kDegreesPerMeter = 1.0 / 111195.0;
constexpr double kEnvelopeMarginDegrees = 0.005;

std::string BoxSql(pg::SqlParams& p, const common::v1::BoundingBox& box, const std::string& indexed,
                   const std::string& shown, double slack_m) {
  const auto& sw = box.south_west();
  const auto& ne = box.north_east();
  // Longitude degrees get wider per metre away from the equator: at 80° a metre is ~6× as many
  // degrees as at the equator. Tenants are far from that; the factor keeps the margin safe.
  const double margin = kEnvelopeMarginDegrees + slack_m * kDegreesPerMeter * 6;
  const std::string envelope = absl::StrCat(
      "ST_MakeEnvelope(", p.Add(pg::ExactDouble(std::max(-180.0, sw.longitude() - margin))), "::float8, ",
      p.Add(pg::ExactDouble(std::max(-90.0, sw.latitude() - margin))), "::float8, ",
      p.Add(pg::ExactDouble(std::min(180.0, ne.longitude() + margin))), "::float8, ",
      p.Add(pg::ExactDouble(std::min(90.0, ne.latitude() + margin))), "::float8, 4326)::geography");
  return absl::StrCat(
      indexed, " && ", envelope,
      " AND ST_X(", shown, "::geometry) BETWEEN ", p.Add(pg::ExactDouble(sw.longitude())), "::float8 AND ",
      p.Add(pg::ExactDouble(ne.longitude())), "::float8",
      " AND ST_Y(", shown, "::geometry) BETWEEN ", p.Add(pg::ExactDouble(sw.latitude())), "::float8 AND ",
      p.Add(pg::ExactDouble(ne.latitude())), "::float8");
}

}  // namespace

std::string PointSql(pg::SqlParams& p, const common::v1::GeoPoint& point) {
  return absl::StrCat("ST_SetSRID(ST_MakePoint(", p.Add(pg::ExactDouble(point.longitude())), "::float8, ",
                      p.Add(pg::ExactDouble(point.latitude())), "::float8), 4326)::geography");
}

std::string InAreaSql(pg::SqlParams& p, const common::v1::GeoArea& area, const std::string& indexed,
                      const std::string& shown, double slack_m) {
  if (area.has_circle()) {
    const std::string center = PointSql(p, area.circle().center());
    const double r = area.circle().radius_m();
    const std::string reach = p.Add(pg::ExactDouble(r + slack_m));
    // The explicit box test is what lets the GiST index serve the query under row-level
    // security (ST_DWithin's own index support is not LEAKPROOF; the && operator is declared so).
    // Sphere, not spheroid (use_spheroid false): PostGIS sets the spheroid up anew per statement
    // (~9 ms); the difference is under 0.5 % of the radius.
    std::string sql = absl::StrCat(indexed, " && _ST_Expand(", center, ", ", reach, "::float8) AND ",
                                   "ST_DWithin(", indexed, ", ", center, ", ", reach, "::float8, false)");
    if (shown != indexed) {
      absl::StrAppend(&sql, " AND ST_DWithin(", shown, ", ", center, ", ", p.Add(pg::ExactDouble(r)),
                      "::float8, false)");
    }
    return sql;
  }
  return BoxSql(p, area.bounding_box(), indexed, shown, slack_m);
}

}  // namespace meldpunt::intake
