#pragma once
// Where the bearer-token verifier finds the public key a token's "kid" names. Two sources:
// StaticKeySource (PEM files, --token-public-keys: tests and development) and IdentityKeySource
// (identity's GetSigningKeys, cached and rotated).

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/jwt/keys.h"

namespace meldpunt::gateway {

struct TokenKey {
  // Shared: a key set may be replaced while a call still verifies with one of its keys.
  std::shared_ptr<const jwt::PublicKey> key;
  // Tokens signed with the key are valid only within [not_before, not_after].
  absl::Time not_before = absl::InfinitePast();
  absl::Time not_after = absl::InfiniteFuture();
};

class TokenKeySource {
 public:
  virtual ~TokenKeySource() = default;
  // UNAUTHENTICATED TOKEN_UNKNOWN_KEY when no key has that id; UNAVAILABLE TOKEN_KEYS_UNAVAILABLE
  // when the source has no keys at all yet (identity not reached since start). May block briefly
  // to fetch keys; call it off the gRPC event threads.
  virtual absl::StatusOr<TokenKey> Find(std::string_view key_id) = 0;
};

}  // namespace meldpunt::gateway
