#include "services/identity/src/tokens/random_values.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/jwt/jws_compact.h"
#include "libs/status/status.h"

namespace meldpunt::identity::tokens {
namespace {

constexpr std::size_t kRefreshTokenBytes = 32;
// base64url without padding of 32 bytes.
constexpr std::size_t kRefreshTokenEncodedChars = 43;

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

absl::StatusOr<std::string> RandomBytes(std::size_t n) {
  std::string out(n, '\0');
  if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    return status::Internal("RANDOM_UNAVAILABLE", "cannot draw random bytes");
  }
  return out;
}

absl::StatusOr<std::string> NewRefreshToken() {
  auto bytes = RandomBytes(kRefreshTokenBytes);
  if (!bytes.ok()) return bytes.status();
  return std::string(kRefreshTokenPrefix) + jwt::Base64UrlEncode(*bytes);
}

bool LooksLikeRefreshToken(std::string_view text) {
  const std::string_view prefix(kRefreshTokenPrefix);
  if (text.size() != prefix.size() + kRefreshTokenEncodedChars) return false;
  if (text.substr(0, prefix.size()) != prefix) return false;
  for (char c : text.substr(prefix.size())) {
    if (!IsBase64UrlChar(c)) return false;
  }
  return true;
}

std::string HashRefreshToken(std::string_view token) {
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(),
         reinterpret_cast<unsigned char*>(digest.data()));
  return digest;
}

absl::StatusOr<std::string> NewTokenId() {
  auto bytes = RandomBytes(16);
  if (!bytes.ok()) return bytes.status();
  return jwt::Base64UrlEncode(*bytes);
}

absl::StatusOr<std::string> NewKeyId(absl::Time now) {
  auto bytes = RandomBytes(6);
  if (!bytes.ok()) return bytes.status();
  return absl::StrCat(absl::FormatTime("%Y%m%d", now, absl::UTCTimeZone()), "-",
                      absl::BytesToHexString(*bytes));
}

}  // namespace meldpunt::identity::tokens
