// The VerifyEid edge's pure parts: card → VerifiedIdentity, and the challenge's age window.
#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/identity/src/api/eid_mapping.h"
#include "services/identity/src/eid/challenge_nonces.h"
#include "services/identity/tests/eid/eid_fixture.h"

namespace meldpunt::identity {
namespace {

namespace fx = eid::testing;

absl::StatusOr<eid::VerifiedCard> VerifyTestCard(const fx::CardSpec& spec,
                                                 const eid::CardChallenge* challenge = nullptr) {
  auto verifier = eid::EidVerifier::Create(fx::TrustedRootPem(spec.kind));
  if (!verifier.ok()) return verifier.status();
  return (*verifier)->Verify(fx::MakeCard(spec).files, challenge, fx::TestNow());
}

TEST(EidMappingTest, CardBecomesIdentityWithSplitAddress) {
  auto card = VerifyTestCard({});
  ASSERT_TRUE(card.ok()) << card.status();
  const VerifiedIdentity id = IdentityFromCard(*card);
  EXPECT_EQ(id.national_number, "85073003328");
  EXPECT_EQ(id.given_names, "Jan Maria");
  EXPECT_EQ(id.family_name, "Peeters");
  EXPECT_EQ(id.birth_date, "1985-07-30");
  EXPECT_EQ(id.gender, common::v1::GENDER_MALE);
  ASSERT_TRUE(id.official_address.has_value());
  EXPECT_EQ(id.official_address->street(), "Grote Markt");
  EXPECT_EQ(id.official_address->house_number(), "12");
  EXPECT_EQ(id.official_address->box(), "3");
  EXPECT_EQ(id.official_address->postal_code(), "3800");
  EXPECT_EQ(id.official_address->municipality(), "Sint-Truiden");
  EXPECT_EQ(id.official_address->country(), "BE");
  EXPECT_EQ(id.assurance, common::v1::ASSURANCE_LEVEL_EID_DATA);
}

TEST(EidMappingTest, ChallengeRaisesAssurance) {
  fx::CardSpec spec;
  spec.kind = fx::CardKind::kEcP384;
  spec.basic_key = true;
  const fx::TestCard test_card = fx::MakeCard(spec);
  const std::string nonce(32, '\x5a');
  const eid::CardChallenge challenge = test_card.SignChallenge(nonce);
  auto verifier = eid::EidVerifier::Create(fx::TrustedRootPem(spec.kind));
  ASSERT_TRUE(verifier.ok());
  auto card = (*verifier)->Verify(test_card.files, &challenge, fx::TestNow());
  ASSERT_TRUE(card.ok()) << card.status();
  EXPECT_EQ(IdentityFromCard(*card).assurance, common::v1::ASSURANCE_LEVEL_EID_CHALLENGE);
}

TEST(EidMappingTest, ProtoFilesAndChallengeCarriedOver) {
  v1::EidCardFiles files;
  files.set_identity_file("i");
  files.set_identity_signature("is");
  files.set_address_file("a");
  files.set_address_signature("as");
  files.set_rrn_certificate("c");
  files.set_photo("p");
  const eid::CardFiles out = CardFilesFromProto(files);
  EXPECT_EQ(out.identity_file, "i");
  EXPECT_EQ(out.identity_signature, "is");
  EXPECT_EQ(out.address_file, "a");
  EXPECT_EQ(out.address_signature, "as");
  EXPECT_EQ(out.rrn_certificate, "c");
  EXPECT_EQ(out.photo, "p");
  v1::EidCardChallenge challenge;
  challenge.set_nonce("n");
  challenge.set_basic_public_key_file("k");
  challenge.set_signature("s");
  const eid::CardChallenge c = CardChallengeFromProto(challenge);
  EXPECT_EQ(c.nonce, "n");
  EXPECT_EQ(c.basic_public_key_file, "k");
  EXPECT_EQ(c.signature, "s");
}

TEST(ChallengeAgeTest, WindowIsFiveMinutesWithSmallSkew) {
  const absl::Time now = absl::FromUnixSeconds(1800000000);
  EXPECT_TRUE(CheckChallengeAge(now - absl::Minutes(4), now).ok());
  EXPECT_TRUE(CheckChallengeAge(now + absl::Seconds(30), now).ok());
  EXPECT_EQ(status::Reason(CheckChallengeAge(now - absl::Minutes(6), now)), "EID_CHALLENGE_STALE");
  EXPECT_EQ(status::Reason(CheckChallengeAge(now + absl::Minutes(2), now)), "EID_CHALLENGE_STALE");
  EXPECT_EQ(status::Reason(CheckChallengeAge(absl::UnixEpoch(), now)), "EID_CHALLENGE_STALE");
  EXPECT_EQ(CheckChallengeAge(now - absl::Minutes(6), now).code(),
            absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace meldpunt::identity
