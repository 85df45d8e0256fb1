#pragma once
// ErrorInfo reasons of staff logins and staff account creation (domain "identity.meldpunt",
// filled in at the RPC edge). Messages never carry the password, and never say whether a user
// name exists.

namespace meldpunt::identity::staff {

// UNAUTHENTICATED.
// Unknown user name or wrong password: deliberately one reason.
inline constexpr char kInvalidCredentials[] = "INVALID_CREDENTIALS";
// Too many consecutive failures; comes with a RetryInfo saying when the lock ends.
inline constexpr char kAccountLocked[] = "ACCOUNT_LOCKED";
// The right password for an account an administrator switched off. Only said to someone who
// knows the password, so it leaks nothing.
inline constexpr char kAccountDisabled[] = "ACCOUNT_DISABLED";

// RESOURCE_EXHAUSTED: too many attempts for this tenant × user name (login_attempt_limiter.h),
// whoever sent them; comes with a RetryInfo. Said for unknown names alike.
inline constexpr char kLoginRateLimited[] = "LOGIN_RATE_LIMITED";

// INVALID_ARGUMENT.
inline constexpr char kTenantInvalid[] = "TENANT_INVALID";
inline constexpr char kUsernameInvalid[] = "USERNAME_INVALID";
inline constexpr char kDisplayNameInvalid[] = "DISPLAY_NAME_INVALID";
inline constexpr char kRolesInvalid[] = "ROLES_INVALID";
inline constexpr char kPasswordTooLong[] = "PASSWORD_TOO_LONG";
inline constexpr char kPasswordTooShort[] = "PASSWORD_TOO_SHORT";

// ALREADY_EXISTS: the tenant already has an account with this user name (in any case).
inline constexpr char kUsernameTaken[] = "USERNAME_TAKEN";

// INTERNAL: a stored password hash this service cannot read; hashing itself failed.
inline constexpr char kPasswordHashUnreadable[] = "PASSWORD_HASH_UNREADABLE";
inline constexpr char kPasswordHashFailed[] = "PASSWORD_HASH_FAILED";
// INVALID_ARGUMENT at start-up: argon2id parameters out of range; a login limit without burst
// or refill.
inline constexpr char kHasherConfigInvalid[] = "PASSWORD_HASHER_CONFIG_INVALID";
inline constexpr char kLoginLimitInvalid[] = "LOGIN_LIMIT_INVALID";

}  // namespace meldpunt::identity::staff
