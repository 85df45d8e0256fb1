#include "services/intake/src/zones/geojson_zones.h"

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/status/status.h"

namespace meldpunt::intake {
namespace {

using nlohmann::json;

absl::Status Invalid(const std::string& message) {
  return status::InvalidArgument("GEOJSON_INVALID", message);
}

// The "type" member of an object, "" for anything else (json::value() would throw on a
// non-object or a non-string member: the file is input, not trusted).
std::string TypeOf(const json& value) {
  if (!value.is_object()) return "";
  auto it = value.find("type");
  return it != value.end() && it->is_string() ? it->get<std::string>() : "";
}

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

absl::StatusOr<json> Parse(const std::string& text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Invalid("the file is not valid JSON");
  if (!doc.is_object()) return Invalid("the file is not a GeoJSON object");
  return doc;
}

// The features of a FeatureCollection, or the document itself as the only one.
absl::StatusOr<std::vector<json>> Features(const json& doc) {
  if (TypeOf(doc) == "FeatureCollection") {
    if (!doc.contains("features") || !doc["features"].is_array()) {
      return Invalid("a FeatureCollection needs a features array");
    }
    return doc["features"].get<std::vector<json>>();
  }
  return std::vector<json>{doc};
}

bool IsValidZoneId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string PropertyText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number_unsigned()) return std::to_string(value.get<unsigned long long>());
  return "";
}

}  // namespace

absl::StatusOr<std::string> ParseTerritory(const std::string& geojson) {
  absl::StatusOr<json> doc = Parse(geojson);
  if (!doc.ok()) return doc.status();
  absl::StatusOr<std::vector<json>> features = Features(*doc);
  if (!features.ok()) return features.status();
  json polygons = json::array();
  for (std::size_t i = 0; i < features->size(); ++i) {
    const json& f = (*features)[i];
    const json& geometry = TypeOf(f) == "Feature" && f.contains("geometry") ? f["geometry"] : f;
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
  absl::StatusOr<json> doc = Parse(geojson);
  if (!doc.ok()) return doc.status();
  absl::StatusOr<std::vector<json>> features = Features(*doc);
  if (!features.ok()) return features.status();
  std::vector<ZoneFeature> zones;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < features->size(); ++i) {
    const json& f = (*features)[i];
    const std::string where = absl::StrCat("feature ", i);
    if (TypeOf(f) != "Feature" || !f.contains("properties") ||
        !f["properties"].is_object() || !f.contains("geometry")) {
      return Invalid(absl::StrCat(where, ": a Feature with properties and geometry is required"));
    }
    const json& properties = f["properties"];
    ZoneFeature zone;
    zone.zone_id = properties.contains(id_property) ? PropertyText(properties[id_property]) : "";
    if (!IsValidZoneId(zone.zone_id)) {
      return Invalid(absl::StrCat(where, ": property ", id_property,
                                  " must be 1-64 letters, digits, '-', '_' or '.'"));
    }
    if (!ids.insert(zone.zone_id).second) {
      return Invalid(absl::StrCat(where, ": zone ", zone.zone_id, " appears twice"));
    }
    const std::string name =
        properties.contains(name_property) ? PropertyText(properties[name_property]) : "";
    zone.name = DisplayZoneName(name.empty() ? zone.zone_id : name);
    json polygons = json::array();
    if (absl::Status s = CollectPolygons(f["geometry"], absl::StrCat(where, " (", zone.zone_id, ")"),
                                         polygons);
        !s.ok()) {
      return s;
    }
    zone.multipolygon_geojson = MultiPolygon(std::move(polygons));
    zones.push_back(std::move(zone));
  }
  if (zones.empty()) return Invalid("the zones file has no features");
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
