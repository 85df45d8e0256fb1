#pragma once
// An in-memory SigningKeyStore with the same rules as PgSigningKeyStore, for unit tests of the key
// ring, and a switch to make it fail like an unreachable database.

#include <vector>

#include "services/identity/src/tokens/signing_key_store.h"

namespace meldpunt::identity::tokens::testing {

class FakeKeyStore final : public SigningKeyStore {
 public:
  absl::StatusOr<std::vector<StoredSigningKey>> LoadPublishable(absl::Time now) override;
  absl::StatusOr<bool> ActivateIfDue(const StoredSigningKey& next, absl::Time now,
                                     absl::Duration rotation_period,
                                     absl::Duration overlap) override;

  std::vector<StoredSigningKey> rows;  // everything stored, retired keys included
  bool unavailable = false;
  int activations = 0;
};

}  // namespace meldpunt::identity::tokens::testing
