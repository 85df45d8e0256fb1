// Bearer tokens verified against identity's published signing keys, through the gateway: the
// gateway fetches GetSigningKeys from a fake identity (keys the test controls) with its own
// service principal, picks up a rotated key on an unknown kid, refuses a retired key, refuses a
// token whose session is marked revoked in Redis, and lets tokens through while Redis is down.
// The call made through the gateway is GetSigningKeys itself (open to tenant admins), so the fake
// identity also shows which principal the gateway forwarded.
#include <mutex>
#include <vector>

#include <gtest/gtest.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "libs/auth/test_keys.h"
#include "libs/jwt/signer.h"
#include "libs/rate_limit/redis_rate_limiter.h"
#include "libs/redis/hiredis_client.h"
#include "libs/server/grpc_server.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "libs/testing/test_redis.h"
#include "meldpunt/identity/v1/identity_service.grpc.pb.h"
#include "services/gateway/src/admission/admission.h"
#include "services/gateway/src/downstreams/downstreams.h"
#include "services/gateway/src/api/gateway_server.h"
#include "services/gateway/src/tokens/identity_key_source.h"
#include "services/gateway/src/clients/identity_keys_client.h"
#include "services/gateway/src/tokens/jwt_verifier.h"
#include "services/gateway/src/api/proxy_service.h"
#include "services/gateway/src/tokens/redis_session_revocations.h"
#include "services/gateway/tests/support/jwt_minter.h"
#include "services/gateway/tests/support/loopback.h"

namespace meldpunt::gateway {
namespace {

namespace cv1 = common::v1;
using identity::v1::GetSigningKeysRequest;
using identity::v1::GetSigningKeysResponse;
using identity::v1::SigningKey;
using testing::TokenClaims;

// Identity as far as the gateway needs it: GetSigningKeys, for callers with a valid principal.
class FakeIdentity final : public identity::v1::IdentityService::CallbackService {
 public:
  explicit FakeIdentity(const auth::PrincipalVerifier* verifier) : verifier_(verifier) {}

  grpc::ServerUnaryReactor* GetSigningKeys(grpc::CallbackServerContext* ctx,
                                           const GetSigningKeysRequest*,
                                           GetSigningKeysResponse* resp) override {
    auto* reactor = ctx->DefaultReactor();
    auto caller = auth::Authenticate(*ctx, *verifier_, absl::Now());
    if (!caller.ok()) {
      reactor->Finish(status::ToGrpc(caller.status(), "identity.meldpunt"));
      return reactor;
    }
    std::lock_guard<std::mutex> lock(mu_);
    callers_.push_back(*caller);
    *resp = published_;
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  void Publish(std::vector<SigningKey> keys) {
    std::lock_guard<std::mutex> lock(mu_);
    published_.Clear();
    for (auto& k : keys) *published_.add_keys() = std::move(k);
    published_.mutable_cache_for()->set_seconds(300);
  }
  std::vector<auth::Principal> callers() {
    std::lock_guard<std::mutex> lock(mu_);
    return callers_;
  }
  int fetches_by_gateway() {
    int n = 0;
    for (const auto& p : callers()) n += p.kind() == cv1::PRINCIPAL_KIND_SERVICE ? 1 : 0;
    return n;
  }

 private:
  const auth::PrincipalVerifier* verifier_;
  std::mutex mu_;
  GetSigningKeysResponse published_;
  std::vector<auth::Principal> callers_;
};

// Bearer tokens only in these tests: every API key is refused.
class NoApiKeys final : public ApiKeyVerifier {
 public:
  absl::StatusOr<VerifiedApiClient> Verify(std::string_view, absl::Time) override {
    return status::Unauthenticated("API_KEY_INVALID", "no API keys here");
  }
  void Forget(const std::string&) override {}
};

class FakeClock final : public time::Clock {
 public:
  absl::Time Now() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return absl::Now() + offset_;
  }
  void Advance(absl::Duration d) {
    std::lock_guard<std::mutex> lock(mu_);
    offset_ += d;
  }

 private:
  mutable std::mutex mu_;
  absl::Duration offset_;
};

struct Key {
  std::unique_ptr<jwt::JwsSigner> signer;
};

Key NewKey(const std::string& kid) {
  return Key{std::move(*jwt::JwsSigner::Create(kid, *jwt::NewEd25519PrivateKeyPem()))};
}

SigningKey Published(const Key& k, absl::Time not_before, absl::Time not_after) {
  SigningKey out;
  out.set_key_id(k.signer->key_id());
  out.set_algorithm("EdDSA");
  out.set_public_key_pem(k.signer->PublicKeyPem());
  out.mutable_not_before()->set_seconds(absl::ToUnixSeconds(not_before));
  out.mutable_not_after()->set_seconds(absl::ToUnixSeconds(not_after));
  out.set_active(true);
  return out;
}

SigningKey Current(const Key& k) {
  return Published(k, absl::Now() - absl::Hours(1), absl::Now() + absl::Hours(1));
}

using testing::Loopback;

class TokenKeysEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = meldpunt::testing::TestRedis::Create();
    ASSERT_TRUE(r.ok()) << r.status();
    redis_server_ = std::move(*r);
    redis_ = redis_server_->NewClient();

