#include "services/identity/src/tokens/token_settings.h"

#include <algorithm>

#include "libs/status/status.h"
#include "services/identity/src/tokens/reasons.h"

namespace meldpunt::identity::tokens {
namespace {

absl::Status Bad(const std::string& what) {
  return status::InvalidArgument(kReasonSettingsInvalid, what);
}

}  // namespace

absl::Status Validate(const TokenSettings& s) {
  if (s.issuer.empty()) return Bad("token issuer is empty");
  if (s.audience.empty()) return Bad("token audience is empty");
  const std::pair<const char*, absl::Duration> positive[] = {
      {"access token lifetime", s.access_token_lifetime},
      {"citizen refresh lifetime", s.citizen_refresh_lifetime},
      {"staff refresh lifetime", s.staff_refresh_lifetime},
      {"key rotation period", s.rotation_period},
      {"key reload interval", s.key_reload_interval},
      {"signing keys cache time", s.signing_keys_cache_for},
  };
  for (const auto& [name, value] : positive) {
    if (value <= absl::ZeroDuration()) return Bad(std::string(name) + " must be positive");
  }
  if (s.clock_leeway < absl::ZeroDuration()) return Bad("clock leeway must not be negative");
  if (s.revocation_margin < absl::ZeroDuration()) return Bad("revocation margin must not be negative");
  // Rotating faster than a key's tokens live would publish ever more keys at once.
  if (s.rotation_period <= RetirementOverlap(s)) {
    return Bad("key rotation period must be longer than access token lifetime + reload interval + leeway");
  }
  return absl::OkStatus();
}

absl::Duration RetirementOverlap(const TokenSettings& s) {
  return s.access_token_lifetime + s.key_reload_interval + s.clock_leeway;
}

absl::Duration SigningKeysCacheFor(const TokenSettings& s) {
  return std::min(s.signing_keys_cache_for, RetirementOverlap(s));
}

absl::Duration RevocationTtl(const TokenSettings& s) {
  return s.access_token_lifetime + s.revocation_margin;
}

}  // namespace meldpunt::identity::tokens
