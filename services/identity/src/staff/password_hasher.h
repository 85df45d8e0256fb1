#pragma once
// Password hashing behind an interface: StaffLogin and account creation take it injected, so
// unit tests can run with cheap parameters and the production cost is configuration.

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace meldpunt::identity::staff {

// The longest password accepted anywhere (LoginStaffRequest.password): a bound on the work one
// request can cause.
inline constexpr std::size_t kMaxPasswordBytes = 1024;

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;

  // A self-describing hash (PHC string format) of a new password, with a fresh random salt.
  // INVALID_ARGUMENT PASSWORD_TOO_LONG above kMaxPasswordBytes.
  virtual absl::StatusOr<std::string> Hash(std::string_view password) const = 0;

  // Whether password is the one encoded was made from (compared in constant time). The cost is
  // the one recorded in encoded. false for a password above kMaxPasswordBytes; INTERNAL
  // PASSWORD_HASH_UNREADABLE when encoded is not a hash of this kind.
  virtual absl::StatusOr<bool> Verify(std::string_view password, std::string_view encoded) const = 0;
};

}  // namespace meldpunt::identity::staff
