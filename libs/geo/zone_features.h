#pragma once
// The zones of a tenant (deelgemeenten, wijken) read from a GeoJSON FeatureCollection, one zone
// per feature, its id and name taken from two properties ("geoitem" and "naam" in the published
// files). intake keeps each zone's geometry, identity only its id and name; the reading and the
// checks on ids are the same for both and live here. Pure: no I/O.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"

namespace meldpunt::geo {

// The tenant of a zone import: 1–32 letters, digits, '-' or '_' (a NIS code such as "71053").
bool IsTenantId(std::string_view id);

// 1–64 letters, digits, '-', '_' or '.' ("71053J").
bool IsZoneId(std::string_view id);

struct ZoneReadOptions {
  std::string id_property = "geoitem";
  std::string name_property = "naam";
  // A document that is one Feature, not a FeatureCollection, is read as a collection of one.
  bool single_feature_allowed = false;
  // Each feature must be {"type":"Feature"} with a "geometry" member, for a reader that keeps it.
  bool geometry_required = false;
  // ErrorInfo domain of the errors (empty: the serving service's, filled in at the edge).
  std::string domain;
};

struct ZoneProperties {
  std::string where;    // "feature <index>", for messages
  std::string zone_id;  // checked with IsZoneId, unique in the document
  std::string name;     // the name property as text, "" when absent
};

// Gets each zone in document order, after its id passed; its error stops the reading (and is
// returned), so the first error in the file is the one reported.
using ZoneVisitor =
    std::function<absl::Status(const nlohmann::json& feature, const ZoneProperties& zone)>;

// Reads the zones of a GeoJSON text. GEOJSON_INVALID naming what is wrong: not JSON, not a
// FeatureCollection, a feature without properties (or geometry), an id missing, malformed or
// twice, no features at all.
absl::Status ReadZones(const std::string& geojson, const ZoneReadOptions& options,
                       const ZoneVisitor& visit);

}  // namespace meldpunt::geo
