#include "libs/auth/test_keys.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdexcept>

namespace meldpunt::auth::testing {
namespace {

std::string BioString(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

std::pair<std::string, std::string> ToPem(EVP_PKEY* key) {
  if (key == nullptr) throw std::runtime_error("key generation failed");
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

}  // namespace

std::pair<std::string, std::string> NewEd25519KeyPair() {
  return ToPem(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
}

std::pair<std::string, std::string> NewRsaKeyPair() {
  return ToPem(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
}

}  // namespace meldpunt::auth::testing
