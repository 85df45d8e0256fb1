// The small pure pieces: key format, credential headers, rate-limit configuration, roles, and how
// downstream failures are relayed.
#include <gtest/gtest.h>

#include "google/rpc/status.pb.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "services/gateway/src/keys/api_key.h"
#include "services/gateway/src/admission/credentials.h"
#include "services/gateway/src/downstreams/downstream_status.h"
#include "services/gateway/src/rate_limits/rate_limits.h"
#include "services/gateway/src/api/roles.h"

namespace meldpunt::gateway {
namespace {

namespace cv1 = common::v1;

TEST(GatewayApiKeyTest, KeysAreRandomLongAndOnlyTheirHashIsNeeded) {
  auto a = GenerateApiKey();
  auto b = GenerateApiKey();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->key, b->key);
  EXPECT_NE(a->prefix, b->prefix);
  EXPECT_EQ(a->key.size(), 4u + 12u + 1u + 64u);  // 48-bit id + 256-bit secret, hex
  EXPECT_EQ(a->key.rfind(a->prefix, 0), 0u);
  EXPECT_EQ(a->hash.size(), 32u);
  EXPECT_EQ(a->hash, HashApiKey(a->key));
  EXPECT_TRUE(ApiKeyHashesEqual(a->hash, HashApiKey(a->key)));
  EXPECT_FALSE(ApiKeyHashesEqual(a->hash, b->hash));
  EXPECT_EQ(*ApiKeyPrefix(a->key), a->prefix);
  for (const std::string& bad : {std::string(""), std::string("mpk_"), a->key + "0",
                                 a->key.substr(1), "xpk" + a->key.substr(3),
                                 a->prefix + "_" + std::string(64, 'G')}) {
    EXPECT_EQ(status::Reason(ApiKeyPrefix(bad).status()), "API_KEY_MALFORMED") << bad;
  }
}

ClientMetadata Md(std::initializer_list<std::pair<const char*, const char*>> kv) {
  ClientMetadata md;
  for (const auto& [k, v] : kv) md.emplace(grpc::string_ref(k), grpc::string_ref(v));
  return md;
}

TEST(GatewayCredentialsTest, ReadsKeysTokensAndTenant) {
  auto c = ExtractCredentials(Md({{"x-api-key", "k1"}, {"authorization", "Bearer t1"},
                                  {"x-meldpunt-tenant", "71022"}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(*c->api_key, "k1");
  EXPECT_EQ(*c->bearer_token, "t1");
  EXPECT_EQ(*c->tenant_id, "71022");
  c = ExtractCredentials(Md({{"authorization", "apikey k2"}}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c->api_key, "k2");
  EXPECT_FALSE(c->bearer_token.has_value());
  c = ExtractCredentials(Md({}));
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->api_key || c->bearer_token || c->tenant_id);
}

TEST(GatewayCredentialsTest, RefusesAmbiguousAndMalformedHeaders) {
  EXPECT_EQ(status::Reason(ExtractCredentials(Md({{"x-api-key", "a"}, {"x-api-key", "b"}})).status()),
            "CREDENTIALS_AMBIGUOUS");
  EXPECT_EQ(status::Reason(
                ExtractCredentials(Md({{"x-api-key", "a"}, {"authorization", "ApiKey b"}})).status()),
            "CREDENTIALS_AMBIGUOUS");
  EXPECT_EQ(status::Reason(ExtractCredentials(Md({{"authorization", "Basic dTpw"}})).status()),
            "CREDENTIALS_MALFORMED");
  EXPECT_EQ(status::Reason(ExtractCredentials(Md({{"authorization", "Bearer"}})).status()),
            "CREDENTIALS_MALFORMED");
  EXPECT_EQ(status::Reason(ExtractCredentials(Md({{"x-meldpunt-tenant", "7105"}})).status()),
            "TENANT_INVALID");
  EXPECT_EQ(status::Reason(ExtractCredentials(Md({{"x-meldpunt-tenant", "71053'--"}})).status()),
            "TENANT_INVALID");
}

TEST(GatewayRateLimitsTest, DefaultsAndOverrides) {
  RateLimits d = RateLimits::Defaults();
  EXPECT_TRUE(d.FailOpen(MethodRateClass::kRead));
  EXPECT_TRUE(d.FailOpen(MethodRateClass::kWrite));
  EXPECT_FALSE(d.FailOpen(MethodRateClass::kLogin));
  EXPECT_FALSE(d.FailOpen(MethodRateClass::kAdmin));
  for (auto c : kAllMethodRateClasses) {
    for (auto t : {CallerTier::kLow, CallerTier::kStandard, CallerTier::kHigh, CallerTier::kUser}) {
      EXPECT_GT(d.Get(c, t).per_second, 0);
      EXPECT_GE(d.Get(c, t).burst, 1);
    }
  }
  auto p = RateLimits::Parse("read.low=2/3, login.fail=open ,write.user=0.5/10");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->Get(MethodRateClass::kRead, CallerTier::kLow).per_second, 2);
  EXPECT_EQ(p->Get(MethodRateClass::kRead, CallerTier::kLow).burst, 3);
  EXPECT_EQ(p->Get(MethodRateClass::kWrite, CallerTier::kUser).per_second, 0.5);
  EXPECT_TRUE(p->FailOpen(MethodRateClass::kLogin));
  for (const char* bad : {"read.low=0/3", "read.low=1/0", "nope.low=1/1", "read.vip=1/1",
                          "read.low", "read.fail=maybe", "read.low=x/y"}) {
    EXPECT_FALSE(RateLimits::Parse(bad).ok()) << bad;
  }
}

TEST(GatewayRolesTest, NamesRoundTripAndServiceHasNone) {
  for (int r = cv1::ROLE_CITIZEN; r <= cv1::ROLE_PLATFORM_ADMIN; ++r) {
    auto role = static_cast<cv1::Role>(r);
    EXPECT_EQ(RoleFromName(RoleName(role)), role);
  }
  EXPECT_EQ(RoleName(cv1::ROLE_SERVICE), "");
  EXPECT_FALSE(RoleFromName("service").has_value());
  auto list = ParseRoleList("integrator, citizen,integrator");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, (std::vector<Role>{cv1::ROLE_INTEGRATOR, cv1::ROLE_CITIZEN}));
  EXPECT_EQ(status::Reason(ParseRoleList("integrator,root").status()), "ROLE_UNKNOWN");
}

TEST(GatewayDownstreamStatusTest, ServiceAnswersPassAndHopFailuresAreReworded) {
  grpc::Status own = status::ToGrpc(status::NotFound("CATEGORY_NOT_FOUND", "no such code"),
                                    "intake.meldpunt");
  grpc::Status relayed = RelayDownstreamStatus(own, "intake");
  EXPECT_EQ(relayed.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(relayed.error_details(), own.error_details());

  grpc::Status hop(grpc::StatusCode::UNAVAILABLE, "failed to connect to all addresses; ipv4:10.1.2.3:50061");
  relayed = RelayDownstreamStatus(hop, "intake");
  EXPECT_EQ(relayed.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(relayed.error_message().find("10.1.2.3"), std::string::npos);
  absl::Status back = status::FromGrpc(relayed);
  EXPECT_EQ(status::Reason(back), "SERVICE_UNAVAILABLE");
  EXPECT_EQ(status::Details(back).domain, "gateway.meldpunt");
  EXPECT_TRUE(status::Details(back).retry_delay.has_value());
}

}  // namespace
}  // namespace meldpunt::gateway
