#pragma once
// The operator command `meldpunt-identity --import-zones`: its flags and its run (zone_import.h
// does the work).

#include <string>

#include "absl/status/status.h"
#include "libs/config/flags.h"
#include "libs/observability/log.h"
#include "libs/postgres/pool.h"

namespace meldpunt::identity::admin {

struct ImportZonesOptions {
  std::string tenant_id;
  std::string zones_geojson;
  std::string zone_id_property = "geoitem";
  std::string zone_name_property = "naam";
};

// --tenant-id (unless with_tenant_id is false: a Flags that has it already, as today's main
// where both operator commands share one set of flags), --zones-geojson, --zone-id-property,
// --zone-name-property.
void RegisterImportZonesFlags(config::Flags& flags, ImportZonesOptions* options,
                              bool with_tenant_id = true);

// INVALID_ARGUMENT with the usage message when a required flag is missing; checked before
// connecting to PostgreSQL.
absl::Status ValidateImportZonesOptions(const ImportZonesOptions& options);

// Imports the zones and logs the summary: 0, or 1 after logging the failure.
int RunImportZones(const ImportZonesOptions& options, pg::Pool& pool, observability::Logger& log);

}  // namespace meldpunt::identity::admin
