#include "services/intake/src/admin/import_zones_command.h"

#include <string>

#include "services/intake/src/zones/pg_zone_repository.h"

namespace meldpunt::intake {
namespace {

constexpr char kService[] = "intake";

}  // namespace

void RegisterImportZonesFlags(config::Flags& flags, ImportZonesOptions* o) {
  flags
      .Bool("import-zones", &o->import_zones,
            "operator command: load a tenant's territory and zones from GeoJSON, then exit")
      .String("tenant-id", &o->zones.tenant_id, "--import-zones: the tenant's NIS code, e.g. 71053")
      .String("tenant-name", &o->zones.tenant_name, "--import-zones: e.g. Sint-Truiden")
      .String("reference-prefix", &o->zones.reference_prefix,
              "--import-zones: first part of report references, e.g. STR")
      .String("territory-geojson", &o->zones.territory_path,
              "--import-zones: GeoJSON file of the municipality's boundary")
      .String("zones-geojson", &o->zones.zones_path,
              "--import-zones: GeoJSON file of the zones (deelgemeenten, wijken)")
      .String("zone-id-property", &o->zones.zone_id_property,
              "--import-zones: feature property holding the zone id")
      .String("zone-name-property", &o->zones.zone_name_property,
              "--import-zones: feature property holding the zone name");
}

int RunImportZones(const ImportZonesOptions& o, pg::Pool& pool, observability::Logger& log) {
  PgZoneRepository zones(&pool);
  auto summary = ImportZones(o.zones, zones);
  if (!summary.ok()) {
    log.Write(observability::LogLine(observability::LogLevel::kError, kService, "zone import failed")
                  .Add("error", std::string(summary.status().message()))
                  .Finish());
    return 1;
  }
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "zones imported")
                .Add("tenant_id", o.zones.tenant_id)
                .Add("zones", summary->zones)
                .Add("replaced_zones", summary->replaced_zones)
                .Finish());
  return 0;
}

}  // namespace meldpunt::intake
