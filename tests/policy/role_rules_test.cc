// Who may call what is written twice on purpose: the gateway's policy table decides what reaches
// a service from outside, each service's caller rules hold for a call that reaches it any other
// way. This test holds the two against each other, method by method, so they cannot drift:
// every role the gateway forwards is admitted by the service (or calls fail after admission),
// the service admits no outside role the gateway does not forward beyond the known list below
// (or the table is not the whole truth), internal methods admit only other Meldpunt services, and every method of every
// service is decided in both places.
#include <map>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "libs/auth/role_names.h"
#include "libs/auth/roles.h"
#include "meldpunt/identity/v1/identity_service.grpc.pb.h"
#include "meldpunt/intake/v1/intake_service.grpc.pb.h"
#include "services/gateway/src/api/method_policy.h"
#include "services/identity/src/api/caller_rules.h"
#include "services/intake/src/api/caller_rules.h"

namespace meldpunt {
namespace {

using auth::RoleSet;
namespace roles = common::v1;

struct ServiceRules {
  const google::protobuf::ServiceDescriptor* descriptor;
  const std::vector<auth::MethodRoles>& rules;
};

std::vector<ServiceRules> Services() {
  // Through a request message of the same file: that links the file's descriptors in.
  return {{intake::v1::CreateReportRequest::descriptor()->file()->FindServiceByName("IntakeService"),
           intake::IntakeMethodRoles()},
          {identity::v1::VerifyEidRequest::descriptor()->file()->FindServiceByName("IdentityService"),
           identity::IdentityMethodRoles()}};
}

std::string Names(RoleSet set) {
  std::string out;
  const auto* d = roles::Role_descriptor();
  for (int i = 0; i < d->value_count(); ++i) {
    const auto role = static_cast<roles::Role>(d->value(i)->number());
    if (set.Contains(role)) out += (out.empty() ? "" : ",") + d->value(i)->name();
  }
  return "{" + out + "}";
}

// Where a service's own rule is looser than the gateway's today, found by this test when it was
// written: platform_admin (the gateway keeps it to administering the gateway) and, for photos,
// agents and tenant admins; GetSigningKeys answers any verified principal while the gateway
// forwards it to API clients only. Harmless while the gateway is the only way in, and pinned here
// so that no further drift goes unnoticed; narrowing them is left to the hardening issue.
RoleSet KnownLooser(const std::string& full) {
  constexpr RoleSet kPlatform = {roles::ROLE_PLATFORM_ADMIN};
  static const std::map<std::string, RoleSet> known = {
      {"/meldpunt.intake.v1.IntakeService/GetReport", kPlatform},
      {"/meldpunt.intake.v1.IntakeService/ListReports", kPlatform},
      {"/meldpunt.intake.v1.IntakeService/AddReportMedia",
       {roles::ROLE_DEPARTMENT_AGENT, roles::ROLE_TENANT_ADMIN, roles::ROLE_PLATFORM_ADMIN}},
      {"/meldpunt.intake.v1.IntakeService/ListCategories", kPlatform},
      {"/meldpunt.intake.v1.IntakeService/GetCategory", kPlatform},
      {"/meldpunt.intake.v1.IntakeService/UpsertCategory", kPlatform},
      {"/meldpunt.intake.v1.IntakeService/ListNearbyReports", kPlatform},
      {"/meldpunt.identity.v1.IdentityService/RevokeSession", kPlatform},
      {"/meldpunt.identity.v1.IdentityService/GetSigningKeys",
       {roles::ROLE_CITIZEN, roles::ROLE_WARDEN, roles::ROLE_FRONT_OFFICE, roles::ROLE_COORDINATOR,
        roles::ROLE_DEPARTMENT_AGENT, roles::ROLE_ANALYST, roles::ROLE_PLATFORM_ADMIN}},
  };
  auto it = known.find(full);
  return it == known.end() ? RoleSet() : it->second;
}

const RoleSet* RulesFor(const ServiceRules& service, const std::string& method) {
  for (const auto& r : service.rules) {
    if (r.method == method) return &r.roles;
  }
  return nullptr;
}

TEST(RoleRulesTest, EveryMethodIsDecidedOnceInTheService) {
  for (const auto& service : Services()) {
    ASSERT_NE(service.descriptor, nullptr);
    for (int i = 0; i < service.descriptor->method_count(); ++i) {
      const std::string method = service.descriptor->method(i)->name();
      int found = 0;
      for (const auto& r : service.rules) found += r.method == method;
      EXPECT_EQ(found, 1) << service.descriptor->full_name() << "/" << method;
    }
    for (const auto& r : service.rules) {
      EXPECT_NE(service.descriptor->FindMethodByName(std::string(r.method)), nullptr)
          << service.descriptor->full_name() << " lists " << r.method << ", which it lacks";
    }
  }
}

TEST(RoleRulesTest, ServicesAdmitExactlyWhatTheGatewayForwards) {
  for (const auto& service : Services()) {
    for (int i = 0; i < service.descriptor->method_count(); ++i) {
      const std::string method = service.descriptor->method(i)->name();
      const std::string full = "/" + service.descriptor->full_name() + "/" + method;
      const RoleSet* in_service = RulesFor(service, method);
      ASSERT_NE(in_service, nullptr) << full;
      const gateway::MethodLookup lookup = gateway::LookupMethod(full);
      switch (lookup.kind) {
        case gateway::MethodLookup::Kind::kInternal:
          EXPECT_EQ(*in_service, RoleSet{roles::ROLE_SERVICE})
              << full << " is internal at the gateway; the service admits " << Names(*in_service);
          break;
        case gateway::MethodLookup::Kind::kPublic: {
          const RoleSet at_gateway = lookup.policy->roles;
          // ROLE_SERVICE never comes through the gateway: other services call directly.
          const RoleSet outside = in_service->Without({roles::ROLE_SERVICE});
          EXPECT_EQ(at_gateway.Without(outside), RoleSet())
              << full << ": the gateway forwards " << Names(at_gateway.Without(outside))
              << " but the service refuses them";
          EXPECT_EQ(outside.Without(at_gateway), KnownLooser(full))
              << full << ": the service admits " << Names(outside.Without(at_gateway))
              << ", whom the gateway never forwards (known: " << Names(KnownLooser(full)) << ")";
          break;
        }
        case gateway::MethodLookup::Kind::kUnknown:
          ADD_FAILURE() << full << " has no row in the gateway's policy table";
          break;
      }
    }
  }
}

}  // namespace
}  // namespace meldpunt
