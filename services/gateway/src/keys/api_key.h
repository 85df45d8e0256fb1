#pragma once
// API keys: "mpk_<12 hex>_<64 hex>". The first part (48 random bits) is a public lookup id, stored
// in clear as the client's key_prefix; the secret part is 256 bits from OpenSSL's RAND_bytes.
// Only SHA-256 of the whole key is stored. A fast hash is enough here (unlike passwords): the key
// is random and long, so there is nothing to guess from its hash.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace meldpunt::gateway {

struct NewApiKey {
  std::string key;     // shown once to whoever created the client
  std::string prefix;  // "mpk_3f9a1c2b4d5e"
  std::string hash;    // 32 bytes, SHA-256 of key
};

// INTERNAL when the system's random source fails (then no key must be made at all).
absl::StatusOr<NewApiKey> GenerateApiKey();

// The prefix of a well-formed key; UNAUTHENTICATED (API_KEY_MALFORMED) otherwise, before any
// lookup.
absl::StatusOr<std::string> ApiKeyPrefix(std::string_view key);

std::string HashApiKey(std::string_view key);

// Constant time, so a wrong key's timing says nothing about the right one's hash.
bool ApiKeyHashesEqual(std::string_view a, std::string_view b);

}  // namespace meldpunt::gateway
