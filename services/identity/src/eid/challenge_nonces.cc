#include "services/identity/src/eid/challenge_nonces.h"

#include <openssl/sha.h>

#include <pqxx/pqxx>

#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "sql/identity.h"

namespace meldpunt::identity {
namespace {

constexpr char kStale[] = "EID_CHALLENGE_STALE";
constexpr char kReplayed[] = "EID_CHALLENGE_REPLAYED";

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
    // No tenant scope: single use is global (see migrations/0004_eid_challenges.sql).
    pqxx::result r = pg::ExecUnnamed(tx, sql::identity::consume_challenge_nonce, tenant,
                                     pqxx::binarystring(hash, sizeof hash));
    fresh = r.affected_rows() == 1;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!fresh) return status::Unauthenticated(kReplayed, "this challenge nonce was already used");
  return absl::OkStatus();
}

}  // namespace meldpunt::identity
