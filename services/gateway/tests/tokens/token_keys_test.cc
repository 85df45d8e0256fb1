// Identity's signing keys in the gateway (IdentityKeySource: caching, rotation, pacing, bad keys),
// key validity and session revocation in the verifier, and the Redis revocation check's
// fail-open — all with fakes, no I/O.
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include <gtest/gtest.h>

#include "libs/jwt/signer.h"
#include "libs/status/status.h"
#include "libs/testing/fake_clock.h"
#include "services/gateway/src/tokens/identity_key_source.h"
#include "services/gateway/src/tokens/jwt_verifier.h"
#include "services/gateway/src/tokens/redis_session_revocations.h"
#include "services/gateway/tests/support/jwt_minter.h"

namespace meldpunt::gateway {
namespace {

using identity::v1::GetSigningKeysResponse;
using identity::v1::SigningKey;
using testing::TokenClaims;

using FakeClock = meldpunt::testing::FakeClock;

// Answers with whatever the test publishes (or an error), counting the calls.
class FakeFetcher final : public SigningKeysFetcher {
 public:
  absl::StatusOr<GetSigningKeysResponse> Fetch() override {
    std::lock_guard<std::mutex> lock(mu_);
    ++calls_;
    cv_.notify_all();
    if (!down_.ok()) return down_;
    return published_;
  }
  void Publish(GetSigningKeysResponse r) {
    std::lock_guard<std::mutex> lock(mu_);
    published_ = std::move(r);
    down_ = absl::OkStatus();
  }
  void GoDown() {
    std::lock_guard<std::mutex> lock(mu_);
    down_ = status::Unavailable("SERVICE_UNAVAILABLE", "identity is down");
  }
  int calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  void WaitForCalls(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return calls_ >= n; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  GetSigningKeysResponse published_;
  absl::Status down_ = absl::OkStatus();
  int calls_ = 0;
};

class CollectingLogger final : public observability::Logger {
 public:
  void Write(std::string_view line) override {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.emplace_back(line);
  }
  observability::LogLevel level() const override { return observability::LogLevel::kDebug; }
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

struct Key {
  std::unique_ptr<jwt::JwsSigner> signer;
  std::string private_pem;
};

Key NewKey(const std::string& kid, bool ec = false) {
  Key k;
  k.private_pem = *(ec ? jwt::NewP256PrivateKeyPem() : jwt::NewEd25519PrivateKeyPem());
  k.signer = std::move(*jwt::JwsSigner::Create(kid, k.private_pem));
  return k;
}

google::protobuf::Timestamp Ts(absl::Time t) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

SigningKey Published(const Key& k, std::optional<absl::Time> not_before = std::nullopt,
                     std::optional<absl::Time> not_after = std::nullopt) {
  SigningKey out;
  out.set_key_id(k.signer->key_id());
  out.set_algorithm(std::string(jwt::AlgorithmName(k.signer->algorithm())));
  out.set_public_key_pem(k.signer->PublicKeyPem());
  if (not_before) *out.mutable_not_before() = Ts(*not_before);
  if (not_after) *out.mutable_not_after() = Ts(*not_after);
  return out;
}

GetSigningKeysResponse Response(std::vector<SigningKey> keys) {
  GetSigningKeysResponse r;
  for (auto& k : keys) *r.add_keys() = std::move(k);
  r.mutable_cache_for()->set_seconds(300);
  return r;
}

std::string Token(const Key& k, TokenClaims claims = {}) {
  return k.signer->Sign(claims.ToJson());
}

class IdentityKeySourceTest : public ::testing::Test {
 protected:
  FakeFetcher fetcher_;
  FakeClock clock_;
  CollectingLogger log_;
  IdentityKeySource source_{&fetcher_, &clock_, &log_};
};

TEST_F(IdentityKeySourceTest, BeforeAnyKeysArriveTokensWaitAndIdentityIsAskedAtMostEvery10s) {
  fetcher_.GoDown();
  auto found = source_.Find("k1");
  EXPECT_EQ(found.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status::Reason(found.status()), "TOKEN_KEYS_UNAVAILABLE");
  EXPECT_EQ(fetcher_.calls(), 1);
  clock_.Advance(absl::Seconds(9));
  EXPECT_EQ(status::Reason(source_.Find("k1").status()), "TOKEN_KEYS_UNAVAILABLE");
  EXPECT_EQ(fetcher_.calls(), 1) << "asked again within 10 s";
  clock_.Advance(absl::Seconds(1));
  Key k1 = NewKey("k1");
  fetcher_.Publish(Response({Published(k1)}));
  auto now_found = source_.Find("k1");
  ASSERT_TRUE(now_found.ok()) << now_found.status();
  EXPECT_EQ(now_found->key->key_id, "k1");
  EXPECT_EQ(fetcher_.calls(), 2);
  EXPECT_EQ(source_.fetch_failures(), 1u);
}

TEST_F(IdentityKeySourceTest, ANewKidIsFetchedAtOnceButNotMoreOftenThanEvery10s) {
  Key k1 = NewKey("k1");
  Key k2 = NewKey("k2", /*ec=*/true);
  fetcher_.Publish(Response({Published(k1)}));
  ASSERT_TRUE(source_.Refresh().ok());
  EXPECT_TRUE(source_.Find("k1").ok());
  EXPECT_EQ(fetcher_.calls(), 1);

  // Identity starts signing with k2. Within 10 s of the last fetch a token naming it is refused
  // without asking identity; a made-up kid is the same to the gateway.
  fetcher_.Publish(Response({Published(k1), Published(k2)}));
  clock_.Advance(absl::Seconds(5));
  EXPECT_EQ(status::Reason(source_.Find("k2").status()), "TOKEN_UNKNOWN_KEY");
  EXPECT_EQ(fetcher_.calls(), 1);
  clock_.Advance(absl::Seconds(5));
  auto k2_found = source_.Find("k2");
  ASSERT_TRUE(k2_found.ok()) << k2_found.status();
  EXPECT_EQ(k2_found->key->algorithm, jwt::Algorithm::kEs256);
  EXPECT_EQ(fetcher_.calls(), 2);
  // A made-up kid right after: no new fetch; later: one, still unknown.
  EXPECT_EQ(status::Reason(source_.Find("made-up").status()), "TOKEN_UNKNOWN_KEY");
  EXPECT_EQ(fetcher_.calls(), 2);
  clock_.Advance(absl::Seconds(10));
  EXPECT_EQ(status::Reason(source_.Find("made-up").status()), "TOKEN_UNKNOWN_KEY");
  EXPECT_EQ(fetcher_.calls(), 3);
  // Known keys never cost a fetch.
  EXPECT_TRUE(source_.Find("k1").ok());
  EXPECT_EQ(fetcher_.calls(), 3);
}

TEST_F(IdentityKeySourceTest, CarriesEachKeysValidity) {
  const absl::Time from = absl::FromUnixSeconds(1700000000);
  const absl::Time until = from + absl::Hours(1);
  Key k1 = NewKey("k1");
  Key k2 = NewKey("k2");
  fetcher_.Publish(Response({Published(k1, from, until), Published(k2)}));
  ASSERT_TRUE(source_.Refresh().ok());
  auto k1_found = source_.Find("k1");
  ASSERT_TRUE(k1_found.ok());
  EXPECT_EQ(k1_found->not_before, from);
  EXPECT_EQ(k1_found->not_after, until);
  auto k2_found = source_.Find("k2");
  ASSERT_TRUE(k2_found.ok());
  EXPECT_EQ(k2_found->not_before, absl::InfinitePast());
  EXPECT_EQ(k2_found->not_after, absl::InfiniteFuture());
}

TEST_F(IdentityKeySourceTest, LeavesOutKeysThatCannotBeUsedAndKeepsTheRest) {
  Key good = NewKey("good");
  SigningKey mislabelled = Published(NewKey("mislabelled"));
  mislabelled.set_algorithm("ES256");  // an Ed25519 key
  SigningKey garbage = Published(NewKey("garbage"));
  garbage.set_public_key_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
  SigningKey twice = Published(NewKey("good"));
  fetcher_.Publish(Response({Published(good), mislabelled, garbage, twice}));
  ASSERT_TRUE(source_.Refresh().ok());
  EXPECT_EQ(source_.key_count(), 1u);
  auto found = source_.Find("good");
  ASSERT_TRUE(found.ok());
  // The first of two keys with one kid wins: the token signed by it verifies.
  EXPECT_TRUE(jwt::VerifySignature(*found->key, "x", good.signer->SignBytes("x")).ok());
  bool warned = false;
  for (const auto& line : log_.lines()) {
    warned = warned || (line.find("cannot be used") != std::string::npos &&
                        line.find("mislabelled") != std::string::npos);
  }
  EXPECT_TRUE(warned);
}

TEST_F(IdentityKeySourceTest, IdentityDownKeepsTheLastKeySet) {
  Key k1 = NewKey("k1");
  fetcher_.Publish(Response({Published(k1)}));
  ASSERT_TRUE(source_.Refresh().ok());
  fetcher_.GoDown();
  EXPECT_FALSE(source_.Refresh().ok());
  EXPECT_TRUE(source_.Find("k1").ok());
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(status::Reason(source_.Find("k9").status()), "TOKEN_UNKNOWN_KEY");
  EXPECT_EQ(source_.fetch_failures(), 2u);
}

TEST_F(IdentityKeySourceTest, TheBackgroundRefresherFetchesAtOnceAndStops) {
  Key k1 = NewKey("k1");
  fetcher_.Publish(Response({Published(k1)}));
  source_.Start();
  fetcher_.WaitForCalls(1);
  source_.Stop();  // joins: the fetch has finished storing
  EXPECT_EQ(source_.key_count(), 1u);
  EXPECT_EQ(fetcher_.calls(), 1) << "the next refresh is 300 s away";
}

// ---- the verifier with rotating keys and revocation

class FakeKeys final : public TokenKeySource {
 public:
  absl::StatusOr<TokenKey> Find(std::string_view kid) override {
    auto it = keys.find(std::string(kid));
    if (it == keys.end()) return status::Unauthenticated("TOKEN_UNKNOWN_KEY", "unknown");
    return it->second;
  }
  std::map<std::string, TokenKey> keys;
};

class FakeRevocations final : public SessionRevocations {
 public:
  absl::Status Check(std::string_view sid) override {
    checked.emplace_back(sid);
    if (revoked.count(std::string(sid)) > 0) {
      return status::Unauthenticated("TOKEN_REVOKED", "revoked");
    }
    return absl::OkStatus();
  }
  std::set<std::string> revoked;
  std::vector<std::string> checked;
};

class RotatingVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = NewKey("k1");
    Add(key_, absl::InfinitePast(), absl::InfiniteFuture());
    verifier_ = std::move(*JwtVerifier::Create(&keys_, &revocations_,
                                               {"meldpunt-identity", "meldpunt-gateway"}));
  }
  void Add(const Key& k, absl::Time not_before, absl::Time not_after) {
    auto pk = jwt::PublicKeyFromPem(k.signer->key_id(), k.signer->PublicKeyPem());
    ASSERT_TRUE(pk.ok());
    keys_.keys[k.signer->key_id()] =
        TokenKey{std::make_shared<const jwt::PublicKey>(std::move(*pk)), not_before, not_after};
  }
  std::string Reason(const std::string& token) {
    auto r = verifier_->Verify(token, absl::Now());
    return r.ok() ? "OK" : status::Reason(r.status());
  }

