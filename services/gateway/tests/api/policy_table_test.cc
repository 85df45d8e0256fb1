// The policy table against the contracts: every method of every public service is either in the
// table or explicitly internal, so a method added to a .proto cannot become reachable by accident
// (nor silently unreachable: this test names it until someone decides).
#include <set>

#include <gtest/gtest.h>
#include <google/protobuf/descriptor.h>

#include "meldpunt/analytics/v1/analytics_service.pb.h"
#include "meldpunt/dispatch/v1/dispatch_service.pb.h"
#include "meldpunt/gateway/v1/gateway_admin_service.pb.h"
#include "meldpunt/identity/v1/identity_service.pb.h"
#include "meldpunt/intake/v1/intake_service.pb.h"
#include "meldpunt/notification/v1/notification_service.pb.h"
#include "services/gateway/src/downstreams/downstreams.h"
#include "services/gateway/src/api/method_policy.h"

namespace meldpunt::gateway {
namespace {

namespace cv1 = common::v1;
using google::protobuf::FileDescriptor;

// One message of each service file pins its generated descriptors into this binary; every
// service in those files is walked.
std::vector<const FileDescriptor*> ServiceFiles() {
  return {
      intake::v1::ListCategoriesRequest::descriptor()->file(),
      identity::v1::VerifyEidRequest::descriptor()->file(),
      dispatch::v1::ListInboxRequest::descriptor()->file(),
      notification::v1::ListTemplatesRequest::descriptor()->file(),
      analytics::v1::GetKpisRequest::descriptor()->file(),
      v1::CreateApiClientRequest::descriptor()->file(),
  };
}

struct DescribedMethod {
  std::string full;  // "/pkg.Service/Method"
  bool server_streaming;
  bool client_streaming;
};

std::vector<DescribedMethod> AllMethods() {
  std::vector<DescribedMethod> out;
  for (const FileDescriptor* file : ServiceFiles()) {
    for (int s = 0; s < file->service_count(); ++s) {
      const auto* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        const auto* method = service->method(m);
        out.push_back({"/" + service->full_name() + "/" + method->name(),
                       method->server_streaming(), method->client_streaming()});
      }
    }
  }
  return out;
}

TEST(GatewayPolicyTableTest, EveryContractMethodIsDecidedExactlyOnce) {
  const auto methods = AllMethods();
  ASSERT_GE(methods.size(), 45u);  // the six services' surface today; a sanity floor
  const std::set<std::string> internal(InternalMethods().begin(), InternalMethods().end());
  for (const auto& m : methods) {
    MethodLookup found = LookupMethod(m.full);
    const bool is_internal = internal.count(m.full) != 0;
    EXPECT_NE(found.kind, MethodLookup::Kind::kUnknown)
        << m.full << " has no policy row and is not marked internal: decide who may call it in "
                     "services/gateway/src/policy_table.cc";
    if (is_internal) {
      EXPECT_EQ(found.kind, MethodLookup::Kind::kInternal) << m.full;
    }
    if (found.kind == MethodLookup::Kind::kPublic) {
      EXPECT_FALSE(is_internal) << m.full << " is both public and internal";
      EXPECT_FALSE(m.client_streaming) << m.full << ": client streaming cannot be proxied";
      EXPECT_EQ(found.policy->shape == CallShape::kServerStreaming, m.server_streaming)
          << m.full << ": the row's shape disagrees with the contract";
    }
  }
}

TEST(GatewayPolicyTableTest, EveryRowNamesARealMethodOnce) {
  std::set<std::string> described;
  for (const auto& m : AllMethods()) described.insert(m.full);
  std::set<std::string> seen;
  for (const auto& row : PolicyTable()) {
    EXPECT_TRUE(described.count(row.method)) << row.method << " is in the table but no contract has it";
    EXPECT_TRUE(seen.insert(row.method).second) << row.method << " has two rows";
  }
  for (const auto& m : InternalMethods()) {
    EXPECT_TRUE(described.count(m)) << m << " is marked internal but no contract has it";
  }
}

TEST(GatewayPolicyTableTest, RowsFollowTheSuitesRules) {
  for (const auto& row : PolicyTable()) {
    SCOPED_TRACE(row.method);
    EXPECT_FALSE(row.roles.Empty());
    EXPECT_FALSE(row.roles.Contains(cv1::ROLE_SERVICE)) << "service calls never come from outside";
    EXPECT_FALSE(row.roles.Contains(cv1::ROLE_UNSPECIFIED));
    // The citizen column and the citizen role say the same thing, twice on purpose.
    EXPECT_EQ(row.citizen_allowed, row.roles.Contains(cv1::ROLE_CITIZEN));

    const std::string_view service = ServiceOf(row.method);
    const bool own = service == "meldpunt.gateway.v1.GatewayAdminService";
    EXPECT_EQ(row.roles.Contains(cv1::ROLE_PLATFORM_ADMIN), own)
        << "platform admins administer the gateway, nothing else";
    if (!own) {
      // Forwarded: a known downstream, and a tenant for the principal it verifies.
      const std::string_view name = Downstreams::NameOf(row.method);
      bool known = false;
      for (const auto& k : KnownServices()) known = known || name == k.name;
      EXPECT_TRUE(known) << "no downstream for " << name;
      EXPECT_TRUE(row.tenant_required);
    }
    if (row.caller == Caller::kApiClientOnly) {
      EXPECT_EQ(row.rate_class, MethodRateClass::kLogin);
      EXPECT_FALSE(row.citizen_allowed);
    }
  }
}

TEST(GatewayPolicyTableTest, LookupSeparatesPublicInternalAndUnknown) {
  EXPECT_EQ(LookupMethod("/meldpunt.intake.v1.IntakeService/ListCategories").kind,
            MethodLookup::Kind::kPublic);
  EXPECT_EQ(LookupMethod("/meldpunt.identity.v1.IdentityService/ResolveContacts").kind,
            MethodLookup::Kind::kInternal);
  EXPECT_EQ(LookupMethod("/meldpunt.identity.v1.IdentityService/CountCitizens").kind,
            MethodLookup::Kind::kInternal);
  for (const char* unknown : {"/meldpunt.intake.v1.IntakeService/DropAll", "/x.Y/Z", "", "/",
                              "/meldpunt.intake.v1.IntakeService/ListCategories/"}) {
    EXPECT_EQ(LookupMethod(unknown).kind, MethodLookup::Kind::kUnknown) << unknown;
  }
  const auto* upsert = LookupMethod("/meldpunt.intake.v1.IntakeService/UpsertCategory").policy;
  ASSERT_NE(upsert, nullptr);
  EXPECT_TRUE(upsert->roles.Contains(cv1::ROLE_TENANT_ADMIN));
  EXPECT_FALSE(upsert->roles.Contains(cv1::ROLE_CITIZEN));
  EXPECT_EQ(LookupMethod("/meldpunt.dispatch.v1.DispatchService/WatchAssignments").policy->shape,
            CallShape::kServerStreaming);
}

TEST(GatewayPolicyTableTest, MethodNamesSplitIntoServiceAndDownstream) {
  EXPECT_EQ(ServiceOf("/meldpunt.intake.v1.IntakeService/GetReport"), "meldpunt.intake.v1.IntakeService");
  EXPECT_EQ(ServiceOf("meldpunt.intake.v1.IntakeService/GetReport"), "");
  EXPECT_EQ(Downstreams::NameOf("/meldpunt.intake.v1.IntakeService/GetReport"), "intake");
  EXPECT_EQ(Downstreams::NameOf("/meldpunt.notification.v1.NotificationService/SendMessage"),
            "notification");
  EXPECT_EQ(Downstreams::NameOf("/other.intake.v1.IntakeService/GetReport"), "");
}

}  // namespace
}  // namespace meldpunt::gateway
