#pragma once
// Deadline policy for a service: a call that arrives without a deadline gets the default, and no
// call may hold resources longer than the cap, whatever its client asked for. The effective
// deadline is what onward calls and database statements must respect.

#include <chrono>

namespace meldpunt::server {

struct DeadlinePolicy {
  std::chrono::milliseconds default_timeout{10000};
  std::chrono::milliseconds max_timeout{30000};
};

using TimePoint = std::chrono::system_clock::time_point;

// client_deadline is what gRPC reports (time_point::max() when the client set none).
TimePoint EffectiveDeadline(TimePoint client_deadline, TimePoint now, const DeadlinePolicy& policy);

}  // namespace meldpunt::server
