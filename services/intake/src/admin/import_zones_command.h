#pragma once
// `meldpunt-intake import-zones`: the operator command's flags and what it runs once the
// database is reachable. The import itself is zone_import.h (the tests load zones through it).

#include "libs/server/service_main.h"
#include "services/intake/src/admin/zone_import.h"

namespace meldpunt::intake {

// The command with its flags (--tenant-id, --tenant-name, --reference-prefix,
// --territory-geojson, --zones-geojson, --zone-id-property, --zone-name-property) bound to
// options, which must outlive the call. A bad option is a usage error (exit 2) before any
// connection; the import logs its summary and exits 0, or 1 with the failure logged.
server::Command ImportZonesCommand(ZoneImportOptions* options);

}  // namespace meldpunt::intake
