#pragma once
// The gRPC server every Meldpunt binary runs: callback API, health (overall and per service name,
// as Kubernetes gRPC probes ask), reflection, message-size limits, the metrics/logging
// interceptor, and a shutdown that stops taking calls, drains those in flight, then stops the
// worker pool.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/impl/service_type.h>
#include <grpcpp/server.h>

#include "absl/status/statusor.h"
#include "libs/observability/log.h"
#include "libs/observability/metrics.h"
#include "libs/server/worker_pool.h"

namespace meldpunt::server {

struct ServerOptions {
  std::string service_name;  // "intake": log field and error domain "intake.meldpunt"
  std::string listen_host = "0.0.0.0";
  int port = 0;              // 0: pick a free port (see port())
  std::string port_file;     // when set, the bound port is written there once serving
  int max_receive_bytes = 4 * 1024 * 1024;
  int max_send_bytes = 4 * 1024 * 1024;
  // Streams (calls) one connection may have open at once; further ones wait in the client. gRPC's
  // own default is unbounded: one connection could open as many calls as it likes.
  int max_concurrent_streams = 100;
  std::chrono::milliseconds shutdown_grace{10000};
};

struct RegisteredService {
  std::string full_name;  // e.g. meldpunt::intake::v1::IntakeService::service_full_name()
  grpc::Service* service;
};

class GrpcServer {
 public:
  // Binds and starts; every registered service and "" report SERVING. The pool is stopped by
  // Shutdown() after the calls in flight finished. Metrics and logger may be null (tests).
  // generic (optional) receives every method no registered service has: the gateway's proxy.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(
      const ServerOptions& options, const std::vector<RegisteredService>& services,
      WorkerPool* pool, observability::Metrics* metrics, observability::Logger* logger,
      grpc::CallbackGenericService* generic = nullptr);

  ~GrpcServer();

  int port() const { return port_; }

  // Health of one service (or of the whole server with ""), e.g. when a dependency is down.
  // Ignored after Shutdown(): a stopping server stays NOT_SERVING.
  void SetServing(const std::string& service, bool serving);

  // NOT_SERVING at once (so load balancers stop sending), then waits up to shutdown_grace for
  // calls in flight, cancels what is left, and stops the worker pool. Idempotent.
  void Shutdown();

  // Blocks until Shutdown() has completed.
  void Wait();

 private:
  GrpcServer() = default;

  ServerOptions options_;
  std::vector<std::string> service_names_;
  std::unique_ptr<grpc::Server> server_;
  WorkerPool* pool_ = nullptr;
  int port_ = 0;
  std::mutex mu_;
  bool shut_down_ = false;
};

// Error domain for a service name: "intake" → "intake.meldpunt".
std::string ErrorDomain(const std::string& service_name);

}  // namespace meldpunt::server
