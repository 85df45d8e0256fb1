#include "libs/auth/tenant_scope.h"

#include <pqxx/pqxx>

#include "libs/postgres/errors.h"
#include "libs/status/status.h"

namespace meldpunt::auth {

absl::Status ScopeToTenant(pqxx::work& tx, std::string_view tenant_id) {
  if (tenant_id.empty()) {
    return status::PermissionDenied("TENANT_MISSING", "no tenant to scope the transaction to");
  }
  try {
    tx.exec_params("SELECT set_config('meldpunt.tenant_id', $1, true)", std::string(tenant_id));
  } catch (const std::exception& e) {
    return pg::MapException(e);
  }
  return absl::OkStatus();
}

absl::Status TransactInTenant(pg::Pool& pool, std::string_view tenant_id,
                              const std::function<absl::Status(pqxx::work&)>& fn) {
  return pg::Transact(pool, [&](pqxx::work& tx) -> absl::Status {
    if (absl::Status scoped = ScopeToTenant(tx, tenant_id); !scoped.ok()) return scoped;
    return fn(tx);
  });
}

}  // namespace meldpunt::auth
