#pragma once
// Where tenants and their geography live. PgZoneRepository is the PostGIS implementation.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/intake/src/zones/geojson_zones.h"

namespace meldpunt::intake {

struct TenantGeography {
  std::string tenant_id;
  std::string name;
  std::string reference_prefix;
  std::string territory_geojson;  // one MultiPolygon
  std::vector<ZoneFeature> zones;
};

struct ImportSummary {
  int zones = 0;
  int replaced_zones = 0;  // how many the tenant had before
};

class ZoneRepository {
 public:
  virtual ~ZoneRepository() = default;

  // Creates or updates the tenant and replaces its territory and zones, in one transaction.
  // INVALID_ARGUMENT (GEOMETRY_INVALID) naming the zone when PostGIS finds a geometry invalid.
  virtual absl::StatusOr<ImportSummary> ReplaceTenantGeography(const TenantGeography& geography) = 0;
};

}  // namespace meldpunt::intake
