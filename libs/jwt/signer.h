#pragma once
// Signs JWTs in compact form with one private key: Ed25519 (EdDSA) or EC P-256 (ES256). RSA is
// deliberately not offered: Meldpunt's own tokens use the short, fast curves; RS256 exists in
// keys.h only to verify outside providers.

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "libs/auth/principal.h"
#include "libs/jwt/keys.h"

namespace meldpunt::jwt {

class JwsSigner {
 public:
  // private_pem: a PEM private key (PKCS#8 or traditional), Ed25519 or EC P-256.
  // INVALID_ARGUMENT KEY_MALFORMED or KEY_NOT_SUPPORTED.
  static absl::StatusOr<std::unique_ptr<JwsSigner>> Create(std::string key_id,
                                                           std::string_view private_pem);

  // Compact JWS of claims, header {"alg","kid","typ":"JWT"}. Returns "" only if OpenSSL fails to
  // sign, which no verifier accepts.
  std::string Sign(const nlohmann::json& claims) const;
  // Signs whatever header it is given (the caller owns alg/kid in it): for tests that need a
  // well-signed token with an odd header.
  std::string SignWithHeader(const nlohmann::json& header, const nlohmann::json& claims) const;
  // The raw JWS signature of input (ES256 as r‖s); "" if OpenSSL fails.
  std::string SignBytes(std::string_view input) const;

  Algorithm algorithm() const { return algorithm_; }
  const std::string& key_id() const { return key_id_; }
  // The matching public key as a PEM "PUBLIC KEY" block.
  std::string PublicKeyPem() const;

 private:
  JwsSigner(std::string key_id, Algorithm algorithm, auth::EvpPkeyPtr key)
      : key_id_(std::move(key_id)), algorithm_(algorithm), key_(std::move(key)) {}

  std::string key_id_;
  Algorithm algorithm_;
  auth::EvpPkeyPtr key_;
};

// Fresh private keys as PKCS#8 PEM, for key creation (identity's key rotation, tests).
absl::StatusOr<std::string> NewEd25519PrivateKeyPem();
absl::StatusOr<std::string> NewP256PrivateKeyPem();

}  // namespace meldpunt::jwt
