#pragma once
// The compact serialization of a JWS (RFC 7515 §7.1), taken apart strictly before anything is
// trusted: three dot-separated parts, each canonical base64url without padding, a header that is a
// JSON object. The claims stay undecoded JSON until the signature has been verified.
// Every failure is UNAUTHENTICATED with reason TOKEN_MALFORMED.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"

namespace meldpunt::gateway {

struct JwsParts {
  nlohmann::json header;
  std::string claims_json;    // decoded payload, not yet parsed
  std::string signing_input;  // "<header>.<payload>" exactly as sent
  std::string signature;      // decoded bytes
};

absl::StatusOr<JwsParts> SplitCompactJws(std::string_view token);

// A JSON object with bounded nesting; what ("header", "claims") names it in the error.
absl::StatusOr<nlohmann::json> ParseJsonObject(std::string_view text, const char* what);

}  // namespace meldpunt::gateway
