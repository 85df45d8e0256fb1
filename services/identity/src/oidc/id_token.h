#pragma once
// The provider-independent checks of an OpenID Connect ID token (OIDC Core §3.1.3.7): signature
// with a configured key of the issuer, iss, aud (and azp), exp / iat / nbf, nonce. What the
// claims mean is claim_mapping's business.

#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/identity/src/oidc/issuer_config.h"

namespace meldpunt::identity::oidc {

// Tolerated clock difference between the provider and us.
inline constexpr absl::Duration kClockLeeway = absl::Seconds(60);

// The verified claims. UNAUTHENTICATED with OIDC_TOKEN_MALFORMED, OIDC_KEY_UNKNOWN,
// OIDC_SIGNATURE_INVALID, OIDC_WRONG_ISSUER, OIDC_WRONG_AUDIENCE, OIDC_TOKEN_EXPIRED,
// OIDC_TOKEN_NOT_YET_VALID, OIDC_CLAIM_MISSING (sub, exp, iat), OIDC_NONCE_MISMATCH.
// The caller has bounded the token's size and checked that nonce is not empty.
absl::StatusOr<nlohmann::json> VerifyIdToken(const OidcIssuer& issuer, std::string_view id_token,
                                             std::string_view nonce, absl::Time now);

}  // namespace meldpunt::identity::oidc
