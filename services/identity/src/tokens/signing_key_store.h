#pragma once
// Where signing keys live. An interface so the key ring's rotation logic is tested without a
// database; PgSigningKeyStore is the real one.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/identity/src/tokens/signing_key.h"

namespace meldpunt::identity::tokens {

class SigningKeyStore {
 public:
  virtual ~SigningKeyStore() = default;

  // The active key and the retired keys whose not_after is after now.
  virtual absl::StatusOr<std::vector<StoredSigningKey>> LoadPublishable(absl::Time now) = 0;

  // Atomically, and serialised against every other replica: when RotationDue() holds for the
  // stored keys at now, retires the active key (if any) with not_after = now + overlap and stores
  // next as the active key. Returns whether next was stored; false means another replica
  // rotated first (or nothing was due) and next is discarded. Keys whose not_after passed long
  // ago are deleted on the way.
  virtual absl::StatusOr<bool> ActivateIfDue(const StoredSigningKey& next, absl::Time now,
                                             absl::Duration rotation_period,
                                             absl::Duration overlap) = 0;
};

}  // namespace meldpunt::identity::tokens
