#include "libs/time/conversions.h"
#include "libs/testing/service_edge.h"
#include "services/identity/tests/api/service_fixture.h"

#include <google/protobuf/util/time_util.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "libs/auth/test_keys.h"
#include "libs/jwt/keys.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "services/identity/src/admin/create_staff_account.h"
#include "services/identity/tests/fixtures/test_redis_client.h"
#include "services/identity/tests/oidc/test_issuer.h"

namespace meldpunt::identity::service_test {
namespace {

namespace fx = eid::testing;

// Key generation (RSA especially) is the slow part: once per process.
const oidc::testing::TestIssuerKey& FasKey() {
  static const auto* key = oidc::testing::TestIssuerKey::NewRsa("fas-2024").release();
  return *key;
}

using meldpunt::testing::KindOf;
using meldpunt::testing::MakePrincipal;
using meldpunt::testing::ServiceEdge;

}  // namespace

const char* MethodName(Method m) {
  switch (m) {
    case Method::kVerifyEid: return "VerifyEid";
    case Method::kLoginWithOidc: return "LoginWithOidc";
    case Method::kLoginStaff: return "LoginStaff";
    case Method::kRefreshSession: return "RefreshSession";
    case Method::kRevokeSession: return "RevokeSession";
    case Method::kGetCitizen: return "GetCitizen";
    case Method::kUpdateCitizenProfile: return "UpdateCitizenProfile";
    case Method::kGetSigningKeys: return "GetSigningKeys";
    case Method::kResolveContacts: return "ResolveContacts";
    case Method::kCountCitizens: return "CountCitizens";
  }
  return "?";
}

std::string Reason(const grpc::Status& s) { return status::Reason(status::FromGrpc(s)); }

nlohmann::json FasClaims(const std::string& national_number, const std::string& given_name,
                         const std::string& surname, const std::string& acr) {
  const absl::Time now = absl::Now();
  nlohmann::json claims = {{"iss", kFasIssuer},
                           {"aud", kFasClient},
                           {"sub", "fas-subject-" + national_number},
                           {"iat", absl::ToUnixSeconds(now)},
                           {"exp", absl::ToUnixSeconds(now + absl::Minutes(5))},
                           {"nonce", kOidcNonce},
                           {"egovNRN", national_number},
                           {"givenName", given_name},
                           {"surname", surname},
                           {"prefLanguage", "nl"}};
  if (!acr.empty()) claims["acr"] = acr;
  return claims;
}

void IdentityServiceTest::SetUp() {
  log_ = std::make_unique<observability::StreamLogger>(log_text_, observability::LogLevel::kDebug);

  IdentityDatabaseTest::SetUp();
  if (HasFatalFailure()) return;

  identity::testing::StartTestRedis(&redis_server_, &redis_);
  if (HasFatalFailure()) return;

  auto protector = crypto::DataProtector::FromSecret(std::string(32, 'k'));
  ASSERT_TRUE(protector.ok()) << protector.status();
  protector_ = std::move(*protector);

  // Sessions and keys as main.cc wires them; the handlers read absl::Now(), so the keys are
  // made at the real time too.
  tokens::TokenSettings settings;
  key_store_ = std::make_unique<tokens::PgSigningKeyStore>(pool_.get());
  auto keys = tokens::KeyRing::Create(key_store_.get(), protector_.get(), settings, absl::Now());
  ASSERT_TRUE(keys.ok()) << keys.status();
  keys_ = std::move(*keys);
  token_issuer_ = std::make_unique<tokens::TokenIssuer>(keys_.get());
  revocations_ = std::make_unique<tokens::RedisRevocationPublisher>(redis_.get());
  tokens::PgSessionManagerDeps session_deps;
  session_deps.pool = pool_.get();
  session_deps.keys = keys_.get();
  session_deps.issuer = token_issuer_.get();
  session_deps.revocations = revocations_.get();
  session_deps.log = log_.get();
  sessions_ = std::make_unique<tokens::PgSessionManager>(session_deps);

  staff::Argon2idParams cheap;
  cheap.time_cost = 1;
  cheap.memory_kib = 64;
  auto hasher = staff::Argon2idHasher::Create(cheap);
  ASSERT_TRUE(hasher.ok()) << hasher.status();
  hasher_ = std::move(*hasher);
  staff_repository_ = std::make_unique<staff::PgStaffRepository>(pool_.get());
  // The per-name login limit as main.cc wires it: the default policy, on the test's Redis.
  rate_limiter_ = std::make_unique<rate_limit::RedisRateLimiter>(redis_.get());
  auto attempts = staff::LoginAttemptLimiter::Create(rate_limiter_.get(), protector_.get());
  ASSERT_TRUE(attempts.ok()) << attempts.status();
  login_attempts_ = std::move(*attempts);
  auto staff_login = staff::StaffLogin::Create(staff_repository_.get(), hasher_.get(),
                                               login_attempts_.get());
  ASSERT_TRUE(staff_login.ok()) << staff_login.status();
  staff_login_ = std::move(*staff_login);

  citizens_ = std::make_unique<PgCitizenRepository>(pool_.get(), protector_.get());
  assurance_ = std::make_unique<PgAssurancePolicies>(pool_.get());
  nonces_ = std::make_unique<PgChallengeNonces>(pool_.get());

  if (ConfigureEid()) {
    auto cards = eid::EidVerifier::Create(fx::TrustedRootsPem());
    ASSERT_TRUE(cards.ok()) << cards.status();
    cards_ = std::move(*cards);
  }
  if (ConfigureOidc()) {
    const nlohmann::json jwks = {{"keys", {FasKey().Jwk()}}};
    auto fas_keys = jwt::PublicKeysFromJwks(jwks.dump());
    ASSERT_TRUE(fas_keys.ok()) << fas_keys.status();
    std::vector<oidc::OidcIssuer> issuers(1);
    issuers[0].provider = v1::OIDC_PROVIDER_FAS;
    issuers[0].issuer = kFasIssuer;
    issuers[0].audience = kFasClient;
    issuers[0].keys = std::move(*fas_keys);
    issuers[0].is_default = true;
    auto verifier = oidc::OidcVerifier::Create(std::move(issuers));
    ASSERT_TRUE(verifier.ok()) << verifier.status();
    oidc_ = std::move(*verifier);
  }

  meldpunt::testing::ServiceEdgeOptions edge_options;
  edge_options.service_name = "identity";
  edge_options.logger = log_.get();  // the request log goes to the same logger, as in main.cc
  auto edge = ServiceEdge::Create(edge_options);
  ASSERT_TRUE(edge.ok()) << edge.status();
  edge_ = std::move(*edge);
  // Keys the service does not trust: another key id, and another key under the trusted id.
  auto other = auth::testing::NewEd25519KeyPair();
  unknown_signer_ = std::move(auth::PrincipalSigner::Create("gw-unknown", other.first)).value();
  impostor_signer_ = std::move(auth::PrincipalSigner::Create("gw1", other.first)).value();

  IdentityServiceDeps deps;
  deps.calls = edge_->calls();
  deps.cards = cards_.get();
  deps.nonces = nonces_.get();
  deps.oidc = oidc_.get();
  deps.staff = staff_login_.get();
  deps.sessions = sessions_.get();
  deps.citizens = citizens_.get();
  deps.assurance = assurance_.get();
  deps.events_written = [this] { ++events_written_; };
  service_ = std::make_unique<IdentityServiceImpl>(std::move(deps));

  ASSERT_TRUE(edge_->Serve(v1::IdentityService::service_full_name(), service_.get()).ok());
  stub_ = v1::IdentityService::NewStub(edge_->channel());
}

void IdentityServiceTest::TearDown() {
  if (edge_) edge_->Stop();
  stub_.reset();
  sessions_.reset();
  keys_.reset();
  IdentityDatabaseTest::TearDown();
}

std::unique_ptr<grpc::ClientContext> IdentityServiceTest::As(const std::string& tenant,
                                                             cv1::Role role,
                                                             const std::string& subject) {
  // A citizen as the apps log in: with the card present, so the tests of roles and tenants are
  // not also tests of the assurance policy (AsCitizenAt is for those).
  if (role == cv1::ROLE_CITIZEN) {
    return AsCitizenAt(tenant, subject, cv1::ASSURANCE_LEVEL_EID_CHALLENGE);
  }
  return edge_->As(tenant, role, subject);
}

std::unique_ptr<grpc::ClientContext> IdentityServiceTest::AsCitizenAt(
    const std::string& tenant, const std::string& citizen_id, cv1::AssuranceLevel level) {
  cv1::Principal p =
      MakePrincipal(tenant, cv1::PRINCIPAL_KIND_CITIZEN, {cv1::ROLE_CITIZEN}, citizen_id);
  p.set_assurance_level(level);
  return edge_->Signed(p);
}

std::unique_ptr<grpc::ClientContext> IdentityServiceTest::AsPrincipal(
    const std::string& tenant, cv1::PrincipalKind kind, const std::vector<cv1::Role>& roles,
    const std::string& subject) {
  return edge_->Signed(MakePrincipal(tenant, kind, roles, subject));
}

std::unique_ptr<grpc::ClientContext> IdentityServiceTest::AsCitizen(const std::string& tenant,
                                                                    const std::string& citizen_id) {
  return As(tenant, cv1::ROLE_CITIZEN, citizen_id);
}

std::unique_ptr<grpc::ClientContext> IdentityServiceTest::AsApiClient(const std::string& tenant) {
  return As(tenant, cv1::ROLE_INTEGRATOR, "app-backend");
}

std::unique_ptr<grpc::ClientContext> IdentityServiceTest::AsService(const std::string& tenant) {
  return As(tenant, cv1::ROLE_SERVICE, "notification");
}

std::unique_ptr<grpc::ClientContext> IdentityServiceTest::Anonymous() {
  return ServiceEdge::Anonymous();
}

std::unique_ptr<grpc::ClientContext> IdentityServiceTest::SignedByUnknownKey(
    const std::string& tenant, cv1::Role role) {
  return ServiceEdge::SignedBy(*unknown_signer_, MakePrincipal(tenant, KindOf(role), {role}, "staff-1"));
}

std::unique_ptr<grpc::ClientContext> IdentityServiceTest::SignedByImpostorKey(
    const std::string& tenant, cv1::Role role) {
  return ServiceEdge::SignedBy(*impostor_signer_, MakePrincipal(tenant, KindOf(role), {role}, "staff-1"));
}

grpc::Status IdentityServiceTest::Call(Method m, grpc::ClientContext* ctx) {
  switch (m) {
    case Method::kVerifyEid: {
      v1::VerifyEidResponse resp;
      return stub_->VerifyEid(ctx, CardRequest(DefaultCard()), &resp);
    }
    case Method::kLoginWithOidc: {
      v1::LoginWithOidcResponse resp;
      return stub_->LoginWithOidc(
          ctx, OidcRequest(FasToken(FasClaims("90010100123", "Bert", "Janssens", ""))), &resp);
    }
    case Method::kLoginStaff: {
      v1::LoginStaffRequest req;
      req.set_tenant_id(kSintTruiden);
      req.set_username("nobody");
      req.set_password(kStaffPassword);
      v1::LoginStaffResponse resp;
      return stub_->LoginStaff(ctx, req, &resp);
    }
    case Method::kRefreshSession: {
      v1::RefreshSessionRequest req;
      req.set_refresh_token("not-a-refresh-token");
      v1::RefreshSessionResponse resp;
      return stub_->RefreshSession(ctx, req, &resp);
    }
    case Method::kRevokeSession: {
      v1::RevokeSessionRequest req;
      req.set_refresh_token("not-a-refresh-token");
      v1::RevokeSessionResponse resp;
      return stub_->RevokeSession(ctx, req, &resp);
    }
    case Method::kGetCitizen: {
      v1::GetCitizenRequest req;
      req.set_citizen_id("00000000-0000-4000-8000-000000000001");
      req.set_access_reason("test");
      v1::GetCitizenResponse resp;
      return stub_->GetCitizen(ctx, req, &resp);
    }
    case Method::kUpdateCitizenProfile: {
      v1::UpdateCitizenProfileRequest req;
      req.set_citizen_id("00000000-0000-4000-8000-000000000001");
      req.set_profession("student");
      v1::UpdateCitizenProfileResponse resp;
      return stub_->UpdateCitizenProfile(ctx, req, &resp);
    }
    case Method::kGetSigningKeys: {
      v1::GetSigningKeysResponse resp;
      return stub_->GetSigningKeys(ctx, v1::GetSigningKeysRequest(), &resp);
    }
    case Method::kResolveContacts: {
      v1::ResolveContactsRequest req;
      req.add_citizen_ids("00000000-0000-4000-8000-000000000001");
      v1::ResolveContactsResponse resp;
      return stub_->ResolveContacts(ctx, req, &resp);
    }
    case Method::kCountCitizens: {
      v1::CountCitizensResponse resp;
      return stub_->CountCitizens(ctx, v1::CountCitizensRequest(), &resp);
    }
  }
  return grpc::Status(grpc::StatusCode::INTERNAL, "unknown method");
}

v1::VerifyEidRequest IdentityServiceTest::CardRequest(const eid::testing::TestCard& card) {
  v1::VerifyEidRequest req;
  auto* files = req.mutable_card();
  files->set_identity_file(card.files.identity_file);
  files->set_identity_signature(card.files.identity_signature);
  files->set_address_file(card.files.address_file);
  files->set_address_signature(card.files.address_signature);
  files->set_rrn_certificate(card.files.rrn_certificate);
  files->set_photo(card.files.photo);
  req.set_preferred_language(cv1::LANGUAGE_NL);
  return req;
}

v1::EidCardChallenge IdentityServiceTest::Challenge(const eid::testing::TestCard& card,
                                                    const std::string& nonce,
                                                    absl::Time created_at) {
  const eid::CardChallenge signed_nonce = card.SignChallenge(nonce);
  v1::EidCardChallenge c;
  c.set_nonce(signed_nonce.nonce);
  c.set_basic_public_key_file(signed_nonce.basic_public_key_file);
  c.set_signature(signed_nonce.signature);
  *c.mutable_nonce_created_at() = time::ToProto(created_at);
  return c;
}

const eid::testing::TestCard& IdentityServiceTest::DefaultCard() {
  static const auto* card = new eid::testing::TestCard(fx::MakeCard());
  return *card;
}

v1::VerifyEidResponse IdentityServiceTest::MustRegister(const std::string& tenant,
                                                        const eid::testing::TestCard& card) {
  v1::VerifyEidResponse resp;
  grpc::Status s = stub_->VerifyEid(AsApiClient(tenant).get(), CardRequest(card), &resp);
  EXPECT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  return resp;
}

std::string IdentityServiceTest::FasToken(const nlohmann::json& claims) {
  return FasKey().Sign(claims);
}

v1::LoginWithOidcRequest IdentityServiceTest::OidcRequest(const std::string& id_token) {
  v1::LoginWithOidcRequest req;
  req.set_provider(v1::OIDC_PROVIDER_FAS);
  req.set_id_token(id_token);
  req.set_nonce(kOidcNonce);
  return req;
}

v1::StaffAccount IdentityServiceTest::MustCreateStaff(const std::string& tenant,
                                                      const std::string& username,
                                                      std::vector<cv1::Role> roles) {
  staff::NewStaffAccount account;
  account.tenant_id = tenant;
  account.username = username;
  account.display_name = "Baliemedewerker " + username;
  account.roles = std::move(roles);
  account.password = kStaffPassword;
  auto created = staff::CreateStaffAccount(*pool_, *hasher_, account, absl::Now());
  EXPECT_TRUE(created.ok()) << created.status();
  return created.ok() ? *created : v1::StaffAccount();
}

grpc::Status IdentityServiceTest::LoginStaff(const std::string& client_tenant,
                                             const std::string& account_tenant,
                                             const std::string& username,
                                             const std::string& password,
                                             v1::LoginStaffResponse* resp) {
  v1::LoginStaffRequest req;
  req.set_tenant_id(account_tenant);
  req.set_username(username);
  req.set_password(password);
  return stub_->LoginStaff(AsApiClient(client_tenant).get(), req, resp);
}

std::string IdentityServiceTest::RedisGet(const std::string& key) {
  return identity::testing::RedisValue(*redis_, key);
}

}  // namespace meldpunt::identity::service_test
