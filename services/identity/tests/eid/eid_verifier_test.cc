#include "services/identity/src/eid/eid_verifier.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "libs/status/status.h"
#include "services/identity/src/eid/reasons.h"
#include "services/identity/tests/eid/eid_fixture.h"

namespace meldpunt::identity::eid {
namespace {

using testing::AddressHash;
using testing::CardKind;
using testing::CardSpec;
using testing::CertProblem;
using testing::MakeCard;
using testing::TestCard;
using testing::TestNow;

class EidVerifierTest : public ::testing::TestWithParam<CardKind> {
 protected:
  void SetUp() override {
    auto v = EidVerifier::Create(testing::TrustedRootPem(GetParam()));
    ASSERT_TRUE(v.ok()) << v.status();
    verifier_ = std::move(*v);
  }

  CardSpec Spec() const {
    CardSpec spec;
    spec.kind = GetParam();
    return spec;
  }

  absl::StatusOr<VerifiedCard> Verify(const CardFiles& files) const {
    return verifier_->Verify(files, nullptr, TestNow());
  }

  // The failure's reason, after checking that its message gives away no personal data.
  std::string ReasonOf(const CardFiles& files) const {
    absl::StatusOr<VerifiedCard> r = Verify(files);
    if (r.ok()) return "OK";
    const std::string message(r.status().message());
    for (const char* secret : {"85073003328", "85.07.30", "Peeters", "Jan Maria", "Grote Markt"}) {
      EXPECT_EQ(message.find(secret), std::string::npos) << message;
    }
    return status::Reason(r.status());
  }

  std::unique_ptr<EidVerifier> verifier_;
};

TEST_P(EidVerifierTest, ValidCardVerifiesAndParses) {
  TestCard card = MakeCard(Spec());
  absl::StatusOr<VerifiedCard> r = Verify(card.files);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->identity.surname, "Peeters");
  EXPECT_EQ(r->identity.first_names, "Jan Maria");
  EXPECT_EQ(r->identity.birth_date.ToIso(), "1985-07-30");
  EXPECT_EQ(r->identity.gender, Gender::kMale);
  EXPECT_EQ(r->identity.validity_end, absl::CivilDay(2030, 2, 1));
  EXPECT_EQ(r->national_number.Formatted(), "85.07.30-033.28");
  EXPECT_EQ(r->address.street_and_number, "Grote Markt 12 bus 3");
  EXPECT_EQ(r->address.postal_code, "3800");
  EXPECT_EQ(r->address.municipality, "Sint-Truiden");
  EXPECT_EQ(r->assurance_level, AssuranceLevel::kEidData);
  EXPECT_TRUE(r->photo_checked);
  const SignatureAlgorithm expected = GetParam() == CardKind::kRsaSha256
                                          ? SignatureAlgorithm::kRsaPkcs1Sha256
                                      : GetParam() == CardKind::kRsaSha1
                                          ? SignatureAlgorithm::kRsaPkcs1Sha1
                                          : SignatureAlgorithm::kEcdsaP384Sha384;
  EXPECT_EQ(r->identity_signature_algorithm, expected);
  EXPECT_EQ(r->address_signature_algorithm, expected);
}

TEST_P(EidVerifierTest, PhotoIsOptional) {
  TestCard card = MakeCard(Spec());
  card.files.photo.clear();
  absl::StatusOr<VerifiedCard> r = Verify(card.files);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->photo_checked);
}

TEST_P(EidVerifierTest, PaddingOfTheIdentityFile) {
  CardSpec spec = Spec();
  spec.identity_padding = 24;  // read from the card with its padding, signed that way
  EXPECT_EQ(ReasonOf(MakeCard(spec).files), "OK");
  // Padding the app added after reading: the signature still matches the unpadded bytes.
  TestCard card = MakeCard(Spec());
  card.files.identity_file.append(10, '\0');
  EXPECT_EQ(ReasonOf(card.files), "OK");
}

