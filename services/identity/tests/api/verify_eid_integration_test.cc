// VerifyEid through the RPC: the card's person becomes a citizen once and is found after; a card
// challenge raises the assurance, and its nonce serves once and only while fresh; a card that
// does not verify creates nobody; without trusted roots the method is not available.
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "services/identity/tests/api/service_fixture.h"

namespace meldpunt::identity::service_test {
namespace {

namespace fx = eid::testing;

// A new-generation card with a basic key, which can answer a challenge.
fx::TestCard ChallengeCard() {
  fx::CardSpec spec;
  spec.kind = fx::CardKind::kEcP384;
  spec.basic_key = true;
  return fx::MakeCard(spec);
}

std::string Nonce(char fill) { return std::string(32, fill); }

using VerifyEidTest = IdentityServiceTest;

TEST_F(VerifyEidTest, CreatesTheCitizenThenFindsThem) {
  const v1::VerifyEidResponse first = MustRegister(kSintTruiden);
  EXPECT_TRUE(first.created());
  EXPECT_EQ(first.assurance_level(), common::v1::ASSURANCE_LEVEL_EID_DATA);
  const v1::Citizen& c = first.citizen();
  EXPECT_EQ(c.tenant_id(), kSintTruiden);
  EXPECT_EQ(c.national_number(), kCardNumberFormatted) << "the person's own login";
  EXPECT_EQ(c.given_names(), "Jan Maria");
  EXPECT_EQ(c.family_name(), "Peeters");
  EXPECT_EQ(c.birth_date(), "1985-07-30");
  EXPECT_EQ(c.gender(), cv1::GENDER_MALE);
  EXPECT_EQ(c.official_address().street(), "Grote Markt");
  EXPECT_EQ(c.official_address().postal_code(), "3800");
  EXPECT_EQ(c.contact().language(), cv1::LANGUAGE_NL);
  EXPECT_FALSE(first.tokens().access_token().empty());
  EXPECT_FALSE(first.tokens().refresh_token().empty());
  EXPECT_GE(events_written_.load(), 1);

  const v1::VerifyEidResponse second = MustRegister(kSintTruiden);
  EXPECT_FALSE(second.created());
  EXPECT_EQ(second.citizen().id(), c.id());
  EXPECT_NE(second.tokens().session_id(), first.tokens().session_id()) << "a session per login";
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions"), 2);
  // One CitizenRegistered, nothing for an unchanged identification.
  const auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_TRUE(outbox[0].event.has_citizen_registered());
  EXPECT_EQ(outbox[0].event.citizen_registered().citizen_id(), c.id());
}

TEST_F(VerifyEidTest, CardChallengeRaisesTheAssurance) {
  const fx::TestCard card = ChallengeCard();
  v1::VerifyEidRequest req = CardRequest(card);
  *req.mutable_challenge() = Challenge(card, Nonce('a'), absl::Now());
  v1::VerifyEidResponse resp;
  grpc::Status s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_EQ(resp.assurance_level(), common::v1::ASSURANCE_LEVEL_EID_CHALLENGE);
  EXPECT_EQ(resp.citizen().assurance_level(), common::v1::ASSURANCE_LEVEL_EID_CHALLENGE);

  // Without a challenge the same card proves less, and this login says so.
  const v1::VerifyEidResponse plain = MustRegister(kSintTruiden, card);
  EXPECT_FALSE(plain.created());
  EXPECT_EQ(plain.assurance_level(), common::v1::ASSURANCE_LEVEL_EID_DATA);
  // Copied card files after a challenge login do not lower the profile's level.
  EXPECT_EQ(plain.citizen().assurance_level(), common::v1::ASSURANCE_LEVEL_EID_CHALLENGE);
}

TEST_F(VerifyEidTest, TheSameNonceAgainIsAReplay) {
  const fx::TestCard card = ChallengeCard();
  v1::VerifyEidRequest req = CardRequest(card);
  *req.mutable_challenge() = Challenge(card, Nonce('b'), absl::Now());
  v1::VerifyEidResponse resp;
  grpc::Status s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();

  v1::VerifyEidResponse again;
  s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "EID_CHALLENGE_REPLAYED");
  EXPECT_FALSE(again.has_tokens());
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions"), 1);
}

TEST_F(VerifyEidTest, ANonceUsedInOneTenantIsAReplayInAnother) {
  // A challenge recorded in Sint-Truiden must not open a session through Hasselt's app.
  const fx::TestCard card = ChallengeCard();
  v1::VerifyEidRequest req = CardRequest(card);
  *req.mutable_challenge() = Challenge(card, Nonce('c'), absl::Now());
  v1::VerifyEidResponse resp;
  grpc::Status s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();

  v1::VerifyEidResponse elsewhere;
  s = stub_->VerifyEid(AsApiClient(kHasselt).get(), req, &elsewhere);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "EID_CHALLENGE_REPLAYED");
  EXPECT_FALSE(elsewhere.has_tokens());
}

