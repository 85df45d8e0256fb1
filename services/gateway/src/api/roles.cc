#include "services/gateway/src/api/roles.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {

absl::StatusOr<std::vector<Role>> ParseRoleList(std::string_view comma_separated) {
  std::vector<Role> roles;
  for (absl::string_view part :
       absl::StrSplit(absl::string_view(comma_separated.data(), comma_separated.size()), ',',
                      absl::SkipWhitespace())) {
    part = absl::StripAsciiWhitespace(part);
    auto role = RoleFromName(std::string_view(part.data(), part.size()));
    if (!role) {
      return status::InvalidArgument("ROLE_UNKNOWN", absl::StrCat("unknown role \"", part, "\""));
    }
    bool seen = false;
    for (Role r : roles) seen = seen || r == *role;
    if (!seen) roles.push_back(*role);
  }
  return roles;
}

}  // namespace meldpunt::gateway
