// The optional card challenge: the card's basic key (tag 26) signs a nonce.
#include "services/identity/src/eid/card_challenge.h"

#include <gtest/gtest.h>

#include <string>

#include "libs/status/status.h"
#include "services/identity/src/eid/ecdsa_signature.h"
#include "services/identity/src/eid/eid_verifier.h"
#include "services/identity/src/eid/reasons.h"
#include "services/identity/tests/eid/eid_fixture.h"

namespace meldpunt::identity::eid {
namespace {

using testing::CardKind;
using testing::CardSpec;
using testing::MakeCard;
using testing::TestCard;
using testing::TestNow;

const std::string kNonce(32, '\x5a');

TestCard CardWithBasicKey() {
  CardSpec spec;
  spec.kind = CardKind::kEcP384;
  spec.basic_key = true;
  return MakeCard(spec);
}

std::unique_ptr<EidVerifier> Verifier() {
  auto v = EidVerifier::Create(testing::TrustedRootPem(CardKind::kEcP384));
  EXPECT_TRUE(v.ok()) << v.status();
  return std::move(*v);
}

TEST(CardChallengeTest, SignedNonceRaisesTheAssuranceLevel) {
  TestCard card = CardWithBasicKey();
  CardChallenge challenge = card.SignChallenge(kNonce);
  absl::StatusOr<VerifiedCard> r = Verifier()->Verify(card.files, &challenge, TestNow());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->assurance_level, AssuranceLevel::kEidChallenge);
  // Without the challenge the same files give the lower level.
  r = Verifier()->Verify(card.files, nullptr, TestNow());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->assurance_level, AssuranceLevel::kEidData);
}

TEST(CardChallengeTest, RawAndPaddedForms) {
  TestCard card = CardWithBasicKey();
  const std::string hash = DecodeIdentityFile(card.files.identity_file)->basic_key_hash;
  EXPECT_TRUE(VerifyCardChallenge(card.SignChallenge(kNonce, /*raw=*/true), hash).ok());
  CardChallenge padded = card.SignChallenge(kNonce);
  padded.signature.append(8, '\0');
  padded.basic_public_key_file.append(16, '\0');
  EXPECT_TRUE(VerifyCardChallenge(padded, hash).ok());
}

TEST(CardChallengeTest, Failures) {
  TestCard card = CardWithBasicKey();
  const std::string hash = DecodeIdentityFile(card.files.identity_file)->basic_key_hash;
  auto reason = [&](const CardChallenge& c) {
    return status::Reason(VerifyCardChallenge(c, hash));
  };

  CardChallenge c = card.SignChallenge(kNonce);
  c.nonce[0] ^= 1;  // signed another nonce
  EXPECT_EQ(reason(c), kChallengeSignatureInvalid);

  c = card.SignChallenge(kNonce);
  c.basic_public_key_file = CardWithBasicKey().basic_key_file;  // another card's key
  EXPECT_EQ(reason(c), kChallengeKeyMismatch);

  TestCard other = CardWithBasicKey();
  c = other.SignChallenge(kNonce);  // another card's key and signature
  EXPECT_EQ(reason(c), kChallengeKeyMismatch);

  c = card.SignChallenge(std::string(16, 'n'));
  EXPECT_EQ(reason(c), kChallengeMalformed);
  c = card.SignChallenge(std::string(65, 'n'));
  EXPECT_EQ(reason(c), kChallengeMalformed);
  c = card.SignChallenge(kNonce);
  c.signature = "short";
  EXPECT_EQ(reason(c), kChallengeSignatureInvalid);
  c.signature.clear();
  EXPECT_EQ(reason(c), kChallengeMalformed);

  EXPECT_EQ(status::Reason(VerifyCardChallenge(card.SignChallenge(kNonce), "")),
            kChallengeUnsupported);
}

TEST(CardChallengeTest, ThroughTheVerifier) {
  TestCard card = CardWithBasicKey();
  CardChallenge c = card.SignChallenge(kNonce);
  c.signature[10] ^= 1;
  absl::StatusOr<VerifiedCard> r = Verifier()->Verify(card.files, &c, TestNow());
  EXPECT_EQ(status::Reason(r.status()), kChallengeSignatureInvalid);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);

  // A card without a basic key has nothing to challenge.
  CardSpec without_key;
  without_key.kind = CardKind::kEcP384;
  TestCard old_card = MakeCard(without_key);
  c = card.SignChallenge(kNonce);
  r = Verifier()->Verify(old_card.files, &c, TestNow());
  EXPECT_EQ(status::Reason(r.status()), kChallengeUnsupported);
}

TEST(EcdsaSignatureTest, DerLengthAndRawConversion) {
  EXPECT_EQ(DerSequenceLength(std::string("\x30\x03\x02\x01\x05\x00\x00", 7)), 5u);
  EXPECT_FALSE(DerSequenceLength(std::string("\x30\x05\x02\x01", 4)));
  EXPECT_FALSE(DerSequenceLength(std::string("\x31\x00", 2)));
  EXPECT_FALSE(DerSequenceLength(std::string("\x30\x80", 2)));
  EXPECT_FALSE(DerSequenceLength(std::string("\x30\x83\x00\x00\x01", 5)));
  EXPECT_EQ(DerSequenceLength(std::string("\x30\x81\x01\x00", 4)), 4u);
  EXPECT_FALSE(DerSequenceLength(""));
  EXPECT_FALSE(RawEcdsaToDer(std::string(95, 'x'), 48));
  std::optional<std::string> der = RawEcdsaToDer(std::string(96, '\x01'), 48);
  ASSERT_TRUE(der);
  EXPECT_EQ(DerSequenceLength(*der), der->size());
}

}  // namespace
}  // namespace meldpunt::identity::eid
