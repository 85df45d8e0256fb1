#pragma once
// Public keys that verify JWS signatures (RFC 7518 §3): EdDSA (Ed25519, RFC 8037), ES256 (ECDSA
// P-256 with SHA-256) and RS256 (RSASSA-PKCS1-v1_5 with SHA-256, RSA of at least 2048 bits).
// A key's algorithm follows from its type and is fixed when the key is loaded; a verifier
// compares a token's "alg" with it and never lets the header choose.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/auth/principal.h"

namespace meldpunt::jwt {

enum class Algorithm { kEdDsa, kEs256, kRs256 };

// "EdDSA", "ES256", "RS256": the JWS "alg" values.
std::string_view AlgorithmName(Algorithm algorithm);
// The inverse; INVALID_ARGUMENT ALGORITHM_NOT_SUPPORTED for any other name ("none", "HS256" …).
absl::StatusOr<Algorithm> AlgorithmFromName(std::string_view name);

struct PublicKey {
  std::string key_id;
  Algorithm algorithm;
  auth::EvpPkeyPtr pkey;
};

// A PEM "PUBLIC KEY" block (SubjectPublicKeyInfo). Ed25519 → EdDSA, EC P-256 → ES256,
// RSA of 2048 to 8192 bits → RS256. INVALID_ARGUMENT KEY_MALFORMED or KEY_NOT_SUPPORTED.
absl::StatusOr<PublicKey> PublicKeyFromPem(std::string key_id, std::string_view pem);

// An RFC 7517 JWK Set: {"keys":[…]}. Understood: kty RSA (n, e), EC with crv P-256 (x, y), OKP
// with crv Ed25519 (x). Keys meant for something else are skipped, as RFC 7517 §5 asks: "use"
// other than "sig", an unknown kty or curve, an "alg" other than the one the key implies. Every
// kept key needs a "kid". INVALID_ARGUMENT JWKS_TOO_LARGE (over 64 KiB or 100 keys),
// JWKS_MALFORMED (not a key set, a known key type with bad members, a duplicate kid),
// KEY_NOT_SUPPORTED (RSA under 2048 bits) or JWKS_NO_USABLE_KEY (nothing left to verify with).
absl::StatusOr<std::vector<PublicKey>> PublicKeysFromJwks(std::string_view jwks_json);

// Checks a JWS signature over signing_input (the "<header>.<payload>" ASCII). ES256 signatures are
// the raw r‖s of 64 bytes (RFC 7518 §3.4), not DER. UNAUTHENTICATED TOKEN_BAD_SIGNATURE when it
// does not verify; UNAUTHENTICATED TOKEN_ALG_NOT_ALLOWED when key.algorithm does not fit the key.
absl::Status VerifySignature(const PublicKey& key, std::string_view signing_input,
                             std::string_view signature);

}  // namespace meldpunt::jwt
