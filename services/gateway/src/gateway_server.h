#pragma once
// The gateway's gRPC server. The same bootstrap as libs/server/GrpcServer (callback API, health,
// reflection, size limits, the metrics/logging interceptor, draining shutdown) plus the generic
// proxy service, which GrpcServer has no way to register. Typed services registered here (the
// admin service, health, reflection) take precedence; every other method reaches the proxy.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/server.h>

#include "absl/status/statusor.h"
#include "libs/observability/log.h"
#include "libs/observability/metrics.h"
#include "libs/server/grpc_server.h"
#include "libs/server/worker_pool.h"
#include "services/gateway/src/health_checker.h"

namespace meldpunt::gateway {

class GatewayServer final : public HealthSink {
 public:
  // Every typed service and "" start SERVING. Metrics and logger may be null (tests).
  static absl::StatusOr<std::unique_ptr<GatewayServer>> Start(
      const server::ServerOptions& options, const std::vector<server::RegisteredService>& services,
      grpc::CallbackGenericService* proxy, server::WorkerPool* pool,
      observability::Metrics* metrics, observability::Logger* logger);

  ~GatewayServer() override;

  int port() const { return port_; }

  void SetServing(const std::string& service, bool serving) override;

  // NOT_SERVING at once, drain calls in flight up to shutdown_grace, stop the pool. Idempotent.
  void Shutdown();

 private:
  GatewayServer() = default;

  server::ServerOptions options_;
  std::unique_ptr<grpc::Server> server_;
  server::WorkerPool* pool_ = nullptr;
  int port_ = 0;
  std::mutex mu_;
  bool shut_down_ = false;
};

}  // namespace meldpunt::gateway
