#pragma once
// SessionManager on PostgreSQL (sessions and refresh_tokens, row-level security per tenant).
//
// Refresh tokens are single use: each refresh marks the presented token used and stores its
// successor in the same transaction, with the token row locked (SELECT … FOR UPDATE), so of two
// refreshes racing with one token exactly one rotates it; the other then sees a spent token.
// A spent token presented again means two parties hold the session's tokens (a thief, or a
// client that refreshed twice at once), and nobody can tell which is the rightful one: the whole
// session (the token family) is revoked, as the OAuth security BCP (RFC 9700) recommends.
//
// Revocation is decided in PostgreSQL and then announced to the gateway through the
// RevocationPublisher (Redis). When Redis is down the revocation still stands — the session's
// refresh tokens are dead at once — and only the access tokens already out stay usable until
// they expire (minutes): the call answers OK and the failure is logged, rather than failing a
// logout that did take effect.

#include "libs/observability/log.h"
#include "libs/postgres/pool.h"
#include "services/identity/src/tokens/key_ring.h"
#include "services/identity/src/tokens/revocation_publisher.h"
#include "services/identity/src/tokens/session_manager.h"
#include "services/identity/src/tokens/token_issuer.h"

namespace meldpunt::identity::tokens {

struct PgSessionManagerDeps {
  pg::Pool* pool = nullptr;                  // the service's role (subject to RLS)
  const KeyRing* keys = nullptr;             // settings, and the keys GetSigningKeys publishes
  const TokenIssuer* issuer = nullptr;       // signs access tokens (with keys' active key)
  RevocationPublisher* revocations = nullptr;
  observability::Logger* log = nullptr;      // may be null: then failures are not logged
};

class PgSessionManager final : public SessionManager {
 public:
  explicit PgSessionManager(PgSessionManagerDeps deps) : deps_(deps) {}

  absl::StatusOr<v1::SessionTokens> Open(const SessionSubject& subject, absl::Time now) override;
  absl::StatusOr<v1::SessionTokens> Refresh(std::string_view tenant_id,
                                            std::string_view refresh_token,
                                            absl::Time now) override;
  absl::StatusOr<absl::Time> RevokeByRefreshToken(std::string_view tenant_id,
                                                  std::string_view refresh_token,
                                                  absl::Time now) override;
  absl::StatusOr<absl::Time> RevokeById(const auth::Principal& caller, std::string_view session_id,
                                        absl::Time now) override;
  absl::StatusOr<v1::GetSigningKeysResponse> SigningKeys(absl::Time now) override;

 private:
  const TokenSettings& settings() const { return deps_.keys->settings(); }

  // Sets the Redis revocation key for the rest of its lifetime (counted from revoked_at); logs a
  // failure and carries on (see above).
  void AnnounceRevocation(const std::string& session_id, absl::Time revoked_at, absl::Time now);

  PgSessionManagerDeps deps_;
};

}  // namespace meldpunt::identity::tokens
