#pragma once
// Access tokens as JWTs (RFC 7519) in compact form, signed EdDSA (Ed25519) or ES256 (ECDSA P-256
// with SHA-256), verified with libs/jwt against the public key the token's kid names:
//
//   header  {"alg":"EdDSA"|"ES256", "kid":"<key id>", "typ":"JWT" (optional)}
//   claims  {"iss", "aud" (string or array), "sub", "tenant" (NIS code),
//            "roles" (array of role names), "exp", "iat", "nbf" (optional), "sid" (optional),
//            "acr" (optional, citizens only: an assurance level name, e.g. "EID_CHALLENGE")}
//
// The algorithm is taken from the key, never trusted from the header: the header's alg must be
// the one that key's type implies, so "none", HS256 and a key-type swap are all refused. A key is
// only good within its validity (identity's not_before / not_after). A token with a "sid" whose
// session has been revoked is refused.
// Reasons: TOKEN_MALFORMED, TOKEN_ALG_NOT_ALLOWED, TOKEN_UNKNOWN_KEY, TOKEN_KEY_NOT_YET_VALID,
// TOKEN_KEY_RETIRED, TOKEN_BAD_SIGNATURE, TOKEN_WRONG_ISSUER, TOKEN_WRONG_AUDIENCE,
// TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, TOKEN_CLAIMS_INVALID, TOKEN_ROLES_INVALID, TOKEN_REVOKED;
// UNAVAILABLE TOKEN_KEYS_UNAVAILABLE while no keys could be fetched yet.

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "libs/auth/principal.h"
#include "services/gateway/src/tokens/session_revocations.h"
#include "services/gateway/src/tokens/token_key_source.h"
#include "services/gateway/src/tokens/token_verifier.h"

namespace meldpunt::gateway {

struct JwtVerifierOptions {
  std::string issuer;
  std::string audience;
  // Clock difference tolerated between identity and the gateway, for exp, nbf, iat and the
  // signing key's validity.
  absl::Duration leeway = absl::Seconds(30);
};

class JwtVerifier final : public TokenVerifier {
 public:
  // keys and revocations (null: no revocation check) outlive the verifier.
  static absl::StatusOr<std::unique_ptr<JwtVerifier>> Create(TokenKeySource* keys,
                                                             SessionRevocations* revocations,
                                                             JwtVerifierOptions options);
  // A fixed key set, key id → PEM public key (Ed25519 or EC P-256); no revocation check.
  static absl::StatusOr<std::unique_ptr<JwtVerifier>> Create(
      const std::map<std::string, std::string>& public_pems, JwtVerifierOptions options);
  // spec: "kid:/path/pub.pem[,kid2:/path2.pem]"; revocations may be null.
  static absl::StatusOr<std::unique_ptr<JwtVerifier>> FromSpec(const std::string& spec,
                                                               SessionRevocations* revocations,
                                                               JwtVerifierOptions options);

  absl::StatusOr<UserToken> Verify(std::string_view token, absl::Time now) const override;

 private:
  JwtVerifier(TokenKeySource* keys, SessionRevocations* revocations, JwtVerifierOptions options)
      : keys_(keys), revocations_(revocations), options_(std::move(options)) {}

  std::unique_ptr<TokenKeySource> owned_keys_;
  TokenKeySource* keys_;
  SessionRevocations* revocations_;
  JwtVerifierOptions options_;
};

}  // namespace meldpunt::gateway
