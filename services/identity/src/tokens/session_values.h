#pragma once
// Checks and conversions for sessions: which subjects may hold one, how kind and roles are
// stored, how long a session lasts. Pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/identity/src/tokens/session_manager.h"
#include "services/identity/src/tokens/token_settings.h"

namespace meldpunt::identity::tokens {

// A citizen session carries exactly the citizen role; a staff session only staff roles (warden,
// front office, coordinator, department agent, analyst, tenant admin), at least one. No session
// ever carries integrator, platform admin or service roles: those are not people logging in.
// INVALID_ARGUMENT SESSION_SUBJECT_INVALID otherwise.
absl::Status ValidateSubject(const SessionSubject& subject);

// sessions.kind: "citizen" | "staff"; "" for other kinds.
std::string KindName(common::v1::PrincipalKind kind);
std::optional<common::v1::PrincipalKind> KindFromName(std::string_view name);

// sessions.roles travels as comma-separated names (names never contain commas).
std::string JoinRoleNames(const std::vector<common::v1::Role>& roles);
// INTERNAL TOKENS_STORED_VALUE_INVALID for a name that is not a role.
absl::StatusOr<std::vector<common::v1::Role>> SplitRoleNames(std::string_view joined);

// UNAUTHENTICATED REFRESH_TOKEN_INVALID: one answer for an unknown, malformed, expired or another
// tenant's refresh token, so none of them tells a caller more than the others.
absl::Status RefreshTokenInvalid();

// The absolute lifetime of a session of this kind.
absl::Duration RefreshLifetime(const TokenSettings& settings, common::v1::PrincipalKind kind);

}  // namespace meldpunt::identity::tokens
