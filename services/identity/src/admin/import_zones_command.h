#pragma once
// The operator command `meldpunt-identity import-zones`: its flags and its run (zone_import.h
// does the work).

#include <string>

#include "libs/server/service_main.h"

namespace meldpunt::identity::admin {

struct ImportZonesOptions {
  std::string tenant_id;
  std::string zones_geojson;
  std::string zone_id_property = "geoitem";
  std::string zone_name_property = "naam";
};

// The command with its flags (--tenant-id, --zones-geojson, --zone-id-property,
// --zone-name-property) bound to options, which must outlive the call. Exit codes: 0 imported
// (summary logged), 1 failed (logged), 2 a required flag is missing.
server::Command ImportZonesCommand(ImportZonesOptions* options);

}  // namespace meldpunt::identity::admin
