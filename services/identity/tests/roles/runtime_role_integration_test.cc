// identity's runtime role against its own database (issue 9, database roles): owns nothing,
// creates nothing, and is held to one tenant's rows in every tenant table (libs/testing/runtime_role.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libs/testing/runtime_role.h"
#include "libs/testing/test_database.h"
#include "migrations/events.h"
#include "migrations/identity.h"

namespace meldpunt::identity {
namespace {

TEST(IdentityRuntimeRoleTest, OwnsNothingAndSeesOneTenant) {
  auto db = meldpunt::testing::TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  auto store = (*db)->OpenAsService(
      {{"events", migrations::events()}, {"identity", migrations::identity()}});
  ASSERT_TRUE(store.ok()) << store.status();
  meldpunt::testing::RuntimeRoleExpectations expect;
  expect.seeds = {
      "INSERT INTO citizens (id, tenant_id, national_number_hash, national_number_sealed, "
      "identity_sealed, verified_at, created_at, updated_at) VALUES (gen_random_uuid(), "
      "'{tenant}', sha256('{tenant}'::bytea), '\\x00', '\\x00', now(), now(), now())",
      "INSERT INTO citizen_consents (tenant_id, citizen_id, topic, granted, decided_at) "
      "SELECT tenant_id, id, 'news', true, now() FROM citizens WHERE tenant_id = '{tenant}'",
      "INSERT INTO citizen_access_log (tenant_id, citizen_id, staff_id, action, reason, at) "
      "SELECT tenant_id, id, 'staff-1', 'read', 'test', now() FROM citizens "
      "WHERE tenant_id = '{tenant}'",
      "INSERT INTO citizen_zones (tenant_id, zone_id, name, match_key) "
      "VALUES ('{tenant}', '{tenant}A', 'Zone', 'zone')",
      "INSERT INTO staff_accounts (tenant_id, username, username_key, display_name, roles, "
      "password_hash) VALUES ('{tenant}', 'beheerder', 'beheerder', 'Beheerder', "
      "ARRAY['tenant_admin'], '$argon2id$seed')",
      "INSERT INTO sessions (tenant_id, id, subject, kind, roles, created_at, expires_at) VALUES "
      "('{tenant}', gen_random_uuid(), 'staff-1', 'staff', ARRAY['tenant_admin'], now(), "
      "now() + interval '1 hour')",
      "INSERT INTO refresh_tokens (token_hash, tenant_id, session_id, issued_at, expires_at) "
      "SELECT sha256(('{tenant}' || id)::bytea), tenant_id, id, now(), expires_at FROM sessions "
      "WHERE tenant_id = '{tenant}'",
      "INSERT INTO assurance_policies (tenant_id, read_profile, change_profile) "
      "VALUES ('{tenant}', 'EID_DATA', 'EID_CHALLENGE')",
  };
  // Single use of a card challenge is global across tenants (0004_eid_challenges.sql).
  expect.platform_tables = {"eid_challenge_nonces"};
  EXPECT_THAT(meldpunt::testing::RuntimeRoleFindings(*store, expect), ::testing::IsEmpty());
}

}  // namespace
}  // namespace meldpunt::identity
