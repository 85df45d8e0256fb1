// Signing keys in PostgreSQL: one initial key for racing replicas, rotation and publication,
// private keys sealed at rest.
#include <thread>

#include "libs/status/status.h"
#include "services/identity/tests/tokens/tokens_fixture.h"

namespace meldpunt::identity::tokens::testing {
namespace {

class PgKeyRingTest : public TokensTest {};

TEST_F(PgKeyRingTest, TwoReplicasStartingTogetherCreateOneKey) {
  // The fixture's ring already made a key; start from an empty table.
  Text("WITH d AS (DELETE FROM signing_keys RETURNING 1) SELECT count(*) FROM d");
  ASSERT_EQ(Text("SELECT count(*) FROM signing_keys"), "0");

  absl::StatusOr<std::unique_ptr<KeyRing>> rings[2];
  std::thread starters[2];
  for (int i = 0; i < 2; ++i) {
    starters[i] = std::thread([&, i] { rings[i] = NewReplicaRing(T0() + absl::Hours(1)); });
  }
  for (auto& t : starters) t.join();
  ASSERT_TRUE(rings[0].ok()) << rings[0].status();
  ASSERT_TRUE(rings[1].ok()) << rings[1].status();
  EXPECT_EQ(Text("SELECT count(*) FROM signing_keys"), "1");
  EXPECT_EQ((*(*rings[0])->ActiveSigner())->key_id(), (*(*rings[1])->ActiveSigner())->key_id());
  EXPECT_EQ((*(*rings[0])->ActiveSigner())->key_id(), Text("SELECT key_id FROM signing_keys"));
}

TEST_F(PgKeyRingTest, PrivateKeysAreNotStoredInTheClear) {
  EXPECT_EQ(Text("SELECT count(*) FROM signing_keys"), "1");
  EXPECT_EQ(Text("SELECT count(*) FROM signing_keys"
                   " WHERE position('PRIVATE KEY'::bytea in private_key_sealed) > 0"),
            "0");
  EXPECT_EQ(Text("SELECT count(*) FROM signing_keys WHERE position('PUBLIC KEY' in public_key_pem) > 0"),
            "1");
  EXPECT_EQ(Text("SELECT algorithm FROM signing_keys"), "EdDSA");
}

TEST_F(PgKeyRingTest, AnotherMasterSecretCannotUseTheStoredKey) {
  auto other = std::move(crypto::DataProtector::FromSecret(std::string(32, 'o'))).value();
  auto ring = KeyRing::Create(key_store_.get(), other.get(), settings_, T0() + absl::Minutes(1));
  EXPECT_EQ(status::Reason(ring.status()), "TOKENS_STORED_VALUE_INVALID");
}

TEST_F(PgKeyRingTest, RotationSignsWithTheNewKeyAndPublishesTheOldOneUntilItsTokensExpired) {
  const std::string first_kid = (*keys_->ActiveSigner())->key_id();
  // A token signed with the first key just before rotation.
  const absl::Time rotation = T0() + settings_.rotation_period;
  v1::SessionTokens old_tokens = MustOpen(Citizen(), rotation - absl::Seconds(1));

  ASSERT_TRUE(keys_->Reload(rotation).ok());
  const std::string second_kid = (*keys_->ActiveSigner())->key_id();
  EXPECT_NE(second_kid, first_kid);
  EXPECT_EQ(Text("SELECT count(*) FROM signing_keys"), "2");
  EXPECT_EQ(Text("SELECT key_id FROM signing_keys WHERE retired_at IS NULL"), second_kid);

  v1::SessionTokens new_tokens = MustOpen(Citizen(kHasselt), rotation + absl::Seconds(1));
  auto new_checked = Verify(new_tokens.access_token(), rotation + absl::Seconds(1));
  ASSERT_TRUE(new_checked.ok()) << new_checked.status();
  EXPECT_EQ(new_checked->header["kid"], second_kid);

  // The old key verifies its last token right up to that token's expiry (and beyond, until
  // not_after), and is then no longer published.
  const absl::Time old_token_exp = absl::FromUnixSeconds(old_tokens.access_token_expires_at().seconds());
  auto old_checked = Verify(old_tokens.access_token(), old_token_exp);
  ASSERT_TRUE(old_checked.ok()) << old_checked.status();
  EXPECT_EQ(old_checked->header["kid"], first_kid);

  const absl::Time not_after = rotation + RetirementOverlap(settings_);
  auto published = sessions_->SigningKeys(not_after - absl::Seconds(1));
  ASSERT_TRUE(published.ok());
  ASSERT_EQ(published->keys_size(), 2);
  EXPECT_EQ(published->keys(0).key_id(), second_kid);
  EXPECT_TRUE(published->keys(0).active());
  EXPECT_EQ(published->keys(1).key_id(), first_kid);
  EXPECT_FALSE(published->keys(1).active());
  EXPECT_EQ(published->keys(1).not_after().seconds(), absl::ToUnixSeconds(not_after));
  EXPECT_LE(published->cache_for().seconds(), absl::ToInt64Seconds(RetirementOverlap(settings_)));

  ASSERT_TRUE(keys_->Reload(not_after).ok());
  auto later = sessions_->SigningKeys(not_after);
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->keys_size(), 1);
  EXPECT_EQ(later->keys(0).key_id(), second_kid);
  EXPECT_EQ(Verify(old_tokens.access_token(), not_after).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgKeyRingTest, AnotherReplicaPicksUpTheRotationWithoutRotatingAgain) {
  auto replica = NewReplicaRing(T0());
  ASSERT_TRUE(replica.ok()) << replica.status();
  const absl::Time rotation = T0() + settings_.rotation_period;
  ASSERT_TRUE(keys_->Reload(rotation).ok());
  ASSERT_TRUE((*replica)->Reload(rotation + absl::Seconds(30)).ok());
  EXPECT_EQ((*(*replica)->ActiveSigner())->key_id(), (*keys_->ActiveSigner())->key_id());
  EXPECT_EQ(Text("SELECT count(*) FROM signing_keys"), "2");
}

TEST_F(PgKeyRingTest, KeysLongExpiredAreDeletedAtALaterRotation) {
  const absl::Time second = T0() + settings_.rotation_period;
  ASSERT_TRUE(keys_->Reload(second).ok());
  const absl::Time third = second + settings_.rotation_period;
  ASSERT_TRUE(keys_->Reload(third).ok());
  // The first key's not_after passed a month ago: gone. The second is retired but published.
  EXPECT_EQ(Text("SELECT count(*) FROM signing_keys"), "2");
  EXPECT_EQ(Text("SELECT count(*) FROM signing_keys WHERE retired_at IS NULL"), "1");
  auto published = sessions_->SigningKeys(third);
  ASSERT_TRUE(published.ok());
  EXPECT_EQ(published->keys_size(), 2);
}

}  // namespace
}  // namespace meldpunt::identity::tokens::testing
