// Who a call is admitted as, with the key store and the limiter replaced by fakes and real tokens
// minted by the test minter.
#include <gtest/gtest.h>

#include "libs/auth/test_keys.h"
#include "libs/status/status.h"
#include "libs/testing/fake_rate_limiter.h"
#include "services/gateway/src/admission/admission.h"
#include "services/gateway/src/tokens/jwt_verifier.h"
#include "services/gateway/tests/support/jwt_minter.h"

namespace meldpunt::gateway {
namespace {

namespace cv1 = common::v1;
using testing::JwtMinter;
using testing::TokenClaims;

class FakeKeys : public ApiKeyVerifier {
 public:
  absl::StatusOr<VerifiedApiClient> Verify(std::string_view key, absl::Time) override {
    auto it = clients.find(std::string(key));
    if (it == clients.end()) return status::Unauthenticated("API_KEY_INVALID", "no");
    return it->second;
  }
  void Forget(const std::string&) override {}
  std::map<std::string, VerifiedApiClient> clients;
};

const MethodPolicy& Policy(const std::string& method) {
  auto found = LookupMethod(method);
  EXPECT_EQ(found.kind, MethodLookup::Kind::kPublic) << method;
  return *found.policy;
}

constexpr char kList[] = "/meldpunt.intake.v1.IntakeService/ListCategories";
constexpr char kUpsert[] = "/meldpunt.intake.v1.IntakeService/UpsertCategory";
constexpr char kVerifyEid[] = "/meldpunt.identity.v1.IdentityService/VerifyEid";
constexpr char kInbox[] = "/meldpunt.dispatch.v1.DispatchService/ListInbox";

class GatewayAdmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto keys = auth::testing::NewEd25519KeyPair();
    minter_ = std::make_unique<JwtMinter>("k1", "EdDSA", keys.first);
    tokens_ = std::move(*JwtVerifier::Create({{"k1", keys.second}}, {"meldpunt-identity", "meldpunt-gateway"}));
    VerifiedApiClient app;
    app.id = "app-id";
    app.tenant_ids = {"71053"};
    app.roles = {cv1::ROLE_INTEGRATOR, cv1::ROLE_CITIZEN};
    app.rate_class = v1::RATE_CLASS_HIGH;
    keys_.clients["app-key"] = app;
    VerifiedApiClient multi;
    multi.id = "multi-id";
    multi.tenant_ids = {"71053", "71022"};
    multi.roles = {cv1::ROLE_INTEGRATOR};
    keys_.clients["multi-key"] = multi;
    admission_ = std::make_unique<Admission>(&keys_, tokens_.get(), &limiter_, RateLimits::Defaults());
  }

  absl::StatusOr<AdmittedCall> Admit(const char* method, CallCredentials c) {
    return admission_->Admit(Policy(method), c, absl::Now());
  }

  std::string Token(const std::string& tenant, std::vector<std::string> roles, const std::string& sub = "p1") {
    TokenClaims c;
    c.tenant = tenant;
    c.roles = std::move(roles);
    c.sub = sub;
    return minter_->Mint(c);
  }

  FakeKeys keys_;
  meldpunt::testing::FakeRateLimiter limiter_;
  std::unique_ptr<JwtMinter> minter_;
  std::unique_ptr<JwtVerifier> tokens_;
  std::unique_ptr<Admission> admission_;
};

TEST_F(GatewayAdmissionTest, NoCredentialsIsUnauthenticated) {
  auto r = Admit(kList, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(status::Reason(r.status()), "CREDENTIALS_MISSING");
  r = Admit(kList, {std::string("wrong"), std::nullopt, std::nullopt});
  EXPECT_EQ(status::Reason(r.status()), "API_KEY_INVALID");
}

TEST_F(GatewayAdmissionTest, AnApiClientActsAsItselfInItsTenant) {
  auto r = Admit(kList, {std::string("app-key"), std::nullopt, std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->principal.tenant_id(), "71053");
  EXPECT_EQ(r->principal.subject(), "app-id");
  EXPECT_EQ(r->principal.kind(), cv1::PRINCIPAL_KIND_API_CLIENT);
  EXPECT_EQ(r->api_client_id, "app-id");
  ASSERT_EQ(limiter_.buckets.size(), 1u);
  EXPECT_EQ(limiter_.buckets[0].key, "meldpunt:gateway:rl:client:app-id:read");
  EXPECT_EQ(limiter_.buckets[0].limit.burst,
            RateLimits::Defaults().Get(MethodRateClass::kRead, CallerTier::kHigh).burst);
  EXPECT_TRUE(limiter_.last_fail_open);

  r = Admit(kList, {std::string("app-key"), std::nullopt, std::string("71022")});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status::Reason(r.status()), "TENANT_NOT_ALLOWED");
}

TEST_F(GatewayAdmissionTest, AClientOfSeveralTenantsNamesOne) {
  auto r = Admit(kList, {std::string("multi-key"), std::nullopt, std::nullopt});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(r.status()), "TENANT_REQUIRED");
  r = Admit(kList, {std::string("multi-key"), std::nullopt, std::string("71022")});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->principal.tenant_id(), "71022");
  r = Admit(kList, {std::string("multi-key"), std::nullopt, std::string("44021")});
  EXPECT_EQ(status::Reason(r.status()), "TENANT_NOT_ALLOWED");
}

