#pragma once
// Test-only: fresh Ed25519 (and, to prove refusal, RSA) keys as PEM, made in memory.

#include <string>
#include <utility>

namespace meldpunt::auth::testing {

// {private PEM, public PEM}
std::pair<std::string, std::string> NewEd25519KeyPair();
std::pair<std::string, std::string> NewRsaKeyPair();

}  // namespace meldpunt::auth::testing
