#pragma once
// Access tokens as JWTs (RFC 7519) in compact form, signed EdDSA (Ed25519) or ES256 (ECDSA P-256
// with SHA-256), verified with OpenSSL against public keys known by key id:
//
//   header  {"alg":"EdDSA"|"ES256", "kid":"<key id>", "typ":"JWT" (optional)}
//   claims  {"iss", "aud" (string or array), "sub", "tenant" (NIS code),
//            "roles" (array of role names), "exp", "iat", "nbf" (optional)}
//
// The algorithm is taken from the key, never trusted from the header: the header's alg must be
// the one that key's type implies, so "none", HS256 and a key-type swap are all refused.
// Reasons: TOKEN_MALFORMED, TOKEN_ALG_NOT_ALLOWED, TOKEN_UNKNOWN_KEY, TOKEN_BAD_SIGNATURE,
// TOKEN_WRONG_ISSUER, TOKEN_WRONG_AUDIENCE, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID,
// TOKEN_CLAIMS_INVALID, TOKEN_ROLES_INVALID.

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "libs/auth/principal.h"
#include "services/gateway/src/token_verifier.h"

namespace meldpunt::gateway {

struct JwtVerifierOptions {
  std::string issuer;
  std::string audience;
  // Clock difference tolerated between identity and the gateway, for exp, nbf and iat.
  absl::Duration leeway = absl::Seconds(30);
};

class JwtVerifier final : public TokenVerifier {
 public:
  // public_pems: key id → PEM public key, Ed25519 or EC P-256.
  static absl::StatusOr<std::unique_ptr<JwtVerifier>> Create(
      const std::map<std::string, std::string>& public_pems, JwtVerifierOptions options);
  // spec: "kid:/path/pub.pem[,kid2:/path2.pem]".
  static absl::StatusOr<std::unique_ptr<JwtVerifier>> FromSpec(const std::string& spec,
                                                               JwtVerifierOptions options);

  absl::StatusOr<UserToken> Verify(std::string_view token, absl::Time now) const override;

 private:
  enum class Alg { kEdDsa, kEs256 };
  struct Key {
    Alg alg;
    auth::EvpPkeyPtr pkey;
  };

  explicit JwtVerifier(JwtVerifierOptions options) : options_(std::move(options)) {}

  absl::Status CheckSignature(const Key& key, std::string_view signing_input,
                              const std::string& signature) const;

  JwtVerifierOptions options_;
  std::map<std::string, Key> keys_;
};

}  // namespace meldpunt::gateway
