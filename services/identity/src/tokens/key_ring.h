#pragma once
// The signing keys as this replica knows them: the active key's signer for new tokens, and the
// public keys to publish. Keys live in a SigningKeyStore shared by all replicas; each replica
// calls Reload() every TokenSettings::key_reload_interval (KeyReloader does), which creates the
// first key, rotates an active key older than the rotation period, and picks up what other
// replicas did — so replicas agree within one reload interval, which RetirementOverlap() covers.
//
// Private keys exist in the clear only in memory: the store keeps them sealed with the
// DataProtector.

#include <map>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/jwt/signer.h"
#include "meldpunt/identity/v1/identity_service.pb.h"
#include "services/identity/src/crypto/data_protector.h"
#include "services/identity/src/tokens/signing_key_store.h"
#include "services/identity/src/tokens/token_settings.h"

namespace meldpunt::identity::tokens {

class KeyRing {
 public:
  // Validates settings and runs a first Reload(now): after it an active key exists (created here
  // if there was none) and can sign. Fails when the store is unreachable or the active key cannot
  // be opened (a master secret other than the one that sealed it) — a start-up error.
  static absl::StatusOr<std::unique_ptr<KeyRing>> Create(SigningKeyStore* store,
                                                         const crypto::DataProtector* protector,
                                                         TokenSettings settings, absl::Time now);

  // Rotates when due (creating a new Ed25519 key), then reloads the keys. On failure the keys
  // known so far stay in use, and the error is returned for the caller to log.
  absl::Status Reload(absl::Time now) ABSL_LOCKS_EXCLUDED(mu_);

  // The signer of the active key. UNAVAILABLE SIGNING_KEY_UNAVAILABLE if none was ever loaded.
  absl::StatusOr<std::shared_ptr<const jwt::JwsSigner>> ActiveSigner() const ABSL_LOCKS_EXCLUDED(mu_);

  // The active key and the retired keys still valid at now (a retired key disappears once its
  // not_after has passed, even between reloads), with cache_for.
  v1::GetSigningKeysResponse Published(absl::Time now) const ABSL_LOCKS_EXCLUDED(mu_);

  const TokenSettings& settings() const { return settings_; }

 private:
  KeyRing(SigningKeyStore* store, const crypto::DataProtector* protector, TokenSettings settings)
      : store_(store), protector_(protector), settings_(std::move(settings)) {}

  // A fresh Ed25519 key, sealed, ready for the store.
  absl::StatusOr<StoredSigningKey> NewKey(absl::Time now) const;
  absl::StatusOr<std::shared_ptr<const jwt::JwsSigner>> OpenSigner(const StoredSigningKey& key) const;

  SigningKeyStore* const store_;
  const crypto::DataProtector* const protector_;
  const TokenSettings settings_;

  // Serialises Reload() calls; readers only take mu_.
  absl::Mutex reload_mu_;
  mutable absl::Mutex mu_;
  std::vector<StoredSigningKey> keys_ ABSL_GUARDED_BY(mu_);
  std::shared_ptr<const jwt::JwsSigner> active_ ABSL_GUARDED_BY(mu_);
};

}  // namespace meldpunt::identity::tokens
