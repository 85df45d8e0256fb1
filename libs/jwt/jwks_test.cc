#include <gtest/gtest.h>

#include "libs/jwt/jws_compact.h"
#include "libs/jwt/keys.h"
#include "libs/jwt/signer.h"
#include "libs/jwt/test_util.h"
#include "libs/status/status.h"

namespace meldpunt::jwt {
namespace {

using nlohmann::json;

const std::string kInput = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0";

const PublicKey* Find(const std::vector<PublicKey>& keys, const std::string& kid) {
  for (const auto& k : keys) {
    if (k.key_id == kid) return &k;
  }
  return nullptr;
}

std::string Reason(const absl::StatusOr<std::vector<PublicKey>>& r) {
  return r.ok() ? "OK" : status::Reason(r.status());
}

TEST(JwksTest, ReadsRsaEcAndOkpKeysThatVerifyTheirSignatures) {
  const std::string rsa = testing::NewRsaPrivateKeyPem(2048);
  const std::string ec = *NewP256PrivateKeyPem();
  const std::string ed = *NewEd25519PrivateKeyPem();
  json rsa_jwk = testing::JwkOf(rsa, "rsa-1");
  rsa_jwk["use"] = "sig";
  rsa_jwk["alg"] = "RS256";
  json set = {{"keys", {rsa_jwk, testing::JwkOf(ec, "ec-1"), testing::JwkOf(ed, "ed-1")}}};

  auto keys = PublicKeysFromJwks(set.dump());
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_EQ(keys->size(), 3u);
  const PublicKey* r = Find(*keys, "rsa-1");
  const PublicKey* e = Find(*keys, "ec-1");
  const PublicKey* d = Find(*keys, "ed-1");
  ASSERT_TRUE(r && e && d);
  EXPECT_EQ(r->algorithm, Algorithm::kRs256);
  EXPECT_EQ(e->algorithm, Algorithm::kEs256);
  EXPECT_EQ(d->algorithm, Algorithm::kEdDsa);

  EXPECT_TRUE(VerifySignature(*r, kInput, testing::SignRs256(rsa, kInput)).ok());
  const std::string ec_sig = (*JwsSigner::Create("ec-1", ec))->SignBytes(kInput);
  EXPECT_TRUE(VerifySignature(*e, kInput, ec_sig).ok());
  const std::string ed_sig = (*JwsSigner::Create("ed-1", ed))->SignBytes(kInput);
  EXPECT_TRUE(VerifySignature(*d, kInput, ed_sig).ok());
  // Each key verifies its own signatures only.
  EXPECT_FALSE(VerifySignature(*d, kInput, ec_sig).ok());
  EXPECT_FALSE(VerifySignature(*e, kInput, ed_sig).ok());
}

TEST(JwksTest, SkipsKeysMeantForSomethingElse) {
  const std::string ec = *NewP256PrivateKeyPem();
  json enc = testing::JwkOf(testing::NewRsaPrivateKeyPem(2048), "enc-1");
  enc["use"] = "enc";
  json wrap = testing::JwkOf(*NewP256PrivateKeyPem(), "wrap-1");
  wrap["key_ops"] = {"wrapKey"};
  json ps256 = testing::JwkOf(testing::NewRsaPrivateKeyPem(2048), "ps-1");
  ps256["alg"] = "PS256";
  json secret = {{"kty", "oct"}, {"kid", "hmac"}, {"k", "c2VjcmV0"}};
  json x25519 = {{"kty", "OKP"}, {"crv", "X25519"}, {"kid", "x"}, {"x", Base64UrlEncode(std::string(32, 'a'))}};
  json sig = testing::JwkOf(ec, "sig-1");
  sig["use"] = "sig";
  sig["key_ops"] = {"verify"};
  json set = {{"keys", {enc, wrap, ps256, secret, x25519, sig}}};

  auto keys = PublicKeysFromJwks(set.dump());
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ((*keys)[0].key_id, "sig-1");

  json only_enc = {{"keys", {enc}}};
  EXPECT_EQ(Reason(PublicKeysFromJwks(only_enc.dump())), "JWKS_NO_USABLE_KEY");
}

TEST(JwksTest, RefusesGarbage) {
  for (const char* bad : {"", "not json", "[]", "{}", R"({"keys":{}})", R"({"keys":[1]})"}) {
    auto keys = PublicKeysFromJwks(bad);
    EXPECT_EQ(Reason(keys), "JWKS_MALFORMED") << bad;
    EXPECT_EQ(keys.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  const std::string ec = *NewP256PrivateKeyPem();
  json no_kid = testing::JwkOf(ec, "k");
  no_kid.erase("kid");
  json missing_y = testing::JwkOf(ec, "k");
  missing_y.erase("y");
  json short_x = testing::JwkOf(ec, "k");
  short_x["x"] = Base64UrlEncode(std::string(31, 'a'));
  json bad_b64 = testing::JwkOf(ec, "k");
  bad_b64["x"] = "not+base64/";
  // A point that is not on the curve: the invalid-curve attack.
  json off_curve = testing::JwkOf(ec, "k");
  off_curve["y"] = Base64UrlEncode(std::string(31, '\0') + "\x01");
  json bad_ed = {{"kty", "OKP"}, {"crv", "Ed25519"}, {"kid", "e"}, {"x", Base64UrlEncode("short")}};
  json rsa_no_e = testing::JwkOf(testing::NewRsaPrivateKeyPem(2048), "r");
  rsa_no_e.erase("e");
  for (const json& jwk : {no_kid, missing_y, short_x, bad_b64, off_curve, bad_ed, rsa_no_e}) {
    json set = {{"keys", {jwk}}};
    EXPECT_EQ(Reason(PublicKeysFromJwks(set.dump())), "JWKS_MALFORMED") << jwk.dump();
  }
  json twice = {{"keys", {testing::JwkOf(ec, "same"), testing::JwkOf(*NewP256PrivateKeyPem(), "same")}}};
  EXPECT_EQ(Reason(PublicKeysFromJwks(twice.dump())), "JWKS_MALFORMED");
}

TEST(JwksTest, RefusesWeakRsaKeys) {
  json set = {{"keys", {testing::JwkOf(testing::NewRsaPrivateKeyPem(1024), "weak")}}};
  EXPECT_EQ(Reason(PublicKeysFromJwks(set.dump())), "KEY_NOT_SUPPORTED");
}

TEST(JwksTest, RefusesOversizedInput) {
  json pad = {{"keys", {testing::JwkOf(*NewEd25519PrivateKeyPem(), "k")}},
              {"padding", std::string(70 * 1024, 'a')}};
  EXPECT_EQ(Reason(PublicKeysFromJwks(pad.dump())), "JWKS_TOO_LARGE");
  json many = {{"keys", json::array()}};
  for (int i = 0; i < 101; ++i) many["keys"].push_back({{"kty", "oct"}, {"kid", std::to_string(i)}});
  EXPECT_EQ(Reason(PublicKeysFromJwks(many.dump())), "JWKS_TOO_LARGE");
}

}  // namespace
}  // namespace meldpunt::jwt
