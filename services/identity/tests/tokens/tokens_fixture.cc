#include "services/identity/tests/tokens/tokens_fixture.h"

#include "absl/time/civil_time.h"
#include "services/identity/tests/fixtures/test_redis_client.h"

namespace meldpunt::identity::tokens::testing {

namespace cv1 = common::v1;

absl::Time T0() {
  return absl::FromCivil(absl::CivilSecond(2025, 3, 1, 10, 0, 0), absl::UTCTimeZone());
}

void CapturingLogger::Write(std::string_view line) {
  std::lock_guard<std::mutex> lock(mu_);
  lines_.emplace_back(line);
}

std::vector<std::string> CapturingLogger::Lines() {
  std::lock_guard<std::mutex> lock(mu_);
  return lines_;
}

void TokensTest::SetUp() {
  IdentityDatabaseTest::SetUp();
  if (HasFatalFailure()) return;
  identity::testing::StartTestRedis(&redis_server_, &redis_);
  if (HasFatalFailure()) return;

  protector_ = std::move(crypto::DataProtector::FromSecret(std::string(32, 's'))).value();
  key_store_ = std::make_unique<PgSigningKeyStore>(pool_.get());
  auto keys = KeyRing::Create(key_store_.get(), protector_.get(), settings_, T0());
  ASSERT_TRUE(keys.ok()) << keys.status();
  keys_ = std::move(*keys);
  issuer_ = std::make_unique<TokenIssuer>(keys_.get());
  revocations_ = std::make_unique<RedisRevocationPublisher>(redis_.get());
  PgSessionManagerDeps deps;
  deps.pool = pool_.get();
  deps.keys = keys_.get();
  deps.issuer = issuer_.get();
  deps.revocations = revocations_.get();
  deps.log = &log_;
  sessions_ = std::make_unique<PgSessionManager>(deps);
}

void TokensTest::TearDown() {
  sessions_.reset();
  IdentityDatabaseTest::TearDown();
}

SessionSubject TokensTest::Citizen(const std::string& tenant, const std::string& id) {
  SessionSubject s;
  s.tenant_id = tenant;
  s.subject = id;
  s.kind = cv1::PRINCIPAL_KIND_CITIZEN;
  s.roles = {cv1::ROLE_CITIZEN};
  return s;
}

SessionSubject TokensTest::Staff(const std::string& tenant, const std::string& id,
                                 std::vector<cv1::Role> roles) {
  SessionSubject s;
  s.tenant_id = tenant;
  s.subject = id;
  s.kind = cv1::PRINCIPAL_KIND_STAFF;
  s.roles = std::move(roles);
  return s;
}

auth::Principal TokensTest::PrincipalOf(const SessionSubject& subject) {
  auth::Principal p;
  p.set_tenant_id(subject.tenant_id);
  p.set_subject(subject.subject);
  p.set_kind(subject.kind);
  for (auto role : subject.roles) p.add_roles(role);
  return p;
}

v1::SessionTokens TokensTest::MustOpen(const SessionSubject& subject, absl::Time now) {
  auto tokens = sessions_->Open(subject, now);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  return tokens.ok() ? *tokens : v1::SessionTokens();
}

absl::StatusOr<CheckedToken> TokensTest::Verify(const std::string& access_token, absl::Time now) {
  auto published = sessions_->SigningKeys(now);
  if (!published.ok()) return published.status();
  return VerifyWithPublished(*published, access_token);
}

std::int64_t TokensTest::RedisTtlMillis(const std::string& key) {
  auto reply = redis_->Command({"PTTL", key});
  EXPECT_TRUE(reply.ok()) << reply.status();
  return reply.ok() ? reply->integer : -100;
}

std::string TokensTest::RedisGet(const std::string& key) {
  return identity::testing::RedisValue(*redis_, key);
}

absl::StatusOr<std::unique_ptr<KeyRing>> TokensTest::NewReplicaRing(absl::Time now) {
  return KeyRing::Create(key_store_.get(), protector_.get(), settings_, now);
}

}  // namespace meldpunt::identity::tokens::testing
