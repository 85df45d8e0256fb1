#pragma once
// The second line of tenant isolation: every transaction that touches tenant rows first sets
// meldpunt.tenant_id, and row-level security policies on the tables compare against it
// (`USING (tenant_id = current_setting('meldpunt.tenant_id', true))`). Queries filter by tenant
// in code as well; the policy catches the query that forgot to.

#include <functional>
#include <string_view>

#include <pqxx/transaction>

#include "absl/status/status.h"
#include "libs/postgres/pool.h"

namespace meldpunt::auth {

// Transaction-local (SET LOCAL semantics): it ends with the transaction, so a pooled connection
// never carries one tenant's scope into another's call.
absl::Status ScopeToTenant(pqxx::work& tx, std::string_view tenant_id);

// pg::Transact with the transaction scoped to tenant_id before fn runs: what almost every
// repository method of a tenant's rows does.
absl::Status TransactInTenant(pg::Pool& pool, std::string_view tenant_id,
                              const std::function<absl::Status(pqxx::work&)>& fn);

}  // namespace meldpunt::auth
