#pragma once
// Failed authentications per peer address, counted in this gateway process. A peer that keeps
// failing (unknown keys, bad tokens) is refused before its credentials are looked at, until its
// budget refills: a token bucket per peer of `burst` failures refilled at `per_second`. Calls
// that authenticate cost nothing here. In-process on purpose: the check must be cheaper than
// the lookups it saves (no Redis round trip); with several replicas a peer gets one budget each,
// still bounded.
//
// The peer is the TCP peer gRPC reports. Behind an ingress that is the ingress, so its address
// must then be exempt or the ingress must limit per client itself (see the README).

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace meldpunt::gateway {

struct PeerFailureOptions {
  double burst = 50;         // failures a peer may have before it is refused
  double per_second = 5;     // failures forgiven per second
  std::size_t max_peers = 100000;  // peers remembered; beyond, the forgiven ones are forgotten
};

class PeerFailures {
 public:
  explicit PeerFailures(PeerFailureOptions options = {}) : options_(options) {}

  // OK, or RESOURCE_EXHAUSTED (reason AUTHENTICATION_FAILURES, with a retry delay) while the
  // peer's budget is spent.
  absl::Status Check(std::string_view peer, absl::Time now);
  void RecordFailure(std::string_view peer, absl::Time now);

 private:
  struct Bucket {
    double tokens;
    absl::Time at;
  };
  double Refilled(const Bucket& bucket, absl::Time now) const;
  void Forget(absl::Time now);  // mu_ held

  PeerFailureOptions options_;
  std::mutex mu_;
  std::map<std::string, Bucket, std::less<>> peers_;
};

// The host part of a gRPC peer string: "ipv4:10.0.0.7:51234" → "10.0.0.7",
// "ipv6:[::1]:51234" → "::1"; anything else is returned whole.
std::string PeerHost(std::string_view grpc_peer);

}  // namespace meldpunt::gateway
