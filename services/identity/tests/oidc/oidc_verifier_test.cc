// OidcVerifier end to end: issuers file and JWKS written by the test, tokens signed with
// self-made issuer keys (RSA 2048 for FAS, EC P-256 for itsme).
#include "services/identity/src/oidc/oidc_verifier.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "libs/jwt/jws_compact.h"
#include "libs/status/status.h"
#include "services/identity/src/oidc/claim_mapping.h"
#include "services/identity/src/oidc/reasons.h"
#include "services/identity/tests/oidc/test_issuer.h"

namespace meldpunt::identity::oidc {
namespace {

using nlohmann::json;
using testing::TestIssuerKey;
namespace cv1 = common::v1;

constexpr char kFasIssuer[] = "https://idp.iamfas.example.test/fas/oauth2";
constexpr char kFasIntegration[] = "https://idp.iamfas-int.example.test/fas/oauth2";
constexpr char kFasClient[] = "meldpunt-fas-client";
constexpr char kItsmeIssuer[] = "https://idp.itsme.example.test/v2";
constexpr char kItsmeClient[] = "meldpunt-itsme-client";
constexpr char kNonce[] = "n-0S6_WzA2Mj";
constexpr char kJan[] = "85073003328";
constexpr char kMarie[] = "00010100204";

class OidcVerifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Key generation (RSA especially) is the slow part: once for the suite.
    fas_ = TestIssuerKey::NewRsa("fas-2024").release();
    fas_impostor_ = TestIssuerKey::NewRsa("fas-2024").release();  // same kid, other key
    fas_int_ = TestIssuerKey::NewRsa("fas-int-1").release();
    itsme_ = TestIssuerKey::NewP256("itsme-sig-1").release();
    itsme_second_ = TestIssuerKey::NewP256("itsme-sig-2").release();
  }
  static void TearDownTestSuite() {
    for (TestIssuerKey* k : {fas_, fas_impostor_, fas_int_, itsme_, itsme_second_}) delete k;
  }

  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "oidc-verifier-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Write("fas.json", json{{"keys", {fas_->Jwk()}}}.dump());
    Write("fas-int.json", json{{"keys", {fas_int_->Jwk()}}}.dump());
    Write("itsme.json", json{{"keys", {itsme_->Jwk(), itsme_second_->Jwk()}}}.dump());
    json issuers = json::array({
        {{"provider", "fas"}, {"issuer", kFasIssuer}, {"audience", kFasClient},
         {"jwks_file", "fas.json"}, {"default", true}},
        {{"provider", "fas"}, {"issuer", kFasIntegration}, {"audience", kFasClient},
         {"jwks_file", "fas-int.json"}},
        {{"provider", "itsme"}, {"issuer", kItsmeIssuer}, {"audience", kItsmeClient},
         {"jwks_file", "itsme.json"}},
    });
    auto verifier = OidcVerifier::FromFile(Write("issuers.json", issuers.dump()));
    ASSERT_TRUE(verifier.ok()) << verifier.status();
    verifier_ = std::move(*verifier);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  json FasClaims(const char* issuer = kFasIssuer) const {
    return {{"iss", issuer},
            {"aud", kFasClient},
            {"sub", "fas-subject-1"},
            {"iat", Seconds(now_)},
            {"exp", Seconds(now_ + absl::Minutes(5))},
            {"nonce", kNonce},
            {"egovNRN", kJan},
            {"givenName", "Jan Frans"},
            {"surname", "Peeters"},
            {"prefLanguage", "nl"},
            {"acr", "urn:be:fedict:iam:fas:Level450"}};
  }

  json ItsmeClaims() const {
    return {{"iss", kItsmeIssuer},
            {"aud", kItsmeClient},
            {"sub", "itsme-subject-1"},
            {"iat", Seconds(now_)},
            {"exp", Seconds(now_ + absl::Minutes(5))},
            {"nonce", kNonce},
            {kItsmeNationalNumberClaim, kMarie},
            {"given_name", "Marie"},
            {"family_name", "Dubois"},
            {"birthdate", "2000-01-01"},
            {"gender", "female"},
            {"address",
             {{"street_address", "Kerkstraat 5 bus 2"},
              {"postal_code", "3800"},
              {"locality", "Sint-Truiden"},
              {"country", "BE"}}}};
  }

