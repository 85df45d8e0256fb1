#pragma once
// Test-only: mints access tokens in the format identity will issue and the gateway verifies
// (compact JWS, EdDSA or ES256, signed by libs/jwt), and the pieces to forge bad ones. Never
// linked by a binary.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace meldpunt::gateway::testing {

// {private PEM, public PEM} of a fresh EC P-256 key.
std::pair<std::string, std::string> NewP256KeyPair();

struct TokenClaims {
  std::string iss = "meldpunt-identity";
  std::string aud = "meldpunt-gateway";
  std::string sub = "citizen-1";
  std::string tenant = "71053";
  std::vector<std::string> roles = {"citizen"};
  absl::Time iat = absl::Now();
  absl::Time exp = absl::Now() + absl::Minutes(5);
  std::string sid;  // "" → no sid claim

  nlohmann::json ToJson() const;
};

class JwtMinter {
 public:
  // alg "EdDSA" with an Ed25519 private key, or "ES256" with a P-256 one (alg only fills Header();
  // the key decides how tokens are signed).
  JwtMinter(std::string kid, std::string alg, std::string private_pem)
      : kid_(std::move(kid)), alg_(std::move(alg)), private_pem_(std::move(private_pem)) {}

  std::string Mint(const TokenClaims& claims) const;
  // Signs whatever header and claims it is given (for forgeries with a real signature).
  std::string MintRaw(const nlohmann::json& header, const nlohmann::json& claims) const;
  nlohmann::json Header() const { return {{"alg", alg_}, {"kid", kid_}, {"typ", "JWT"}}; }

  static std::string B64(const std::string& bytes);
  // header.claims.signature with a signature of one's choosing (e.g. empty for alg "none").
  static std::string Assemble(const nlohmann::json& header, const nlohmann::json& claims,
                              const std::string& signature);

 private:
  std::string kid_;
  std::string alg_;
  std::string private_pem_;
};

}  // namespace meldpunt::gateway::testing
