// PgSessionManager: RevokeByRefreshToken, RevokeById and the announcement to the gateway.
#include <pqxx/pqxx>

#include "libs/auth/authorize.h"
#include "libs/auth/tenant_scope.h"
#include "libs/events/uuid.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "services/identity/src/tokens/pg_session_manager.h"
#include "services/identity/src/tokens/random_values.h"
#include "services/identity/src/tokens/reasons.h"
#include "services/identity/src/tokens/session_values.h"
#include "libs/time/conversions.h"
#include "sql/identity.h"

namespace meldpunt::identity::tokens {
namespace {

namespace q = sql::identity;

constexpr char kService[] = "identity";

}  // namespace

absl::StatusOr<absl::Time> PgSessionManager::RevokeByRefreshToken(std::string_view tenant_id,
                                                                  std::string_view refresh_token,
                                                                  absl::Time now) {
  const absl::Status invalid = RefreshTokenInvalid();
  if (tenant_id.empty() || !LooksLikeRefreshToken(refresh_token)) return invalid;
  const std::string tenant(tenant_id);
  std::string session_id;
  absl::Time revoked_at;
  absl::Status s = auth::TransactInTenant(*deps_.pool, tenant, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result found = pg::ExecUnnamed(tx, q::find_refresh_token_session,
                                         pqxx::binarystring(HashRefreshToken(refresh_token)),
                                         tenant);
    if (found.empty() || now >= time::FromMicros(found[0][1].as<std::int64_t>())) return invalid;
    session_id = found[0][0].as<std::string>();
    // exec_params1 on the statement's text: unnamed as before, and exactly one row.
    pqxx::row ended = tx.exec_params1(q::revoke_session.text, tenant, session_id, time::ToMicros(now),
                                      std::string(kRevokeLogout), true, "", "");
    revoked_at = time::FromMicros(ended[0].as<std::int64_t>());
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  AnnounceRevocation(session_id, revoked_at, now);
  return revoked_at;
}

absl::StatusOr<absl::Time> PgSessionManager::RevokeById(const auth::Principal& caller,
                                                        std::string_view session_id,
                                                        absl::Time now) {
  const absl::Status not_found =
      status::NotFound(kReasonSessionNotFound, "no such session of yours");
  if (caller.tenant_id().empty() || !events::IsUuid(session_id)) return not_found;
  const bool admin = auth::HasRole(caller, common::v1::ROLE_TENANT_ADMIN);
  // API clients and services hold no sessions; their kind name is "" and matches none.
  const std::string own_kind = KindName(caller.kind());
  const std::string id(session_id);
  absl::Time revoked_at;
  absl::Status s = auth::TransactInTenant(*deps_.pool, caller.tenant_id(), [&](pqxx::work& tx) -> absl::Status {
    pqxx::result ended =
        pg::ExecUnnamed(tx, q::revoke_session, caller.tenant_id(), id, time::ToMicros(now),
                        std::string(admin ? kRevokeByAdmin : kRevokeByOwner), admin,
                        caller.subject(), own_kind);
    if (ended.empty()) return not_found;
    revoked_at = time::FromMicros(ended[0][0].as<std::int64_t>());
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  AnnounceRevocation(id, revoked_at, now);
  return revoked_at;
}

void PgSessionManager::AnnounceRevocation(const std::string& session_id, absl::Time revoked_at,
                                          absl::Time now) {
  // Counted from the revocation, so announcing an old revocation again (a second logout, e.g.
  // after Redis was down the first time) does not keep the key longer than needed.
  const absl::Duration ttl = revoked_at + RevocationTtl(settings()) - now;
  if (ttl <= absl::ZeroDuration()) return;
  absl::Status s = deps_.revocations->PublishRevoked(session_id, ttl);
  if (s.ok() || deps_.log == nullptr) return;
  deps_.log->Write(observability::LogLine(observability::LogLevel::kWarning, kService,
                                          "session revoked, but the gateway could not be told; its "
                                          "access tokens stay usable until they expire")
                       .Add("session_id", session_id)
                       .Add("reason", status::Reason(s))
                       .Add("error", std::string(s.message()))
                       .Finish());
}

}  // namespace meldpunt::identity::tokens
