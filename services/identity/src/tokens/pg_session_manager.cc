#include "services/identity/src/tokens/pg_session_manager.h"

#include <optional>

#include <pqxx/pqxx>

#include "libs/auth/assurance.h"
#include "libs/auth/tenant_scope.h"
#include "libs/events/uuid.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "services/identity/src/tokens/random_values.h"
#include "services/identity/src/tokens/reasons.h"
#include "services/identity/src/tokens/session_values.h"
#include "libs/time/conversions.h"
#include "sql/identity.h"

namespace meldpunt::identity::tokens {
namespace {

namespace q = sql::identity;

// Ended sessions are kept a while past their end, for someone looking into a complaint about a
// session (sql/tokens/prune_ended_sessions.sql).
constexpr absl::Duration kKeepEnded = absl::Hours(24);

void SetTokens(v1::SessionTokens& out, const std::string& session_id, const AccessToken& access,
               const std::string& refresh_token, absl::Time refresh_expires_at) {
  out.set_session_id(session_id);
  out.set_access_token(access.token);
  *out.mutable_access_token_expires_at() = time::ToProtoMicros(access.expires_at);
  out.set_refresh_token(refresh_token);
  *out.mutable_refresh_token_expires_at() = time::ToProtoMicros(refresh_expires_at);
}

// NULL for staff sessions (the column says "no level", not an empty name).
std::optional<std::string> StoredAssurance(common::v1::AssuranceLevel level) {
  if (level == common::v1::ASSURANCE_LEVEL_UNSPECIFIED) return std::nullopt;
  return auth::AssuranceName(level);
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

  absl::Status s = auth::TransactInTenant(*deps_.pool, subject.tenant_id, [&](pqxx::work& tx) -> absl::Status {
    pg::ExecUnnamed(tx, q::prune_ended_sessions, subject.tenant_id, time::ToMicros(now - kKeepEnded));
    pg::ExecUnnamed(tx, q::insert_session, subject.tenant_id, *session_id, subject.subject,
                    KindName(subject.kind), JoinRoleNames(subject.roles), time::ToMicros(now),
                    time::ToMicros(expires_at), StoredAssurance(subject.assurance));
    pg::ExecUnnamed(tx, q::insert_refresh_token, Bytes(HashRefreshToken(*refresh_token)),
                    subject.tenant_id, *session_id, time::ToMicros(now), time::ToMicros(expires_at));
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
  const absl::Status invalid = RefreshTokenInvalid();
  if (tenant_id.empty() || !LooksLikeRefreshToken(refresh_token)) return invalid;
  const std::string tenant(tenant_id);
  const std::string token_hash = HashRefreshToken(refresh_token);

  v1::SessionTokens out;
  // Set when the refresh itself ended the session (a replayed token, a disabled account): the
  // revocation commits, then the call fails with ended_answer.
  std::string ended_session;
  absl::Status ended_answer;
  absl::Time revoked_at;
  absl::Status s = auth::TransactInTenant(*deps_.pool, tenant, [&](pqxx::work& tx) -> absl::Status {
    out.Clear();
    ended_session.clear();
    pqxx::result found = pg::ExecUnnamed(tx, q::lock_refresh_token, Bytes(token_hash), tenant);
    if (found.empty()) return invalid;
    const pqxx::row row = found[0];
    const std::string session_id = row[0].as<std::string>();
    const absl::Time token_expires_at = time::FromMicros(row[1].as<std::int64_t>());
    const bool spent = row[2].as<bool>();
    const absl::Time session_expires_at = time::FromMicros(row[6].as<std::int64_t>());
    const bool revoked = row[7].as<bool>();
    if (now >= token_expires_at || now >= session_expires_at) return invalid;
    if (revoked) {
      return status::Unauthenticated(kReasonSessionRevoked, "the session has ended");
    }
    // exec_params1 on the statement's text: unnamed as before, and exactly one row.
    auto end_session = [&](const char* reason, absl::Status answer) {
      pqxx::row ended = tx.exec_params1(q::end_session.text, tenant, session_id,
                                        time::ToMicros(now), std::string(reason));
      revoked_at = time::FromMicros(ended[0].as<std::int64_t>());
      ended_session = session_id;
      ended_answer = std::move(answer);
      return absl::OkStatus();
    };
    if (spent) {
      return end_session(kRevokeReplay,
                         status::Unauthenticated(kReasonRefreshTokenReused,
                                                 "the refresh token was already used; the "
                                                 "session has been ended"));
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
    // The level of the login that opened the session: a refresh proves nothing new.
    subject.assurance = auth::AssuranceFromName(row[11].as<std::string>());
    if (subject.kind == common::v1::PRINCIPAL_KIND_STAFF) {
      // The account as it is now: disabled or gone ends the session (committed, like a replay's
      // revocation); changed roles apply from this refresh on.
      const bool account_found = row[8].as<bool>();
      if (!account_found || row[9].as<bool>()) {
        return end_session(kRevokeAccountDisabled,
                           status::Unauthenticated(kReasonSessionRevoked,
                                                   "the session has ended: the account is disabled"));
      }
      auto current = SplitRoleNames(row[10].as<std::string>());
      if (!current.ok()) return current.status();
      subject.roles = std::move(*current);
    }

    auto access = deps_.issuer->Issue(subject, session_id, now);
    if (!access.ok()) return access.status();
    auto next = NewRefreshToken();
    if (!next.ok()) return next.status();
    pg::ExecUnnamed(tx, q::spend_refresh_token, Bytes(token_hash), tenant, time::ToMicros(now));
    // The successor ends with the session: refreshing never extends a session's life.
    pg::ExecUnnamed(tx, q::insert_refresh_token, Bytes(HashRefreshToken(*next)), tenant,
                    session_id, time::ToMicros(now), time::ToMicros(session_expires_at));
    SetTokens(out, session_id, *access, *next, session_expires_at);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!ended_session.empty()) {
    AnnounceRevocation(ended_session, revoked_at, now);
    return ended_answer;
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
