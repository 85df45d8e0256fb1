#include "services/gateway/src/tokens/identity_key_source.h"

#include "libs/time/conversions.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/jwt/keys.h"
#include "libs/status/status.h"
#include "services/gateway/src/tokens/static_key_source.h"

namespace meldpunt::gateway {
namespace {

constexpr char kService[] = "gateway";

absl::Time FromProto(const google::protobuf::Timestamp& ts, absl::Time unset) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return unset;
  return time::FromProto(ts);
}

// One SigningKey as a verifier key, or why it cannot be one.
absl::StatusOr<TokenKey> ToTokenKey(const identity::v1::SigningKey& k) {
  auto key = jwt::PublicKeyFromPem(k.key_id(), k.public_key_pem());
  if (!key.ok()) return key.status();
  auto named = jwt::AlgorithmFromName(k.algorithm());
  if (!named.ok() || *named != key->algorithm) {
    return status::InvalidArgument("KEY_ALGORITHM_MISMATCH",
                                   absl::StrCat("key ", k.key_id(), ": algorithm \"", k.algorithm(),
                                                "\" does not fit the key"));
  }
  if (absl::Status s = CheckTokenKeyAlgorithm(*key); !s.ok()) return s;
  TokenKey out;
  out.key = std::make_shared<const jwt::PublicKey>(std::move(*key));
  out.not_before = FromProto(k.not_before(), absl::InfinitePast());
  out.not_after = FromProto(k.not_after(), absl::InfiniteFuture());
  return out;
}

}  // namespace

IdentityKeySource::IdentityKeySource(SigningKeysFetcher* fetcher, const time::Clock* clock,
                                     observability::Logger* log, IdentityKeySourceOptions options)
    : fetcher_(fetcher), clock_(clock), log_(log), options_(options),
      cache_for_(options.default_cache_for) {}

IdentityKeySource::~IdentityKeySource() { Stop(); }

std::size_t IdentityKeySource::key_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return keys_.size();
}

absl::Status IdentityKeySource::Refresh() {
  std::lock_guard<std::mutex> fetch_lock(fetch_mu_);
  return FetchLocked();
}

absl::Status IdentityKeySource::FetchLocked() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_attempt_ = clock_->Now();
  }
  fetches_.fetch_add(1);
  auto response = fetcher_->Fetch();
  if (!response.ok()) {
    fetch_failures_.fetch_add(1);
    Log(observability::LogLevel::kWarning, "cannot fetch token signing keys from identity",
        std::string(response.status().message()));
    return response.status();
  }

  KeyMap fresh;
  std::vector<std::string> skipped;
  for (const auto& k : response->keys()) {
    auto key = ToTokenKey(k);
    if (!key.ok() || fresh.count(k.key_id()) > 0) {
      skipped.push_back(key.ok() ? absl::StrCat(k.key_id(), ": given twice")
                                 : std::string(key.status().message()));
      continue;
    }
    fresh.emplace(k.key_id(), std::move(*key));
  }
  if (!skipped.empty()) {
    Log(observability::LogLevel::kWarning, "identity sent token keys that cannot be used",
        absl::StrJoin(skipped, "; "));
  }
  absl::Duration cache_for = options_.default_cache_for;
  if (response->has_cache_for()) {
    cache_for = absl::Seconds(response->cache_for().seconds()) +
                absl::Nanoseconds(response->cache_for().nanos());
    cache_for = std::clamp(cache_for, options_.min_cache_for, options_.max_cache_for);
  }

  std::vector<std::string> kids;
  for (const auto& [kid, unused] : fresh) kids.push_back(kid);
  bool changed;
  {
    std::lock_guard<std::mutex> lock(mu_);
    changed = !loaded_ || keys_.size() != fresh.size() ||
              !std::equal(keys_.begin(), keys_.end(), fresh.begin(),
                          [](const auto& a, const auto& b) { return a.first == b.first; });
    keys_ = std::move(fresh);
    loaded_ = true;
    cache_for_ = cache_for;
  }
  if (changed) {
    Log(observability::LogLevel::kInfo, "token signing keys updated", absl::StrJoin(kids, ","));
  }
  return absl::OkStatus();
}

absl::Status IdentityKeySource::Missing() const {
  if (!loaded_) {
    absl::Status s = status::Unavailable("TOKEN_KEYS_UNAVAILABLE",
                                         "bearer tokens cannot be verified yet; retry shortly");
    status::SetRetryDelay(s, std::chrono::seconds(1));
    return s;
  }
  return status::Unauthenticated("TOKEN_UNKNOWN_KEY", "the token is signed with an unknown key");
}

absl::StatusOr<TokenKey> IdentityKeySource::Find(std::string_view key_id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = keys_.find(key_id); it != keys_.end()) return it->second;
  }
  // Unknown: perhaps a key identity has just started signing with. Callers with unknown kids line
  // up here, so a fetch in flight serves them all.
  std::lock_guard<std::mutex> fetch_lock(fetch_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = keys_.find(key_id); it != keys_.end()) return it->second;
    if (clock_->Now() - last_attempt_ < options_.refetch_interval) return Missing();
  }
  FetchLocked().IgnoreError();  // logged there; the answer below says what the caller needs
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = keys_.find(key_id); it != keys_.end()) return it->second;
  return Missing();
}

void IdentityKeySource::Start() {
  refresher_.Start([this] {
    const bool ok = Refresh().ok();
    std::lock_guard<std::mutex> keys_lock(mu_);
    return absl::ToChronoNanoseconds(ok ? cache_for_ : options_.retry_after_failure);
  });
}

void IdentityKeySource::Stop() { refresher_.Stop(); }

void IdentityKeySource::Log(observability::LogLevel level, std::string_view message,
                            const std::string& detail) {
  if (log_ == nullptr || level < log_->level()) return;
  log_->Write(observability::LogLine(level, kService, message).Add("detail", detail).Finish());
}

}  // namespace meldpunt::gateway
