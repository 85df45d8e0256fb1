#include "libs/observability/request_id.h"

#include <openssl/rand.h>

#include <random>

namespace meldpunt::observability {

std::string NewRequestId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // RAND_bytes only fails when the OS entropy source is unusable; a request id is not a secret,
    // so falling back to a seeded PRNG beats failing the call.
    thread_local std::mt19937_64 rng{std::random_device{}()};
    for (auto& b : bytes) b = static_cast<unsigned char>(rng());
  }
  static const char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(32);
  for (unsigned char b : bytes) {
    id += kHex[b >> 4];
    id += kHex[b & 0xf];
  }
  return id;
}

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

}  // namespace meldpunt::observability
