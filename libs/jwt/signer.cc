#include "libs/jwt/signer.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "absl/strings/str_cat.h"
#include "libs/jwt/jws_compact.h"
#include "libs/jwt/openssl_util.h"
#include "libs/status/status.h"

namespace meldpunt::jwt {
namespace {

// Claims may carry strings from outside; invalid UTF-8 is replaced rather than thrown on.
std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

absl::StatusOr<std::string> PrivatePem(EVP_PKEY* raw) {
  auth::EvpPkeyPtr key(raw);
  if (!key) {
    ERR_clear_error();
    return status::Internal("OPENSSL", "key generation failed");
  }
  internal::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    ERR_clear_error();
    return status::Internal("OPENSSL", "cannot write a private key");
  }
  return internal::BioContents(bio.get());
}

}  // namespace

absl::StatusOr<std::unique_ptr<JwsSigner>> JwsSigner::Create(std::string key_id,
                                                             std::string_view private_pem) {
  if (key_id.empty()) return status::InvalidArgument("KEY_MALFORMED", "a signing key needs a key id");
  internal::BioPtr bio = internal::MemoryBio(private_pem);
  auth::EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key) {
    ERR_clear_error();
    return status::InvalidArgument("KEY_MALFORMED",
                                   absl::StrCat("signing key ", key_id, ": not a PEM private key"));
  }
  auto algorithm = internal::ImpliedAlgorithm(key.get());
  if (!algorithm.ok() || *algorithm == Algorithm::kRs256) {
    return status::InvalidArgument(
        "KEY_NOT_SUPPORTED", absl::StrCat("signing key ", key_id, ": must be Ed25519 or EC P-256"));
  }
  return std::unique_ptr<JwsSigner>(new JwsSigner(std::move(key_id), *algorithm, std::move(key)));
}

std::string JwsSigner::Sign(const nlohmann::json& claims) const {
  return SignWithHeader(
      {{"alg", std::string(AlgorithmName(algorithm_))}, {"kid", key_id_}, {"typ", "JWT"}}, claims);
}

std::string JwsSigner::SignWithHeader(const nlohmann::json& header,
                                      const nlohmann::json& claims) const {
  const std::string input = Base64UrlEncode(Dump(header)) + "." + Base64UrlEncode(Dump(claims));
  const std::string signature = SignBytes(input);
  if (signature.empty()) return "";
  return input + "." + Base64UrlEncode(signature);
}

std::string JwsSigner::SignBytes(std::string_view input) const {
  const EVP_MD* md = algorithm_ == Algorithm::kEs256 ? EVP_sha256() : nullptr;
  internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()) != 1) {
    ERR_clear_error();
    return "";
  }
  std::string signature(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len, data,
                     input.size()) != 1) {
    ERR_clear_error();
    return "";
  }
  signature.resize(len);
  if (algorithm_ != Algorithm::kEs256) return signature;
  auto raw = internal::DerEcdsaToRaw(signature);
  return raw.ok() ? *raw : "";
}

std::string JwsSigner::PublicKeyPem() const {
  internal::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) {
    ERR_clear_error();
    return "";
  }
  return internal::BioContents(bio.get());
}

absl::StatusOr<std::string> NewEd25519PrivateKeyPem() {
  return PrivatePem(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
}

absl::StatusOr<std::string> NewP256PrivateKeyPem() {
  return PrivatePem(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

}  // namespace meldpunt::jwt
