#include "services/identity/src/tokens/key_ring.h"

#include "libs/status/status.h"
#include "services/identity/src/tokens/random_values.h"
#include "services/identity/src/tokens/reasons.h"
#include "libs/time/conversions.h"

namespace meldpunt::identity::tokens {

absl::StatusOr<std::unique_ptr<KeyRing>> KeyRing::Create(SigningKeyStore* store,
                                                         const crypto::DataProtector* protector,
                                                         TokenSettings settings, absl::Time now) {
  if (absl::Status valid = Validate(settings); !valid.ok()) return valid;
  std::unique_ptr<KeyRing> ring(new KeyRing(store, protector, std::move(settings)));
  if (absl::Status loaded = ring->Reload(now); !loaded.ok()) return loaded;
  return ring;
}

absl::Status KeyRing::Reload(absl::Time now) {
  absl::MutexLock reload_lock(&reload_mu_);
  auto keys = store_->LoadPublishable(now);
  if (!keys.ok()) return status::Annotate(keys.status(), "loading signing keys");
  if (RotationDue(*keys, now, settings_.rotation_period)) {
    auto next = NewKey(now);
    if (!next.ok()) return next.status();
    // Whether this replica's key or another's won, the reload below sees the winner.
    auto stored =
        store_->ActivateIfDue(*next, now, settings_.rotation_period, RetirementOverlap(settings_));
    if (!stored.ok()) return status::Annotate(stored.status(), "rotating the signing key");
    keys = store_->LoadPublishable(now);
    if (!keys.ok()) return status::Annotate(keys.status(), "loading signing keys");
  }
  const StoredSigningKey* active = ActiveKey(*keys);
  if (active == nullptr) {
    return status::Unavailable(kReasonSigningKeyUnavailable, "no active signing key is stored");
  }
  std::shared_ptr<const jwt::JwsSigner> signer;
  {
    absl::MutexLock lock(&mu_);
    if (active_ != nullptr && active_->key_id() == active->key_id) signer = active_;
  }
  if (signer == nullptr) {
    auto opened = OpenSigner(*active);
    if (!opened.ok()) return opened.status();
    signer = std::move(*opened);
  }
  absl::MutexLock lock(&mu_);
  keys_ = std::move(*keys);
  active_ = std::move(signer);
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const jwt::JwsSigner>> KeyRing::ActiveSigner() const {
  absl::MutexLock lock(&mu_);
  if (active_ == nullptr) {
    return status::Unavailable(kReasonSigningKeyUnavailable, "no signing key is loaded");
  }
  return active_;
}

v1::GetSigningKeysResponse KeyRing::Published(absl::Time now) const {
  v1::GetSigningKeysResponse out;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& key : PublishableKeys(keys_, now)) *out.add_keys() = ToProto(key);
  }
  const absl::Duration cache_for = SigningKeysCacheFor(settings_);
  out.mutable_cache_for()->set_seconds(absl::ToInt64Seconds(cache_for));
  return out;
}

absl::StatusOr<StoredSigningKey> KeyRing::NewKey(absl::Time now) const {
  auto key_id = NewKeyId(now);
  if (!key_id.ok()) return key_id.status();
  auto private_pem = jwt::NewEd25519PrivateKeyPem();
  if (!private_pem.ok()) return private_pem.status();
  auto signer = jwt::JwsSigner::Create(*key_id, *private_pem);
  if (!signer.ok()) return signer.status();
  auto sealed = protector_->Seal(*private_pem, SigningKeyAad(*key_id));
  if (!sealed.ok()) return sealed.status();
  StoredSigningKey key;
  key.key_id = *key_id;
  key.algorithm = std::string(jwt::AlgorithmName((*signer)->algorithm()));
  key.public_key_pem = (*signer)->PublicKeyPem();
  key.private_key_sealed = std::move(*sealed);
  key.created_at = now;
  key.activated_at = now;
  return key;
}

absl::StatusOr<std::shared_ptr<const jwt::JwsSigner>> KeyRing::OpenSigner(
    const StoredSigningKey& key) const {
  auto private_pem = protector_->Open(key.private_key_sealed, SigningKeyAad(key.key_id));
  if (!private_pem.ok()) {
    return status::Internal(kReasonStoredValueInvalid,
                            "the active signing key cannot be opened (is the master secret the "
                            "one it was sealed with?)");
  }
  auto signer = jwt::JwsSigner::Create(key.key_id, *private_pem);
  if (!signer.ok()) {
    return status::Internal(kReasonStoredValueInvalid, "the active signing key is not usable");
  }
  if ((*signer)->PublicKeyPem() != key.public_key_pem) {
    // Signing with a key whose public half is not the published one would make every token fail.
    return status::Internal(kReasonStoredValueInvalid,
                            "the active signing key does not match its public key");
  }
  return std::shared_ptr<const jwt::JwsSigner>(std::move(*signer));
}

}  // namespace meldpunt::identity::tokens
