#include "services/identity/src/staff/staff_validation.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "libs/text/text.h"
#include "services/identity/src/eid/text_field.h"
#include "services/identity/src/staff/password_hasher.h"
#include "services/identity/src/staff/reasons.h"
#include "services/identity/src/staff/staff_roles.h"

namespace meldpunt::identity::staff {
namespace {

bool IsAlnum(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)); }

bool IsUsernameChar(char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '-' || c == '@'; }

// Code points of valid UTF-8: every byte that does not continue a sequence.
}  // namespace

absl::Status ValidateTenantId(std::string_view tenant_id) {
  if (tenant_id.size() != 5 ||
      !std::all_of(tenant_id.begin(), tenant_id.end(),
                   [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); })) {
    return status::InvalidArgument(kTenantInvalid, "the tenant must be a 5-digit NIS code");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> UsernameKey(std::string_view username) {
  if (username.size() < kMinUsernameChars || username.size() > kMaxUsernameChars ||
      !IsAlnum(username.front()) || !std::all_of(username.begin(), username.end(), IsUsernameChar)) {
    return status::InvalidArgument(
        kUsernameInvalid,
        absl::StrCat("a user name is ", kMinUsernameChars, "–", kMaxUsernameChars,
                     " letters, digits, '.', '_', '-' or '@', starting with a letter or digit"));
  }
  return absl::AsciiStrToLower(absl::string_view(username.data(), username.size()));
}

absl::StatusOr<std::string> CleanDisplayName(std::string_view display_name) {
  std::optional<std::string> clean = eid::CleanText(display_name);
  if (!clean || clean->empty() || text::Utf8Length(*clean) > kMaxDisplayNameChars) {
    return status::InvalidArgument(
        kDisplayNameInvalid,
        absl::StrCat("a display name is 1–", kMaxDisplayNameChars,
                     " characters of text without control characters"));
  }
  return *clean;
}

absl::StatusOr<std::vector<common::v1::Role>> ValidateStaffRoles(
    const std::vector<common::v1::Role>& roles) {
  std::vector<common::v1::Role> out;
  for (common::v1::Role role : roles) {
    if (StaffRoleName(role).empty()) {
      return status::InvalidArgument(
          kRolesInvalid, absl::StrCat("role ", common::v1::Role_Name(role), " is not a staff role"));
    }
    if (std::find(out.begin(), out.end(), role) == out.end()) out.push_back(role);
  }
  if (out.empty()) return status::InvalidArgument(kRolesInvalid, "a staff account needs a role");
  return out;
}

absl::Status ValidateNewPassword(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return status::InvalidArgument(kPasswordTooLong,
                                   absl::StrCat("a password is at most ", kMaxPasswordBytes, " bytes"));
  }
  if (password.size() < kMinNewPasswordBytes) {
    return status::InvalidArgument(
        kPasswordTooShort, absl::StrCat("a new password is at least ", kMinNewPasswordBytes, " bytes"));
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::identity::staff

