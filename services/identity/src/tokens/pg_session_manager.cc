#include "services/identity/src/tokens/pg_session_manager.h"

#include <pqxx/pqxx>

#include "libs/auth/tenant_scope.h"
#include "libs/events/uuid.h"
#include "libs/status/status.h"
#include "services/identity/src/tokens/random_values.h"
#include "services/identity/src/tokens/reasons.h"
#include "services/identity/src/tokens/session_values.h"
#include "services/identity/src/tokens/time_values.h"

namespace meldpunt::identity::tokens {
namespace {

constexpr char kInsertSession[] =
    "INSERT INTO sessions (tenant_id, id, subject, kind, roles, created_at, expires_at)"
    " VALUES ($1, $2::uuid, $3, $4, string_to_array($5, ','), " MELDPUNT_TOKENS_TS("$6") ", "
    MELDPUNT_TOKENS_TS("$7") ")";

constexpr char kInsertRefreshToken[] =
    "INSERT INTO refresh_tokens (token_hash, tenant_id, session_id, issued_at, expires_at)"
    " VALUES ($1, $2, $3::uuid, " MELDPUNT_TOKENS_TS("$4") ", " MELDPUNT_TOKENS_TS("$5") ")";

// Sessions long over are deleted a few at a time as new ones open in the tenant (their refresh
// tokens go with them, ON DELETE CASCADE), so the tables stay as large as the live sessions.
constexpr char kPruneSessions[] =
    "DELETE FROM sessions WHERE tenant_id = $1 AND id IN ("
    " SELECT id FROM sessions WHERE tenant_id = $1 AND expires_at < " MELDPUNT_TOKENS_TS("$2")
    " ORDER BY expires_at LIMIT 20)";
// Kept a while past their end, for someone looking into a complaint about a session.
constexpr absl::Duration kKeepEnded = absl::Hours(24);

// The token and its session, both locked: a concurrent refresh with the same token waits here
// and then reads the row as the winner left it (used).
constexpr char kLockToken[] =
    "SELECT r.session_id::text, " MELDPUNT_TOKENS_MICROS("r.expires_at") ", r.used_at IS NOT NULL,"
    " s.subject, s.kind, array_to_string(s.roles, ','), " MELDPUNT_TOKENS_MICROS("s.expires_at") ","
    " s.revoked_at IS NOT NULL"
    " FROM refresh_tokens r JOIN sessions s ON s.tenant_id = r.tenant_id AND s.id = r.session_id"
    " WHERE r.token_hash = $1 AND r.tenant_id = $2 FOR UPDATE OF r, s";

constexpr char kSpendToken[] =
    "UPDATE refresh_tokens SET used_at = " MELDPUNT_TOKENS_TS("$3")
    " WHERE token_hash = $1 AND tenant_id = $2";

constexpr char kRevokeReplayed[] =
    "UPDATE sessions SET revoked_at = " MELDPUNT_TOKENS_TS("$3") ", revoke_reason = $4"
    " WHERE tenant_id = $1 AND id = $2::uuid"
    " RETURNING " MELDPUNT_TOKENS_MICROS("revoked_at");

void SetTokens(v1::SessionTokens& out, const std::string& session_id, const AccessToken& access,
               const std::string& refresh_token, absl::Time refresh_expires_at) {
  out.set_session_id(session_id);
  out.set_access_token(access.token);
  *out.mutable_access_token_expires_at() = ToTimestamp(access.expires_at);
  out.set_refresh_token(refresh_token);
  *out.mutable_refresh_token_expires_at() = ToTimestamp(refresh_expires_at);
}

pqxx::binarystring Bytes(const std::string& bytes) {
  return pqxx::binarystring(bytes.data(), bytes.size());
}

}  // namespace

absl::StatusOr<v1::SessionTokens> PgSessionManager::Open(const SessionSubject& subject,
                                                         absl::Time now) {
  if (absl::Status valid = ValidateSubject(subject); !valid.ok()) return valid;
  auto session_id = events::NewUuidV4();
  if (!session_id.ok()) return session_id.status();
  auto access = deps_.issuer->Issue(subject, *session_id, now);
  if (!access.ok()) return access.status();
  auto refresh_token = NewRefreshToken();
  if (!refresh_token.ok()) return refresh_token.status();
  const absl::Time expires_at = now + RefreshLifetime(settings(), subject.kind);

  absl::Status s = pg::Transact(*deps_.pool, [&](pqxx::work& tx) -> absl::Status {
    if (absl::Status scoped = auth::ScopeToTenant(tx, subject.tenant_id); !scoped.ok()) return scoped;
    tx.exec_params(kPruneSessions, subject.tenant_id, ToMicros(now - kKeepEnded));
    tx.exec_params(kInsertSession, subject.tenant_id, *session_id, subject.subject,
                   KindName(subject.kind), JoinRoleNames(subject.roles), ToMicros(now),
                   ToMicros(expires_at));
    tx.exec_params(kInsertRefreshToken, Bytes(HashRefreshToken(*refresh_token)), subject.tenant_id,
                   *session_id, ToMicros(now), ToMicros(expires_at));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  v1::SessionTokens out;
  SetTokens(out, *session_id, *access, *refresh_token, expires_at);
  return out;
}

absl::StatusOr<v1::SessionTokens> PgSessionManager::Refresh(std::string_view tenant_id,
                                                            std::string_view refresh_token,
                                                            absl::Time now) {
  const absl::Status invalid =
      status::Unauthenticated(kReasonRefreshTokenInvalid, "the refresh token is not valid");
  if (tenant_id.empty() || !LooksLikeRefreshToken(refresh_token)) return invalid;
  const std::string tenant(tenant_id);
  const std::string token_hash = HashRefreshToken(refresh_token);

  v1::SessionTokens out;
  std::string replayed_session;  // set when a spent token revoked its session
  absl::Time revoked_at;
  absl::Status s = pg::Transact(*deps_.pool, [&](pqxx::work& tx) -> absl::Status {
    out.Clear();
    replayed_session.clear();
    if (absl::Status scoped = auth::ScopeToTenant(tx, tenant); !scoped.ok()) return scoped;
    pqxx::result found = tx.exec_params(kLockToken, Bytes(token_hash), tenant);
    if (found.empty()) return invalid;
    const pqxx::row row = found[0];
    const std::string session_id = row[0].as<std::string>();
    const absl::Time token_expires_at = FromMicros(row[1].as<std::int64_t>());
    const bool spent = row[2].as<bool>();
    const absl::Time session_expires_at = FromMicros(row[6].as<std::int64_t>());
    const bool revoked = row[7].as<bool>();
    if (now >= token_expires_at || now >= session_expires_at) return invalid;
    if (revoked) {
      return status::Unauthenticated(kReasonSessionRevoked, "the session has ended");
    }
    if (spent) {
      // Committed although the call fails: the revocation is the point.
      pqxx::row ended = tx.exec_params1(kRevokeReplayed, tenant, session_id, ToMicros(now),
                                        std::string(kRevokeReplay));
      revoked_at = FromMicros(ended[0].as<std::int64_t>());
      replayed_session = session_id;
      return absl::OkStatus();
    }

    SessionSubject subject;
    subject.tenant_id = tenant;
    subject.subject = row[3].as<std::string>();
    auto kind = KindFromName(row[4].as<std::string>());
    if (!kind) return status::Internal(kReasonStoredValueInvalid, "a stored session kind is unknown");
    subject.kind = *kind;
    auto roles = SplitRoleNames(row[5].as<std::string>());
    if (!roles.ok()) return roles.status();
    subject.roles = std::move(*roles);

    auto access = deps_.issuer->Issue(subject, session_id, now);
    if (!access.ok()) return access.status();
    auto next = NewRefreshToken();
    if (!next.ok()) return next.status();
    tx.exec_params(kSpendToken, Bytes(token_hash), tenant, ToMicros(now));
    // The successor ends with the session: refreshing never extends a session's life.
    tx.exec_params(kInsertRefreshToken, Bytes(HashRefreshToken(*next)), tenant, session_id,
                   ToMicros(now), ToMicros(session_expires_at));
    SetTokens(out, session_id, *access, *next, session_expires_at);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!replayed_session.empty()) {
    AnnounceRevocation(replayed_session, revoked_at, now);
    return status::Unauthenticated(kReasonRefreshTokenReused,
                                   "the refresh token was already used; the session has been ended");
  }
  return out;
}

absl::StatusOr<v1::GetSigningKeysResponse> PgSessionManager::SigningKeys(absl::Time now) {
  v1::GetSigningKeysResponse out = deps_.keys->Published(now);
  if (out.keys().empty()) {
    return status::Unavailable(kReasonSigningKeyUnavailable, "no signing key is loaded");
  }
  return out;
}

}  // namespace meldpunt::identity::tokens
