// The key ring over an in-memory store: first key, rotation, publication windows, failures.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "libs/jwt/keys.h"
#include "libs/status/status.h"
#include "services/identity/src/tokens/key_ring.h"
#include "services/identity/tests/tokens/fake_key_store.h"

namespace meldpunt::identity::tokens {
namespace {

using testing::FakeKeyStore;

const absl::Time kT0 = absl::FromCivil(absl::CivilSecond(2025, 3, 1, 10, 0, 0), absl::UTCTimeZone());

std::unique_ptr<crypto::DataProtector> Protector(char fill = 'k') {
  return std::move(crypto::DataProtector::FromSecret(std::string(32, fill))).value();
}

class KeyRingTest : public ::testing::Test {
 protected:
  std::unique_ptr<KeyRing> MakeRing(absl::Time now) {
    auto ring = KeyRing::Create(&store_, protector_.get(), settings_, now);
    EXPECT_TRUE(ring.ok()) << ring.status();
    return ring.ok() ? std::move(*ring) : nullptr;
  }
  std::string ActiveId(const KeyRing& ring) { return (*ring.ActiveSigner())->key_id(); }

  FakeKeyStore store_;
  std::unique_ptr<crypto::DataProtector> protector_ = Protector();
  TokenSettings settings_;
};

TEST_F(KeyRingTest, CreatesAnEd25519KeyWhenTheStoreIsEmpty) {
  auto ring = MakeRing(kT0);
  ASSERT_NE(ring, nullptr);
  ASSERT_EQ(store_.rows.size(), 1u);
  const StoredSigningKey& key = store_.rows[0];
  EXPECT_EQ(key.algorithm, "EdDSA");
  EXPECT_TRUE(key.active());
  EXPECT_EQ(key.activated_at, kT0);
  EXPECT_EQ(ActiveId(*ring), key.key_id);
  EXPECT_TRUE(absl::StartsWith(key.key_id, "20250301-")) << key.key_id;
  auto public_key = jwt::PublicKeyFromPem(key.key_id, key.public_key_pem);
  ASSERT_TRUE(public_key.ok()) << public_key.status();
  EXPECT_EQ(public_key->algorithm, jwt::Algorithm::kEdDsa);
}

TEST_F(KeyRingTest, PrivateKeyIsStoredSealedAndBoundToItsKeyId) {
  MakeRing(kT0);
  const StoredSigningKey& key = store_.rows[0];
  EXPECT_EQ(key.private_key_sealed.find("PRIVATE KEY"), std::string::npos);
  auto opened = protector_->Open(key.private_key_sealed, SigningKeyAad(key.key_id));
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_NE(opened->find("PRIVATE KEY"), std::string::npos);
  EXPECT_FALSE(protector_->Open(key.private_key_sealed, SigningKeyAad("other-key")).ok());
}

TEST_F(KeyRingTest, ASecondRingOnTheSameStoreUsesTheExistingKey) {
  auto first = MakeRing(kT0);
  auto second = MakeRing(kT0 + absl::Minutes(5));
  EXPECT_EQ(store_.rows.size(), 1u);
  EXPECT_EQ(ActiveId(*first), ActiveId(*second));
}

TEST_F(KeyRingTest, PublishesTheActiveKeyWithCacheForWithinTheOverlap) {
  auto ring = MakeRing(kT0);
  v1::GetSigningKeysResponse published = ring->Published(kT0);
  ASSERT_EQ(published.keys_size(), 1);
  const v1::SigningKey& key = published.keys(0);
  EXPECT_TRUE(key.active());
  EXPECT_EQ(key.key_id(), ActiveId(*ring));
  EXPECT_EQ(key.algorithm(), "EdDSA");
  EXPECT_NE(key.public_key_pem().find("PUBLIC KEY"), std::string::npos);
  EXPECT_EQ(key.not_before().seconds(), absl::ToUnixSeconds(kT0));
  EXPECT_FALSE(key.has_not_after());
  EXPECT_EQ(published.cache_for().seconds(), 5 * 60);

  settings_.signing_keys_cache_for = absl::Hours(1);
  FakeKeyStore other;
  auto long_cache = KeyRing::Create(&other, protector_.get(), settings_, kT0);
  ASSERT_TRUE(long_cache.ok());
  // Capped by the overlap: 10 min tokens + 1 min reload + 1 min leeway.
  EXPECT_EQ((*long_cache)->Published(kT0).cache_for().seconds(), 12 * 60);
}

TEST_F(KeyRingTest, RotatesOnlyOnceTheRotationPeriodHasPassed) {
  auto ring = MakeRing(kT0);
  const std::string first = ActiveId(*ring);
  ASSERT_TRUE(ring->Reload(kT0 + absl::Hours(24 * 30) - absl::Seconds(1)).ok());
  EXPECT_EQ(ActiveId(*ring), first);
  EXPECT_EQ(store_.rows.size(), 1u);

  const absl::Time rotated_at = kT0 + absl::Hours(24 * 30);
  ASSERT_TRUE(ring->Reload(rotated_at).ok());
  const std::string second = ActiveId(*ring);
  EXPECT_NE(second, first);
  ASSERT_EQ(store_.rows.size(), 2u);
  EXPECT_EQ(store_.rows[0].retired_at, rotated_at);
  EXPECT_EQ(store_.rows[0].not_after, rotated_at + RetirementOverlap(settings_));
}

TEST_F(KeyRingTest, RetiredKeyIsPublishedUntilItsNotAfterThenDisappears) {
  auto ring = MakeRing(kT0);
  const std::string first = ActiveId(*ring);
  const absl::Time rotated_at = kT0 + absl::Hours(24 * 30);
  ASSERT_TRUE(ring->Reload(rotated_at).ok());
  const absl::Time not_after = rotated_at + absl::Minutes(12);

  v1::GetSigningKeysResponse during = ring->Published(not_after - absl::Seconds(1));
  ASSERT_EQ(during.keys_size(), 2);
  EXPECT_TRUE(during.keys(0).active());
  EXPECT_EQ(during.keys(0).key_id(), ActiveId(*ring));
  EXPECT_FALSE(during.keys(1).active());
  EXPECT_EQ(during.keys(1).key_id(), first);
  EXPECT_EQ(during.keys(1).not_after().seconds(), absl::ToUnixSeconds(not_after));

  // Gone at not_after even without a reload in between.
  v1::GetSigningKeysResponse after = ring->Published(not_after);
  ASSERT_EQ(after.keys_size(), 1);
  EXPECT_EQ(after.keys(0).key_id(), ActiveId(*ring));
}

TEST_F(KeyRingTest, AReplicaThatReloadsLaterAdoptsTheOtherReplicasKey) {
  auto a = MakeRing(kT0);
  auto b = MakeRing(kT0);
  const absl::Time rotation = kT0 + absl::Hours(24 * 30);
  ASSERT_TRUE(a->Reload(rotation).ok());
  EXPECT_NE(ActiveId(*b), ActiveId(*a));  // b has not reloaded yet
  ASSERT_TRUE(b->Reload(rotation + absl::Minutes(1)).ok());
  EXPECT_EQ(ActiveId(*b), ActiveId(*a));
  EXPECT_EQ(store_.activations, 2);  // the first key and one rotation, not two
}

TEST_F(KeyRingTest, AFailedReloadKeepsTheKeysItHad) {
  auto ring = MakeRing(kT0);
  const std::string first = ActiveId(*ring);
  store_.unavailable = true;
  absl::Status s = ring->Reload(kT0 + absl::Hours(24 * 31));
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ActiveId(*ring), first);
  EXPECT_EQ(ring->Published(kT0 + absl::Hours(24 * 31)).keys_size(), 1);
}

TEST_F(KeyRingTest, CreateFailsWhenTheStoreIsUnreachable) {
  store_.unavailable = true;
  auto ring = KeyRing::Create(&store_, protector_.get(), settings_, kT0);
  EXPECT_EQ(ring.status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(KeyRingTest, CreateFailsWithAnotherMasterSecret) {
  MakeRing(kT0);
  auto other = Protector('x');
  auto ring = KeyRing::Create(&store_, other.get(), settings_, kT0 + absl::Minutes(1));
  EXPECT_EQ(ring.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(status::Reason(ring.status()), "TOKENS_STORED_VALUE_INVALID");
}

TEST_F(KeyRingTest, CreateRefusesSettingsThatCannotWork) {
  settings_.rotation_period = absl::Minutes(5);  // shorter than the tokens live
  auto ring = KeyRing::Create(&store_, protector_.get(), settings_, kT0);
  EXPECT_EQ(status::Reason(ring.status()), "TOKEN_SETTINGS_INVALID");
  EXPECT_TRUE(store_.rows.empty());
}

// The selection rules on their own.
StoredSigningKey Key(std::string id, absl::Time activated, std::optional<absl::Time> retired,
                     absl::Duration overlap = absl::Minutes(12)) {
  StoredSigningKey k;
  k.key_id = std::move(id);
  k.activated_at = activated;
  k.retired_at = retired;
  if (retired) k.not_after = *retired + overlap;
  return k;
}

TEST(KeySelectionTest, RotationDueWithoutAnActiveKey) {
  EXPECT_TRUE(RotationDue({}, kT0, absl::Hours(1)));
  EXPECT_TRUE(RotationDue({Key("old", kT0, kT0)}, kT0, absl::Hours(1)));
  EXPECT_FALSE(RotationDue({Key("a", kT0, std::nullopt)}, kT0 + absl::Minutes(59), absl::Hours(1)));
  EXPECT_TRUE(RotationDue({Key("a", kT0, std::nullopt)}, kT0 + absl::Hours(1), absl::Hours(1)));
}

TEST(KeySelectionTest, PublishableKeysActiveFirstThenNewestRetired) {
  const std::vector<StoredSigningKey> keys = {
      Key("oldest", kT0, kT0 + absl::Hours(1)),
      Key("active", kT0 + absl::Hours(2), std::nullopt),
      Key("older", kT0 + absl::Hours(1), kT0 + absl::Hours(2)),
  };
  auto at = [&](absl::Time now) {
    std::vector<std::string> ids;
    for (const auto& k : PublishableKeys(keys, now)) ids.push_back(k.key_id);
    return ids;
  };
  EXPECT_EQ(at(kT0 + absl::Hours(1)), (std::vector<std::string>{"active", "older", "oldest"}));
  EXPECT_EQ(at(kT0 + absl::Hours(1) + absl::Minutes(12)),
            (std::vector<std::string>{"active", "older"}));
  EXPECT_EQ(at(kT0 + absl::Hours(3)), (std::vector<std::string>{"active"}));
  EXPECT_EQ(ActiveKey(keys)->key_id, "active");
}

}  // namespace
}  // namespace meldpunt::identity::tokens
