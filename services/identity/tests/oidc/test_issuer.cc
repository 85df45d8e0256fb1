#include "services/identity/tests/oidc/test_issuer.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include "libs/jwt/jws_compact.h"

namespace meldpunt::identity::oidc::testing {
namespace {

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct BnDeleter {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
struct SigDeleter {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

std::string BnBytes(const EVP_PKEY* key, const char* param, int pad_to = 0) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, param, &raw) != 1) throw std::runtime_error("no key parameter");
  std::unique_ptr<BIGNUM, BnDeleter> bn(raw);
  const int len = pad_to > 0 ? pad_to : BN_num_bytes(bn.get());
  std::string out(static_cast<std::size_t>(len), '\0');
  BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), len);
  return out;
}

std::string SigningInput(const nlohmann::json& header, const nlohmann::json& claims) {
  return jwt::Base64UrlEncode(header.dump()) + "." + jwt::Base64UrlEncode(claims.dump());
}

}  // namespace

std::unique_ptr<TestIssuerKey> TestIssuerKey::NewRsa(std::string kid) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  if (key == nullptr) throw std::runtime_error("RSA key generation failed");
  return std::unique_ptr<TestIssuerKey>(new TestIssuerKey(std::move(kid), true, auth::EvpPkeyPtr(key)));
}

std::unique_ptr<TestIssuerKey> TestIssuerKey::NewP256(std::string kid) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  if (key == nullptr) throw std::runtime_error("EC key generation failed");
  return std::unique_ptr<TestIssuerKey>(new TestIssuerKey(std::move(kid), false, auth::EvpPkeyPtr(key)));
}

nlohmann::json TestIssuerKey::Jwk() const {
  if (rsa_) {
    return {{"kty", "RSA"}, {"kid", kid_}, {"use", "sig"}, {"alg", "RS256"},
            {"n", jwt::Base64UrlEncode(BnBytes(key_.get(), OSSL_PKEY_PARAM_RSA_N))},
            {"e", jwt::Base64UrlEncode(BnBytes(key_.get(), OSSL_PKEY_PARAM_RSA_E))}};
  }
  return {{"kty", "EC"}, {"crv", "P-256"}, {"kid", kid_}, {"use", "sig"}, {"alg", "ES256"},
          {"x", jwt::Base64UrlEncode(BnBytes(key_.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32))},
          {"y", jwt::Base64UrlEncode(BnBytes(key_.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
}

std::string TestIssuerKey::SignBytes(const std::string& input) const {
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1) {
    throw std::runtime_error("sign init failed");
  }
  std::size_t len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()) != 1) throw std::runtime_error("sign");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data,
                     input.size()) != 1) {
    throw std::runtime_error("sign failed");
  }
  sig.resize(len);
  if (rsa_) return sig;
  // DER ECDSA-Sig-Value → the raw r‖s of JWS.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
  std::unique_ptr<ECDSA_SIG, SigDeleter> parsed(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size())));
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(parsed.get()), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(parsed.get()), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  return raw;
}

std::string TestIssuerKey::SignWithHeader(const nlohmann::json& header,
                                          const nlohmann::json& claims) const {
  const std::string input = SigningInput(header, claims);
  return input + "." + jwt::Base64UrlEncode(SignBytes(input));
}

std::string TestIssuerKey::Sign(const nlohmann::json& claims) const {
  return SignWithHeader({{"alg", alg()}, {"kid", kid_}, {"typ", "JWT"}}, claims);
}

std::string Unsigned(const nlohmann::json& header, const nlohmann::json& claims) {
  return SigningInput(header, claims) + ".";
}

std::string Hs256(const nlohmann::json& header, const nlohmann::json& claims, const std::string& secret) {
  const std::string input = SigningInput(header, claims);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  return input + "." + jwt::Base64UrlEncode(std::string(reinterpret_cast<char*>(mac), len));
}

}  // namespace meldpunt::identity::oidc::testing
