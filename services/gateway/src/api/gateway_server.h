#pragma once
// The gateway's gRPC server: libs/server's GrpcServer (callback API, health, reflection, size
// limits, the metrics/logging interceptor, draining shutdown) with the generic proxy as its
// generic service, and the HealthSink the downstream health checker reports to. Typed services
// registered here (the admin service, health, reflection) take precedence; every other method
// reaches the proxy.

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/generic/async_generic_service.h>

#include "absl/status/statusor.h"
#include "libs/observability/log.h"
#include "libs/observability/metrics.h"
#include "libs/server/grpc_server.h"
#include "libs/server/worker_pool.h"
#include "services/gateway/src/downstreams/health_checker.h"

namespace meldpunt::gateway {

class GatewayServer final : public HealthSink {
 public:
  // Every typed service and "" start SERVING. Metrics and logger may be null (tests).
  static absl::StatusOr<std::unique_ptr<GatewayServer>> Start(
      const server::ServerOptions& options, const std::vector<server::RegisteredService>& services,
      grpc::CallbackGenericService* proxy, server::WorkerPool* pool,
      observability::Metrics* metrics, observability::Logger* logger);

  int port() const { return server_->port(); }

  // Ignored after Shutdown(): a stopping gateway stays NOT_SERVING.
  void SetServing(const std::string& service, bool serving) override;

  // NOT_SERVING at once, drain calls in flight up to shutdown_grace, stop the pool. Idempotent.
  void Shutdown();

 private:
  explicit GatewayServer(std::unique_ptr<server::GrpcServer> server) : server_(std::move(server)) {}

  std::unique_ptr<server::GrpcServer> server_;
};

}  // namespace meldpunt::gateway
