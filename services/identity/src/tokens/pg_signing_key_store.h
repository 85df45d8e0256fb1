#pragma once
// SigningKeyStore on the signing_keys table (migration 0003). Rotation runs in one transaction
// under a transaction-level advisory lock, so replicas starting or rotating at the same moment
// create one key between them; the partial unique index on active keys backs that up.

#include "libs/postgres/pool.h"
#include "services/identity/src/tokens/signing_key_store.h"

namespace meldpunt::identity::tokens {

class PgSigningKeyStore final : public SigningKeyStore {
 public:
  explicit PgSigningKeyStore(pg::Pool* pool) : pool_(pool) {}

  absl::StatusOr<std::vector<StoredSigningKey>> LoadPublishable(absl::Time now) override;
  absl::StatusOr<bool> ActivateIfDue(const StoredSigningKey& next, absl::Time now,
                                     absl::Duration rotation_period,
                                     absl::Duration overlap) override;

 private:
  pg::Pool* pool_;
};

}  // namespace meldpunt::identity::tokens
