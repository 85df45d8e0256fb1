#pragma once
// Set-up of the tokens integration tests: identity's test database
// (tests/fixtures/identity_database.h); a Redis of the test's own; the key ring, issuer and session manager wired as the service wires them, at a
// fixed test time kT0.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libs/observability/log.h"
#include "libs/redis/hiredis_client.h"
#include "libs/testing/test_redis.h"
#include "services/identity/src/crypto/data_protector.h"
#include "services/identity/src/tokens/key_ring.h"
#include "services/identity/src/tokens/pg_session_manager.h"
#include "services/identity/src/tokens/pg_signing_key_store.h"
#include "services/identity/src/tokens/revocation_publisher.h"
#include "services/identity/src/tokens/token_issuer.h"
#include "services/identity/tests/fixtures/identity_database.h"
#include "services/identity/tests/tokens/token_check.h"

namespace meldpunt::identity::tokens::testing {

inline constexpr char kSintTruiden[] = "71053";
inline constexpr char kHasselt[] = "71022";

// 2025-03-01 10:00:00 UTC.
absl::Time T0();

// Log lines kept in memory, to check what was logged.
class CapturingLogger final : public observability::Logger {
 public:
  void Write(std::string_view line) override;
  observability::LogLevel level() const override { return observability::LogLevel::kDebug; }
  std::vector<std::string> Lines();

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

class TokensTest : public identity::testing::IdentityDatabaseTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  SessionSubject Citizen(const std::string& tenant = kSintTruiden, const std::string& id = "c-1");
  SessionSubject Staff(const std::string& tenant, const std::string& id,
                       std::vector<common::v1::Role> roles);
  auth::Principal PrincipalOf(const SessionSubject& subject);

  // Opens a session, asserting success.
  v1::SessionTokens MustOpen(const SessionSubject& subject, absl::Time now);
  // The token verified with the keys published at now.
  absl::StatusOr<CheckedToken> Verify(const std::string& access_token, absl::Time now);

  // PTTL of a Redis key in ms (-2: no such key) and its value ("" when absent).
  std::int64_t RedisTtlMillis(const std::string& key);
  std::string RedisGet(const std::string& key);

  // A second key ring on the same database, as another replica would have.
  absl::StatusOr<std::unique_ptr<KeyRing>> NewReplicaRing(absl::Time now);

  TokenSettings settings_;
  std::unique_ptr<meldpunt::testing::TestRedis> redis_server_;
  std::unique_ptr<redis::HiredisClient> redis_;
  std::unique_ptr<crypto::DataProtector> protector_;
  std::unique_ptr<PgSigningKeyStore> key_store_;
  std::unique_ptr<KeyRing> keys_;
  std::unique_ptr<TokenIssuer> issuer_;
  std::unique_ptr<RedisRevocationPublisher> revocations_;
  CapturingLogger log_;
  std::unique_ptr<PgSessionManager> sessions_;
};

}  // namespace meldpunt::identity::tokens::testing
