#include "services/intake/src/admin/import_zones_command.h"

#include <string>

#include "services/intake/src/zones/pg_zone_repository.h"

namespace meldpunt::intake {
namespace {

constexpr char kService[] = "intake";

void RegisterFlags(config::Flags& flags, ZoneImportOptions* o) {
  flags.String("tenant-id", &o->tenant_id, "the tenant's NIS code, e.g. 71053")
      .String("tenant-name", &o->tenant_name, "e.g. Sint-Truiden")
      .String("reference-prefix", &o->reference_prefix,
              "first part of report references, e.g. STR")
      .String("territory-geojson", &o->territory_path,
              "GeoJSON file of the municipality's boundary")
      .String("zones-geojson", &o->zones_path,
              "GeoJSON file of the zones (deelgemeenten, wijken)")
      .String("zone-id-property", &o->zone_id_property, "feature property holding the zone id")
      .String("zone-name-property", &o->zone_name_property,
              "feature property holding the zone name");
}

int Run(const ZoneImportOptions& o, server::CommandContext& ctx) {
  PgZoneRepository zones(ctx.pool);
  auto summary = ImportZones(o, zones);
  if (!summary.ok()) {
    ctx.log.Write(
        observability::LogLine(observability::LogLevel::kError, kService, "zone import failed")
            .Add("error", std::string(summary.status().message()))
            .Finish());
    return 1;
  }
  ctx.log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "zones imported")
                    .Add("tenant_id", o.tenant_id)
                    .Add("zones", summary->zones)
                    .Add("replaced_zones", summary->replaced_zones)
                    .Finish());
  return 0;
}

}  // namespace

server::Command ImportZonesCommand(ZoneImportOptions* options) {
  server::Command c;
  c.name = "import-zones";
  c.summary = "load a tenant's territory and zones from GeoJSON, then exit";
  c.register_flags = [options](config::Flags& flags) { RegisterFlags(flags, options); };
  c.validate = [options] { return ValidateZoneImportOptions(*options); };
  c.run = [options](server::CommandContext& ctx) { return Run(*options, ctx); };
  return c;
}

}  // namespace meldpunt::intake
