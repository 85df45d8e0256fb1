// intake's runtime role against its own database (issue 9, database roles): owns nothing,
// creates nothing, and is held to one tenant's rows in every tenant table (libs/testing/runtime_role.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libs/testing/runtime_role.h"
#include "libs/testing/test_database.h"
#include "migrations/events.h"
#include "migrations/idempotency.h"
#include "migrations/intake.h"

namespace meldpunt::intake {
namespace {

TEST(IntakeRuntimeRoleTest, OwnsNothingAndSeesOneTenant) {
  auto db = meldpunt::testing::TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  auto store = (*db)->OpenAsService({{"events", migrations::events()},
                                     {"idempotency", migrations::idempotency()},
                                     {"intake", migrations::intake()}});
  ASSERT_TRUE(store.ok()) << store.status();
  meldpunt::testing::RuntimeRoleExpectations expect;
  expect.seeds = {
      "INSERT INTO tenants (tenant_id, name, reference_prefix) VALUES ('{tenant}', 'T', 'TST')",
      "INSERT INTO zones (tenant_id, zone_id, name, kind, geom) VALUES ('{tenant}', '{tenant}A', "
      "'Zone', 'zone', 'SRID=4326;MULTIPOLYGON(((5 50,5.1 50,5.1 50.1,5 50)))'::geography)",
      "INSERT INTO categories (tenant_id, code, active, definition) "
      "VALUES ('{tenant}', 'lamp', true, '{}')",
      "INSERT INTO report_counters (tenant_id, year, last_value) VALUES ('{tenant}', 2026, 1)",
      "INSERT INTO reports (tenant_id, id, reference, category_code, channel, reporter_kind, "
      "contact_channel, contact_language, language, description, submitted_by) VALUES "
      "('{tenant}', gen_random_uuid(), 'TST-2026-000001', 'lamp', 'APP', 'none', 'NONE', 'NL', "
      "'NL', 'kapotte lamp', 'test')",
      "INSERT INTO media (tenant_id, id, report_id, content_type, sha256, size_bytes, "
      "stored_size_bytes, content) SELECT tenant_id, gen_random_uuid(), id, 'image/png', "
      "repeat('a', 64), 1, 1, '\\x00' FROM reports WHERE tenant_id = '{tenant}'",
      "INSERT INTO report_access_log (tenant_id, report_id, accessor, accessor_kind, issuer, "
      "method, reason, request_id, at) SELECT tenant_id, id, 'staff-1', 'staff', 'gateway', "
      "'GetReport', '', 'seed', now() FROM reports WHERE tenant_id = '{tenant}'",
  };
  EXPECT_THAT(meldpunt::testing::RuntimeRoleFindings(*store, expect), ::testing::IsEmpty());
}

}  // namespace
}  // namespace meldpunt::intake
