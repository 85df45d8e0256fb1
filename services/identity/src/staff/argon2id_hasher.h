#pragma once
// PasswordHasher with argon2id (RFC 9106) from Debian's libargon2. Hashes are PHC strings,
// "$argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>", so parameters can be raised later and old
// hashes still verify with the parameters they were made with.

#include <cstdint>
#include <memory>

#include "services/identity/src/staff/password_hasher.h"

namespace meldpunt::identity::staff {

struct Argon2idParams {
  std::uint32_t time_cost = 3;           // passes over memory
  std::uint32_t memory_kib = 64 * 1024;  // 64 MiB
  std::uint32_t parallelism = 1;         // lanes, each hashed on its own thread
  std::uint32_t salt_bytes = 16;
  std::uint32_t hash_bytes = 32;
};

class Argon2idHasher final : public PasswordHasher {
 public:
  // INVALID_ARGUMENT PASSWORD_HASHER_CONFIG_INVALID for parameters libargon2 refuses (e.g.
  // memory below 8 KiB per lane, salt below 8 bytes).
  static absl::StatusOr<std::unique_ptr<Argon2idHasher>> Create(Argon2idParams params = {});

  absl::StatusOr<std::string> Hash(std::string_view password) const override;
  absl::StatusOr<bool> Verify(std::string_view password, std::string_view encoded) const override;

  const Argon2idParams& params() const { return params_; }

 private:
  explicit Argon2idHasher(Argon2idParams params) : params_(params) {}

  Argon2idParams params_;
};

}  // namespace meldpunt::identity::staff
