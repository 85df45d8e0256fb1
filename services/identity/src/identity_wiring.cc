#include "services/identity/src/identity_wiring.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/files/read_file.h"
#include "libs/rate_limit/redis_rate_limiter.h"
#include "services/identity/src/api/identity_service.h"
#include "services/identity/src/citizens/pg_assurance_policies.h"
#include "services/identity/src/citizens/pg_citizen_repository.h"
#include "services/identity/src/crypto/data_protector.h"
#include "services/identity/src/eid/challenge_nonces.h"
#include "services/identity/src/oidc/oidc_verifier.h"
#include "services/identity/src/staff/argon2id_hasher.h"
#include "services/identity/src/staff/login_attempt_limiter.h"
#include "services/identity/src/staff/pg_staff_repository.h"
#include "services/identity/src/tokens/key_reloader.h"
#include "services/identity/src/tokens/key_ring.h"
#include "services/identity/src/tokens/pg_session_manager.h"
#include "services/identity/src/tokens/pg_signing_key_store.h"
#include "services/identity/src/tokens/revocation_publisher.h"
#include "services/identity/src/tokens/token_issuer.h"

namespace meldpunt::identity {
namespace {

// The failure's status with what failed in front, as the log line shows it.
absl::Status Failed(const std::string& what, const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat(what, ": ", s.message()));
}

}  // namespace

absl::Status BuildIdentity(const IdentityOptions& o, server::ServiceContext& context) {
  pg::Pool& pool = context.pool();
  auto protector = crypto::DataProtector::FromFile(o.data_key_file);
  if (!protector.ok()) return Failed("cannot load the data key", protector.status());
  const crypto::DataProtector* data = context.Own(*std::move(protector));
  const eid::CardVerifier* cards = nullptr;
  if (!o.eid_trusted_roots.empty()) {
    auto roots = files::ReadFile(o.eid_trusted_roots);
    if (!roots.ok()) return Failed("cannot read the eID roots", roots.status());
    auto created = eid::EidVerifier::Create(*roots);
    if (!created.ok()) return Failed("cannot load the eID roots", created.status());
    cards = context.Own(*std::move(created));
  }
  const oidc::OidcVerifier* oidc_verifier = nullptr;
  if (!o.oidc_issuers.empty()) {
    auto created = oidc::OidcVerifier::FromFile(o.oidc_issuers);
    if (!created.ok()) return Failed("cannot load the OIDC issuers", created.status());
    oidc_verifier = context.Own(*std::move(created));
  }
  auto hasher = staff::Argon2idHasher::Create(HashParams(o));
  if (!hasher.ok()) return Failed("bad password hashing settings", hasher.status());
  const staff::PasswordHasher* passwords = context.Own(*std::move(hasher));

  auto* key_store = context.Make<tokens::PgSigningKeyStore>(&pool);
  auto key_ring = tokens::KeyRing::Create(key_store, data, o.tokens, absl::Now());
  if (!key_ring.ok()) return Failed("cannot load the signing keys", key_ring.status());
  tokens::KeyRing* keys = context.Own(*std::move(key_ring));
  auto* reloader = context.Make<tokens::KeyReloader>(keys, &context.clock(), &context.log());
  tokens::PgSessionManagerDeps session_deps;
  session_deps.pool = &pool;
  session_deps.keys = keys;
  session_deps.issuer = context.Make<tokens::TokenIssuer>(keys);
  session_deps.revocations = context.Make<tokens::RedisRevocationPublisher>(&context.redis());
  session_deps.log = &context.log();

  auto* staff_repository = context.Make<staff::PgStaffRepository>(&pool);
  auto attempts = staff::LoginAttemptLimiter::Create(
      context.Make<rate_limit::RedisRateLimiter>(&context.redis()), data, LoginLimit(o));
  if (!attempts.ok()) return Failed("bad login limit settings", attempts.status());
  auto staff_login = staff::StaffLogin::Create(staff_repository, passwords,
                                               context.Own(*std::move(attempts)), Lockout(o));
  if (!staff_login.ok()) return Failed("bad lock-out settings", staff_login.status());

  events::OutboxRelay& relay = context.Relay();
  IdentityServiceDeps deps;
  deps.calls = &context.calls();
  deps.cards = cards;
  deps.nonces = context.Make<PgChallengeNonces>(&pool);
  deps.oidc = oidc_verifier;
  deps.staff = context.Own(*std::move(staff_login));
  deps.sessions = context.Make<tokens::PgSessionManager>(session_deps);
  deps.citizens = context.Make<PgCitizenRepository>(&pool, data);
  deps.assurance = context.Make<PgAssurancePolicies>(&pool);
  deps.events_written = [&relay] { relay.Wake(); };
  context.Serve(v1::IdentityService::service_full_name(),
                context.Make<IdentityServiceImpl>(std::move(deps)));
  context.Background([reloader] { reloader->Start(); }, [reloader] { reloader->Stop(); });
  context.LogField("eid", static_cast<int64_t>(cards != nullptr));
  context.LogField("oidc_issuers",
                   oidc_verifier ? static_cast<int64_t>(oidc_verifier->issuers().size()) : 0);
  return absl::OkStatus();
}

}  // namespace meldpunt::identity
