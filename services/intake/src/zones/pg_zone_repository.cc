#include "services/intake/src/zones/pg_zone_repository.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/auth/tenant_scope.h"
#include "libs/status/status.h"

namespace meldpunt::intake {
namespace {

constexpr char kUpsertTenant[] =
    "INSERT INTO tenants (tenant_id, name, reference_prefix) VALUES ($1, $2, $3)"
    " ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name,"
    " reference_prefix = EXCLUDED.reference_prefix, updated_at = now()";

// Polygons from GeoJSON are read as geometry (straight edges in lon/lat, as RFC 7946 means them)
// and must be valid there before they become geography.
constexpr char kInsertZone[] =
    "WITH g AS (SELECT ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON($5)), 4326) AS geom)"
    " INSERT INTO zones (tenant_id, zone_id, name, kind, geom)"
    " SELECT $1, $2, $3, $4, geom::geography FROM g WHERE ST_IsValid(geom)"
    " RETURNING 1";

}  // namespace

absl::StatusOr<ImportSummary> PgZoneRepository::ReplaceTenantGeography(const TenantGeography& t) {
  ImportSummary summary;
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    summary = ImportSummary{};
    if (absl::Status scoped = auth::ScopeToTenant(tx, t.tenant_id); !scoped.ok()) return scoped;
    tx.exec_params(kUpsertTenant, t.tenant_id, t.name, t.reference_prefix);
    summary.replaced_zones = static_cast<int>(
        tx.exec_params("DELETE FROM zones WHERE tenant_id = $1 AND kind = 'zone'", t.tenant_id)
            .affected_rows());
    tx.exec_params("DELETE FROM zones WHERE tenant_id = $1 AND kind = 'territory'", t.tenant_id);
    auto insert = [&](const std::string& id, const std::string& name, const char* kind,
                      const std::string& geojson) -> absl::Status {
      if (tx.exec_params(kInsertZone, t.tenant_id, id, name, kind, geojson).empty()) {
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
