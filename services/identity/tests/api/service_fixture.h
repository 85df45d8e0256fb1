#pragma once
// Shared set-up of identity's service tests: the real IdentityServiceImpl on a free port, run
// through server::GrpcServer as main.cc runs it, called over gRPC with principals signed like the
// gateway's. Every part is the real one: PostgreSQL (identity's test database,
// tests/fixtures/identity_database.h: row-level security applies), a Redis of the test's own for
// revocations and the per-name login limit (default policy), the eID verifier with the fixture's
// test roots, the OIDC verifier with a self-made FAS issuer, argon2id with cheap parameters.
// Everything the service logs (handlers and the server's request log) goes into log_text_.

#include <atomic>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "libs/auth/principal.h"
#include "libs/observability/log.h"
#include "libs/rate_limit/redis_rate_limiter.h"
#include "libs/redis/hiredis_client.h"
#include "libs/testing/service_edge.h"
#include "libs/testing/test_redis.h"
#include "meldpunt/identity/v1/identity_service.grpc.pb.h"
#include "services/identity/src/api/identity_service.h"
#include "services/identity/src/citizens/pg_assurance_policies.h"
#include "services/identity/src/citizens/pg_citizen_repository.h"
#include "services/identity/src/crypto/data_protector.h"
#include "services/identity/src/eid/challenge_nonces.h"
#include "services/identity/src/eid/eid_verifier.h"
#include "services/identity/src/oidc/oidc_verifier.h"
#include "services/identity/src/staff/argon2id_hasher.h"
#include "services/identity/src/staff/login_attempt_limiter.h"
#include "services/identity/src/staff/pg_staff_repository.h"
#include "services/identity/src/staff/staff_login.h"
#include "services/identity/src/tokens/key_ring.h"
#include "services/identity/src/tokens/pg_session_manager.h"
#include "services/identity/src/tokens/pg_signing_key_store.h"
#include "services/identity/src/tokens/revocation_publisher.h"
#include "services/identity/src/tokens/token_issuer.h"
#include "services/identity/tests/eid/eid_fixture.h"
#include "services/identity/tests/fixtures/identity_database.h"

