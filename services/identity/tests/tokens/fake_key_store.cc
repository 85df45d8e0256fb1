#include "services/identity/tests/tokens/fake_key_store.h"

#include "libs/status/status.h"

namespace meldpunt::identity::tokens::testing {

absl::StatusOr<std::vector<StoredSigningKey>> FakeKeyStore::LoadPublishable(absl::Time now) {
  if (unavailable) return status::Unavailable("DB_CONNECT_FAILED", "fake store is down");
  std::vector<StoredSigningKey> out;
  for (const auto& key : rows) {
    if (key.active() || *key.not_after > now) out.push_back(key);
  }
  return out;
}

absl::StatusOr<bool> FakeKeyStore::ActivateIfDue(const StoredSigningKey& next, absl::Time now,
                                                 absl::Duration rotation_period,
                                                 absl::Duration overlap) {
  if (unavailable) return status::Unavailable("DB_CONNECT_FAILED", "fake store is down");
  if (!RotationDue(rows, now, rotation_period)) return false;
  for (auto& key : rows) {
    if (key.active()) {
      key.retired_at = now;
      key.not_after = now + overlap;
    }
  }
  StoredSigningKey stored = next;
  stored.activated_at = now;
  rows.push_back(stored);
  ++activations;
  return true;
}

}  // namespace meldpunt::identity::tokens::testing
