#pragma once
// What every service's store must hold against its own runtime role (issue 9, database roles):
// the role owns nothing and may create nothing, so it cannot switch row-level security off; with
// one tenant in scope it sees no row of another in any tenant table, and `row_security = off`
// does not help it. Each service's integration test opens its store with
// TestDatabase::OpenAsService, names what is special about its tables, and expects no findings.
// Test-only.

#include <string>
#include <vector>

#include "libs/testing/test_database.h"

namespace meldpunt::testing {

struct RuntimeRoleExpectations {
  // Two tenants whose rows are seeded (as the superuser, past row-level security).
  std::string tenant_a = "71053";
  std::string tenant_b = "71022";
  // INSERT statements seeding one row (or more) of tenant "{tenant}" in each of the service's
  // own tenant tables, run once per tenant in order. The shared libraries' tables (outbox,
  // parked events, request log) are seeded here already when the store has them.
  std::vector<std::string> seeds;
  // Tables with a tenant_id column that hold platform data on purpose and are not under
  // row-level security (identity's eid_challenge_nonces); every other such table must be.
  std::vector<std::string> platform_tables;
};

// One line per broken expectation ("meldpunt_outbox: tenant 71053 sees 1 row of another tenant"),
// empty when the store is as it must be. Also fails (a finding) when a tenant table has no
// seeded row of either tenant, so a new table cannot slip past the check unseeded.
std::vector<std::string> RuntimeRoleFindings(ServiceStore& store,
                                             const RuntimeRoleExpectations& expect);

}  // namespace meldpunt::testing