    // The gateway's principal key, trusted by identity.
    auto principal_keys = auth::testing::NewEd25519KeyPair();
    principal_signer_ = std::move(*auth::PrincipalSigner::Create("gw1", principal_keys.first));
    principal_verifier_ =
        std::move(*auth::PrincipalVerifier::Create({{"gw1", principal_keys.second}}));

    identity_ = std::make_unique<FakeIdentity>(principal_verifier_.get());
    auto identity_edge = testing::ServeStandIn(
        "identity", identity::v1::IdentityService::service_full_name(), identity_.get());
    ASSERT_TRUE(identity_edge.ok()) << identity_edge.status();
    identity_edge_ = std::move(*identity_edge);

    // The gateway, wired as main.cc wires it when no --token-public-keys are given.
    auto ds = Downstreams::Create(
        {{"identity", identity_edge_->address()}}, 1 << 20);
    ASSERT_TRUE(ds.ok()) << ds.status();
    downstreams_ = std::move(*ds);
    keys_client_ = std::make_unique<IdentityKeysClient>(downstreams_->Find("identity")->channel,
                                                        principal_signer_.get());
    key_source_ = std::make_unique<IdentityKeySource>(keys_client_.get(), &clock_, nullptr);
    revocations_ = std::make_unique<RedisSessionRevocations>(redis_.get(), nullptr);
    tokens_ = std::move(*JwtVerifier::Create(key_source_.get(), revocations_.get(),
                                             {"meldpunt-identity", "meldpunt-gateway"}));
    limiter_ = std::make_unique<rate_limit::RedisRateLimiter>(redis_.get());
    auto limits = RateLimits::Parse("");
    ASSERT_TRUE(limits.ok());
    admission_ = std::make_unique<Admission>(&api_keys_, tokens_.get(), limiter_.get(), *limits);
    gateway_workers_ = std::make_unique<server::WorkerPool>(4, 64);
    ProxyOptions po;
    po.deadlines = {std::chrono::seconds(10), std::chrono::seconds(20)};
    proxy_ = std::make_unique<ProxyService>(po, downstreams_.get(), admission_.get(),
                                            principal_signer_.get(), gateway_workers_.get());
    auto gsrv = GatewayServer::Start(Loopback("gateway"), {}, proxy_.get(), gateway_workers_.get(),
                                     nullptr, nullptr);
    ASSERT_TRUE(gsrv.ok()) << gsrv.status();
    gateway_ = std::move(*gsrv);
    stub_ = identity::v1::IdentityService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(gateway_->port()), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (gateway_) gateway_->Shutdown();
    if (identity_edge_) identity_edge_->Stop();
  }

  // A tenant admin's token, signed by key, optionally bound to a session.
  std::string Token(const Key& key, const std::string& sid = "") {
    TokenClaims c;
    c.sub = "staff-7";
    c.roles = {"tenant_admin"};
    c.sid = sid;
    return key.signer->Sign(c.ToJson());
  }

  // GetSigningKeys through the gateway with the token.
  grpc::Status Call(const std::string& token) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    ctx.AddMetadata("authorization", "Bearer " + token);
    GetSigningKeysResponse resp;
    return stub_->GetSigningKeys(&ctx, GetSigningKeysRequest(), &resp);
  }

  static std::string Reason(const grpc::Status& s) { return status::Reason(status::FromGrpc(s)); }

  std::unique_ptr<meldpunt::testing::TestRedis> redis_server_;
  std::unique_ptr<redis::HiredisClient> redis_;
  std::unique_ptr<auth::PrincipalSigner> principal_signer_;
  std::unique_ptr<auth::PrincipalVerifier> principal_verifier_;
  std::unique_ptr<meldpunt::testing::ServiceEdge> identity_edge_;
  std::unique_ptr<FakeIdentity> identity_;

  FakeClock clock_;
  NoApiKeys api_keys_;
  std::unique_ptr<Downstreams> downstreams_;
  std::unique_ptr<IdentityKeysClient> keys_client_;
  std::unique_ptr<IdentityKeySource> key_source_;
  std::unique_ptr<RedisSessionRevocations> revocations_;
  std::unique_ptr<JwtVerifier> tokens_;
  std::unique_ptr<rate_limit::RedisRateLimiter> limiter_;
  std::unique_ptr<Admission> admission_;
  std::unique_ptr<server::WorkerPool> gateway_workers_;
  std::unique_ptr<ProxyService> proxy_;
  std::unique_ptr<GatewayServer> gateway_;
  std::unique_ptr<identity::v1::IdentityService::Stub> stub_;
};

