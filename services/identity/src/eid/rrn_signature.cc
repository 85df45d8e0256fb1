#include "services/identity/src/eid/rrn_signature.h"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include <string>

#include "services/identity/src/eid/ecdsa_signature.h"
#include "services/identity/src/eid/openssl_ptr.h"
#include "services/identity/src/eid/tlv.h"

namespace meldpunt::identity::eid {
namespace {

bool Verify(EVP_PKEY* key, const EVP_MD* md, bool rsa, std::string_view message,
            std::string_view signature) {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key) == 1 &&
            (!rsa || EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1) &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(),
                             reinterpret_cast<const unsigned char*>(message.data()),
                             message.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace

const char* SignatureAlgorithmName(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kRsaPkcs1Sha1: return "RSA-SHA1";
    case SignatureAlgorithm::kRsaPkcs1Sha256: return "RSA-SHA256";
    case SignatureAlgorithm::kEcdsaP384Sha384: return "ECDSA-P384-SHA384";
  }
  return "UNKNOWN";
}

std::optional<std::string_view> SignatureCore(EVP_PKEY* key, std::string_view signature) {
  if (EVP_PKEY_is_a(key, "RSA")) {
    const auto size = static_cast<size_t>(EVP_PKEY_get_size(key));
    if (signature.size() < size) return std::nullopt;
    if (!TrimTrailingZeros(signature.substr(size)).empty()) return std::nullopt;
    return signature.substr(0, size);
  }
  if (EVP_PKEY_is_a(key, "EC")) return TrimDerSignature(signature);
  return std::nullopt;
}

std::optional<SignatureAlgorithm> VerifyRrnSignature(EVP_PKEY* key, std::string_view message,
                                                     std::string_view signature) {
  std::optional<std::string_view> core = SignatureCore(key, signature);
  if (!core) return std::nullopt;
  if (EVP_PKEY_is_a(key, "RSA")) {
    if (Verify(key, EVP_sha256(), true, message, *core)) return SignatureAlgorithm::kRsaPkcs1Sha256;
    if (Verify(key, EVP_sha1(), true, message, *core)) return SignatureAlgorithm::kRsaPkcs1Sha1;
    return std::nullopt;
  }
  if (Verify(key, EVP_sha384(), false, message, *core)) return SignatureAlgorithm::kEcdsaP384Sha384;
  return std::nullopt;
}

bool VerifyEcdsaSha384(EVP_PKEY* key, std::string_view message, std::string_view signature) {
  if (!EVP_PKEY_is_a(key, "EC")) return false;
  if (signature.size() == 96 && static_cast<unsigned char>(signature[0]) != 0x30) {
    std::optional<std::string> der = RawEcdsaToDer(signature, 48);
    return der && Verify(key, EVP_sha384(), false, message, *der);
  }
  std::optional<std::string_view> der = TrimDerSignature(signature);
  if (der && Verify(key, EVP_sha384(), false, message, *der)) return true;
  // A raw r‖s whose first byte happens to be 0x30.
  if (signature.size() == 96) {
    std::optional<std::string> raw = RawEcdsaToDer(signature, 48);
    return raw && Verify(key, EVP_sha384(), false, message, *raw);
  }
  return false;
}

}  // namespace meldpunt::identity::eid