  Key key_;
  FakeKeys keys_;
  FakeRevocations revocations_;
  std::unique_ptr<JwtVerifier> verifier_;
};

TEST_F(RotatingVerifierTest, AKeyCountsOnlyWithinItsValidity) {
  Key retired = NewKey("retired");
  Add(retired, absl::Now() - absl::Hours(2), absl::Now() - absl::Minutes(5));
  EXPECT_EQ(Reason(Token(retired)), "TOKEN_KEY_RETIRED");
  Key early = NewKey("early");
  Add(early, absl::Now() + absl::Minutes(5), absl::InfiniteFuture());
  EXPECT_EQ(Reason(Token(early)), "TOKEN_KEY_NOT_YET_VALID");
  // Inside the 30 s leeway both ways: clocks differ a little.
  Key just_retired = NewKey("just-retired");
  Add(just_retired, absl::InfinitePast(), absl::Now() - absl::Seconds(10));
  EXPECT_EQ(Reason(Token(just_retired)), "OK");
  Key just_started = NewKey("just-started");
  Add(just_started, absl::Now() + absl::Seconds(10), absl::InfiniteFuture());
  EXPECT_EQ(Reason(Token(just_started)), "OK");
}

TEST_F(RotatingVerifierTest, ARevokedSessionsTokenIsRefused) {
  TokenClaims c;
  c.sid = "session-1";
  auto ok = verifier_->Verify(Token(key_, c), absl::Now());
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->session_id, "session-1");
  revocations_.revoked.insert("session-1");
  auto refused = verifier_->Verify(Token(key_, c), absl::Now());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(status::Reason(refused.status()), "TOKEN_REVOKED");
  EXPECT_EQ(revocations_.checked, (std::vector<std::string>{"session-1", "session-1"}));
}

TEST_F(RotatingVerifierTest, OnlyAnOtherwiseGoodTokenIsCheckedForRevocation) {
  TokenClaims c;
  EXPECT_EQ(Reason(Token(key_, c)), "OK");  // no sid, nothing to check
  c.sid = "session-2";
  EXPECT_EQ(Reason(Token(NewKey("k1"), c)), "TOKEN_BAD_SIGNATURE");  // forged
  c.exp = absl::Now() - absl::Hours(1);
  c.iat = c.exp - absl::Minutes(10);
  EXPECT_EQ(Reason(Token(key_, c)), "TOKEN_EXPIRED");
  EXPECT_TRUE(revocations_.checked.empty());
}

TEST_F(RotatingVerifierTest, AMalformedSidIsRefused) {
  auto claims = TokenClaims().ToJson();
  for (const nlohmann::json& sid : {nlohmann::json(42), nlohmann::json(""),
                                    nlohmann::json(std::string(129, 's')),
                                    nlohmann::json("with space")}) {
    claims["sid"] = sid;
    EXPECT_EQ(Reason(key_.signer->Sign(claims)), "TOKEN_CLAIMS_INVALID") << sid.dump();
  }
  EXPECT_TRUE(revocations_.checked.empty());
}

// ---- the Redis check

class FakeRedis final : public redis::RedisClient {
 public:
  absl::StatusOr<redis::RedisReply> Command(const std::vector<std::string>& args) override {
    commands.push_back(args);
    if (!answer.ok()) return answer.status();
    return *answer;
  }
  absl::StatusOr<redis::RedisReply> answer = redis::RedisReply::Integer(0);
  std::vector<std::vector<std::string>> commands;
};

TEST(RedisSessionRevocationsTest, AskRedisWhetherTheSessionIsMarked) {
  FakeRedis redis;
  FakeClock clock;
  RedisSessionRevocations revocations(&redis, nullptr, &clock);
  EXPECT_TRUE(revocations.Check("s-1").ok());
  ASSERT_EQ(redis.commands.size(), 1u);
  EXPECT_EQ(redis.commands[0],
            (std::vector<std::string>{"EXISTS", "meldpunt:revoked-session:s-1"}));
  redis.answer = redis::RedisReply::Integer(1);
  absl::Status s = revocations.Check("s-1");
  EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(status::Reason(s), "TOKEN_REVOKED");
  EXPECT_EQ(revocations.failed_open(), 0u);
}

TEST(RedisSessionRevocationsTest, RedisDownAcceptsCountsAndWarnsWithoutTheSession) {
  FakeRedis redis;
  FakeClock clock;
  CollectingLogger log;
  RedisSessionRevocations revocations(&redis, &log, &clock);
  redis.answer = status::Unavailable("REDIS_UNAVAILABLE", "connection refused");
  EXPECT_TRUE(revocations.Check("secret-session").ok());
  EXPECT_TRUE(revocations.Check("secret-session").ok());
  redis.answer = redis::RedisReply::String("not an integer");
  EXPECT_TRUE(revocations.Check("secret-session").ok());
  EXPECT_EQ(revocations.failed_open(), 3u);
  ASSERT_EQ(log.lines().size(), 1u) << "one warning per 10 s, not one per call";
  EXPECT_NE(log.lines()[0].find("warning"), std::string::npos);
  EXPECT_EQ(log.lines()[0].find("secret-session"), std::string::npos);
  clock.Advance(absl::Seconds(10));
  EXPECT_TRUE(revocations.Check("secret-session").ok());
  EXPECT_EQ(log.lines().size(), 2u);
}

}  // namespace
}  // namespace meldpunt::gateway
