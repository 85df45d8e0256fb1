#include "services/identity/src/admin/import_zones_command.h"

#include "absl/time/clock.h"
#include "services/identity/src/admin/command_support.h"
#include "services/identity/src/admin/zone_import.h"

namespace meldpunt::identity::admin {

server::Command ImportZonesCommand(ImportZonesOptions* o) {
  server::Command c;
  c.name = "import-zones";
  c.summary = "load a tenant's zones (names) for placing domiciles, then exit";
  c.register_flags = [o](config::Flags& flags) {
    RegisterTenantIdFlag(flags, &o->tenant_id);
    flags.String("zones-geojson", &o->zones_geojson, "deelgemeenten GeoJSON file")
        .String("zone-id-property", &o->zone_id_property, "property with the zone id")
        .String("zone-name-property", &o->zone_name_property, "property with the zone name");
  };
  c.validate = [o]() -> absl::Status {
    if (o->tenant_id.empty() || o->zones_geojson.empty()) {
      return absl::InvalidArgumentError("import-zones needs --tenant-id and --zones-geojson");
    }
    return absl::OkStatus();
  };
  c.run = [o](server::CommandContext& ctx) {
    CitizenZoneImportOptions options;
    options.tenant_id = o->tenant_id;
    options.zones_path = o->zones_geojson;
    options.id_property = o->zone_id_property;
    options.name_property = o->zone_name_property;
    auto summary = ImportCitizenZones(*ctx.pool, options, absl::Now());
    if (!summary.ok()) return CommandFailed(ctx.log, "zone import failed", summary.status());
    ctx.log.Write(
        observability::LogLine(observability::LogLevel::kInfo, "identity", "zones imported")
            .Add("tenant_id", o->tenant_id)
            .Add("zones", summary->zones)
            .Add("replaced_zones", summary->replaced_zones)
            .Add("citizens_moved", summary->citizens_moved)
            .Finish());
    return 0;
  };
  return c;
}

}  // namespace meldpunt::identity::admin
