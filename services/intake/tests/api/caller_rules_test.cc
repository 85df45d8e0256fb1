// The table of who may call what lists every rpc of the service once, so the test that holds it
// against the gateway's policy sees them all.
#include "services/intake/src/api/caller_rules.h"

#include <map>
#include <string>

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "meldpunt/intake/v1/intake_service.grpc.pb.h"

namespace meldpunt::intake {
namespace {

TEST(IntakeMethodRolesTest, ListsEveryMethodOnceWithRoles) {
  std::map<std::string, int> listed;
  for (const auth::MethodRoles& m : IntakeMethodRoles()) {
    ++listed[std::string(m.method)];
    EXPECT_FALSE(m.roles.Empty()) << m.method;
  }
  // The generated gRPC class of this version has no descriptor(); the generated pool does.
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          v1::IntakeService::service_full_name());
  ASSERT_NE(service, nullptr);
  ASSERT_EQ(listed.size(), static_cast<std::size_t>(service->method_count()));
  for (int i = 0; i < service->method_count(); ++i) {
    EXPECT_EQ(listed[service->method(i)->name()], 1) << service->method(i)->name();
  }
}

TEST(IntakeMethodRolesTest, AnalystsSeeTheCatalogueAndFeedButNotReports) {
  EXPECT_TRUE(kCatalogueReaders.Contains(common::v1::ROLE_ANALYST));
  EXPECT_TRUE(kNearbyReaders.Contains(common::v1::ROLE_ANALYST));
  EXPECT_FALSE(kReportReaders.Contains(common::v1::ROLE_ANALYST));
  EXPECT_TRUE(kReportReaders.Contains(common::v1::ROLE_SERVICE));
}

}  // namespace
}  // namespace meldpunt::intake