TEST_F(VerifyEidTest, ANonceStaysUsedLongAfterItsAgeWindow) {
  // nonce_created_at is not signed by the card: a replayer sends a fresh one. The nonce must
  // still be known as used when the replay comes long after the first use.
  const fx::TestCard card = ChallengeCard();
  v1::VerifyEidRequest req = CardRequest(card);
  *req.mutable_challenge() = Challenge(card, Nonce('e'), absl::Now());
  v1::VerifyEidResponse resp;
  grpc::Status s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  ASSERT_EQ(Scalar("WITH moved AS (UPDATE eid_challenge_nonces"
                   " SET used_at = now() - interval '1 day' RETURNING 1)"
                   " SELECT count(*) FROM moved"),
            1);
  // Another challenge login in between (any housekeeping it does runs here too).
  v1::VerifyEidRequest other = CardRequest(card);
  *other.mutable_challenge() = Challenge(card, Nonce('f'), absl::Now());
  ASSERT_TRUE(stub_->VerifyEid(AsApiClient(kSintTruiden).get(), other, &resp).ok());

  *req.mutable_challenge()->mutable_nonce_created_at() = other.challenge().nonce_created_at();
  v1::VerifyEidResponse replayed;
  s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &replayed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "EID_CHALLENGE_REPLAYED");
  EXPECT_FALSE(replayed.has_tokens());
}

TEST_F(VerifyEidTest, StaleOrMissingNonceTimeIsRefused) {
  const fx::TestCard card = ChallengeCard();
  v1::VerifyEidRequest req = CardRequest(card);
  *req.mutable_challenge() = Challenge(card, Nonce('c'), absl::Now() - absl::Minutes(10));
  v1::VerifyEidResponse resp;
  grpc::Status s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "EID_CHALLENGE_STALE");

  req.mutable_challenge()->clear_nonce_created_at();
  s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "EID_CHALLENGE_STALE");

  *req.mutable_challenge() = Challenge(card, Nonce('d'), absl::Now() + absl::Minutes(10));
  s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "EID_CHALLENGE_STALE");
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 0);
}

TEST_F(VerifyEidTest, ACardThatDoesNotVerifyCreatesNobody) {
  v1::VerifyEidRequest req = CardRequest(DefaultCard());
  std::string identity = req.card().identity_file();
  identity[identity.size() / 2] ^= 0x01;
  req.mutable_card()->set_identity_file(identity);
  v1::VerifyEidResponse resp;
  grpc::Status s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "EID_IDENTITY_SIGNATURE_INVALID");

  // A foreign root's card, and no card at all.
  fx::CardSpec foreign;
  foreign.cert = fx::CertProblem::kForeignRoot;
  s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), CardRequest(fx::MakeCard(foreign)), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  s = stub_->VerifyEid(AsApiClient(kSintTruiden).get(), v1::VerifyEidRequest(), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "EID_FILE_MISSING");
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM sessions"), 0);
}

class VerifyEidWithoutRootsTest : public IdentityServiceTest {
 protected:
  bool ConfigureEid() const override { return false; }
};

TEST_F(VerifyEidWithoutRootsTest, IsNotConfigured) {
  v1::VerifyEidResponse resp;
  grpc::Status s =
      stub_->VerifyEid(AsApiClient(kSintTruiden).get(), CardRequest(DefaultCard()), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "EID_NOT_CONFIGURED");
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 0);
  // Still only for API clients: the role check comes first.
  s = stub_->VerifyEid(As(kSintTruiden, cv1::ROLE_COORDINATOR).get(), CardRequest(DefaultCard()),
                       &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace meldpunt::identity::service_test
