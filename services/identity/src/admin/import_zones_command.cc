#include "services/identity/src/admin/import_zones_command.h"

#include "absl/time/clock.h"
#include "services/identity/src/admin/command_support.h"
#include "services/identity/src/admin/zone_import.h"

namespace meldpunt::identity::admin {

void RegisterImportZonesFlags(config::Flags& flags, ImportZonesOptions* o, bool with_tenant_id) {
  if (with_tenant_id) RegisterTenantIdFlag(flags, &o->tenant_id);
  flags.String("zones-geojson", &o->zones_geojson, "--import-zones: deelgemeenten GeoJSON file")
      .String("zone-id-property", &o->zone_id_property, "--import-zones: property with the zone id")
      .String("zone-name-property", &o->zone_name_property,
              "--import-zones: property with the zone name");
}

absl::Status ValidateImportZonesOptions(const ImportZonesOptions& o) {
  if (o.tenant_id.empty() || o.zones_geojson.empty()) {
    return absl::InvalidArgumentError("--import-zones needs --tenant-id and --zones-geojson");
  }
  return absl::OkStatus();
}

int RunImportZones(const ImportZonesOptions& o, pg::Pool& pool, observability::Logger& log) {
  CitizenZoneImportOptions options;
  options.tenant_id = o.tenant_id;
  options.zones_path = o.zones_geojson;
  options.id_property = o.zone_id_property;
  options.name_property = o.zone_name_property;
  auto summary = ImportCitizenZones(pool, options, absl::Now());
  if (!summary.ok()) return CommandFailed(log, "zone import failed", summary.status());
  log.Write(observability::LogLine(observability::LogLevel::kInfo, "identity", "zones imported")
                .Add("tenant_id", o.tenant_id)
                .Add("zones", summary->zones)
                .Add("replaced_zones", summary->replaced_zones)
                .Add("citizens_moved", summary->citizens_moved)
                .Finish());
  return 0;
}

}  // namespace meldpunt::identity::admin
