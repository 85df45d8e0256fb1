#pragma once
// A signing key as stored (signing_keys row) and the rules that pick keys from a set: which one
// signs, when rotation is due, which ones are published. Pure functions, no I/O.

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "meldpunt/identity/v1/identity_service.pb.h"

namespace meldpunt::identity::tokens {

struct StoredSigningKey {
  std::string key_id;
  std::string algorithm;           // JWS name: "EdDSA" or "ES256"
  std::string public_key_pem;
  std::string private_key_sealed;  // DataProtector::Seal(private PEM, SigningKeyAad(key_id))
  absl::Time created_at;
  absl::Time activated_at;
  std::optional<absl::Time> retired_at;  // unset: the active key
  std::optional<absl::Time> not_after;   // set with retired_at

  bool active() const { return !retired_at.has_value(); }
};

// The aad that binds a sealed private key to its row: a sealed key copied onto another key id
// does not open.
std::string SigningKeyAad(const std::string& key_id);

// The active key of the set, or null.
const StoredSigningKey* ActiveKey(const std::vector<StoredSigningKey>& keys);

// True when there is no active key, or the active one has signed for rotation_period.
bool RotationDue(const std::vector<StoredSigningKey>& keys, absl::Time now,
                 absl::Duration rotation_period);

// The keys a verifier needs at now: the active one and retired ones whose not_after is still
// ahead; active first, then the most recently retired.
std::vector<StoredSigningKey> PublishableKeys(const std::vector<StoredSigningKey>& keys,
                                              absl::Time now);

// The wire form of one key (not_before = activated_at; not_after only for retired keys).
v1::SigningKey ToProto(const StoredSigningKey& key);

}  // namespace meldpunt::identity::tokens
