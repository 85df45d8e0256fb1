#pragma once
// The compact serialization of a JWS (RFC 7515 §7.1), taken apart strictly before anything is
// trusted: three dot-separated parts, each canonical base64url without padding, a header that is a
// JSON object. The claims stay undecoded JSON until the signature has been verified.
// Every failure is UNAUTHENTICATED with reason TOKEN_MALFORMED.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"

namespace meldpunt::jwt {

struct JwsParts {
  nlohmann::json header;
  std::string claims_json;    // decoded payload, not yet parsed
  std::string signing_input;  // "<header>.<payload>" exactly as sent
  std::string signature;      // decoded bytes
};

// An access token is a few hundred bytes; anything far larger is not one of identity's. Callers
// taking outside tokens (OIDC ID tokens, up to 16 KiB) pass their own bound.
inline constexpr std::size_t kDefaultMaxJwsBytes = 8 * 1024;

absl::StatusOr<JwsParts> SplitCompactJws(std::string_view token,
                                         std::size_t max_bytes = kDefaultMaxJwsBytes);

// A JSON object with bounded nesting; what ("header", "claims") names it in the error.
absl::StatusOr<nlohmann::json> ParseJsonObject(std::string_view text, const char* what);

// Base64url without padding (RFC 7515 §2).
std::string Base64UrlEncode(std::string_view bytes);
// The strict inverse: only the base64url alphabet, no padding, canonical (unused low bits zero),
// so one value has exactly one spelling. UNAUTHENTICATED TOKEN_MALFORMED otherwise.
absl::StatusOr<std::string> Base64UrlDecode(std::string_view text);

}  // namespace meldpunt::jwt
