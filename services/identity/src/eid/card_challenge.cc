#include "services/identity/src/eid/card_challenge.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <optional>
#include <string>

#include "libs/status/status.h"
#include "services/identity/src/eid/digest.h"
#include "services/identity/src/eid/ecdsa_signature.h"
#include "services/identity/src/eid/openssl_ptr.h"
#include "services/identity/src/eid/reasons.h"
#include "services/identity/src/eid/rrn_signature.h"
#include "services/identity/src/eid/tlv.h"

namespace meldpunt::identity::eid {
namespace {

constexpr size_t kP384PointSize = 97;  // 0x04 ‖ X ‖ Y

absl::Status Malformed(std::string_view message) {
  return status::InvalidArgument(kChallengeMalformed, message);
}

EvpPkeyPtr KeyFromPoint(std::string_view point) {
  EVP_PKEY_CTX* raw_ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  if (raw_ctx == nullptr) return nullptr;
  std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>> ctx(raw_ctx);
  char group[] = "secp384r1";
  std::string pub(point);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, pub.data(), pub.size()),
      OSSL_PARAM_construct_end()};
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    return nullptr;
  }
  return EvpPkeyPtr(key);
}

EvpPkeyPtr KeyFromSpki(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  EvpPkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
  if (key && p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) return nullptr;
  return key;
}

bool IsP384(EVP_PKEY* key) {
  char group[64] = {0};
  size_t len = 0;
  return EVP_PKEY_is_a(key, "EC") &&
         EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                        &len) == 1 &&
         std::string(group, len) == "secp384r1";
}

}  // namespace

absl::Status VerifyCardChallenge(const CardChallenge& challenge, std::string_view basic_key_hash) {
  if (basic_key_hash.empty()) {
    return status::InvalidArgument(kChallengeUnsupported,
                                   "this card has no basic key (identity file tag 26)");
  }
  if (challenge.nonce.size() < kMinNonceSize || challenge.nonce.size() > kMaxNonceSize) {
    return Malformed("challenge nonce must be 32 to 64 bytes");
  }
  if (challenge.basic_public_key_file.empty() ||
      challenge.basic_public_key_file.size() > kMaxCardFileSize) {
    return Malformed("basic key file missing or larger than 4 KiB");
  }
  if (challenge.signature.empty() || challenge.signature.size() > kMaxCardFileSize) {
    return Malformed("challenge signature missing or larger than 4 KiB");
  }

  // The exact bytes the hash covers: the file as sent, or the file without its padding.
  const std::string_view file = challenge.basic_public_key_file;
  std::optional<std::string_view> key_bytes;
  if (HashMatches(basic_key_hash, file)) {
    key_bytes = file;
  } else if (std::optional<size_t> der = DerSequenceLength(file);
             der && HashMatches(basic_key_hash, file.substr(0, *der))) {
    key_bytes = file.substr(0, *der);
  } else if (file.size() >= kP384PointSize && file[0] == '\x04' &&
             HashMatches(basic_key_hash, file.substr(0, kP384PointSize))) {
    key_bytes = file.substr(0, kP384PointSize);
  }
  if (!key_bytes) {
    return status::Unauthenticated(kChallengeKeyMismatch,
                                   "basic key file does not match the identity file's hash");
  }

  std::string_view bytes = *key_bytes;
  EvpPkeyPtr key;
  if (std::optional<size_t> der = DerSequenceLength(bytes);
      der && TrimTrailingZeros(bytes.substr(*der)).empty()) {
    key = KeyFromSpki(bytes.substr(0, *der));
  } else if (bytes.size() >= kP384PointSize && bytes[0] == '\x04' &&
             TrimTrailingZeros(bytes.substr(kP384PointSize)).empty()) {
    key = KeyFromPoint(bytes.substr(0, kP384PointSize));
  }
  ERR_clear_error();
  if (!key || !IsP384(key.get())) return Malformed("basic key is not an EC P-384 public key");

  if (!VerifyEcdsaSha384(key.get(), challenge.nonce, challenge.signature)) {
    return status::Unauthenticated(kChallengeSignatureInvalid,
                                   "the card's signature over the nonce does not verify");
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::identity::eid
