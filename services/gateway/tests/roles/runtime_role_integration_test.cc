// The gateway's runtime role against its own database (issue 9, database roles): owns nothing
// and creates nothing. Its one table, api_clients, is platform data read before a tenant is
// known (a key is bound to one or more tenants), so it has no tenant_id and no row-level
// security (0001_api_clients.sql); libs/testing/runtime_role.h still requires any tenant table
// a later migration adds to be under it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libs/testing/runtime_role.h"
#include "libs/testing/sql_probe.h"
#include "libs/testing/test_database.h"
#include "migrations/gateway.h"

namespace meldpunt::gateway {
namespace {

TEST(GatewayRuntimeRoleTest, OwnsNothingAndCreatesNothing) {
  auto db = meldpunt::testing::TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  auto store = (*db)->OpenAsService({{"gateway", migrations::gateway()}});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_THAT(meldpunt::testing::RuntimeRoleFindings(*store, {}), ::testing::IsEmpty());
  // What it needs of its table it has (default privileges of the migration role).
  auto clients = meldpunt::testing::QueryInt(*store->pool, "SELECT count(*) FROM api_clients");
  EXPECT_TRUE(clients.ok()) << clients.status();
}

}  // namespace
}  // namespace meldpunt::gateway