  static std::int64_t Seconds(absl::Time t) { return absl::ToUnixSeconds(t); }

  absl::StatusOr<VerifiedIdentity> Fas(const std::string& token, const std::string& issuer = "",
                                       const std::string& nonce = kNonce) const {
    return verifier_->Verify(v1::OIDC_PROVIDER_FAS, issuer, token, nonce, now_);
  }
  absl::StatusOr<VerifiedIdentity> Itsme(const std::string& token) const {
    return verifier_->Verify(v1::OIDC_PROVIDER_ITSME, "", token, kNonce, now_);
  }

  static std::string Reason(const absl::StatusOr<VerifiedIdentity>& r) {
    return status::Reason(r.status());
  }

  static TestIssuerKey* fas_;
  static TestIssuerKey* fas_impostor_;
  static TestIssuerKey* fas_int_;
  static TestIssuerKey* itsme_;
  static TestIssuerKey* itsme_second_;
  std::string dir_;
  std::unique_ptr<OidcVerifier> verifier_;
  absl::Time now_ = absl::FromUnixSeconds(1718000000);
};

TestIssuerKey* OidcVerifierTest::fas_ = nullptr;
TestIssuerKey* OidcVerifierTest::fas_impostor_ = nullptr;
TestIssuerKey* OidcVerifierTest::fas_int_ = nullptr;
TestIssuerKey* OidcVerifierTest::itsme_ = nullptr;
TestIssuerKey* OidcVerifierTest::itsme_second_ = nullptr;

TEST_F(OidcVerifierTest, ValidFasTokenMaps) {
  auto id = Fas(fas_->Sign(FasClaims()));
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->national_number, kJan);
  EXPECT_EQ(id->given_names, "Jan Frans");
  EXPECT_EQ(id->family_name, "Peeters");
  EXPECT_EQ(id->birth_date, "1985-07-30");
  EXPECT_EQ(id->gender, cv1::GENDER_MALE);
  EXPECT_EQ(id->language, cv1::LANGUAGE_NL);
  EXPECT_EQ(id->assurance, common::v1::ASSURANCE_LEVEL_FAS_ITSME);
}

TEST_F(OidcVerifierTest, ValidItsmeTokenMaps) {
  auto id = Itsme(itsme_->Sign(ItsmeClaims()));
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->national_number, kMarie);
  EXPECT_EQ(id->given_names, "Marie");
  EXPECT_EQ(id->family_name, "Dubois");
  EXPECT_EQ(id->birth_date, "2000-01-01");
  EXPECT_EQ(id->gender, cv1::GENDER_FEMALE);
  EXPECT_EQ(id->assurance, common::v1::ASSURANCE_LEVEL_ITSME);
  ASSERT_TRUE(id->official_address.has_value());
  EXPECT_EQ(id->official_address->street(), "Kerkstraat");
  EXPECT_EQ(id->official_address->house_number(), "5");
  EXPECT_EQ(id->official_address->box(), "2");
  EXPECT_EQ(id->official_address->postal_code(), "3800");
  EXPECT_EQ(id->official_address->municipality(), "Sint-Truiden");
  // The issuer's second key verifies too.
  EXPECT_TRUE(Itsme(itsme_second_->Sign(ItsmeClaims())).ok());
}

TEST_F(OidcVerifierTest, IssuerByNameOrDefault) {
  // The integration issuer only when named; its tokens are not the default's.
  auto named = Fas(fas_int_->Sign(FasClaims(kFasIntegration)), kFasIntegration);
  ASSERT_TRUE(named.ok()) << named.status();
  EXPECT_EQ(Reason(Fas(fas_int_->Sign(FasClaims(kFasIntegration)))), kKeyUnknown);
  // Signed by the production key but claiming the integration issuer.
  EXPECT_EQ(Reason(Fas(fas_->Sign(FasClaims(kFasIntegration)))), kWrongIssuer);
  EXPECT_EQ(Reason(Fas(fas_->Sign(FasClaims()), kFasIntegration)), kKeyUnknown);
}

