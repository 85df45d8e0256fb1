#pragma once
// Internal to libs/jwt: OpenSSL ownership wrappers and the conversions both the signer and the
// verifier need. Not part of the library's interface.

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "libs/jwt/keys.h"

namespace meldpunt::jwt::internal {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// A read-only memory BIO over text (which must outlive it).
BioPtr MemoryBio(std::string_view text);
// Everything written to a memory BIO.
std::string BioContents(BIO* bio);

// The JWS algorithm a key's type implies: Ed25519 → EdDSA, P-256 → ES256, RSA 2048–8192 bits →
// RS256. INVALID_ARGUMENT KEY_NOT_SUPPORTED for anything else.
absl::StatusOr<Algorithm> ImpliedAlgorithm(const EVP_PKEY* key);

// ES256 signatures: JWS carries r‖s (32 bytes each), OpenSSL speaks DER.
absl::StatusOr<std::string> RawEcdsaToDer(std::string_view raw);
absl::StatusOr<std::string> DerEcdsaToRaw(std::string_view der);

}  // namespace meldpunt::jwt::internal
