#include "services/identity/src/citizens/pg_assurance_policies.h"

#include <pqxx/pqxx>

#include "libs/auth/assurance.h"
#include "libs/auth/tenant_scope.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "sql/identity.h"

namespace meldpunt::identity {
namespace {

namespace q = sql::identity;

}  // namespace

absl::StatusOr<AssurancePolicy> PgAssurancePolicies::ForTenant(std::string_view tenant_id) {
  AssurancePolicy policy;
  absl::Status s = auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    policy = AssurancePolicy{};
    const pqxx::result rows = pg::ExecPrepared(tx, q::find_assurance_policy, std::string(tenant_id));
    if (rows.empty()) return absl::OkStatus();
    policy.read_profile = auth::AssuranceFromName(rows[0][0].as<std::string>());
    policy.change_profile = auth::AssuranceFromName(rows[0][1].as<std::string>());
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  // The table's CHECK admits only settable levels; anything else means a broken row, and a
  // policy that silently demands nothing would be the wrong way to fail.
  if (absl::Status valid = ValidateAssurancePolicy(policy); !valid.ok()) {
    return status::Internal("STORED_VALUE_INVALID", "the tenant's stored assurance policy is invalid");
  }
  return policy;
}

absl::Status PgAssurancePolicies::Set(std::string_view tenant_id, const AssurancePolicy& policy) {
  if (absl::Status valid = ValidateAssurancePolicy(policy); !valid.ok()) return valid;
  return auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    pg::ExecPrepared(tx, q::upsert_assurance_policy, std::string(tenant_id),
                     auth::AssuranceName(policy.read_profile),
                     auth::AssuranceName(policy.change_profile));
    return absl::OkStatus();
  });
}

}  // namespace meldpunt::identity
