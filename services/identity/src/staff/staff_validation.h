#pragma once
// What a staff account's fields may hold (staff.proto): checked when an account is created, and
// the user name's canonical form when someone logs in.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "meldpunt/common/v1/principal.pb.h"

namespace meldpunt::identity::staff {

inline constexpr std::size_t kMinUsernameChars = 3;
inline constexpr std::size_t kMaxUsernameChars = 64;
inline constexpr std::size_t kMaxDisplayNameChars = 100;
// New passwords only (an old, shorter one still logs in until it is changed).
inline constexpr std::size_t kMinNewPasswordBytes = 12;

// A Belgian municipality's NIS code: five digits. INVALID_ARGUMENT TENANT_INVALID otherwise.
absl::Status ValidateTenantId(std::string_view tenant_id);

// The form user names are matched and kept unique on: lower-cased. User names are 3–64 ASCII
// letters, digits, '.', '_', '-' or '@', starting with a letter or digit (so that case folding
// is the same here and in PostgreSQL). INVALID_ARGUMENT USERNAME_INVALID otherwise; the message
// does not repeat the name.
absl::StatusOr<std::string> UsernameKey(std::string_view username);

// 1–100 characters of valid UTF-8 without control characters, surrounding spaces removed.
// INVALID_ARGUMENT DISPLAY_NAME_INVALID otherwise.
absl::StatusOr<std::string> CleanDisplayName(std::string_view display_name);

// At least one role, staff roles only; duplicates dropped. INVALID_ARGUMENT ROLES_INVALID.
absl::StatusOr<std::vector<common::v1::Role>> ValidateStaffRoles(
    const std::vector<common::v1::Role>& roles);

// INVALID_ARGUMENT PASSWORD_TOO_SHORT / PASSWORD_TOO_LONG for a new password.
absl::Status ValidateNewPassword(std::string_view password);

}  // namespace meldpunt::identity::staff
