#pragma once
// The settings every service binary shares (listening, limits, deadlines, worker pool, metrics,
// logging), registered on the service's Flags in one call so their names never drift apart.

#include <chrono>
#include <cstdint>
#include <string>

#include "libs/config/flags.h"
#include "libs/server/deadline.h"
#include "libs/server/grpc_server.h"
#include "libs/server/worker_pool.h"

namespace meldpunt::server {

struct CommonOptions {
  std::string listen_host = "0.0.0.0";
  int64_t grpc_port = 0;
  std::string port_file;
  int64_t max_message_bytes = 4 * 1024 * 1024;
  int64_t max_concurrent_streams = 100;
  std::chrono::milliseconds shutdown_grace{10000};
  int64_t worker_threads = 8;
  int64_t worker_queue = 256;
  // 0: calls wait in the queue until their deadline. A service sets its own default before
  // parsing (intake: 200 ms); see worker_pool.h for why.
  std::chrono::milliseconds max_queue_wait{0};
  std::chrono::milliseconds default_deadline{10000};
  std::chrono::milliseconds max_deadline{30000};
  int64_t metrics_port = 0;  // 0: no HTTP exposer
  std::string log_level = "info";

  ServerOptions ToServerOptions(const std::string& service_name) const;
  DeadlinePolicy Deadlines() const { return {default_deadline, max_deadline}; }
  WorkerPoolOptions Workers() const;
  // "host:port" for the Prometheus exposer, or "" when metrics_port is 0.
  std::string MetricsAddress() const;
};

void RegisterCommonFlags(config::Flags& flags, CommonOptions* options);

// Cross-field checks the flag parser cannot make (e.g. default deadline above the cap).
absl::Status ValidateCommonOptions(const CommonOptions& options);

}  // namespace meldpunt::server