TEST_F(OidcVerifierTest, UnknownIssuer) {
  auto r = Fas(fas_->Sign(FasClaims()), "https://evil.example.test");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(r), kIssuerUnknown);
  // A FAS issuer is not an itsme one.
  EXPECT_EQ(Reason(verifier_->Verify(v1::OIDC_PROVIDER_ITSME, kFasIssuer, fas_->Sign(FasClaims()),
                                     kNonce, now_)),
            kIssuerUnknown);
}

TEST_F(OidcVerifierTest, WrongKey) {
  // Same kid, another key: the signature does not verify.
  auto r = Fas(fas_impostor_->Sign(FasClaims()));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(r), kSignatureInvalid);
  // Another issuer's key (itsme's) under its own kid: unknown here.
  EXPECT_EQ(Reason(Fas(itsme_->Sign(FasClaims()))), kKeyUnknown);
  // A tampered payload under a genuine signature.
  std::string token = fas_->Sign(FasClaims());
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  json claims = FasClaims();
  claims["egovNRN"] = "00010100204";
  parts[1] = jwt::Base64UrlEncode(claims.dump());
  EXPECT_EQ(Reason(Fas(parts[0] + "." + parts[1] + "." + parts[2])), kSignatureInvalid);
}

TEST_F(OidcVerifierTest, KidIsOptionalOnlyForALoneKey) {
  auto fas_no_kid = fas_->SignWithHeader({{"alg", "RS256"}}, FasClaims());
  EXPECT_TRUE(Fas(fas_no_kid).ok());
  // itsme has two keys: which one is meant must be said.
  auto itsme_no_kid = itsme_->SignWithHeader({{"alg", "ES256"}}, ItsmeClaims());
  EXPECT_EQ(Reason(Itsme(itsme_no_kid)), kKeyUnknown);
}

TEST_F(OidcVerifierTest, AlgNoneAndHmacAndAlgSwapsAreRefused) {
  auto none = Fas(testing::Unsigned({{"alg", "none"}, {"kid", "fas-2024"}}, FasClaims()));
  EXPECT_EQ(none.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(none), kSignatureInvalid);
  EXPECT_EQ(Reason(Fas(testing::Unsigned({{"alg", "none"}}, FasClaims()))), kSignatureInvalid);
  // HS256 keyed with the public JWK's modulus: the classic confusion forgery.
  const std::string modulus = fas_->Jwk()["n"];
  EXPECT_EQ(Reason(Fas(testing::Hs256({{"alg", "HS256"}, {"kid", "fas-2024"}}, FasClaims(), modulus))),
            kSignatureInvalid);
  // The right key, but the header claims another algorithm.
  EXPECT_EQ(Reason(Fas(fas_->SignWithHeader({{"alg", "ES256"}, {"kid", "fas-2024"}}, FasClaims()))),
            kSignatureInvalid);
  EXPECT_EQ(Reason(Fas(fas_->SignWithHeader({{"alg", "RS512"}, {"kid", "fas-2024"}}, FasClaims()))),
            kSignatureInvalid);
}

TEST_F(OidcVerifierTest, ExpiryWithLeeway) {
  json claims = FasClaims();
  claims["iat"] = Seconds(now_ - absl::Minutes(10));
  claims["exp"] = Seconds(now_ - absl::Seconds(59));
  EXPECT_TRUE(Fas(fas_->Sign(claims)).ok());
  claims["exp"] = Seconds(now_ - absl::Seconds(61));
  auto r = Fas(fas_->Sign(claims));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(r), kTokenExpired);
  claims.erase("exp");
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kClaimMissing);
  claims["exp"] = "soon";
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kClaimMissing);
}

TEST_F(OidcVerifierTest, IssuedInTheFutureOrNotYetValid) {
  json claims = FasClaims();
  claims["iat"] = Seconds(now_ + absl::Seconds(59));
  EXPECT_TRUE(Fas(fas_->Sign(claims)).ok());
  claims["iat"] = Seconds(now_ + absl::Seconds(61));
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kTokenNotYetValid);
  claims["iat"] = Seconds(now_);
  claims["nbf"] = Seconds(now_ + absl::Seconds(61));
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kTokenNotYetValid);
  claims["nbf"] = Seconds(now_ + absl::Seconds(30));
  EXPECT_TRUE(Fas(fas_->Sign(claims)).ok());
  claims.erase("iat");
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kClaimMissing);
}

