#pragma once
// The second line of tenant isolation: every transaction that touches tenant rows first sets
// meldpunt.tenant_id, and row-level security policies on the tables compare against it
// (`USING (tenant_id = current_setting('meldpunt.tenant_id', true))`). Queries filter by tenant
// in code as well; the policy catches the query that forgot to.

#include <string_view>

#include <pqxx/transaction>

#include "absl/status/status.h"

namespace meldpunt::auth {

// Transaction-local (SET LOCAL semantics): it ends with the transaction, so a pooled connection
// never carries one tenant's scope into another's call.
absl::Status ScopeToTenant(pqxx::work& tx, std::string_view tenant_id);

}  // namespace meldpunt::auth
