#pragma once
// Every knob of tokens, sessions and signing keys in one struct, filled by the service from its
// flags. The durations depend on each other (a retired key must stay published as long as a token
// it signed can be valid), so they are checked together by Validate().

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace meldpunt::identity::tokens {

struct TokenSettings {
  // The `iss` and `aud` claims of access tokens; the gateway expects the same values.
  std::string issuer = "meldpunt-identity";
  std::string audience = "meldpunt-gateway";
  absl::Duration access_token_lifetime = absl::Minutes(10);

  // Absolute session lifetime (refreshing never extends it).
  absl::Duration citizen_refresh_lifetime = absl::Hours(24 * 30);
  absl::Duration staff_refresh_lifetime = absl::Hours(12);

  // The active signing key is replaced once it is this old.
  absl::Duration rotation_period = absl::Hours(24 * 30);
  // How often each replica re-reads the keys (and rotates when due): the longest a replica may
  // go on signing with a key another replica has just retired.
  absl::Duration key_reload_interval = absl::Minutes(1);
  // Clock difference tolerated between replicas and verifiers.
  absl::Duration clock_leeway = absl::Minutes(1);
  // Upper bound of GetSigningKeysResponse.cache_for (it is also kept within the retirement
  // overlap, RetirementOverlap()).
  absl::Duration signing_keys_cache_for = absl::Minutes(5);

  // Extra lifetime of the Redis revocation key beyond the access-token lifetime.
  absl::Duration revocation_margin = absl::Seconds(60);
};

// INVALID_ARGUMENT (TOKEN_SETTINGS_INVALID) naming the first value that does not fit: empty
// issuer/audience, a non-positive duration, a rotation period not longer than the overlap.
absl::Status Validate(const TokenSettings& settings);

// How long a retired key stays published after it stopped signing: a token signed just before
// retirement, or by a replica that has not reloaded yet, must still verify until it expires.
absl::Duration RetirementOverlap(const TokenSettings& settings);

// GetSigningKeysResponse.cache_for: the configured bound, never longer than the overlap, so a
// verifier that cached the key set cannot keep a key much past its not_after.
absl::Duration SigningKeysCacheFor(const TokenSettings& settings);

// TTL of meldpunt:revoked-session:<id>: as long as an access token of the session can be valid.
absl::Duration RevocationTtl(const TokenSettings& settings);

}  // namespace meldpunt::identity::tokens
