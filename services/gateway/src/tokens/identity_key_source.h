#pragma once
// Identity's token signing keys (GetSigningKeys), cached for the cache_for identity names and
// refreshed in the background. A token naming a kid the cache lacks triggers a fetch at once, at
// most every refetch_interval (10 s), so a key identity has just started signing with is picked up
// without waiting for the next refresh — and a flood of made-up kids costs identity nothing.
//
// When identity cannot be reached the last key set stays in use (each key until its own
// not_after): identity being down must not log everybody out.

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/time/clock.h"
#include "libs/observability/log.h"
#include "libs/server/periodic_thread.h"
#include "services/gateway/src/tokens/signing_keys_fetcher.h"
#include "services/gateway/src/tokens/token_key_source.h"

namespace meldpunt::gateway {

struct IdentityKeySourceOptions {
  absl::Duration refetch_interval = absl::Seconds(10);
  // cache_for as identity sends it, kept within these bounds; the default when it sends none.
  absl::Duration default_cache_for = absl::Minutes(5);
  absl::Duration min_cache_for = absl::Seconds(10);
  absl::Duration max_cache_for = absl::Hours(1);
  // The background refresh after a failed fetch.
  absl::Duration retry_after_failure = absl::Seconds(5);
};

class IdentityKeySource final : public TokenKeySource {
 public:
  // fetcher, clock and log (may be null) outlive the source. The clock paces on-demand fetches.
  IdentityKeySource(SigningKeysFetcher* fetcher, const time::Clock* clock,
                    observability::Logger* log, IdentityKeySourceOptions options = {});
  ~IdentityKeySource() override;

  IdentityKeySource(const IdentityKeySource&) = delete;
  IdentityKeySource& operator=(const IdentityKeySource&) = delete;

  // Fetches now and, on success, replaces the key set. Keys identity sends that cannot be used (a
  // bad PEM, an algorithm that does not match the key, RSA) are left out and logged.
  absl::Status Refresh();

  // Background refresh: a fetch at once, then every cache_for (retry_after_failure after a
  // failure). Stop (or destruction) ends it.
  void Start();
  void Stop();

  absl::StatusOr<TokenKey> Find(std::string_view key_id) override;

  // For metrics.
  uint64_t fetches() const { return fetches_.load(); }
  uint64_t fetch_failures() const { return fetch_failures_.load(); }
  std::size_t key_count() const;

 private:
  using KeyMap = std::map<std::string, TokenKey, std::less<>>;

  // Caller holds fetch_mu_.
  absl::Status FetchLocked();
  absl::Status Missing() const;  // caller holds mu_
  void Log(observability::LogLevel level, std::string_view message, const std::string& detail);

  SigningKeysFetcher* fetcher_;
  const time::Clock* clock_;
  observability::Logger* log_;
  const IdentityKeySourceOptions options_;

  std::mutex fetch_mu_;  // one fetch at a time; held across the call to identity

  mutable std::mutex mu_;  // guards the fields below; never held across a fetch
  KeyMap keys_;
  bool loaded_ = false;
  absl::Time last_attempt_ = absl::InfinitePast();
  absl::Duration cache_for_;

  server::PeriodicThread refresher_;

  std::atomic<uint64_t> fetches_{0};
  std::atomic<uint64_t> fetch_failures_{0};
};

}  // namespace meldpunt::gateway
