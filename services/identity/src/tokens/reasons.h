#pragma once
// ErrorInfo reasons of sessions and tokens (domain "identity.meldpunt", filled in at the edge).

namespace meldpunt::identity::tokens {

// UNAUTHENTICATED: unknown, malformed, expired or another tenant's refresh token.
inline constexpr char kReasonRefreshTokenInvalid[] = "REFRESH_TOKEN_INVALID";
// UNAUTHENTICATED: a refresh token that was already exchanged; the whole session is revoked.
inline constexpr char kReasonRefreshTokenReused[] = "REFRESH_TOKEN_REUSED";
// UNAUTHENTICATED: the session was ended (logout, revocation, replay).
inline constexpr char kReasonSessionRevoked[] = "SESSION_REVOKED";
// NOT_FOUND: no session with that id that the caller may end.
inline constexpr char kReasonSessionNotFound[] = "SESSION_NOT_FOUND";
// INVALID_ARGUMENT: a session subject the service itself built wrong (programming error).
inline constexpr char kReasonSessionSubjectInvalid[] = "SESSION_SUBJECT_INVALID";
// UNAVAILABLE: no usable signing key (none loaded yet, or it cannot be opened).
inline constexpr char kReasonSigningKeyUnavailable[] = "SIGNING_KEY_UNAVAILABLE";
// INTERNAL: a stored value that cannot be read back (corrupt row, wrong master secret).
inline constexpr char kReasonStoredValueInvalid[] = "TOKENS_STORED_VALUE_INVALID";
// INVALID_ARGUMENT: TokenSettings that cannot work together.
inline constexpr char kReasonSettingsInvalid[] = "TOKEN_SETTINGS_INVALID";

// Values of sessions.revoke_reason.
inline constexpr char kRevokeLogout[] = "logout";                  // by its refresh token
inline constexpr char kRevokeByOwner[] = "revoked_by_owner";       // by id, the subject itself
inline constexpr char kRevokeByAdmin[] = "revoked_by_admin";       // by id, a tenant admin
inline constexpr char kRevokeReplay[] = "refresh_token_reused";    // replay detected
inline constexpr char kRevokeAccountDisabled[] = "account_disabled";  // found at refresh

}  // namespace meldpunt::identity::tokens
