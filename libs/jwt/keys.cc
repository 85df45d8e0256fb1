#include "libs/jwt/keys.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "absl/strings/str_cat.h"
#include "libs/jwt/openssl_util.h"
#include "libs/status/status.h"

namespace meldpunt::jwt {

std::string_view AlgorithmName(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kEdDsa:
      return "EdDSA";
    case Algorithm::kEs256:
      return "ES256";
    case Algorithm::kRs256:
      return "RS256";
  }
  return "";
}

absl::StatusOr<Algorithm> AlgorithmFromName(std::string_view name) {
  for (Algorithm a : {Algorithm::kEdDsa, Algorithm::kEs256, Algorithm::kRs256}) {
    if (AlgorithmName(a) == name) return a;
  }
  return status::InvalidArgument("ALGORITHM_NOT_SUPPORTED",
                                 "only EdDSA, ES256 and RS256 are supported");
}

absl::StatusOr<PublicKey> PublicKeyFromPem(std::string key_id, std::string_view pem) {
  if (key_id.empty()) return status::InvalidArgument("KEY_MALFORMED", "a key needs a key id");
  internal::BioPtr bio = internal::MemoryBio(pem);
  auth::EvpPkeyPtr pkey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!pkey) {
    ERR_clear_error();  // leave no stale error for the next OpenSSL user on this thread
    return status::InvalidArgument("KEY_MALFORMED",
                                   absl::StrCat("key ", key_id, ": not a PEM public key"));
  }
  auto algorithm = internal::ImpliedAlgorithm(pkey.get());
  if (!algorithm.ok()) return status::Annotate(algorithm.status(), absl::StrCat("key ", key_id));
  return PublicKey{std::move(key_id), *algorithm, std::move(pkey)};
}

absl::Status VerifySignature(const PublicKey& key, std::string_view signing_input,
                             std::string_view signature) {
  const absl::Status bad =
      status::Unauthenticated("TOKEN_BAD_SIGNATURE", "the token's signature does not verify");
  // The struct is plain data: make sure nobody paired a key with another type's algorithm, or an
  // RSA key could be asked to check an "EdDSA" token's signature.
  if (key.pkey == nullptr) return bad;
  auto implied = internal::ImpliedAlgorithm(key.pkey.get());
  if (!implied.ok() || *implied != key.algorithm) {
    return status::Unauthenticated("TOKEN_ALG_NOT_ALLOWED", "the algorithm does not fit the key");
  }

  std::string der;
  std::string_view sig = signature;
  const EVP_MD* md = nullptr;  // EdDSA hashes internally
  switch (key.algorithm) {
    case Algorithm::kEdDsa:
      if (signature.size() != 64) return bad;
      break;
    case Algorithm::kEs256: {
      if (signature.size() != 64) return bad;
      auto converted = internal::RawEcdsaToDer(signature);
      if (!converted.ok()) return bad;
      der = std::move(*converted);
      sig = der;
      md = EVP_sha256();
      break;
    }
    case Algorithm::kRs256:
      // RFC 7518 §3.3 / RFC 8017: the signature is exactly as long as the modulus.
      if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key.pkey.get()))) {
        return bad;
      }
      md = EVP_sha256();  // PKCS#1 v1.5 padding is OpenSSL's default for RSA
      break;
  }
  internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key.pkey.get()) != 1) {
    return status::Internal("OPENSSL", "cannot set up signature verification");
  }
  if (EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(signing_input.data()),
                       signing_input.size()) != 1) {
    ERR_clear_error();
    return bad;
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::jwt
