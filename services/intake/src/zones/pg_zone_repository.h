#pragma once

#include "libs/postgres/pool.h"
#include "services/intake/src/zones/zone_repository.h"

namespace meldpunt::intake {

class PgZoneRepository : public ZoneRepository {
 public:
  explicit PgZoneRepository(pg::Pool* pool) : pool_(pool) {}

  absl::StatusOr<ImportSummary> ReplaceTenantGeography(const TenantGeography& geography) override;

 private:
  pg::Pool* pool_;
};

}  // namespace meldpunt::intake
