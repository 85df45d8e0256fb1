#include "libs/server/common_flags.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::server {

ServerOptions CommonOptions::ToServerOptions(const std::string& service_name) const {
  ServerOptions o;
  o.service_name = service_name;
  o.listen_host = listen_host;
  o.port = static_cast<int>(grpc_port);
  o.port_file = port_file;
  o.max_receive_bytes = static_cast<int>(max_message_bytes);
  o.max_send_bytes = static_cast<int>(max_message_bytes);
  o.shutdown_grace = shutdown_grace;
  o.max_concurrent_streams = static_cast<int>(max_concurrent_streams);
  return o;
}

WorkerPoolOptions CommonOptions::Workers() const {
  WorkerPoolOptions o;
  o.threads = static_cast<std::size_t>(worker_threads);
  o.queue_capacity = static_cast<std::size_t>(worker_queue);
  o.max_queue_wait = max_queue_wait;
  return o;
}

std::string CommonOptions::MetricsAddress() const {
  if (metrics_port == 0) return "";
  return absl::StrCat(listen_host, ":", metrics_port);
}

void RegisterCommonFlags(config::Flags& flags, CommonOptions* o) {
  flags.String("listen-host", &o->listen_host, "address to listen on (0.0.0.0 in a pod)")
      .Int("grpc-port", &o->grpc_port, "gRPC port; 0 picks a free one", 0, 65535)
      .String("port-file", &o->port_file, "file to write the bound gRPC port to once serving")
      .Int("max-message-bytes", &o->max_message_bytes, "largest request or response accepted",
           1024, 64 * 1024 * 1024)
      .Int("max-concurrent-streams", &o->max_concurrent_streams,
           "calls one connection may have open at once (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS); "
           "more wait in the client, so what one connection can hold is bounded",
           1, 10000)
      .Duration("shutdown-grace", &o->shutdown_grace,
                "how long calls in flight may finish after SIGTERM")
      .Int("worker-threads", &o->worker_threads, "threads for blocking work", 1, 256)
      .Int("worker-queue", &o->worker_queue,
           "calls waiting for a worker before new ones get RESOURCE_EXHAUSTED", 1, 100000)
      .Duration("max-queue-wait", &o->max_queue_wait,
                "a call that would wait longer for a worker is answered RESOURCE_EXHAUSTED "
                "at once (0: no bound, calls wait up to their deadline)")
      .Duration("default-deadline", &o->default_deadline, "deadline of calls that set none")
      .Duration("max-deadline", &o->max_deadline, "longest deadline any call gets")
      .Int("metrics-port", &o->metrics_port, "Prometheus /metrics port; 0 disables", 0, 65535)
      .String("log-level", &o->log_level, "debug, info, warning or error");
}

absl::Status ValidateCommonOptions(const CommonOptions& o) {
  if (o.default_deadline > o.max_deadline) {
    return status::InvalidArgument(
        "INVALID_CONFIGURATION",
        "--default-deadline (MELDPUNT_DEFAULT_DEADLINE) exceeds --max-deadline (MELDPUNT_MAX_DEADLINE)");
  }
  if (o.default_deadline.count() == 0 || o.max_deadline.count() == 0) {
    return status::InvalidArgument("INVALID_CONFIGURATION", "deadlines must be positive");
  }
  if (o.log_level != "debug" && o.log_level != "info" && o.log_level != "warning" &&
      o.log_level != "error") {
    return status::InvalidArgument("INVALID_CONFIGURATION",
                                   "--log-level (MELDPUNT_LOG_LEVEL) must be debug, info, warning or error");
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::server