TEST_P(EidVerifierTest, TamperedIdentityFile) {
  TestCard card = MakeCard(Spec());
  const size_t at = card.files.identity_file.find("Peeters");
  ASSERT_NE(at, std::string::npos);
  card.files.identity_file[at] = 'B';
  EXPECT_EQ(ReasonOf(card.files), kIdentitySignatureInvalid);
}

TEST_P(EidVerifierTest, TamperedIdentitySignature) {
  TestCard card = MakeCard(Spec());
  card.files.identity_signature[20] ^= 0x01;
  EXPECT_EQ(ReasonOf(card.files), kIdentitySignatureInvalid);
}

TEST_P(EidVerifierTest, TamperedAddress) {
  TestCard card = MakeCard(Spec());
  const size_t at = card.files.address_file.find("12 bus 3");
  ASSERT_NE(at, std::string::npos);
  card.files.address_file[at] = '1';
  card.files.address_file[at + 1] = '4';
  EXPECT_EQ(ReasonOf(card.files), kAddressSignatureInvalid);
}

TEST_P(EidVerifierTest, AddressSignatureFromAnotherCard) {
  TestCard mine = MakeCard(Spec());
  CardSpec other_spec = Spec();
  other_spec.identity[1] = "592000000182";  // another card of the same register
  other_spec.identity[7] = "Janssens";
  other_spec.address[1] = "Kerkstraat 1";
  TestCard other = MakeCard(other_spec);
  ASSERT_EQ(ReasonOf(other.files), "OK");
  // The other card's address and its signature, with my identity: the signature covers the other
  // card's identity signature, so it does not verify here.
  mine.files.address_file = other.files.address_file;
  mine.files.address_signature = other.files.address_signature;
  EXPECT_EQ(ReasonOf(mine.files), kAddressSignatureInvalid);
}

TEST_P(EidVerifierTest, CertificateFromAForeignRoot) {
  CardSpec spec = Spec();
  spec.cert = CertProblem::kForeignRoot;
  EXPECT_EQ(ReasonOf(MakeCard(spec).files), kCertUntrusted);
}

