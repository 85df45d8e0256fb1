#include "services/intake/src/zones/geojson_zones.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/geo/geojson.h"
#include "libs/geo/zone_features.h"

namespace meldpunt::intake {
namespace {

using nlohmann::json;

absl::Status Invalid(const std::string& message) { return geo::GeoJsonInvalid(message); }

absl::Status CheckRing(const json& ring, const std::string& where) {
  if (!ring.is_array() || ring.size() < 4) {
    return Invalid(absl::StrCat(where, ": a ring needs at least 4 positions"));
  }
  for (const json& position : ring) {
    if (!position.is_array() || position.size() < 2 || !position[0].is_number() ||
        !position[1].is_number()) {
      return Invalid(absl::StrCat(where, ": a position is [longitude, latitude]"));
    }
    const double lon = position[0].get<double>();
    const double lat = position[1].get<double>();
    if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 ||
        lat > 90) {
      return Invalid(absl::StrCat(where, ": a position is outside WGS84 degrees"));
    }
  }
  if (ring.front() != ring.back()) return Invalid(absl::StrCat(where, ": a ring must be closed"));
  return absl::OkStatus();
}

absl::Status CheckPolygon(const json& polygon, const std::string& where) {
  if (!polygon.is_array() || polygon.empty()) {
    return Invalid(absl::StrCat(where, ": a polygon needs an outer ring"));
  }
  for (const json& ring : polygon) {
    if (absl::Status s = CheckRing(ring, where); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Appends the geometry's polygons (as coordinate arrays) to polygons.
absl::Status CollectPolygons(const json& geometry, const std::string& where, json& polygons) {
  if (!geometry.is_object() || !geometry.contains("type") || !geometry.contains("coordinates")) {
    return Invalid(absl::StrCat(where, ": a geometry with type and coordinates is required"));
  }
  const json& type = geometry["type"];
  const json& coordinates = geometry["coordinates"];
  if (type == "Polygon") {
    if (absl::Status s = CheckPolygon(coordinates, where); !s.ok()) return s;
    polygons.push_back(coordinates);
    return absl::OkStatus();
  }
  if (type == "MultiPolygon") {
    if (!coordinates.is_array() || coordinates.empty()) {
      return Invalid(absl::StrCat(where, ": a MultiPolygon needs polygons"));
    }
    for (const json& polygon : coordinates) {
      if (absl::Status s = CheckPolygon(polygon, where); !s.ok()) return s;
      polygons.push_back(polygon);
    }
    return absl::OkStatus();
  }
  return Invalid(absl::StrCat(where, ": only Polygon and MultiPolygon geometries are supported"));
}

std::string MultiPolygon(json polygons) {
  json geometry = {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}};
  return geometry.dump();
}

}  // namespace

absl::StatusOr<std::string> ParseTerritory(const std::string& geojson) {
  absl::StatusOr<json> doc = geo::ParseGeoJson(geojson);
  if (!doc.ok()) return doc.status();
  absl::StatusOr<std::vector<json>> features = geo::Features(*doc, /*single_allowed=*/true);
  if (!features.ok()) return features.status();
  json polygons = json::array();
  for (std::size_t i = 0; i < features->size(); ++i) {
    const json& f = (*features)[i];
    const json& geometry = geo::TypeOf(f) == "Feature" && f.contains("geometry") ? f["geometry"] : f;
    if (absl::Status s = CollectPolygons(geometry, absl::StrCat("feature ", i), polygons); !s.ok()) {
      return s;
    }
  }
  if (polygons.empty()) return Invalid("the territory has no polygon");
  return MultiPolygon(std::move(polygons));
}

absl::StatusOr<std::vector<ZoneFeature>> ParseZones(const std::string& geojson,
                                                    const std::string& id_property,
                                                    const std::string& name_property) {
  // A lone Feature is a file of one zone; each zone's polygons are stored, so a geometry is needed.
  const geo::ZoneReadOptions options{id_property, name_property,
                                     /*single_feature_allowed=*/true, /*geometry_required=*/true};
  std::vector<ZoneFeature> zones;
  absl::Status read = geo::ReadZones(
      geojson, options, [&](const json& feature, const geo::ZoneProperties& z) -> absl::Status {
        ZoneFeature zone;
        zone.zone_id = z.zone_id;
        zone.name = DisplayZoneName(z.name.empty() ? z.zone_id : z.name);
        json polygons = json::array();
        if (absl::Status s = CollectPolygons(feature["geometry"],
                                             absl::StrCat(z.where, " (", z.zone_id, ")"), polygons);
            !s.ok()) {
          return s;
        }
        zone.multipolygon_geojson = MultiPolygon(std::move(polygons));
        zones.push_back(std::move(zone));
        return absl::OkStatus();
      });
  if (!read.ok()) return read;
  return zones;
}

std::string DisplayZoneName(const std::string& published_name) {
  absl::string_view name(published_name);
  name = absl::StripAsciiWhitespace(name);
  if (!name.empty() && name.back() == ')') {
    const std::size_t open = name.rfind(" (");
    if (open != absl::string_view::npos && open > 0) name = name.substr(0, open);
  }
  return std::string(absl::StripAsciiWhitespace(name));
}

}  // namespace meldpunt::intake
