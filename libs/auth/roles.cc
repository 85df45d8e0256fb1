#include "libs/auth/roles.h"

#include <algorithm>

namespace meldpunt::auth {

bool IsCitizenCaller(const Principal& p) {
  return p.kind() == common::v1::PRINCIPAL_KIND_CITIZEN ||
         std::find(p.roles().begin(), p.roles().end(), common::v1::ROLE_CITIZEN) != p.roles().end();
}

bool IsStaffCaller(const Principal& p) { return !IsCitizenCaller(p) && p.roles_size() > 0; }

}  // namespace meldpunt::auth
