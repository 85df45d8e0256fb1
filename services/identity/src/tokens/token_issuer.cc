#include "services/identity/src/tokens/token_issuer.h"

#include "libs/auth/assurance.h"
#include "libs/auth/role_names.h"
#include "libs/status/status.h"
#include "services/identity/src/tokens/random_values.h"

namespace meldpunt::identity::tokens {
namespace {

// JWT NumericDate is whole seconds; exp is derived from the truncated iat so that
// exp - iat is exactly the lifetime.
absl::Time WholeSeconds(absl::Time t) { return absl::FromUnixSeconds(absl::ToUnixSeconds(t)); }

}  // namespace

nlohmann::json AccessTokenClaims(const TokenSettings& settings, const SessionSubject& subject,
                                 std::string_view session_id, std::string_view token_id,
                                 absl::Time now) {
  const absl::Time issued = WholeSeconds(now);
  nlohmann::json roles = nlohmann::json::array();
  for (auto role : subject.roles) {
    std::string name = auth::RoleName(role);
    if (!name.empty()) roles.push_back(std::move(name));
  }
  nlohmann::json claims{
      {"iss", settings.issuer},
      {"aud", settings.audience},
      {"sub", subject.subject},
      {"tenant", subject.tenant_id},
      {"roles", std::move(roles)},
      {"sid", std::string(session_id)},
      {"jti", std::string(token_id)},
      {"iat", absl::ToUnixSeconds(issued)},
      {"nbf", absl::ToUnixSeconds(issued)},
      {"exp", absl::ToUnixSeconds(issued + settings.access_token_lifetime)},
  };
  if (subject.assurance != common::v1::ASSURANCE_LEVEL_UNSPECIFIED) {
    claims["acr"] = auth::AssuranceName(subject.assurance);
  }
  return claims;
}

absl::StatusOr<AccessToken> TokenIssuer::Issue(const SessionSubject& subject,
                                               std::string_view session_id, absl::Time now) const {
  auto signer = keys_->ActiveSigner();
  if (!signer.ok()) return signer.status();
  auto token_id = NewTokenId();
  if (!token_id.ok()) return token_id.status();
  const TokenSettings& settings = keys_->settings();
  AccessToken out;
  out.token = (*signer)->Sign(AccessTokenClaims(settings, subject, session_id, *token_id, now));
  if (out.token.empty()) return status::Internal("TOKEN_SIGNING_FAILED", "cannot sign the access token");
  out.expires_at = WholeSeconds(now) + settings.access_token_lifetime;
  out.key_id = (*signer)->key_id();
  return out;
}

}  // namespace meldpunt::identity::tokens
