#pragma once
// The gateway's health per downstream: a background thread asks each configured service's
// grpc.health.v1 Check (for its own service name) every interval, and sets the gateway's health
// for that name to match — "meldpunt.intake.v1.IntakeService" is SERVING on the gateway exactly
// when intake says so. A service without an address is NOT_SERVING.
//
// The overall "" status is not touched here: it stays SERVING while the gateway itself serves
// (until shutdown), because one service being down must not take the entry point for all the
// others out of the load balancer. Clients and probes that care about one service ask for its name.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "libs/server/periodic_thread.h"
#include "services/gateway/src/downstreams/downstreams.h"

namespace meldpunt::gateway {

class HealthSink {
 public:
  virtual ~HealthSink() = default;
  virtual void SetServing(const std::string& service, bool serving) = 0;
};

class DownstreamHealthChecker {
 public:
  DownstreamHealthChecker(const Downstreams* downstreams, HealthSink* sink,
                          std::chrono::milliseconds interval, std::chrono::milliseconds timeout);
  ~DownstreamHealthChecker();  // Stop()

  // One round, blocking: every known service's health is set.
  void CheckOnce();

  // A round now, then one every interval on a background thread, until Stop().
  void Start();
  void Stop();

 private:

  const Downstreams* downstreams_;
  HealthSink* sink_;
  std::chrono::milliseconds interval_;
  std::chrono::milliseconds timeout_;
  server::PeriodicThread thread_;
};

}  // namespace meldpunt::gateway
