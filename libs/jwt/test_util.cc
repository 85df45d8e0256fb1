#include "libs/jwt/test_util.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdexcept>

#include "libs/auth/principal.h"
#include "libs/jwt/jws_compact.h"

namespace meldpunt::jwt::testing {
namespace {

auth::EvpPkeyPtr ReadPrivate(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  auth::EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  if (!key) throw std::runtime_error("bad private key");
  return key;
}

std::string Write(EVP_PKEY* key, bool is_private) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (is_private) {
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  } else {
    PEM_write_bio_PUBKEY(bio, key);
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return out;
}

std::string Generated(EVP_PKEY* raw) {
  auth::EvpPkeyPtr key(raw);
  if (!key) throw std::runtime_error("key generation failed");
  return Write(key.get(), true);
}

std::string BnParam(EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) throw std::runtime_error("no such parameter");
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  return out;
}

}  // namespace

std::string NewRsaPrivateKeyPem(int bits) {
  return Generated(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)));
}

std::string NewP384PrivateKeyPem() {
  return Generated(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
}

std::string PublicPemOf(const std::string& private_pem) {
  return Write(ReadPrivate(private_pem).get(), false);
}

std::string SignRs256(const std::string& private_pem, const std::string& input) {
  auth::EvpPkeyPtr key = ReadPrivate(private_pem);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx, nullptr, &len, data, input.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len, data, input.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  EVP_MD_CTX_free(ctx);
  sig.resize(len);
  return sig;
}

nlohmann::json JwkOf(const std::string& private_pem, const std::string& kid) {
  auth::EvpPkeyPtr key = ReadPrivate(private_pem);
  switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_RSA:
      return {{"kty", "RSA"},
              {"kid", kid},
              {"n", Base64UrlEncode(BnParam(key.get(), OSSL_PKEY_PARAM_RSA_N))},
              {"e", Base64UrlEncode(BnParam(key.get(), OSSL_PKEY_PARAM_RSA_E))}};
    case EVP_PKEY_EC: {
      std::string x(32, '\0'), y(32, '\0');
      BIGNUM* bx = nullptr;
      BIGNUM* by = nullptr;
      EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_EC_PUB_X, &bx);
      EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y, &by);
      BN_bn2binpad(bx, reinterpret_cast<unsigned char*>(x.data()), 32);
      BN_bn2binpad(by, reinterpret_cast<unsigned char*>(y.data()), 32);
      BN_free(bx);
      BN_free(by);
      return {{"kty", "EC"}, {"crv", "P-256"}, {"kid", kid},
              {"x", Base64UrlEncode(x)}, {"y", Base64UrlEncode(y)}};
    }
    case EVP_PKEY_ED25519: {
      std::string x(32, '\0');
      std::size_t len = x.size();
      EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(x.data()), &len);
      return {{"kty", "OKP"}, {"crv", "Ed25519"}, {"kid", kid}, {"x", Base64UrlEncode(x)}};
    }
    default:
      throw std::runtime_error("no JWK for this key type");
  }
}

}  // namespace meldpunt::jwt::testing
