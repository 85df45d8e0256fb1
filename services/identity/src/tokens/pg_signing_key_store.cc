#include "services/identity/src/tokens/pg_signing_key_store.h"

#include <pqxx/pqxx>

#include "libs/postgres/statement.h"
#include "libs/time/conversions.h"
#include "sql/identity.h"

namespace meldpunt::identity::tokens {
namespace {

namespace q = sql::identity;

// Any fixed number, the same in every replica: the lock that serialises key creation/rotation.
constexpr std::int64_t kRotationLock = 0x6d70'6964'6b65'7973;  // "mpidkeys"

// Retired keys stay in the table a day past not_after (for an operator looking into a token
// complaint), then go.
constexpr absl::Duration kKeepExpired = absl::Hours(24);

std::optional<absl::Time> OptionalTime(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return time::FromMicros(f.as<std::int64_t>());
}

}  // namespace

absl::StatusOr<std::vector<StoredSigningKey>> PgSigningKeyStore::LoadPublishable(absl::Time now) {
  std::vector<StoredSigningKey> keys;
  absl::Status s = pool_->WithConnection([&](pqxx::connection& c) -> absl::Status {
    keys.clear();
    pqxx::read_transaction tx(c);
    for (const auto& row : pg::ExecUnnamed(tx, q::load_publishable_keys, time::ToMicros(now))) {
      StoredSigningKey k;
      k.key_id = row[0].as<std::string>();
      k.algorithm = row[1].as<std::string>();
      k.public_key_pem = row[2].as<std::string>();
      k.private_key_sealed = pqxx::binarystring(row[3]).str();
      k.created_at = time::FromMicros(row[4].as<std::int64_t>());
      k.activated_at = time::FromMicros(row[5].as<std::int64_t>());
      k.retired_at = OptionalTime(row[6]);
      k.not_after = OptionalTime(row[7]);
      keys.push_back(std::move(k));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return keys;
}

absl::StatusOr<bool> PgSigningKeyStore::ActivateIfDue(const StoredSigningKey& next, absl::Time now,
                                                      absl::Duration rotation_period,
                                                      absl::Duration overlap) {
  bool stored = false;
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    stored = false;
    pg::ExecUnnamed(tx, q::lock_key_rotation, kRotationLock);
    // Decided again under the lock: the replica that held it before may have rotated already.
    pqxx::result active = pg::ExecUnnamed(tx, q::find_active_key);
    if (!active.empty() &&
        now - time::FromMicros(active[0][0].as<std::int64_t>()) < rotation_period) {
      return absl::OkStatus();
    }
    pg::ExecUnnamed(tx, q::retire_active_key, time::ToMicros(now), time::ToMicros(now + overlap));
    pg::ExecUnnamed(
        tx, q::insert_signing_key, next.key_id, next.algorithm, next.public_key_pem,
        pqxx::binarystring(next.private_key_sealed.data(), next.private_key_sealed.size()),
        time::ToMicros(next.created_at), time::ToMicros(now));
    pg::ExecUnnamed(tx, q::prune_expired_keys, time::ToMicros(now - kKeepExpired));
    stored = true;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return stored;
}

}  // namespace meldpunt::identity::tokens