namespace meldpunt::identity::service_test {

namespace cv1 = common::v1;

inline constexpr char kSintTruiden[] = "71053";
inline constexpr char kHasselt[] = "71022";

// The fixture card's person (eid_fixture.h): Jan Maria Peeters, Grote Markt 12 bus 3.
inline constexpr char kCardNumber[] = "85073003328";
inline constexpr char kCardNumberFormatted[] = "85.07.30-033.28";
inline constexpr char kCardNumberMasked[] = "**.**.**-*33.28";

// The self-made FAS issuer the service trusts.
inline constexpr char kFasIssuer[] = "https://idp.iamfas.example.test/fas/oauth2";
inline constexpr char kFasClient[] = "meldpunt-fas-client";
inline constexpr char kOidcNonce[] = "n-0S6_WzA2Mj-service-test";

inline constexpr char kStaffPassword[] = "een lang wachtwoord";

// Every method of IdentityService, for tests that go over all of them.
enum class Method {
  kVerifyEid,
  kLoginWithOidc,
  kLoginStaff,
  kRefreshSession,
  kRevokeSession,
  kGetCitizen,
  kUpdateCitizenProfile,
  kGetSigningKeys,
  kResolveContacts,
  kCountCitizens,
};
inline constexpr Method kAllMethods[] = {
    Method::kVerifyEid,       Method::kLoginWithOidc,  Method::kLoginStaff,
    Method::kRefreshSession,  Method::kRevokeSession,  Method::kGetCitizen,
    Method::kUpdateCitizenProfile, Method::kGetSigningKeys, Method::kResolveContacts,
    Method::kCountCitizens};
const char* MethodName(Method m);

inline constexpr cv1::Role kAllRoles[] = {
    cv1::ROLE_CITIZEN,          cv1::ROLE_WARDEN,   cv1::ROLE_FRONT_OFFICE,
    cv1::ROLE_COORDINATOR,      cv1::ROLE_DEPARTMENT_AGENT, cv1::ROLE_ANALYST,
    cv1::ROLE_TENANT_ADMIN,     cv1::ROLE_INTEGRATOR, cv1::ROLE_PLATFORM_ADMIN,
    cv1::ROLE_SERVICE};

// The reason (ErrorInfo) of a failed call, "" when there is none.
std::string Reason(const grpc::Status& s);

// A FAS ID token's claims for a person (valid now, nonce kOidcNonce); acr "" leaves it out.
nlohmann::json FasClaims(const std::string& national_number, const std::string& given_name,
                         const std::string& surname, const std::string& acr);

class IdentityServiceTest : public identity::testing::IdentityDatabaseTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Whether the service is given the eID roots and the OIDC issuer (main.cc leaves them out when
  // not configured).
  virtual bool ConfigureEid() const { return true; }
  virtual bool ConfigureOidc() const { return true; }

  // Call contexts. The principal's kind follows the role (citizen, API client for integrator,
  // service, else staff).
  std::unique_ptr<grpc::ClientContext> As(const std::string& tenant, cv1::Role role,
                                          const std::string& subject = "staff-1");
  // A citizen's session at EID_CHALLENGE (As with ROLE_CITIZEN too), or at the level given.
  std::unique_ptr<grpc::ClientContext> AsCitizen(const std::string& tenant,
                                                 const std::string& citizen_id);
  std::unique_ptr<grpc::ClientContext> AsCitizenAt(const std::string& tenant,
                                                   const std::string& citizen_id,
                                                   cv1::AssuranceLevel level);
  std::unique_ptr<grpc::ClientContext> AsApiClient(const std::string& tenant);
  std::unique_ptr<grpc::ClientContext> AsService(const std::string& tenant);
  // Any kind and roles, including combinations the gateway never signs.
  std::unique_ptr<grpc::ClientContext> AsPrincipal(const std::string& tenant,
                                                   cv1::PrincipalKind kind,
                                                   const std::vector<cv1::Role>& roles,
                                                   const std::string& subject);
  // No principal at all.
  std::unique_ptr<grpc::ClientContext> Anonymous();
  // Signed by a key the service does not know (another key id), or by another key under the
  // trusted key id.
  std::unique_ptr<grpc::ClientContext> SignedByUnknownKey(const std::string& tenant,
                                                          cv1::Role role);
  std::unique_ptr<grpc::ClientContext> SignedByImpostorKey(const std::string& tenant,
                                                           cv1::Role role);

  // Calls m with a plain request (empty, or the least a handler needs to get past its checks).
  grpc::Status Call(Method m, grpc::ClientContext* ctx);

  // The card files as a VerifyEid request.
  static v1::VerifyEidRequest CardRequest(const eid::testing::TestCard& card);
  // A challenge signed by the card (EC cards with a basic key) for nonce, made at created_at.
  static v1::EidCardChallenge Challenge(const eid::testing::TestCard& card,
                                        const std::string& nonce, absl::Time created_at);
  // The fixture's default card (RSA); made once per process.
  static const eid::testing::TestCard& DefaultCard();

  // VerifyEid through an API client of tenant, asserting success.
  v1::VerifyEidResponse MustRegister(const std::string& tenant,
                                     const eid::testing::TestCard& card = DefaultCard());
  // An ID token of the FAS issuer signed with its key.
  static std::string FasToken(const nlohmann::json& claims);
  // A LoginWithOidc request for a FAS token.
  static v1::LoginWithOidcRequest OidcRequest(const std::string& id_token);

  // A staff account (password kStaffPassword) made with the CLI's code; fails the test otherwise.
  v1::StaffAccount MustCreateStaff(const std::string& tenant, const std::string& username,
                                   std::vector<cv1::Role> roles);
  grpc::Status LoginStaff(const std::string& client_tenant, const std::string& account_tenant,
                          const std::string& username, const std::string& password,
                          v1::LoginStaffResponse* resp);

  // The value of a Redis key ("" when absent).
  std::string RedisGet(const std::string& key);

  std::ostringstream log_text_;
  std::unique_ptr<observability::StreamLogger> log_;
  std::unique_ptr<meldpunt::testing::TestRedis> redis_server_;
  std::unique_ptr<redis::HiredisClient> redis_;
  std::unique_ptr<crypto::DataProtector> protector_;
  std::unique_ptr<tokens::PgSigningKeyStore> key_store_;
  std::unique_ptr<tokens::KeyRing> keys_;
  std::unique_ptr<tokens::TokenIssuer> token_issuer_;
  std::unique_ptr<tokens::RedisRevocationPublisher> revocations_;
  std::unique_ptr<tokens::PgSessionManager> sessions_;
  std::unique_ptr<staff::Argon2idHasher> hasher_;
  std::unique_ptr<staff::PgStaffRepository> staff_repository_;
  std::unique_ptr<rate_limit::RedisRateLimiter> rate_limiter_;
  std::unique_ptr<staff::LoginAttemptLimiter> login_attempts_;
  std::unique_ptr<staff::StaffLogin> staff_login_;
  std::unique_ptr<PgCitizenRepository> citizens_;
  std::unique_ptr<PgAssurancePolicies> assurance_;
  std::unique_ptr<PgChallengeNonces> nonces_;
  std::unique_ptr<eid::EidVerifier> cards_;
  std::unique_ptr<oidc::OidcVerifier> oidc_;
  std::unique_ptr<meldpunt::testing::ServiceEdge> edge_;
  std::unique_ptr<auth::PrincipalSigner> unknown_signer_;
  std::unique_ptr<auth::PrincipalSigner> impostor_signer_;
  std::unique_ptr<IdentityServiceImpl> service_;
  std::unique_ptr<v1::IdentityService::Stub> stub_;
  std::atomic<int> events_written_{0};
};

}  // namespace meldpunt::identity::service_test
