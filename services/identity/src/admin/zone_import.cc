#include "services/identity/src/admin/zone_import.h"


#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/files/read_file.h"
#include "libs/auth/tenant_scope.h"
#include "libs/geo/geojson.h"
#include "libs/geo/zone_features.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "services/identity/src/citizens/citizen_record.h"
#include "libs/api/enum_names.h"
#include "services/identity/src/citizens/place_names.h"
#include "services/identity/src/events/citizen_events.h"
#include "sql/identity.h"

namespace meldpunt::identity {
namespace {

using json = nlohmann::json;
namespace rec = citizen_record;

constexpr char kDomain[] = "identity.meldpunt";
constexpr std::size_t kMaxFileBytes = std::size_t{64} << 20;
constexpr std::size_t kMaxNameBytes = 200;

absl::Status OptionInvalid(const std::string& message) {
  return status::Error(absl::StatusCode::kInvalidArgument, "IMPORT_OPTION_INVALID", message,
                       kDomain);
}

// libs/files' reading under the import's own reasons (operators' scripts match on them).
absl::StatusOr<std::string> ReadFile(const std::string& path) {
  auto text = files::ReadFile(path, kMaxFileBytes);
  if (text.ok()) return text;
  if (status::Reason(text.status()) == "FILE_TOO_LARGE") {
    return OptionInvalid(absl::StrCat(path, " is larger than 64 MiB"));
  }
  return status::Error(absl::StatusCode::kNotFound, "IMPORT_FILE_UNREADABLE",
                       absl::StrCat("cannot open ", path), kDomain);
}

}  // namespace

absl::StatusOr<std::vector<CitizenZone>> ParseZoneNames(const std::string& geojson,
                                                       const std::string& id_property,
                                                       const std::string& name_property) {
  // Names only: a feature needs no geometry, and the file must be a FeatureCollection.
  const geo::ZoneReadOptions options{id_property, name_property, /*single_feature_allowed=*/false,
                                     /*geometry_required=*/false, kDomain};
  std::vector<CitizenZone> zones;
  absl::Status read = geo::ReadZones(
      geojson, options, [&](const json&, const geo::ZoneProperties& z) -> absl::Status {
        // A domicile is placed by its name's match key: a name without one could never match.
        if (z.name.empty() || z.name.size() > kMaxNameBytes || PlaceMatchKey(z.name).empty()) {
          return geo::GeoJsonInvalid(absl::StrCat(z.where, ": property ", name_property,
                                                  " must be a name of at most 200 bytes"),
                                     kDomain);
        }
        zones.push_back(CitizenZone{z.zone_id, z.name});
        return absl::OkStatus();
      });
  if (!read.ok()) return read;
  return zones;
}

absl::StatusOr<CitizenZoneImportSummary> ImportCitizenZones(pg::Pool& pool,
                                                            const CitizenZoneImportOptions& o,
                                                            absl::Time now) {
  if (!geo::IsTenantId(o.tenant_id)) {
    return OptionInvalid("--tenant-id must be 1-32 letters, digits, '-' or '_' (the NIS code)");
  }
  if (o.zones_path.empty()) return OptionInvalid("--zones-geojson is required");
  if (o.id_property.empty() || o.name_property.empty()) {
    return OptionInvalid("--zone-id-property and --zone-name-property must not be empty");
  }
  auto text = ReadFile(o.zones_path);
  if (!text.ok()) return text.status();
  auto zones = ParseZoneNames(*text, o.id_property, o.name_property);
  if (!zones.ok()) return status::Annotate(zones.status(), o.zones_path);

  CitizenZoneImportSummary summary;
  absl::Status s = auth::TransactInTenant(pool, o.tenant_id, [&](pqxx::work& tx) -> absl::Status {
    summary = CitizenZoneImportSummary{};
    summary.replaced_zones = static_cast<int>(
        pg::ExecUnnamed(tx, sql::identity::delete_tenant_zones, o.tenant_id).affected_rows());
    for (const CitizenZone& zone : *zones) {
      pg::ExecUnnamed(tx, sql::identity::insert_zone, o.tenant_id, zone.zone_id, zone.name,
                      PlaceMatchKey(zone.name));
      ++summary.zones;
    }
    // Every citizen placed again by its stored domicile key; the moved ones come back.
    const pqxx::result moved = pg::ExecUnnamed(tx, sql::identity::place_citizens_again,
                                               o.tenant_id, absl::StrCat(absl::ToUnixMicros(now)));
    for (const auto& row : moved) {
      const std::string id = row[0].as<std::string>();
      events::v1::CitizenDimensions dims;
      dims.set_zone_id(row[1].as<std::string>());
      dims.set_gender(api::EnumFromDb<common::v1::Gender>(row[2].as<std::string>()));
      dims.set_birth_year(row[3].as<int>());
      dims.set_profession(row[4].as<std::string>());
      dims.set_language(api::EnumFromDb<common::v1::Language>(row[5].as<std::string>()));
      dims.set_preferred_channel(api::EnumFromDb<common::v1::ContactChannel>(row[6].as<std::string>()));
      if (absl::Status e = rec::AppendCitizenEvent(
              tx, o.tenant_id, id, now,
              [&](events::v1::Event& ev) {
                *ev.mutable_citizen_profile_changed() = CitizenProfileChangedFor(id, dims);
              });
          !e.ok()) {
        return e;
      }
      ++summary.citizens_moved;
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return summary;
}

}  // namespace meldpunt::identity