TEST_F(TokenKeysEndToEndTest, ATokenSignedByAPublishedKeyIsAccepted) {
  Key k1 = NewKey("k1");
  identity_->Publish({Current(k1)});
  grpc::Status s = Call(Token(k1));
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();

  // The gateway fetched the keys as itself, then forwarded the person.
  std::vector<auth::Principal> callers = identity_->callers();
  ASSERT_EQ(callers.size(), 2u);
  EXPECT_EQ(callers[0].kind(), cv1::PRINCIPAL_KIND_SERVICE);
  EXPECT_EQ(callers[0].subject(), "gateway");
  ASSERT_EQ(callers[0].roles_size(), 1);
  EXPECT_EQ(callers[0].roles(0), cv1::ROLE_SERVICE);
  EXPECT_EQ(callers[1].kind(), cv1::PRINCIPAL_KIND_STAFF);
  EXPECT_EQ(callers[1].subject(), "staff-7");
  EXPECT_EQ(callers[1].tenant_id(), "71053");

  // A key identity never published, and a forger using a published kid, are refused.
  EXPECT_EQ(Reason(Call(Token(NewKey("k1")))), "TOKEN_BAD_SIGNATURE");
  EXPECT_EQ(identity_->fetches_by_gateway(), 1) << "known kid: no new fetch";
}

TEST_F(TokenKeysEndToEndTest, ARotatedKeyIsPickedUpOnItsFirstToken) {
  Key k1 = NewKey("k1");
  Key k2 = NewKey("k2");
  identity_->Publish({Current(k1)});
  ASSERT_TRUE(key_source_->Refresh().ok());
  ASSERT_TRUE(Call(Token(k1)).ok());
  EXPECT_EQ(identity_->fetches_by_gateway(), 1);

  // Identity rotates: k2 signs from now on, k1 stays published for its tokens still out there.
  identity_->Publish({Current(k1), Current(k2)});
  // Within 10 s of the last fetch the gateway does not ask again (a flood of made-up kids costs
  // identity nothing) ...
  grpc::Status early = Call(Token(k2));
  EXPECT_EQ(early.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(early), "TOKEN_UNKNOWN_KEY");
  EXPECT_EQ(identity_->fetches_by_gateway(), 1);
  // ... after that, the first token naming k2 fetches the keys at once and passes.
  clock_.Advance(absl::Seconds(10));
  grpc::Status s = Call(Token(k2));
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(identity_->fetches_by_gateway(), 2);
  EXPECT_TRUE(Call(Token(k1)).ok());
  EXPECT_EQ(identity_->fetches_by_gateway(), 2);
}

TEST_F(TokenKeysEndToEndTest, ARetiredKeyPastItsNotAfterIsRefused) {
  Key retired = NewKey("retired");
  Key current = NewKey("current");
  identity_->Publish({Published(retired, absl::Now() - absl::Hours(3), absl::Now() - absl::Hours(1)),
                      Current(current)});
  grpc::Status s = Call(Token(retired));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "TOKEN_KEY_RETIRED");
  EXPECT_TRUE(Call(Token(current)).ok());
}

TEST_F(TokenKeysEndToEndTest, ATokenOfARevokedSessionIsRefused) {
  Key k1 = NewKey("k1");
  identity_->Publish({Current(k1)});
  ASSERT_TRUE(Call(Token(k1, "session-1")).ok());
  // What identity does on RevokeSession.
  ASSERT_TRUE(redis_->Command({"SET", "meldpunt:revoked-session:session-1", "1", "EX", "660"}).ok());
  grpc::Status s = Call(Token(k1, "session-1"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "TOKEN_REVOKED");
  // Other sessions of the same person, and tokens without a session, are unaffected.
  EXPECT_TRUE(Call(Token(k1, "session-2")).ok());
  EXPECT_TRUE(Call(Token(k1)).ok());
  EXPECT_EQ(revocations_->failed_open(), 0u);
}

TEST_F(TokenKeysEndToEndTest, RedisDownLetsTokensThroughAndCountsThem) {
  Key k1 = NewKey("k1");
  identity_->Publish({Current(k1)});
  ASSERT_TRUE(redis_->Command({"SET", "meldpunt:revoked-session:session-1", "1"}).ok());
  ASSERT_EQ(Reason(Call(Token(k1, "session-1"))), "TOKEN_REVOKED");
  ASSERT_TRUE(redis_server_->Stop().ok());

  grpc::Status s = Call(Token(k1, "session-3"));
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  EXPECT_EQ(revocations_->failed_open(), 1u);
  // Fail-open means exactly that: the mark cannot be read either, so even that session passes
  // until Redis is back (its tokens expire within minutes regardless).
  EXPECT_TRUE(Call(Token(k1, "session-1")).ok());
  EXPECT_EQ(revocations_->failed_open(), 2u);
}

}  // namespace
}  // namespace meldpunt::gateway