TEST_P(EidVerifierTest, VerifierThatTrustsOnlyAnotherRoot) {
  auto foreign = EidVerifier::Create(testing::ForeignRootPem());
  ASSERT_TRUE(foreign.ok()) << foreign.status();
  absl::StatusOr<VerifiedCard> r = (*foreign)->Verify(MakeCard(Spec()).files, nullptr, TestNow());
  EXPECT_EQ(status::Reason(r.status()), kCertUntrusted);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_P(EidVerifierTest, CertificateProblems) {
  for (const auto& [problem, reason] :
       {std::pair{CertProblem::kExpired, kCertExpired},
        std::pair{CertProblem::kNotYetValid, kCertNotYetValid},
        std::pair{CertProblem::kWrongSubject, kCertSubject},
        std::pair{CertProblem::kNoNonRepudiation, kCertKeyUsage}}) {
    CardSpec spec = Spec();
    spec.cert = problem;
    EXPECT_EQ(ReasonOf(MakeCard(spec).files), reason);
  }
}

TEST_P(EidVerifierTest, CertificateOfTheOtherGeneration) {
  TestCard card = MakeCard(Spec());
  CardSpec other = Spec();
  other.kind = GetParam() == CardKind::kEcP384 ? CardKind::kRsaSha256 : CardKind::kEcP384;
  card.files.rrn_certificate = MakeCard(other).files.rrn_certificate;
  // Trusted, but not the key that signed these files.
  verifier_ = std::move(*EidVerifier::Create(testing::TrustedRootsPem()));
  EXPECT_EQ(ReasonOf(card.files), kIdentitySignatureInvalid);
  // A verifier that trusts only this generation's root does not trust that certificate.
  verifier_ = std::move(*EidVerifier::Create(testing::TrustedRootPem(GetParam())));
  EXPECT_EQ(ReasonOf(card.files), kCertUntrusted);
}

TEST_P(EidVerifierTest, CertificateThatIsNotOne) {
  TestCard card = MakeCard(Spec());
  card.files.rrn_certificate = "not a certificate";
  EXPECT_EQ(ReasonOf(card.files), kCertMalformed);
  card = MakeCard(Spec());
  card.files.rrn_certificate.resize(card.files.rrn_certificate.size() - 10);
  EXPECT_EQ(ReasonOf(card.files), kCertMalformed);
  card = MakeCard(Spec());
  card.files.rrn_certificate.append(32, '\0');  // padding is fine
  EXPECT_EQ(ReasonOf(card.files), "OK");
  card.files.rrn_certificate.append("x");
  EXPECT_EQ(ReasonOf(card.files), kCertMalformed);
}

TEST_P(EidVerifierTest, WrongPhoto) {
  TestCard card = MakeCard(Spec());
  card.files.photo = testing::TestPhoto('B');
  EXPECT_EQ(ReasonOf(card.files), kPhotoMismatch);
}

TEST_P(EidVerifierTest, PhotoWithoutAPhotoHash) {
  CardSpec spec = Spec();
  spec.photo.clear();  // no tag 17 on the card
  TestCard card = MakeCard(spec);
  card.files.photo = testing::TestPhoto();
  EXPECT_EQ(ReasonOf(card.files), kPhotoMismatch);
}

TEST_P(EidVerifierTest, BadNationalNumberChecksum) {
  CardSpec spec = Spec();
  spec.identity[6] = "85073003329";
  TestCard card = MakeCard(spec);
  EXPECT_EQ(ReasonOf(card.files), kNationalNumberInvalid);
  EXPECT_EQ(Verify(card.files).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_P(EidVerifierTest, BirthDateInconsistentWithTheNumber) {
  CardSpec spec = Spec();
  spec.identity[12] = "31 JUL 1985";
  EXPECT_EQ(ReasonOf(MakeCard(spec).files), kDataInconsistent);
}

TEST_P(EidVerifierTest, GenderInconsistentWithTheNumber) {
  CardSpec spec = Spec();
  spec.identity[13] = "V";
  EXPECT_EQ(ReasonOf(MakeCard(spec).files), kDataInconsistent);
}

TEST_P(EidVerifierTest, ExpiredCard) {
  CardSpec spec = Spec();
  spec.identity[3] = "01.02.2015";
  spec.identity[4] = "31.05.2025";  // the day before TestNow()
  EXPECT_EQ(ReasonOf(MakeCard(spec).files), kCardExpired);
  spec.identity[4] = "01.06.2025";  // valid through its last day
  EXPECT_EQ(ReasonOf(MakeCard(spec).files), "OK");
}

TEST_P(EidVerifierTest, SignedButMalformedFilesAreRefusedWithAReason) {
  CardSpec spec = Spec();
  spec.identity.erase(7);
  EXPECT_EQ(ReasonOf(MakeCard(spec).files), kFieldMissing);
  spec = Spec();
  spec.address[1] = std::string("Grote\x00Markt", 11);
  EXPECT_EQ(ReasonOf(MakeCard(spec).files), kFieldInvalid);
}

TEST_P(EidVerifierTest, TruncatedAndGarbageFiles) {
  TestCard card = MakeCard(Spec());
  CardFiles files = card.files;
  files.identity_file.resize(files.identity_file.size() / 2);
  EXPECT_EQ(ReasonOf(files), kIdentitySignatureInvalid);
  files = card.files;
  files.address_file = "\xFF\xFF\xFF";
  EXPECT_EQ(ReasonOf(files), kAddressSignatureInvalid);
  files = card.files;
  files.identity_signature = "garbage";
  EXPECT_EQ(ReasonOf(files), kIdentitySignatureInvalid);
}

TEST_P(EidVerifierTest, MissingAndOversizedFiles) {
  TestCard card = MakeCard(Spec());
  for (std::string CardFiles::*file :
       {&CardFiles::identity_file, &CardFiles::identity_signature, &CardFiles::address_file,
        &CardFiles::address_signature, &CardFiles::rrn_certificate}) {
    CardFiles files = card.files;
    (files.*file).clear();
    EXPECT_EQ(ReasonOf(files), kFileMissing);
    files = card.files;
    (files.*file).append(kMaxCertificateSize + 1, '\0');
    EXPECT_EQ(ReasonOf(files), kFileTooLarge);
  }
  CardFiles files = card.files;
  files.photo.append(kMaxPhotoSize, 'p');
  EXPECT_EQ(ReasonOf(files), kFileTooLarge);
  EXPECT_EQ(Verify(files).status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(BothGenerations, EidVerifierTest,
                         ::testing::Values(CardKind::kRsaSha256, CardKind::kRsaSha1,
                                           CardKind::kEcP384),
                         [](const ::testing::TestParamInfo<CardKind>& info) {
                           switch (info.param) {
                             case CardKind::kRsaSha256: return "RsaSha256";
                             case CardKind::kRsaSha1: return "RsaSha1";
                             case CardKind::kEcP384: return "EcP384";
                           }
                           return "Unknown";
                         });

TEST(EidVerifierMixedTest, EachSignatureChoosesItsOwnHash) {
  auto verifier = EidVerifier::Create(testing::TrustedRootsPem());
  ASSERT_TRUE(verifier.ok());
  CardSpec spec;
  spec.kind = CardKind::kRsaSha1;
  spec.address_hash = AddressHash::kSha256;  // an address change re-signed with SHA-256
  absl::StatusOr<VerifiedCard> r = (*verifier)->Verify(MakeCard(spec).files, nullptr, TestNow());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->identity_signature_algorithm, SignatureAlgorithm::kRsaPkcs1Sha1);
  EXPECT_EQ(r->address_signature_algorithm, SignatureAlgorithm::kRsaPkcs1Sha256);

  spec.kind = CardKind::kRsaSha256;
  spec.address_hash = AddressHash::kSha1;
  r = (*verifier)->Verify(MakeCard(spec).files, nullptr, TestNow());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->identity_signature_algorithm, SignatureAlgorithm::kRsaPkcs1Sha256);
  EXPECT_EQ(r->address_signature_algorithm, SignatureAlgorithm::kRsaPkcs1Sha1);
}

TEST(EidVerifierMixedTest, FemaleBornAfter2000WithPartialDate) {
  auto verifier = EidVerifier::Create(testing::TrustedRootsPem());
  ASSERT_TRUE(verifier.ok());
  CardSpec spec;
  spec.kind = CardKind::kEcP384;
  // 2005, month and day unknown, counter 002 (female), BIS-free, 2-prefixed checksum.
  unsigned long long n = 2000000000ULL + 50000002ULL;
  char number[16];
  std::snprintf(number, sizeof(number), "050000002%02d", 97 - static_cast<int>(n % 97));
  spec.identity[6] = number;
  spec.identity[12] = "2005";
  spec.identity[13] = "W";
  absl::StatusOr<VerifiedCard> r = (*verifier)->Verify(MakeCard(spec).files, nullptr, TestNow());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->identity.birth_date.ToIso(), "2005");
  EXPECT_EQ(r->national_number.century, 2000);
  EXPECT_EQ(r->identity.gender, Gender::kFemale);
}

TEST(EidVerifierConfigTest, RefusesBadRoots) {
  for (const char* pem : {"", "not pem",
                          "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"}) {
    EXPECT_EQ(status::Reason(EidVerifier::Create(pem).status()), kTrustRootsInvalid) << pem;
  }
}

}  // namespace
}  // namespace meldpunt::identity::eid