TEST_F(GatewayAdmissionTest, ACitizensPrincipalCarriesTheTokensAssuranceLevel) {
  auto claims = TokenClaims().ToJson();
  claims["acr"] = "EID_DATA";
  auto r = Admit(kList, {std::string("app-key"), minter_->MintRaw(minter_->Header(), claims),
                         std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->principal.assurance_level(), cv1::ASSURANCE_LEVEL_EID_DATA);
  claims["acr"] = "EID_CHALLENGE";
  r = Admit(kList, {std::string("app-key"), minter_->MintRaw(minter_->Header(), claims),
                    std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->principal.assurance_level(), cv1::ASSURANCE_LEVEL_EID_CHALLENGE);
  // The API client alone has no citizen's level.
  r = Admit(kList, {std::string("app-key"), std::nullopt, std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->principal.assurance_level(), cv1::ASSURANCE_LEVEL_UNSPECIFIED);
}

TEST_F(GatewayAdmissionTest, APersonsTokenMakesThePersonThePrincipal) {
  auto r = Admit(kList, {std::string("app-key"), Token("71053", {"citizen"}, "c-9"), std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->principal.subject(), "c-9");
  EXPECT_EQ(r->principal.kind(), cv1::PRINCIPAL_KIND_CITIZEN);
  EXPECT_EQ(r->principal.tenant_id(), "71053");
  ASSERT_EQ(limiter_.buckets.size(), 2u);  // the app pays, and so does the citizen
  EXPECT_EQ(limiter_.buckets[1].key, "meldpunt:gateway:rl:user:71053:c-9:read");

  // A token alone is enough for a person.
  r = Admit(kList, {std::nullopt, Token("71022", {"citizen"}), std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->principal.tenant_id(), "71022");
  EXPECT_EQ(r->api_client_id, "");
}

TEST_F(GatewayAdmissionTest, AnotherTenantsTokenDoesNotPassThroughAClient) {
  auto r = Admit(kList, {std::string("app-key"), Token("71022", {"citizen"}), std::nullopt});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status::Reason(r.status()), "TOKEN_TENANT_MISMATCH");
  r = Admit(kList, {std::nullopt, Token("71022", {"citizen"}), std::string("71053")});
  EXPECT_EQ(status::Reason(r.status()), "TENANT_NOT_ALLOWED");
}

TEST_F(GatewayAdmissionTest, RolesAndCitizenColumnDecide) {
  auto r = Admit(kUpsert, {std::string("app-key"), std::nullopt, std::nullopt});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status::Reason(r.status()), "ROLE_NOT_ALLOWED");
  r = Admit(kUpsert, {std::nullopt, Token("71053", {"tenant_admin"}), std::nullopt});
  EXPECT_TRUE(r.ok()) << r.status();
  r = Admit(kInbox, {std::nullopt, Token("71053", {"citizen"}), std::nullopt});
  EXPECT_EQ(status::Reason(r.status()), "CITIZEN_NOT_ALLOWED");
  r = Admit(kInbox, {std::nullopt, Token("71053", {"coordinator"}), std::nullopt});
  EXPECT_TRUE(r.ok()) << r.status();
}

TEST_F(GatewayAdmissionTest, LoginsAreMadeByTheClientNotTheBearer) {
  auto r = Admit(kVerifyEid, {std::nullopt, Token("71053", {"citizen"}), std::nullopt});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(status::Reason(r.status()), "API_KEY_REQUIRED");
  // An expired bearer next to the key does not matter: it is not read.
  TokenClaims expired;
  expired.iat = absl::Now() - absl::Hours(2);
  expired.exp = absl::Now() - absl::Hours(1);
  r = Admit(kVerifyEid, {std::string("app-key"), minter_->Mint(expired), std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->principal.kind(), cv1::PRINCIPAL_KIND_API_CLIENT);
  ASSERT_EQ(limiter_.buckets.size(), 1u);
  EXPECT_FALSE(limiter_.last_fail_open);  // logins fail closed
}

TEST_F(GatewayAdmissionTest, RateLimitAnswersPassThrough) {
  limiter_.answer = status::Error(absl::StatusCode::kResourceExhausted, "RATE_LIMITED", "slow down");
  auto r = Admit(kList, {std::string("app-key"), std::nullopt, std::nullopt});
  EXPECT_EQ(status::Reason(r.status()), "RATE_LIMITED");
}

TEST_F(GatewayAdmissionTest, WithoutTokenKeysBearersAreRefused) {
  Admission no_tokens(&keys_, nullptr, &limiter_, RateLimits::Defaults());
  auto r = no_tokens.Admit(Policy(kList), {std::nullopt, Token("71053", {"citizen"}), std::nullopt},
                           absl::Now());
  EXPECT_EQ(status::Reason(r.status()), "TOKENS_NOT_ACCEPTED");
}

}  // namespace
}  // namespace meldpunt::gateway
