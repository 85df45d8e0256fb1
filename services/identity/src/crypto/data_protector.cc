#include "services/identity/src/crypto/data_protector.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <cstdint>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "libs/status/status.h"

namespace meldpunt::identity::crypto {
namespace {

constexpr char kDomain[] = "identity.meldpunt";
constexpr unsigned char kVersion = 1;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
// A secret file is a line of text; anything much larger is not one.
constexpr std::streamsize kMaxSecretFileBytes = 4096;

// Fixed salt and distinct info strings: the two keys are independent, and a change of scheme
// later gets a new info string (and version byte) rather than silently different keys.
constexpr char kHkdfSalt[] = "meldpunt-identity-data-protector";
constexpr char kEncryptionInfo[] = "v1 aes-256-gcm";
constexpr char kHashInfo[] = "v1 hmac-sha256";

struct KdfDeleter {
  void operator()(EVP_KDF* p) const { EVP_KDF_free(p); }
  void operator()(EVP_KDF_CTX* p) const { EVP_KDF_CTX_free(p); }
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
  void operator()(EVP_MAC* p) const { EVP_MAC_free(p); }
  void operator()(EVP_MAC_CTX* p) const { EVP_MAC_CTX_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, KdfDeleter>;

absl::Status Error(absl::StatusCode code, std::string_view reason, std::string_view message) {
  return status::Error(code, reason, message, kDomain);
}

absl::Status SealedInvalid() {
  return Error(absl::StatusCode::kDataLoss, "SEALED_VALUE_INVALID",
               "protected value cannot be opened (altered, truncated, or another key or place)");
}

bool Hkdf(std::string_view secret, const char* info, std::array<unsigned char, 32>& out) {
  Owned<EVP_KDF> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  if (!kdf) return false;
  Owned<EVP_KDF_CTX> ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) return false;
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(secret.data()),
                                        secret.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(kHkdfSalt),
                                        sizeof(kHkdfSalt) - 1),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info),
                                        std::char_traits<char>::length(info)),
      OSSL_PARAM_construct_end()};
  return EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) == 1;
}

bool IsHex64(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Big-endian 8-byte length, so (context, value) pairs cannot collide by shifting bytes between
// the two.
void AppendLength(std::string& out, std::size_t n) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(n) >> shift) & 0xff));
  }
}

}  // namespace

DataProtector::~DataProtector() {
  OPENSSL_cleanse(encryption_key_.data(), encryption_key_.size());
  OPENSSL_cleanse(hash_key_.data(), hash_key_.size());
}

absl::StatusOr<std::unique_ptr<DataProtector>> DataProtector::FromSecret(std::string_view secret) {
  if (secret.size() < kMinSecretBytes) {
    return Error(absl::StatusCode::kInvalidArgument, "DATA_SECRET_TOO_SHORT",
                 "data protection secret is shorter than 32 bytes (256 bits)");
  }
  std::unique_ptr<DataProtector> protector(new DataProtector());
  if (!Hkdf(secret, kEncryptionInfo, protector->encryption_key_) ||
      !Hkdf(secret, kHashInfo, protector->hash_key_)) {
    return Error(absl::StatusCode::kInternal, "DATA_KEY_DERIVATION_FAILED",
                 "HKDF-SHA256 key derivation failed");
  }
  return protector;
}

absl::StatusOr<std::unique_ptr<DataProtector>> DataProtector::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error(absl::StatusCode::kInvalidArgument, "DATA_SECRET_FILE_UNREADABLE",
                 "cannot read data protection secret file " + path);
  }
  std::string content(kMaxSecretFileBytes + 1, '\0');
  in.read(content.data(), kMaxSecretFileBytes + 1);
  content.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad() || content.size() > static_cast<std::size_t>(kMaxSecretFileBytes)) {
    return Error(absl::StatusCode::kInvalidArgument, "DATA_SECRET_MALFORMED",
                 "data protection secret file " + path + " is not a single short secret");
  }
  const absl::string_view stripped = absl::StripAsciiWhitespace(content);
  const std::string_view text(stripped.data(), stripped.size());
  std::string secret;
  bool decoded = false;
  if (IsHex64(text)) {
    secret = absl::HexStringToBytes(absl::string_view(text.data(), text.size()));
    decoded = true;
  } else {
    absl::string_view b64(text.data(), text.size());
    decoded = !text.empty() &&
              (absl::Base64Unescape(b64, &secret) || absl::WebSafeBase64Unescape(b64, &secret));
  }
  OPENSSL_cleanse(content.data(), content.size());
  if (!decoded) {
    return Error(absl::StatusCode::kInvalidArgument, "DATA_SECRET_MALFORMED",
                 "data protection secret file " + path +
                     " must hold 64 hex characters or base64 of at least 32 bytes");
  }
  if (secret.size() < kMinSecretBytes) {
    OPENSSL_cleanse(secret.data(), secret.size());
    return Error(absl::StatusCode::kInvalidArgument, "DATA_SECRET_TOO_SHORT",
                 "data protection secret in " + path +
                     " is shorter than 32 bytes (256 bits); generate one with "
                     "`openssl rand -base64 32`");
  }
  auto protector = FromSecret(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  return protector;
}

