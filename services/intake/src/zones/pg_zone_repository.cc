#include "services/intake/src/zones/pg_zone_repository.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/auth/tenant_scope.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "sql/intake.h"

namespace meldpunt::intake {

absl::StatusOr<ImportSummary> PgZoneRepository::ReplaceTenantGeography(const TenantGeography& t) {
  ImportSummary summary;
  absl::Status s = auth::TransactInTenant(*pool_, t.tenant_id, [&](pqxx::work& tx) -> absl::Status {
    summary = ImportSummary{};
    pg::ExecUnnamed(tx, sql::intake::upsert_tenant, t.tenant_id, t.name, t.reference_prefix);
    summary.replaced_zones = static_cast<int>(
        pg::ExecUnnamed(tx, sql::intake::delete_zones, t.tenant_id).affected_rows());
    pg::ExecUnnamed(tx, sql::intake::delete_territory, t.tenant_id);
    auto insert = [&](const std::string& id, const std::string& name, const char* kind,
                      const std::string& geojson) -> absl::Status {
      // No row: PostGIS found the geometry invalid (insert_zone.sql).
      if (pg::ExecUnnamed(tx, sql::intake::insert_zone, t.tenant_id, id, name, kind, geojson).empty()) {
        return status::InvalidArgument("GEOMETRY_INVALID",
                                       absl::StrCat("the geometry of ", kind, " ", id, " is not valid"));
      }
      return absl::OkStatus();
    };
    if (absl::Status ok = insert(t.tenant_id, t.name, "territory", t.territory_geojson); !ok.ok()) {
      return ok;
    }
    for (const ZoneFeature& zone : t.zones) {
      if (zone.zone_id == t.tenant_id) {
        return status::InvalidArgument("GEOJSON_INVALID",
                                       "a zone may not have the tenant's own id (the territory has it)");
      }
      if (absl::Status ok = insert(zone.zone_id, zone.name, "zone", zone.multipolygon_geojson); !ok.ok()) {
        return ok;
      }
      ++summary.zones;
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return summary;
}

}  // namespace meldpunt::intake
