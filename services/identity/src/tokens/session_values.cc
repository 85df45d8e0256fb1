#include "services/identity/src/tokens/session_values.h"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/auth/role_names.h"
#include "libs/status/status.h"
#include "services/identity/src/tokens/reasons.h"

namespace meldpunt::identity::tokens {
namespace {

namespace cv1 = common::v1;

absl::Status Invalid(std::string_view message) {
  return status::InvalidArgument(kReasonSessionSubjectInvalid, message);
}

}  // namespace

absl::Status ValidateSubject(const SessionSubject& s) {
  if (s.tenant_id.empty()) return Invalid("session subject has no tenant");
  if (s.subject.empty()) return Invalid("session subject has no id");
  if (s.roles.empty()) return Invalid("session subject has no roles");
  switch (s.kind) {
    case cv1::PRINCIPAL_KIND_CITIZEN:
      if (s.roles.size() != 1 || s.roles[0] != cv1::ROLE_CITIZEN) {
        return Invalid("a citizen session carries the citizen role only");
      }
      return absl::OkStatus();
    case cv1::PRINCIPAL_KIND_STAFF:
      for (auto role : s.roles) {
        if (!auth::IsStaffRole(role)) return Invalid("a staff session carries staff roles only");
      }
      return absl::OkStatus();
    default:
      return Invalid("sessions are for citizens and staff only");
  }
}

std::string KindName(cv1::PrincipalKind kind) {
  switch (kind) {
    case cv1::PRINCIPAL_KIND_CITIZEN:
      return "citizen";
    case cv1::PRINCIPAL_KIND_STAFF:
      return "staff";
    default:
      return "";
  }
}

std::optional<cv1::PrincipalKind> KindFromName(std::string_view name) {
  if (name == "citizen") return cv1::PRINCIPAL_KIND_CITIZEN;
  if (name == "staff") return cv1::PRINCIPAL_KIND_STAFF;
  return std::nullopt;
}

std::string JoinRoleNames(const std::vector<cv1::Role>& roles) {
  std::vector<std::string> names;
  names.reserve(roles.size());
  for (auto role : roles) names.push_back(auth::RoleName(role));
  return absl::StrJoin(names, ",");
}

absl::StatusOr<std::vector<cv1::Role>> SplitRoleNames(std::string_view joined) {
  std::vector<cv1::Role> roles;
  for (absl::string_view part : absl::StrSplit(absl::string_view(joined.data(), joined.size()), ',',
                                               absl::SkipEmpty())) {
    auto role = auth::RoleFromName(std::string_view(part.data(), part.size()));
    if (!role) return status::Internal(kReasonStoredValueInvalid, "a stored session role is unknown");
    roles.push_back(*role);
  }
  return roles;
}

absl::Duration RefreshLifetime(const TokenSettings& settings, cv1::PrincipalKind kind) {
  return kind == cv1::PRINCIPAL_KIND_STAFF ? settings.staff_refresh_lifetime
                                           : settings.citizen_refresh_lifetime;
}

absl::Status RefreshTokenInvalid() {
  return status::Unauthenticated(kReasonRefreshTokenInvalid, "the refresh token is not valid");
}

}  // namespace meldpunt::identity::tokens
