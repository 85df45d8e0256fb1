#pragma once
// Protection of personal data at rest. One master secret (from a file the operator provides)
// yields, through HKDF-SHA256, two independent keys: one to encrypt (AES-256-GCM) values that
// must be read back (national numbers, signing keys), one to compute keyed hashes (HMAC-SHA256)
// for equality look-ups without keeping a searchable plaintext. A leaked database alone then
// reveals neither, and a national number cannot be found by hashing all 10^11 candidates.

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace meldpunt::identity::crypto {

// Smallest master secret accepted: 256 bits, the AES key size.
inline constexpr std::size_t kMinSecretBytes = 32;

class DataProtector {
 public:
  // secret: raw bytes, at least kMinSecretBytes. INVALID_ARGUMENT DATA_SECRET_TOO_SHORT otherwise.
  static absl::StatusOr<std::unique_ptr<DataProtector>> FromSecret(std::string_view secret);
  // File holding the secret as 64 hex chars or base64 of >= 32 bytes (whitespace trimmed).
  // INVALID_ARGUMENT (DATA_SECRET_FILE_UNREADABLE, DATA_SECRET_MALFORMED, DATA_SECRET_TOO_SHORT);
  // messages name the file, never its content.
  static absl::StatusOr<std::unique_ptr<DataProtector>> FromFile(const std::string& path);

  DataProtector(const DataProtector&) = delete;
  DataProtector& operator=(const DataProtector&) = delete;
  ~DataProtector();

  // AES-256-GCM, random 96-bit nonce; output = 1 version byte | nonce | ciphertext | tag.
  // aad binds the value to its place (e.g. "citizens.national_number|<tenant>").
  absl::StatusOr<std::string> Seal(std::string_view plaintext, std::string_view aad) const;
  // DATA_LOSS SEALED_VALUE_INVALID for anything not sealed by this key with this aad (wrong key,
  // wrong aad, altered or truncated bytes, unknown version).
  absl::StatusOr<std::string> Open(std::string_view sealed, std::string_view aad) const;
  // HMAC-SHA256 under a separate derived key: equality look-ups without the plaintext. context
  // separates uses (e.g. "citizens.national_number|<tenant>"); 32 raw bytes.
  std::string KeyedHash(std::string_view context, std::string_view value) const;

 private:
  DataProtector() = default;

  std::array<unsigned char, 32> encryption_key_{};
  std::array<unsigned char, 32> hash_key_{};
};

}  // namespace meldpunt::identity::crypto
