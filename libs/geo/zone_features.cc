#include "libs/geo/zone_features.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "libs/geo/geojson.h"

namespace meldpunt::geo {
namespace {

using nlohmann::json;

bool IsIdCharacter(char c, std::string_view extra) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         extra.find(c) != std::string_view::npos;
}

bool IsId(std::string_view id, std::size_t max_size, std::string_view extra) {
  if (id.empty() || id.size() > max_size) return false;
  for (char c : id) {
    if (!IsIdCharacter(c, extra)) return false;
  }
  return true;
}

// The property's text, "" when the feature does not have it.
std::string Property(const json& properties, const std::string& name) {
  auto it = properties.find(name);
  return it != properties.end() ? PropertyText(*it) : "";
}

}  // namespace

bool IsTenantId(std::string_view id) { return IsId(id, 32, "-_"); }

bool IsZoneId(std::string_view id) { return IsId(id, 64, "-_."); }

absl::Status ReadZones(const std::string& geojson, const ZoneReadOptions& o,
                       const ZoneVisitor& visit) {
  absl::StatusOr<json> doc = ParseGeoJson(geojson, o.domain);
  if (!doc.ok()) return doc.status();
  absl::StatusOr<std::vector<json>> features = Features(*doc, o.single_feature_allowed, o.domain);
  if (!features.ok()) return features.status();
  if (features->empty()) return GeoJsonInvalid("the collection has no features", o.domain);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < features->size(); ++i) {
    const json& f = (*features)[i];
    ZoneProperties zone;
    zone.where = absl::StrCat("feature ", i);
    const bool shaped = o.geometry_required ? TypeOf(f) == "Feature" && f.contains("geometry")
                                            : f.is_object();
    if (!shaped || !f.contains("properties") || !f["properties"].is_object()) {
      return GeoJsonInvalid(absl::StrCat(zone.where, o.geometry_required
                                                         ? ": a Feature with properties and "
                                                           "geometry is required"
                                                         : ": a Feature with properties is required"),
                            o.domain);
    }
    const json& properties = f["properties"];
    zone.zone_id = Property(properties, o.id_property);
    if (!IsZoneId(zone.zone_id)) {
      return GeoJsonInvalid(absl::StrCat(zone.where, ": property ", o.id_property,
                                         " must be 1-64 letters, digits, '-', '_' or '.'"),
                            o.domain);
    }
    if (!ids.insert(zone.zone_id).second) {
      return GeoJsonInvalid(absl::StrCat(zone.where, ": zone id ", zone.zone_id, " appears twice"),
                            o.domain);
    }
    zone.name = Property(properties, o.name_property);
    if (absl::Status s = visit(f, zone); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::geo
