#include "services/gateway/src/admission/peer_failures.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "libs/status/status.h"

namespace meldpunt::gateway {

double PeerFailures::Refilled(const Bucket& bucket, absl::Time now) const {
  const double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - bucket.at));
  return std::min(options_.burst, bucket.tokens + elapsed * options_.per_second);
}

absl::Status PeerFailures::Check(std::string_view peer, absl::Time now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = peers_.find(peer);
  if (it == peers_.end()) return absl::OkStatus();
  const double tokens = Refilled(it->second, now);
  if (tokens >= 1) return absl::OkStatus();
  absl::Status refused = status::Error(
      absl::StatusCode::kResourceExhausted, "AUTHENTICATION_FAILURES",
      "too many failed authentications from this address; retry later");
  const double wait = std::ceil((1 - tokens) / options_.per_second);
  status::SetRetryDelay(refused, std::chrono::seconds(static_cast<long>(std::max(1.0, wait))));
  return refused;
}

void PeerFailures::RecordFailure(std::string_view peer, absl::Time now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = peers_.find(peer);
  if (it == peers_.end()) {
    if (peers_.size() >= options_.max_peers) Forget(now);
    it = peers_.emplace(std::string(peer), Bucket{options_.burst, now}).first;
  }
  it->second.tokens = std::max(0.0, Refilled(it->second, now) - 1);
  it->second.at = now;
}

// A peer whose budget is full again is the same as one never seen. If every remembered peer is
// still failing (a flood from very many addresses), all are forgotten: this limiter then fails
// open, and the negative key cache and the rate limits still stand.
void PeerFailures::Forget(absl::Time now) {
  for (auto it = peers_.begin(); it != peers_.end();) {
    it = Refilled(it->second, now) >= options_.burst ? peers_.erase(it) : std::next(it);
  }
  if (peers_.size() >= options_.max_peers) peers_.clear();
}

std::string PeerHost(std::string_view peer) {
  std::string_view rest = peer;
  if (rest.substr(0, 5) == "ipv4:") {
    rest.remove_prefix(5);
    return std::string(rest.substr(0, rest.rfind(':')));
  }
  if (rest.substr(0, 5) == "ipv6:") {
    rest.remove_prefix(5);
    if (!rest.empty() && rest.front() == '[') {
      const auto close = rest.find(']');
      if (close != std::string_view::npos) return std::string(rest.substr(1, close - 1));
    }
  }
  return std::string(peer);
}

}  // namespace meldpunt::gateway
