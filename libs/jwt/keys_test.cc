#include "libs/jwt/keys.h"

#include <gtest/gtest.h>

#include "libs/auth/test_keys.h"
#include "libs/jwt/signer.h"
#include "libs/jwt/test_util.h"
#include "libs/status/status.h"

namespace meldpunt::jwt {
namespace {

const std::string kInput = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0";

TEST(AlgorithmTest, NamesRoundTripAndOthersAreRefused) {
  for (Algorithm a : {Algorithm::kEdDsa, Algorithm::kEs256, Algorithm::kRs256}) {
    auto back = AlgorithmFromName(AlgorithmName(a));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, a);
  }
  EXPECT_EQ(AlgorithmName(Algorithm::kEdDsa), "EdDSA");
  for (const char* other : {"none", "HS256", "PS256", "es256", ""}) {
    EXPECT_FALSE(AlgorithmFromName(other).ok()) << other;
  }
}

TEST(PublicKeyFromPemTest, TheKeyTypeImpliesTheAlgorithm) {
  auto ed = PublicKeyFromPem("ed", auth::testing::NewEd25519KeyPair().second);
  auto ec = PublicKeyFromPem("ec", testing::PublicPemOf(*NewP256PrivateKeyPem()));
  auto rsa = PublicKeyFromPem("rsa", auth::testing::NewRsaKeyPair().second);
  ASSERT_TRUE(ed.ok() && ec.ok() && rsa.ok());
  EXPECT_EQ(ed->algorithm, Algorithm::kEdDsa);
  EXPECT_EQ(ec->algorithm, Algorithm::kEs256);
  EXPECT_EQ(rsa->algorithm, Algorithm::kRs256);
  EXPECT_EQ(rsa->key_id, "rsa");
}

TEST(PublicKeyFromPemTest, RefusesWeakOrForeignKeysAndGarbage) {
  auto small_rsa = PublicKeyFromPem("r", testing::PublicPemOf(testing::NewRsaPrivateKeyPem(1024)));
  EXPECT_EQ(status::Reason(small_rsa.status()), "KEY_NOT_SUPPORTED");
  auto p384 = PublicKeyFromPem("p", testing::PublicPemOf(testing::NewP384PrivateKeyPem()));
  EXPECT_EQ(status::Reason(p384.status()), "KEY_NOT_SUPPORTED");
  auto garbage = PublicKeyFromPem("g", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
  EXPECT_EQ(status::Reason(garbage.status()), "KEY_MALFORMED");
  // A private key where a public one belongs is not quietly accepted.
  auto priv = PublicKeyFromPem("x", *NewEd25519PrivateKeyPem());
  EXPECT_EQ(status::Reason(priv.status()), "KEY_MALFORMED");
  EXPECT_FALSE(PublicKeyFromPem("", auth::testing::NewEd25519KeyPair().second).ok());
}

TEST(VerifySignatureTest, Rs256WithAKeyMadeHere) {
  const std::string priv = testing::NewRsaPrivateKeyPem(2048);
  auto key = PublicKeyFromPem("rsa", testing::PublicPemOf(priv));
  ASSERT_TRUE(key.ok()) << key.status();
  const std::string sig = testing::SignRs256(priv, kInput);
  EXPECT_TRUE(VerifySignature(*key, kInput, sig).ok());

  std::string flipped = sig;
  flipped[10] ^= 0x01;
  EXPECT_EQ(status::Reason(VerifySignature(*key, kInput, flipped)), "TOKEN_BAD_SIGNATURE");
  EXPECT_EQ(status::Reason(VerifySignature(*key, kInput + "x", sig)), "TOKEN_BAD_SIGNATURE");
  EXPECT_EQ(status::Reason(VerifySignature(*key, kInput, sig.substr(1))), "TOKEN_BAD_SIGNATURE");
  auto other = PublicKeyFromPem("other", testing::PublicPemOf(testing::NewRsaPrivateKeyPem(2048)));
  EXPECT_EQ(status::Reason(VerifySignature(*other, kInput, sig)), "TOKEN_BAD_SIGNATURE");
}

TEST(VerifySignatureTest, AnAlgorithmThatDoesNotFitTheKeyIsRefused) {
  auto signer = JwsSigner::Create("ed", *NewEd25519PrivateKeyPem());
  ASSERT_TRUE(signer.ok());
  const std::string sig = (*signer)->SignBytes(kInput);
  auto key = PublicKeyFromPem("ed", (*signer)->PublicKeyPem());
  ASSERT_TRUE(key.ok());
  ASSERT_TRUE(VerifySignature(*key, kInput, sig).ok());
  for (Algorithm wrong : {Algorithm::kEs256, Algorithm::kRs256}) {
    key->algorithm = wrong;
    absl::Status s = VerifySignature(*key, kInput, sig);
    EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(status::Reason(s), "TOKEN_ALG_NOT_ALLOWED");
  }
  PublicKey empty{"none", Algorithm::kEdDsa, nullptr};
  EXPECT_EQ(status::Reason(VerifySignature(empty, kInput, sig)), "TOKEN_BAD_SIGNATURE");
}

}  // namespace
}  // namespace meldpunt::jwt
