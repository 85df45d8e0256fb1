#pragma once
// A self-made OpenID provider for tests: fresh signing keys (RSA 2048 for RS256, EC P-256 for
// ES256), their public JWKs, and ID tokens signed with them. Test-only.

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "libs/auth/principal.h"

namespace meldpunt::identity::oidc::testing {

class TestIssuerKey {
 public:
  static std::unique_ptr<TestIssuerKey> NewRsa(std::string kid);
  static std::unique_ptr<TestIssuerKey> NewP256(std::string kid);

  // The public JWK: kty/n/e or kty/crv/x/y, with kid, "use":"sig" and "alg".
  nlohmann::json Jwk() const;
  // Compact JWS with {"alg": <the key's>, "kid": kid, "typ": "JWT"}.
  std::string Sign(const nlohmann::json& claims) const;
  // Compact JWS with whatever header the test wants, signed by this key's algorithm.
  std::string SignWithHeader(const nlohmann::json& header, const nlohmann::json& claims) const;
  // The raw JWS signature of input (ES256 as r‖s).
  std::string SignBytes(const std::string& input) const;

  const std::string& kid() const { return kid_; }
  const char* alg() const { return rsa_ ? "RS256" : "ES256"; }

 private:
  TestIssuerKey(std::string kid, bool rsa, auth::EvpPkeyPtr key)
      : kid_(std::move(kid)), rsa_(rsa), key_(std::move(key)) {}

  std::string kid_;
  bool rsa_;
  auth::EvpPkeyPtr key_;
};

// "<base64url(header)>.<base64url(claims)>." with an empty signature: a token no key signed
// (alg none).
std::string Unsigned(const nlohmann::json& header, const nlohmann::json& claims);
// HS256 over the signing input with secret: the classic algorithm-confusion forgery.
std::string Hs256(const nlohmann::json& header, const nlohmann::json& claims, const std::string& secret);

}  // namespace meldpunt::identity::oidc::testing
