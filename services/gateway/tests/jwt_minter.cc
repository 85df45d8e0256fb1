#include "services/gateway/tests/jwt_minter.h"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdexcept>

#include "absl/strings/escaping.h"

namespace meldpunt::gateway::testing {
namespace {

std::string BioString(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace

std::pair<std::string, std::string> NewP256KeyPair() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (key == nullptr) throw std::runtime_error("P-256 key generation failed");
  BIO* priv = BIO_new(BIO_s_mem());
  BIO* pub = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
  PEM_write_bio_PUBKEY(pub, key);
  auto out = std::make_pair(BioString(priv), BioString(pub));
  BIO_free(priv);
  BIO_free(pub);
  EVP_PKEY_free(key);
  return out;
}

nlohmann::json TokenClaims::ToJson() const {
  return {{"iss", iss},       {"aud", aud},
          {"sub", sub},       {"tenant", tenant},
          {"roles", roles},   {"iat", absl::ToUnixSeconds(iat)},
          {"exp", absl::ToUnixSeconds(exp)}};
}

std::string JwtMinter::B64(const std::string& bytes) {
  std::string out;
  absl::WebSafeBase64Escape(bytes, &out);
  return out;
}

std::string JwtMinter::Assemble(const nlohmann::json& header, const nlohmann::json& claims,
                                const std::string& signature) {
  return B64(header.dump()) + "." + B64(claims.dump()) + "." + B64(signature);
}

std::string JwtMinter::Mint(const TokenClaims& claims) const { return MintRaw(Header(), claims.ToJson()); }

std::string JwtMinter::MintRaw(const nlohmann::json& header, const nlohmann::json& claims) const {
  const std::string input = B64(header.dump()) + "." + B64(claims.dump());
  return input + "." + B64(Sign(input));
}

std::string JwtMinter::Sign(const std::string& input) const {
  BIO* bio = BIO_new_mem_buf(private_pem_.data(), static_cast<int>(private_pem_.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (key == nullptr) throw std::runtime_error("bad private key");
  const bool es256 = alg_ == "ES256";
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  std::string sig;
  if (EVP_DigestSignInit(ctx, nullptr, es256 ? EVP_sha256() : nullptr, nullptr, key) != 1 ||
      EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  sig.resize(len);
  if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  sig.resize(len);
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  if (!es256) return sig;
  // DER → the fixed 64-byte r||s of JWS.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
  ECDSA_SIG* ecdsa = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  ECDSA_SIG_free(ecdsa);
  return raw;
}

}  // namespace meldpunt::gateway::testing
