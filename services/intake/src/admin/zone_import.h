#pragma once
// The operator command `meldpunt-intake import-zones`: reads a tenant's territory and zones
// from GeoJSON files and replaces what intake holds for that tenant (idempotent). main() and the
// tests call the same function, so tests load zones exactly the way operators do.

#include <string>

#include "absl/status/statusor.h"
#include "services/intake/src/zones/zone_repository.h"

namespace meldpunt::intake {

struct ZoneImportOptions {
  std::string tenant_id;         // NIS code, e.g. "71053"
  std::string tenant_name;       // e.g. "Sint-Truiden"
  std::string reference_prefix;  // e.g. "STR"
  std::string territory_path;    // the municipality polygon
  std::string zones_path;        // the deelgemeenten / wijken
  std::string zone_id_property = "geoitem";
  std::string zone_name_property = "naam";
};

// INVALID_ARGUMENT naming the first missing or malformed option.
absl::Status ValidateZoneImportOptions(const ZoneImportOptions& options);

// Reads and parses both files (each at most 64 MiB).
absl::StatusOr<TenantGeography> LoadTenantGeography(const ZoneImportOptions& options);

// Validate, load, replace.
absl::StatusOr<ImportSummary> ImportZones(const ZoneImportOptions& options, ZoneRepository& zones);

}  // namespace meldpunt::intake
