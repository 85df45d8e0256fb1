#include "services/gateway/tests/support/jwt_minter.h"

#include <stdexcept>

#include "libs/jwt/jws_compact.h"
#include "libs/jwt/signer.h"

namespace meldpunt::gateway::testing {
namespace {

std::unique_ptr<jwt::JwsSigner> SignerOf(const std::string& kid, const std::string& private_pem) {
  auto signer = jwt::JwsSigner::Create(kid, private_pem);
  if (!signer.ok()) throw std::runtime_error(std::string(signer.status().message()));
  return std::move(*signer);
}

}  // namespace

std::pair<std::string, std::string> NewP256KeyPair() {
  auto pem = jwt::NewP256PrivateKeyPem();
  if (!pem.ok()) throw std::runtime_error("P-256 key generation failed");
  return {*pem, SignerOf("k", *pem)->PublicKeyPem()};
}

nlohmann::json TokenClaims::ToJson() const {
  nlohmann::json out = {{"iss", iss},       {"aud", aud},
                        {"sub", sub},       {"tenant", tenant},
                        {"roles", roles},   {"iat", absl::ToUnixSeconds(iat)},
                        {"exp", absl::ToUnixSeconds(exp)}};
  if (!sid.empty()) out["sid"] = sid;
  return out;
}

std::string JwtMinter::B64(const std::string& bytes) { return jwt::Base64UrlEncode(bytes); }

std::string JwtMinter::Assemble(const nlohmann::json& header, const nlohmann::json& claims,
                                const std::string& signature) {
  return B64(header.dump()) + "." + B64(claims.dump()) + "." + B64(signature);
}

std::string JwtMinter::Mint(const TokenClaims& claims) const { return MintRaw(Header(), claims.ToJson()); }

std::string JwtMinter::MintRaw(const nlohmann::json& header, const nlohmann::json& claims) const {
  // The header as given, whatever its alg says: forgeries need a real signature under a lying
  // header. The key (not alg_) decides how it is signed.
  const std::string token = SignerOf(kid_, private_pem_)->SignWithHeader(header, claims);
  if (token.empty()) throw std::runtime_error("signing failed");
  return token;
}

}  // namespace meldpunt::gateway::testing
