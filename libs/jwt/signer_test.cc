#include "libs/jwt/signer.h"

#include <gtest/gtest.h>

#include "libs/jwt/jws_compact.h"
#include "libs/jwt/keys.h"
#include "libs/jwt/test_util.h"
#include "libs/status/status.h"

namespace meldpunt::jwt {
namespace {

struct Case {
  const char* name;
  absl::StatusOr<std::string> (*make)();
  Algorithm algorithm;
};

class SignerRoundTripTest : public ::testing::TestWithParam<Case> {};

TEST_P(SignerRoundTripTest, SignedTokensVerifyAndTamperedOnesDoNot) {
  auto pem = GetParam().make();
  ASSERT_TRUE(pem.ok()) << pem.status();
  auto signer = JwsSigner::Create("key-1", *pem);
  ASSERT_TRUE(signer.ok()) << signer.status();
  EXPECT_EQ((*signer)->algorithm(), GetParam().algorithm);
  EXPECT_EQ((*signer)->key_id(), "key-1");

  const nlohmann::json claims = {{"sub", "s-1"}, {"tenant", "71053"}, {"exp", 1700000000}};
  const std::string token = (*signer)->Sign(claims);
  auto parts = SplitCompactJws(token);
  ASSERT_TRUE(parts.ok()) << parts.status();
  EXPECT_EQ(parts->header, (nlohmann::json{{"alg", std::string(AlgorithmName(GetParam().algorithm))},
                                          {"kid", "key-1"},
                                          {"typ", "JWT"}}));
  EXPECT_EQ(nlohmann::json::parse(parts->claims_json), claims);
  EXPECT_EQ(parts->signature.size(), 64u);

  auto key = PublicKeyFromPem("key-1", (*signer)->PublicKeyPem());
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->algorithm, GetParam().algorithm);
  EXPECT_TRUE(VerifySignature(*key, parts->signing_input, parts->signature).ok());

  for (std::size_t bit : {0u, 100u, 511u}) {
    std::string flipped = parts->signature;
    flipped[bit / 8] ^= static_cast<char>(1 << (bit % 8));
    EXPECT_EQ(status::Reason(VerifySignature(*key, parts->signing_input, flipped)),
              "TOKEN_BAD_SIGNATURE") << bit;
  }
  std::string input = parts->signing_input;
  input[input.size() - 1] ^= 0x01;
  EXPECT_EQ(status::Reason(VerifySignature(*key, input, parts->signature)), "TOKEN_BAD_SIGNATURE");

  auto other_pem = GetParam().make();
  auto other = JwsSigner::Create("key-1", *other_pem);
  auto wrong_key = PublicKeyFromPem("key-1", (*other)->PublicKeyPem());
  ASSERT_TRUE(wrong_key.ok());
  EXPECT_EQ(status::Reason(VerifySignature(*wrong_key, parts->signing_input, parts->signature)),
            "TOKEN_BAD_SIGNATURE");
}

INSTANTIATE_TEST_SUITE_P(Algorithms, SignerRoundTripTest,
                         ::testing::Values(Case{"EdDSA", &NewEd25519PrivateKeyPem, Algorithm::kEdDsa},
                                           Case{"ES256", &NewP256PrivateKeyPem, Algorithm::kEs256}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(JwsSignerTest, RefusesKeysItDoesNotSignWith) {
  auto rsa = JwsSigner::Create("r", testing::NewRsaPrivateKeyPem(2048));
  EXPECT_EQ(status::Reason(rsa.status()), "KEY_NOT_SUPPORTED");
  auto p384 = JwsSigner::Create("p", testing::NewP384PrivateKeyPem());
  EXPECT_EQ(status::Reason(p384.status()), "KEY_NOT_SUPPORTED");
  auto pub = JwsSigner::Create("k", testing::PublicPemOf(*NewEd25519PrivateKeyPem()));
  EXPECT_EQ(status::Reason(pub.status()), "KEY_MALFORMED");
  EXPECT_FALSE(JwsSigner::Create("", *NewEd25519PrivateKeyPem()).ok());
}

TEST(JwsSignerTest, FreshKeysDiffer) {
  EXPECT_NE(*NewEd25519PrivateKeyPem(), *NewEd25519PrivateKeyPem());
  EXPECT_NE(*NewP256PrivateKeyPem(), *NewP256PrivateKeyPem());
}

}  // namespace
}  // namespace meldpunt::jwt
