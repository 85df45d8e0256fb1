#include "services/gateway/src/keys/api_key_verifier.h"

#include "libs/status/status.h"
#include "libs/time/conversions.h"
#include "services/gateway/src/keys/api_key.h"

namespace meldpunt::gateway {
namespace {

absl::Status Invalid() {
  return status::Unauthenticated("API_KEY_INVALID", "the API key is not valid");
}

absl::Status CheckExpiry(const VerifiedApiClient& client, absl::Time now) {
  if (client.expires_at && *client.expires_at <= now) {
    return status::Unauthenticated("API_KEY_EXPIRED", "the API key has expired");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<VerifiedApiClient> CachingApiKeyVerifier::Verify(std::string_view key, absl::Time now) {
  auto prefix = ApiKeyPrefix(key);
  if (!prefix.ok()) return prefix.status();
  const std::string hash = HashApiKey(key);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end()) {
      if (now - it->second.verified_at < options_.ttl) {
        if (absl::Status s = CheckExpiry(it->second.client, now); !s.ok()) return s;
        return it->second.client;
      }
      cache_.erase(it);
    }
    auto unknown = unknown_.find(*prefix);
    if (unknown != unknown_.end()) {
      if (now - unknown->second < options_.unknown_ttl) return Invalid();
      unknown_.erase(unknown);
    }
  }

  auto stored = repository_->FindByKeyPrefix(*prefix);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) {
    std::lock_guard<std::mutex> lock(mu_);
    // Bounded like the positive cache; a flood of distinct prefixes needs the per-peer limit.
    if (unknown_.size() >= options_.max_unknown) unknown_.clear();
    unknown_[*prefix] = now;
    return Invalid();
  }
  if (!ApiKeyHashesEqual((*stored)->key_hash, hash)) return Invalid();
  const v1::ApiClient& c = (*stored)->client;
  if (c.has_revoked_at()) {
    return status::Unauthenticated("API_KEY_REVOKED", "the API key has been revoked");
  }
  VerifiedApiClient verified;
  verified.id = c.id();
  verified.name = c.name();
  verified.tenant_ids.assign(c.tenant_ids().begin(), c.tenant_ids().end());
  for (int r : c.roles()) verified.roles.push_back(static_cast<Role>(r));
  verified.rate_class = c.rate_class();
  if (c.has_expires_at()) verified.expires_at = time::FromProto(c.expires_at());
  if (absl::Status s = CheckExpiry(verified, now); !s.ok()) return s;

  // Best effort: a failed touch must not fail the call it describes.
  (void)repository_->TouchLastUsed(verified.id);

  std::lock_guard<std::mutex> lock(mu_);
  if (cache_.size() >= options_.max_entries) {
    // Rare (more distinct live keys than entries): dropping everything costs one read per key.
    cache_.clear();
  }
  cache_[hash] = Entry{verified, now};
  return verified;
}

void CachingApiKeyVerifier::Forget(const std::string& client_id) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    it = it->second.client.id == client_id ? cache_.erase(it) : std::next(it);
  }
}

}  // namespace meldpunt::gateway
