#include "services/identity/src/tokens/signing_key.h"

#include <algorithm>

#include "libs/time/conversions.h"

namespace meldpunt::identity::tokens {

std::string SigningKeyAad(const std::string& key_id) { return "signing_keys|" + key_id; }

const StoredSigningKey* ActiveKey(const std::vector<StoredSigningKey>& keys) {
  for (const auto& key : keys) {
    if (key.active()) return &key;
  }
  return nullptr;
}

bool RotationDue(const std::vector<StoredSigningKey>& keys, absl::Time now,
                 absl::Duration rotation_period) {
  const StoredSigningKey* active = ActiveKey(keys);
  return active == nullptr || now - active->activated_at >= rotation_period;
}

std::vector<StoredSigningKey> PublishableKeys(const std::vector<StoredSigningKey>& keys,
                                              absl::Time now) {
  std::vector<StoredSigningKey> out;
  for (const auto& key : keys) {
    if (key.active() || (key.not_after.has_value() && *key.not_after > now)) out.push_back(key);
  }
  std::stable_sort(out.begin(), out.end(), [](const StoredSigningKey& a, const StoredSigningKey& b) {
    if (a.active() != b.active()) return a.active();
    return a.activated_at > b.activated_at;
  });
  return out;
}

v1::SigningKey ToProto(const StoredSigningKey& key) {
  v1::SigningKey out;
  out.set_key_id(key.key_id);
  out.set_algorithm(key.algorithm);
  out.set_public_key_pem(key.public_key_pem);
  *out.mutable_not_before() = time::ToProtoMicros(key.activated_at);
  if (key.not_after.has_value()) *out.mutable_not_after() = time::ToProtoMicros(*key.not_after);
  out.set_active(key.active());
  return out;
}

}  // namespace meldpunt::identity::tokens
