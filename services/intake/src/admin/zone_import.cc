#include "services/intake/src/admin/zone_import.h"

#include "absl/strings/str_cat.h"
#include "libs/files/read_file.h"
#include "libs/geo/zone_features.h"
#include "libs/status/status.h"
#include "libs/text/text.h"
#include "services/intake/src/reports/reference.h"
#include "services/intake/src/zones/geojson_zones.h"

namespace meldpunt::intake {
namespace {

constexpr std::size_t kMaxFileBytes = std::size_t{64} << 20;

absl::Status Invalid(const std::string& message) {
  return status::InvalidArgument("IMPORT_OPTION_INVALID", message);
}

}  // namespace

absl::Status ValidateZoneImportOptions(const ZoneImportOptions& o) {
  if (!geo::IsTenantId(o.tenant_id)) {
    return Invalid("--tenant-id must be 1-32 letters, digits, '-' or '_' (the NIS code, e.g. 71053)");
  }
  if (o.tenant_name.empty() || text::Utf8Length(o.tenant_name) > 100 ||
      text::HasControlCharacters(o.tenant_name, false)) {
    return Invalid("--tenant-name must be 1-100 characters on one line");
  }
  if (!IsValidReferencePrefix(o.reference_prefix)) {
    return Invalid("--reference-prefix must be 2-5 capital letters, e.g. STR");
  }
  if (o.territory_path.empty()) return Invalid("--territory-geojson is required");
  if (o.zones_path.empty()) return Invalid("--zones-geojson is required");
  if (o.zone_id_property.empty() || o.zone_name_property.empty()) {
    return Invalid("--zone-id-property and --zone-name-property must not be empty");
  }
  return absl::OkStatus();
}

absl::StatusOr<TenantGeography> LoadTenantGeography(const ZoneImportOptions& o) {
  TenantGeography g;
  g.tenant_id = o.tenant_id;
  g.name = o.tenant_name;
  g.reference_prefix = o.reference_prefix;
  auto territory_text = files::ReadFile(o.territory_path, kMaxFileBytes);
  if (!territory_text.ok()) return territory_text.status();
  auto territory = ParseTerritory(*territory_text);
  if (!territory.ok()) return status::Annotate(territory.status(), o.territory_path);
  g.territory_geojson = std::move(*territory);
  auto zones_text = files::ReadFile(o.zones_path, kMaxFileBytes);
  if (!zones_text.ok()) return zones_text.status();
  auto zones = ParseZones(*zones_text, o.zone_id_property, o.zone_name_property);
  if (!zones.ok()) return status::Annotate(zones.status(), o.zones_path);
  g.zones = std::move(*zones);
  return g;
}

absl::StatusOr<ImportSummary> ImportZones(const ZoneImportOptions& options, ZoneRepository& zones) {
  if (absl::Status valid = ValidateZoneImportOptions(options); !valid.ok()) return valid;
  auto geography = LoadTenantGeography(options);
  if (!geography.ok()) return geography.status();
  return zones.ReplaceTenantGeography(*geography);
}

}  // namespace meldpunt::intake
