#include "services/identity/src/eid/digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace meldpunt::identity::eid {

std::string DigestForHashLength(size_t hash_length, std::string_view data) {
  const EVP_MD* md = nullptr;
  switch (hash_length) {
    case 20: md = EVP_sha1(); break;
    case 32: md = EVP_sha256(); break;
    case 48: md = EVP_sha384(); break;
    default: return "";
  }
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &out_len, md, nullptr) != 1) return "";
  return std::string(reinterpret_cast<const char*>(out), out_len);
}

bool HashMatches(std::string_view expected, std::string_view data) {
  const std::string actual = DigestForHashLength(expected.size(), data);
  return !actual.empty() && actual.size() == expected.size() &&
         CRYPTO_memcmp(actual.data(), expected.data(), actual.size()) == 0;
}

}  // namespace meldpunt::identity::eid
