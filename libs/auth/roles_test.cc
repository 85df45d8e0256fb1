#include "libs/auth/roles.h"

#include <gtest/gtest.h>

namespace meldpunt::auth {
namespace {

namespace roles = common::v1;

Principal With(roles::PrincipalKind kind, std::initializer_list<Role> rs) {
  Principal p;
  p.set_kind(kind);
  for (Role r : rs) p.add_roles(r);
  return p;
}

TEST(RoleSetTest, ContainsWhatItWasGivenOnly) {
  constexpr RoleSet set = {roles::ROLE_COORDINATOR, roles::ROLE_TENANT_ADMIN};
  static_assert(set.Contains(roles::ROLE_COORDINATOR));
  EXPECT_TRUE(set.Contains(roles::ROLE_TENANT_ADMIN));
  EXPECT_FALSE(set.Contains(roles::ROLE_CITIZEN));
  EXPECT_FALSE(set.Contains(roles::ROLE_UNSPECIFIED));
  EXPECT_FALSE(set.Contains(static_cast<Role>(40)));
  EXPECT_TRUE(RoleSet().Empty());
  EXPECT_EQ(set.Union({roles::ROLE_CITIZEN}).Without({roles::ROLE_COORDINATOR}),
            (RoleSet{roles::ROLE_TENANT_ADMIN, roles::ROLE_CITIZEN}));
}

TEST(RoleSetTest, AllRolesHasEveryNamedRole) {
  const auto* d = roles::Role_descriptor();
  for (int i = 0; i < d->value_count(); ++i) {
    const auto role = static_cast<Role>(d->value(i)->number());
    EXPECT_EQ(kAllRoles.Contains(role), role != roles::ROLE_UNSPECIFIED) << d->value(i)->name();
  }
}

TEST(CallersTest, CitizenKindOrRoleMakesACitizenCaller) {
  EXPECT_TRUE(IsCitizenCaller(With(roles::PRINCIPAL_KIND_CITIZEN, {roles::ROLE_CITIZEN})));
  EXPECT_TRUE(IsCitizenCaller(With(roles::PRINCIPAL_KIND_CITIZEN, {})));
  // Mixed roles confine: the citizen role admitted the call, so the caller is held to its own.
  const Principal mixed =
      With(roles::PRINCIPAL_KIND_STAFF, {roles::ROLE_CITIZEN, roles::ROLE_COORDINATOR});
  EXPECT_TRUE(IsCitizenCaller(mixed));
  EXPECT_FALSE(IsStaffCaller(mixed));
}

TEST(CallersTest, StaffSystemsAndServicesAreStaffCallers) {
  EXPECT_TRUE(IsStaffCaller(With(roles::PRINCIPAL_KIND_STAFF, {roles::ROLE_COORDINATOR})));
  EXPECT_TRUE(IsStaffCaller(With(roles::PRINCIPAL_KIND_API_CLIENT, {roles::ROLE_INTEGRATOR})));
  EXPECT_TRUE(IsStaffCaller(With(roles::PRINCIPAL_KIND_SERVICE, {roles::ROLE_SERVICE})));
  EXPECT_FALSE(IsStaffCaller(With(roles::PRINCIPAL_KIND_STAFF, {})));
}

}  // namespace
}  // namespace meldpunt::auth
