#include "services/identity/src/service/challenge_nonces.h"

#include <openssl/sha.h>

#include <pqxx/pqxx>

#include "libs/auth/tenant_scope.h"
#include "libs/status/status.h"

namespace meldpunt::identity {
namespace {

constexpr char kStale[] = "EID_CHALLENGE_STALE";
constexpr char kReplayed[] = "EID_CHALLENGE_REPLAYED";

// Rows older than any nonce that could still pass the age check are of no use; the delete is
// bounded so one call never does much of it.
constexpr char kPrune[] =
    "DELETE FROM eid_challenge_nonces WHERE ctid IN (SELECT ctid FROM eid_challenge_nonces"
    " WHERE tenant_id = $1 AND used_at < now() - interval '15 minutes' LIMIT 100)";

constexpr char kInsert[] =
    "INSERT INTO eid_challenge_nonces (tenant_id, nonce_hash) VALUES ($1, $2)"
    " ON CONFLICT DO NOTHING";

}  // namespace

absl::Status CheckChallengeAge(absl::Time created_at, absl::Time now) {
  if (created_at == absl::UnixEpoch() || created_at == absl::InfinitePast()) {
    return status::Unauthenticated(kStale, "challenge.nonce_created_at is required");
  }
  if (created_at > now + kChallengeClockSkew) {
    return status::Unauthenticated(kStale, "challenge.nonce_created_at lies in the future");
  }
  if (now - created_at > kChallengeMaxAge) {
    return status::Unauthenticated(kStale, "the challenge nonce is older than 5 minutes");
  }
  return absl::OkStatus();
}

absl::Status PgChallengeNonces::Consume(std::string_view tenant_id, std::string_view nonce,
                                        absl::Time created_at, absl::Time now) {
  if (absl::Status age = CheckChallengeAge(created_at, now); !age.ok()) return age;
  unsigned char hash[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(nonce.data()), nonce.size(), hash);
  const std::string tenant(tenant_id);
  bool fresh = false;
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    if (absl::Status scoped = auth::ScopeToTenant(tx, tenant); !scoped.ok()) return scoped;
    tx.exec_params(kPrune, tenant);
    pqxx::result r = tx.exec_params(kInsert, tenant, pqxx::binarystring(hash, sizeof hash));
    fresh = r.affected_rows() == 1;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!fresh) return status::Unauthenticated(kReplayed, "this challenge nonce was already used");
  return absl::OkStatus();
}

}  // namespace meldpunt::identity
