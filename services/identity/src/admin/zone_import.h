#pragma once
// Zones for placing a citizen's domicile: the operator command (wired into meldpunt-identity's
// main by the service) reads the tenant's deelgemeenten from the same GeoJSON intake imports
// (deploy/zones/<NIS>-<name>-deelgemeenten.geojson, properties geoitem and naam) and replaces the
// tenant's citizen_zones. Only ids and names are kept: identity places a domicile by its
// municipality name, not by coordinates. Citizens are placed again at once; each whose zone
// changed gets a CitizenProfileChanged event. Idempotent.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/postgres/pool.h"

namespace meldpunt::identity {

struct CitizenZone {
  std::string zone_id;  // e.g. "71053J"
  std::string name;     // as published, e.g. "Brustem (Sint-Truiden)"
};

// One zone per feature of a FeatureCollection, from the given properties (a number is written
// in decimal). Ids unique, 1–64 letters, digits, '.', '_' or '-'; names 1–200 bytes.
// INVALID_ARGUMENT (GEOJSON_INVALID) naming what is wrong. Pure.
absl::StatusOr<std::vector<CitizenZone>> ParseZoneNames(const std::string& geojson,
                                                       const std::string& id_property,
                                                       const std::string& name_property);

struct CitizenZoneImportOptions {
  std::string tenant_id;   // NIS code, e.g. "71053"
  std::string zones_path;  // the deelgemeenten GeoJSON (at most 64 MiB)
  std::string id_property = "geoitem";
  std::string name_property = "naam";
};

struct CitizenZoneImportSummary {
  int zones = 0;           // zones the tenant has now
  int replaced_zones = 0;  // zones it had before
  int citizens_moved = 0;  // citizens whose zone changed
};

// Validate options, read and parse the file, then in one transaction: replace the tenant's
// zones, place its citizens again, write their events (occurred at now).
absl::StatusOr<CitizenZoneImportSummary> ImportCitizenZones(pg::Pool& pool,
                                                            const CitizenZoneImportOptions& options,
                                                            absl::Time now);

}  // namespace meldpunt::identity
