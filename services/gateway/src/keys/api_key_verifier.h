#pragma once
// Verifying a presented API key: format, then the stored hash (through a short in-memory cache so
// a busy client costs no database read per call), then revocation and expiry.
//
// Revocation bound: the replica that serves RevokeApiClient forgets the key at once; every other
// replica keeps a verified key for at most cache_ttl (default 5 s), after which it reads the row
// again. So a revoked key stops working everywhere within cache_ttl.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/gateway/src/keys/api_client_repository.h"
#include "services/gateway/src/api/roles.h"

namespace meldpunt::gateway {

struct VerifiedApiClient {
  std::string id;
  std::string name;
  std::vector<std::string> tenant_ids;
  std::vector<Role> roles;
  v1::RateClass rate_class = v1::RATE_CLASS_STANDARD;
  std::optional<absl::Time> expires_at;
};

class ApiKeyVerifier {
 public:
  virtual ~ApiKeyVerifier() = default;
  // UNAUTHENTICATED: API_KEY_MALFORMED, API_KEY_INVALID (no such key), API_KEY_REVOKED,
  // API_KEY_EXPIRED. UNAVAILABLE when the store cannot be asked.
  virtual absl::StatusOr<VerifiedApiClient> Verify(std::string_view key, absl::Time now) = 0;
  // Drops a client from any cache at once (after its revocation).
  virtual void Forget(const std::string& client_id) = 0;
};

struct ApiKeyCacheOptions {
  absl::Duration ttl = absl::Seconds(5);
  std::size_t max_entries = 10000;
  // A key prefix the store does not know is remembered this long, so a client retrying a wrong
  // key (or a flood of one) costs no database read per call. Short: a client created meanwhile
  // on another replica works at the latest after it (keys are random, so in practice at once).
  absl::Duration unknown_ttl = absl::Seconds(10);
  std::size_t max_unknown = 10000;
};

class CachingApiKeyVerifier final : public ApiKeyVerifier {
 public:
  CachingApiKeyVerifier(ApiClientRepository* repository, ApiKeyCacheOptions options)
      : repository_(repository), options_(options) {}

  absl::StatusOr<VerifiedApiClient> Verify(std::string_view key, absl::Time now) override;
  void Forget(const std::string& client_id) override;

 private:
  struct Entry {
    VerifiedApiClient client;
    absl::Time verified_at;
  };

  ApiClientRepository* repository_;
  ApiKeyCacheOptions options_;
  std::mutex mu_;
  // Keyed by the key's SHA-256, never by the key itself.
  std::unordered_map<std::string, Entry> cache_;
  // Prefixes (the public part of a key) the store had no client for, with when it said so.
  std::unordered_map<std::string, absl::Time> unknown_;
};

}  // namespace meldpunt::gateway