TEST_F(OidcVerifierTest, WrongIssuer) {
  json claims = FasClaims();
  claims["iss"] = "https://idp.iamfas.example.test/fas/oauth2/";  // one character off
  auto r = Fas(fas_->Sign(claims));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(r), kWrongIssuer);
  claims.erase("iss");
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kWrongIssuer);
}

TEST_F(OidcVerifierTest, Audience) {
  json claims = FasClaims();
  claims["aud"] = "another-client";
  auto r = Fas(fas_->Sign(claims));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(r), kWrongAudience);
  claims.erase("aud");
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kWrongAudience);
  // One of several audiences: azp must name us.
  claims["aud"] = json::array({"another-client", kFasClient});
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kWrongAudience);
  claims["azp"] = "another-client";
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kWrongAudience);
  claims["azp"] = kFasClient;
  EXPECT_TRUE(Fas(fas_->Sign(claims)).ok());
  claims["aud"] = json::array({kFasClient});
  claims.erase("azp");
  EXPECT_TRUE(Fas(fas_->Sign(claims)).ok());
}

TEST_F(OidcVerifierTest, Nonce) {
  auto r = Fas(fas_->Sign(FasClaims()), "", "another-nonce");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(r), kNonceMismatch);
  EXPECT_EQ(Reason(Fas(fas_->Sign(FasClaims()), "", std::string(kNonce) + "x")), kNonceMismatch);
  json no_nonce = FasClaims();
  no_nonce.erase("nonce");
  EXPECT_EQ(Reason(Fas(fas_->Sign(no_nonce))), kNonceMismatch);
  auto missing = Fas(fas_->Sign(FasClaims()), "", "");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Reason(missing), kNonceMissing);
  EXPECT_EQ(Reason(Fas(fas_->Sign(FasClaims()), "", std::string(513, 'n'))), kNonceInvalid);
}

TEST_F(OidcVerifierTest, NationalNumberMissingOrInvalid) {
  json claims = FasClaims();
  claims.erase("egovNRN");
  auto missing = Fas(fas_->Sign(claims));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Reason(missing), kClaimMissing);
  EXPECT_EQ(status::Details(missing.status()).metadata.at("claim"), "egovNRN");
  claims["egovNRN"] = "85073003329";  // checksum off by one
  EXPECT_EQ(Reason(Fas(fas_->Sign(claims))), kNationalNumberInvalid);

  json itsme = ItsmeClaims();
  itsme.erase(kItsmeNationalNumberClaim);
  EXPECT_EQ(Reason(Itsme(itsme_->Sign(itsme))), kClaimMissing);
  itsme[kItsmeNationalNumberClaim] = "00010100205";
  EXPECT_EQ(Reason(Itsme(itsme_->Sign(itsme))), kNationalNumberInvalid);
}

TEST_F(OidcVerifierTest, SizeAndShapeOfTheInput) {
  json big = FasClaims();
  big["padding"] = std::string(kMaxIdTokenBytes, 'x');
  auto r = Fas(fas_->Sign(big));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Reason(r), kTokenTooLarge);
  EXPECT_EQ(Reason(Fas("")), kTokenMissing);
  EXPECT_EQ(Reason(Fas("not-a-token")), kTokenMalformed);
  EXPECT_EQ(Reason(Fas("a.b.c.d")), kTokenMalformed);
  EXPECT_EQ(Reason(verifier_->Verify(v1::OIDC_PROVIDER_UNSPECIFIED, "", fas_->Sign(FasClaims()),
                                     kNonce, now_)),
            kProviderMissing);
}

TEST_F(OidcVerifierTest, MessagesCarryNoPersonalData) {
  json claims = FasClaims();
  claims["egovNRN"] = "85073003329";
  for (const auto& r : {Fas(fas_->Sign(claims)), Fas(fas_impostor_->Sign(FasClaims()))}) {
    ASSERT_FALSE(r.ok());
    const std::string message(r.status().message());
    for (const char* personal : {"85073003329", "85073003328", "Jan", "Peeters"}) {
      EXPECT_EQ(message.find(personal), std::string::npos) << personal;
    }
  }
}

}  // namespace
}  // namespace meldpunt::identity::oidc
