#include "services/identity/src/staff/argon2id_hasher.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/identity/src/staff/reasons.h"

namespace meldpunt::identity::staff {
namespace {

constexpr char kPrefix[] = "$argon2id$";

// Stored hashes are ours, but a corrupted or hand-edited row must not make verification
// allocate without bound: the string's length bounds the salt and hash it can decode.
constexpr std::size_t kMaxEncodedBytes = 512;

}  // namespace

absl::StatusOr<std::unique_ptr<Argon2idHasher>> Argon2idHasher::Create(Argon2idParams params) {
  // Hash once with a throwaway password: libargon2 is the authority on valid parameters, and a
  // wrong configuration then stops the start instead of the first login.
  std::unique_ptr<Argon2idHasher> hasher(new Argon2idHasher(params));
  if (params.salt_bytes < ARGON2_MIN_SALT_LENGTH || params.salt_bytes > 64 ||
      params.hash_bytes < 16 || params.hash_bytes > 64) {
    return status::InvalidArgument(kHasherConfigInvalid,
                                   "argon2id salt must be 8–64 bytes and hash 16–64 bytes");
  }
  auto probe = hasher->Hash("probe");
  if (!probe.ok()) {
    return status::InvalidArgument(
        kHasherConfigInvalid, absl::StrCat("argon2id parameters refused: ", probe.status().message()));
  }
  return hasher;
}

absl::StatusOr<std::string> Argon2idHasher::Hash(std::string_view password) const {
  if (password.size() > kMaxPasswordBytes) {
    return status::InvalidArgument(kPasswordTooLong,
                                   absl::StrCat("a password is at most ", kMaxPasswordBytes, " bytes"));
  }
  std::vector<unsigned char> salt(params_.salt_bytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    return status::Internal(kPasswordHashFailed, "no random salt");
  }
  const std::size_t encoded_len =
      argon2_encodedlen(params_.time_cost, params_.memory_kib, params_.parallelism,
                        params_.salt_bytes, params_.hash_bytes, Argon2_id);
  std::string encoded(encoded_len, '\0');
  const int rc = argon2id_hash_encoded(params_.time_cost, params_.memory_kib, params_.parallelism,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       params_.hash_bytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return status::Internal(kPasswordHashFailed,
                            absl::StrCat("argon2id: ", argon2_error_message(rc)));
  }
  encoded.resize(encoded.find('\0'));  // the buffer is sized for the longest form
  return encoded;
}

absl::StatusOr<bool> Argon2idHasher::Verify(std::string_view password,
                                            std::string_view encoded) const {
  if (!absl::StartsWith(absl::string_view(encoded.data(), encoded.size()), kPrefix) ||
      encoded.size() > kMaxEncodedBytes || encoded.find('\0') != std::string_view::npos) {
    return status::Internal(kPasswordHashUnreadable, "a stored password hash is not argon2id");
  }
  if (password.size() > kMaxPasswordBytes) return false;
  const std::string hash(encoded);  // libargon2 wants a NUL-terminated string
  const int rc = argon2id_verify(hash.c_str(), password.data(), password.size());
  if (rc == ARGON2_OK) return true;
  if (rc == ARGON2_VERIFY_MISMATCH) return false;
  return status::Internal(kPasswordHashUnreadable,
                          absl::StrCat("a stored password hash cannot be checked: ",
                                       argon2_error_message(rc)));
}

}  // namespace meldpunt::identity::staff
