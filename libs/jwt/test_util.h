#pragma once
// Test-only helpers for libs/jwt's tests: keys of every kind (also ones the library must refuse),
// RS256 signing (the library only verifies RSA), and JWK members of a key.

#include <string>

#include <nlohmann/json.hpp>

namespace meldpunt::jwt::testing {

// PKCS#8 PEM private keys.
std::string NewRsaPrivateKeyPem(int bits);
std::string NewP384PrivateKeyPem();
// The public half of a PEM private key, as a PEM "PUBLIC KEY".
std::string PublicPemOf(const std::string& private_pem);
// RSASSA-PKCS1-v1_5 with SHA-256.
std::string SignRs256(const std::string& private_pem, const std::string& input);
// The public JWK of a PEM private key (RSA, EC P-256 or Ed25519), with kid and no "use".
nlohmann::json JwkOf(const std::string& private_pem, const std::string& kid);

}  // namespace meldpunt::jwt::testing
