#pragma once
// `meldpunt-intake --import-zones`: the operator command's flags and what it runs once the
// database is reachable. The import itself is zone_import.h (the tests load zones through it).

#include "libs/config/flags.h"
#include "libs/observability/log.h"
#include "libs/postgres/pool.h"
#include "services/intake/src/admin/zone_import.h"

namespace meldpunt::intake {

struct ImportZonesOptions {
  bool import_zones = false;  // run this command instead of serving
  ZoneImportOptions zones;
};

// --import-zones and its --tenant-id, --tenant-name, --reference-prefix, --territory-geojson,
// --zones-geojson, --zone-id-property, --zone-name-property.
void RegisterImportZonesFlags(config::Flags& flags, ImportZonesOptions* options);

// Imports options.zones (check it first with ValidateZoneImportOptions: a bad option is a usage
// error, before any connection) and logs the summary. The process exit code: 0, or 1 with the
// failure logged.
int RunImportZones(const ImportZonesOptions& options, pg::Pool& pool, observability::Logger& log);

}  // namespace meldpunt::intake
