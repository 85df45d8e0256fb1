#pragma once
// Reads a tenant's territory and zones from GeoJSON (RFC 7946, WGS84 lon/lat), as published for
// Belgian municipalities and deelgemeenten (see deploy/zones/README.md). Each feature becomes one
// MultiPolygon, written back as GeoJSON for PostGIS' ST_GeomFromGeoJSON. Pure: no I/O.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace meldpunt::intake {

struct ZoneFeature {
  std::string zone_id;
  std::string name;
  std::string multipolygon_geojson;  // {"type":"MultiPolygon","coordinates":[...]}
};

// All Polygon and MultiPolygon features of a FeatureCollection (or one Feature, or a bare
// geometry) merged into one MultiPolygon. INVALID_ARGUMENT (reason GEOJSON_INVALID) naming what
// is wrong.
absl::StatusOr<std::string> ParseTerritory(const std::string& geojson);

// One zone per feature; its id and name are the given properties (a number is written in
// decimal). Ids must be unique, 1–64 characters of letters, digits, '-', '_' or '.'.
absl::StatusOr<std::vector<ZoneFeature>> ParseZones(const std::string& geojson,
                                                    const std::string& id_property,
                                                    const std::string& name_property);

// "Brustem" from "Brustem (Sint-Truiden)", "Sint-Truiden" from "Sint-Truiden (Dg.)": the
// published names carry the municipality (or "Dg.", deelgemeente) in brackets, which a map
// label or a message to a resident does not need.
std::string DisplayZoneName(const std::string& published_name);

}  // namespace meldpunt::intake
