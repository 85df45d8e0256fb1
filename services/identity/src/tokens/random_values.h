#pragma once
// Secrets and ids drawn from OpenSSL's CSPRNG.

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace meldpunt::identity::tokens {

// n random bytes; INTERNAL RANDOM_UNAVAILABLE only if the generator cannot be seeded.
absl::StatusOr<std::string> RandomBytes(std::size_t n);

// A refresh token: "mrt_" + base64url of 32 random bytes (the prefix lets secret scanners and
// people recognise a leaked one).
inline constexpr char kRefreshTokenPrefix[] = "mrt_";
absl::StatusOr<std::string> NewRefreshToken();
// True when text has the shape of NewRefreshToken()'s output; anything else is refused without
// a database look-up.
bool LooksLikeRefreshToken(std::string_view text);
// What the database keeps: SHA-256 of the token, 32 raw bytes.
std::string HashRefreshToken(std::string_view token);

// A token id (`jti`): base64url of 16 random bytes.
absl::StatusOr<std::string> NewTokenId();

// A signing key id: the creation day and random hex, e.g. "20250101-3f9a0c12d4e6" — unique, and
// an operator sees at a glance how old the key in a token header is.
absl::StatusOr<std::string> NewKeyId(absl::Time now);

}  // namespace meldpunt::identity::tokens
