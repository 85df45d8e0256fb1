#pragma once
// Access tokens: JWTs signed with the key ring's active key, which the gateway verifies with the
// published keys.
//
//   header {"alg":"EdDSA","kid":"<key id>","typ":"JWT"}
//   claims {"iss","aud","sub","tenant","roles":[names],"sid":"<session id>","jti","iat","nbf","exp"}
//   and for a citizen "acr": the login's assurance level ("EID_DATA", "EID_CHALLENGE" …), which
//   the gateway copies into the principal and services check against their tenant's policy.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/identity/src/tokens/key_ring.h"
#include "services/identity/src/tokens/session_manager.h"
#include "services/identity/src/tokens/token_settings.h"

namespace meldpunt::identity::tokens {

struct AccessToken {
  std::string token;
  absl::Time expires_at;
  std::string key_id;
};

// The claims of an access token issued at now (whole seconds, as JWT NumericDate).
nlohmann::json AccessTokenClaims(const TokenSettings& settings, const SessionSubject& subject,
                                 std::string_view session_id, std::string_view token_id,
                                 absl::Time now);

class TokenIssuer {
 public:
  // keys must outlive the issuer; issuer, audience and lifetime come from keys->settings(), so
  // the key ring's retirement overlap and the tokens' lifetime cannot disagree.
  explicit TokenIssuer(const KeyRing* keys) : keys_(keys) {}

  // UNAVAILABLE SIGNING_KEY_UNAVAILABLE without an active key; INTERNAL if signing fails.
  absl::StatusOr<AccessToken> Issue(const SessionSubject& subject, std::string_view session_id,
                                    absl::Time now) const;

 private:
  const KeyRing* keys_;
};

}  // namespace meldpunt::identity::tokens
