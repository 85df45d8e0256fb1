#include "services/gateway/src/keys/api_key.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {
namespace {

constexpr char kScheme[] = "mpk_";
constexpr std::size_t kPrefixIdBytes = 6;   // 12 hex characters
constexpr std::size_t kSecretBytes = 32;    // 64 hex characters
constexpr std::size_t kPrefixLength = 4 + 2 * kPrefixIdBytes;
constexpr std::size_t kKeyLength = kPrefixLength + 1 + 2 * kSecretBytes;

absl::StatusOr<std::string> RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    return status::Internal("RANDOM_SOURCE_FAILED", "RAND_bytes failed");
  }
  return absl::BytesToHexString(raw);
}

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<NewApiKey> GenerateApiKey() {
  auto id = RandomHex(kPrefixIdBytes);
  if (!id.ok()) return id.status();
  auto secret = RandomHex(kSecretBytes);
  if (!secret.ok()) return secret.status();
  NewApiKey out;
  out.prefix = std::string(kScheme) + *id;
  out.key = out.prefix + "_" + *secret;
  out.hash = HashApiKey(out.key);
  return out;
}

absl::StatusOr<std::string> ApiKeyPrefix(std::string_view key) {
  if (key.size() != kKeyLength || key.substr(0, 4) != kScheme || key[kPrefixLength] != '_' ||
      !IsLowerHex(key.substr(4, 2 * kPrefixIdBytes)) ||
      !IsLowerHex(key.substr(kPrefixLength + 1))) {
    return status::Unauthenticated("API_KEY_MALFORMED", "the API key is not of the issued form");
  }
  return std::string(key.substr(0, kPrefixLength));
}

std::string HashApiKey(std::string_view key) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

bool ApiKeyHashesEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace meldpunt::gateway
