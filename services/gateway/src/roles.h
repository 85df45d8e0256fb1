#pragma once
// Role names as people and tokens write them ("coordinator", "tenant_admin") and the enum the
// principal carries. One mapping for API client records, bearer-token claims and the CLI.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/auth/role_names.h"
#include "meldpunt/common/v1/principal.pb.h"

namespace meldpunt::gateway {

using Role = common::v1::Role;

// The one spelling of role names (libs/auth/role_names.h); ROLE_SERVICE has none.
using auth::RoleFromName;
using auth::RoleName;

// "integrator,citizen" → roles; INVALID_ARGUMENT (ROLE_UNKNOWN) naming the bad entry.
absl::StatusOr<std::vector<Role>> ParseRoleList(std::string_view comma_separated);

// A set of roles as a bit mask, so the policy table can spell a row's roles in one expression.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  template <typename... R>
  constexpr explicit RoleSet(R... roles) : bits_(((1u << static_cast<unsigned>(roles)) | ... | 0u)) {}

  constexpr bool Contains(Role role) const {
    return role > 0 && role < 32 && (bits_ & (1u << static_cast<unsigned>(role))) != 0;
  }
  constexpr bool Empty() const { return bits_ == 0; }
  // True when any of roles is in the set.
  template <typename Container>
  bool ContainsAny(const Container& roles) const {
    for (auto role : roles) {
      if (Contains(static_cast<Role>(role))) return true;
    }
    return false;
  }
  std::vector<Role> ToVector() const;

 private:
  unsigned bits_ = 0;
};

}  // namespace meldpunt::gateway
