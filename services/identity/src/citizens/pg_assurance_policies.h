#pragma once
// AssurancePolicies on PostgreSQL (migrations/0006_assurance_policies.sql), one row per tenant
// that changed the defaults. Blocking: call from worker threads.

#include "libs/postgres/pool.h"
#include "services/identity/src/citizens/assurance_policy.h"

namespace meldpunt::identity {

class PgAssurancePolicies final : public AssurancePolicies {
 public:
  explicit PgAssurancePolicies(pg::Pool* pool) : pool_(pool) {}

  absl::StatusOr<AssurancePolicy> ForTenant(std::string_view tenant_id) override;
  absl::Status Set(std::string_view tenant_id, const AssurancePolicy& policy) override;

 private:
  pg::Pool* pool_;
};

}  // namespace meldpunt::identity
