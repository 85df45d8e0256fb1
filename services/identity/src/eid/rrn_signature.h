#pragma once
// Signatures by the National Register's key over the card's files.

#include <optional>
#include <string_view>

#include <openssl/evp.h>

namespace meldpunt::identity::eid {

enum class SignatureAlgorithm { kRsaPkcs1Sha1, kRsaPkcs1Sha256, kEcdsaP384Sha384 };

// "RSA-SHA1", "RSA-SHA256" or "ECDSA-P384-SHA384", for logs and metrics.
const char* SignatureAlgorithmName(SignatureAlgorithm algorithm);

// Verifies `signature` over `message` with the RRN key and says which algorithm matched; nullopt
// when none does. RSA keys: PKCS#1 v1.5 with SHA-256, then SHA-1 (older cards, and an address
// re-signed after a change may use the other hash); trailing 0x00 bytes past the modulus size are
// cut. EC keys: ECDSA with SHA-384 over a DER signature cut to its DER length.
std::optional<SignatureAlgorithm> VerifyRrnSignature(EVP_PKEY* key, std::string_view message,
                                                     std::string_view signature);

// The signature as the card's algorithm reads it: the DER part for EC keys, the modulus-sized
// part for RSA keys (nullopt when it has no such form). Used to try the address message with the
// identity signature both as stored and as trimmed.
std::optional<std::string_view> SignatureCore(EVP_PKEY* key, std::string_view signature);

// ECDSA with SHA-384 over `message`, signature in DER (trailing bytes ignored) or raw r‖s.
bool VerifyEcdsaSha384(EVP_PKEY* key, std::string_view message, std::string_view signature);

}  // namespace meldpunt::identity::eid