absl::StatusOr<std::string> DataProtector::Seal(std::string_view plaintext,
                                                std::string_view aad) const {
  std::string out(1 + kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  bytes[0] = kVersion;
  unsigned char* nonce = bytes + 1;
  unsigned char* cipher = nonce + kNonceBytes;
  unsigned char* tag = cipher + plaintext.size();
  if (RAND_bytes(nonce, kNonceBytes) != 1) {
    return Error(absl::StatusCode::kInternal, "RANDOM_UNAVAILABLE", "no random nonce available");
  }
  Owned<EVP_CIPHER_CTX> ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  bool ok = ctx &&
            EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, encryption_key_.data(),
                               nonce) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                              reinterpret_cast<const unsigned char*>(aad.data()),
                              static_cast<int>(aad.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), cipher, &len,
                              reinterpret_cast<const unsigned char*>(plaintext.data()),
                              static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), cipher + len, &len) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, tag) == 1;
  if (!ok) {
    return Error(absl::StatusCode::kInternal, "SEAL_FAILED", "AES-256-GCM encryption failed");
  }
  return out;
}

absl::StatusOr<std::string> DataProtector::Open(std::string_view sealed,
                                                std::string_view aad) const {
  if (sealed.size() < 1 + kNonceBytes + kTagBytes ||
      static_cast<unsigned char>(sealed[0]) != kVersion) {
    return SealedInvalid();
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
  const unsigned char* nonce = bytes + 1;
  const unsigned char* cipher = nonce + kNonceBytes;
  const std::size_t cipher_size = sealed.size() - 1 - kNonceBytes - kTagBytes;
  const unsigned char* tag = cipher + cipher_size;
  std::string plain(cipher_size, '\0');
  auto* plain_bytes = reinterpret_cast<unsigned char*>(plain.data());
  Owned<EVP_CIPHER_CTX> ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  bool ok = ctx &&
            EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, encryption_key_.data(),
                               nonce) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                              reinterpret_cast<const unsigned char*>(aad.data()),
                              static_cast<int>(aad.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), plain_bytes, &len, cipher,
                              static_cast<int>(cipher_size)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                                const_cast<unsigned char*>(tag)) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), plain_bytes + len, &len) == 1;
  if (!ok) {
    OPENSSL_cleanse(plain.data(), plain.size());
    return SealedInvalid();
  }
  return plain;
}

std::string DataProtector::KeyedHash(std::string_view context, std::string_view value) const {
  std::string message;
  message.reserve(16 + context.size() + value.size());
  AppendLength(message, context.size());
  message.append(context);
  AppendLength(message, value.size());
  message.append(value);

  std::string out(32, '\0');
  std::size_t out_len = 0;
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  Owned<EVP_MAC> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  Owned<EVP_MAC_CTX> ctx(mac ? EVP_MAC_CTX_new(mac.get()) : nullptr);
  bool ok = ctx && EVP_MAC_init(ctx.get(), hash_key_.data(), hash_key_.size(), params) == 1 &&
            EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(message.data()),
                           message.size()) == 1 &&
            EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &out_len,
                          out.size()) == 1;
  OPENSSL_cleanse(message.data(), message.size());
  // HMAC-SHA256 with a fetched default provider cannot fail short of a broken OpenSSL install;
  // an empty or partial hash must never be used as a look-up key, so stop rather than return one.
  if (!ok || out_len != out.size()) std::abort();
  return out;
}

}  // namespace meldpunt::identity::crypto
