#include "services/identity/tests/tokens/token_check.h"

#include "libs/jwt/jws_compact.h"
#include "libs/jwt/keys.h"
#include "libs/status/status.h"

namespace meldpunt::identity::tokens::testing {

absl::StatusOr<CheckedToken> VerifyWithPublished(const v1::GetSigningKeysResponse& published,
                                                 const std::string& token) {
  auto parts = jwt::SplitCompactJws(token);
  if (!parts.ok()) return parts.status();
  const std::string kid = parts->header.value("kid", "");
  for (const auto& key : published.keys()) {
    if (key.key_id() != kid) continue;
    auto public_key = jwt::PublicKeyFromPem(key.key_id(), key.public_key_pem());
    if (!public_key.ok()) return public_key.status();
    if (parts->header.value("alg", "") != jwt::AlgorithmName(public_key->algorithm)) {
      return status::Unauthenticated("TOKEN_ALG_NOT_ALLOWED", "alg does not fit the key");
    }
    if (absl::Status s = jwt::VerifySignature(*public_key, parts->signing_input, parts->signature);
        !s.ok()) {
      return s;
    }
    auto claims = jwt::ParseJsonObject(parts->claims_json, "claims");
    if (!claims.ok()) return claims.status();
    return CheckedToken{parts->header, std::move(*claims)};
  }
  return status::NotFound("TOKEN_UNKNOWN_KEY", "no published key " + kid);
}

}  // namespace meldpunt::identity::tokens::testing
